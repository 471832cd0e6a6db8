// LadybugDB: label(e) instead of labels(e).
WITH toLower($title) AS key
MATCH (d:Document)
WHERE d.id = $title OR toLower(d.title) CONTAINS key
MATCH (d)-[m:MENTIONS]->(e)
RETURN d.title AS document,
       d.authors AS authors,
       d.date AS date,
       e.name AS entity,
       label(e) AS type,
       m.count AS mentions
ORDER BY document, mentions DESC, entity
LIMIT $limit
