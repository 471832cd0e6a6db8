// name: top-actors
// description: Entities ranked by PageRank and degree (computed at build time), optionally of one type.
// param: label label = "" -- an entity type (Person, State, ...); empty for any
// param: limit int = 20
// A node's type is its label other than Entity, the label every entity carries in Neo4j.
MATCH (n)
WHERE n.pagerank IS NOT NULL AND ($label = '' OR $label IN labels(n))
RETURN n.name AS name,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS type,
       n.pagerank AS pagerank,
       n.degree AS degree,
       n.mentions AS mentions,
       n.community AS community
ORDER BY pagerank DESC, degree DESC, name
LIMIT $limit
