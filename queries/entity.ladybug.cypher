// LadybugDB: label(n) instead of labels(n)[0].
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
OPTIONAL MATCH (d:Document)-[:MENTIONS]->(n)
WITH n, d
ORDER BY d.title, d.id
SKIP 0
RETURN n.id AS id,
       label(n) AS type,
       n.name AS name,
       n.aliases AS aliases,
       n.mentions AS mentions,
       n.degree AS degree,
       n.note AS note,
       collect(DISTINCT d.title) AS documents
ORDER BY mentions DESC, id
