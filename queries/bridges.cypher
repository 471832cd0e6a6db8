// name: bridges
// description: Entities that join otherwise separate communities: high betweenness, links into other communities.
// param: limit int = 20
// A node's type is its label other than Entity, the label every entity carries in Neo4j.
MATCH (n)-[r]-(m)
WHERE n.betweenness > 0 AND m.community IS NOT NULL AND m.community <> n.community
WITH n, count(DISTINCT m.community) AS communities_reached, count(DISTINCT m) AS outside_links
RETURN n.name AS name,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS type,
       n.community AS community,
       communities_reached,
       outside_links,
       n.betweenness AS betweenness
ORDER BY betweenness DESC, communities_reached DESC, name
LIMIT $limit
