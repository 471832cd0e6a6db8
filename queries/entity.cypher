// name: entity
// description: The entity whose name or alias matches (any case): type, aliases, mentions, documents.
// param: name string -- a name or alias, e.g. "Sir Geoffrey Nice" or "PRC"
// A node's type is its label other than Entity, the label every entity carries in Neo4j.
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
OPTIONAL MATCH (d:Document)-[:MENTIONS]->(n)
WITH n, d
ORDER BY d.title, d.id
RETURN n.id AS id,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS type,
       n.name AS name,
       n.aliases AS aliases,
       n.mentions AS mentions,
       n.degree AS degree,
       n.note AS note,
       collect(DISTINCT d.title) AS documents
ORDER BY mentions DESC, id
