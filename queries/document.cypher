// name: document
// description: A document (by id, or words of its title) and the entities it names, most mentioned first.
// param: title string -- a document id (doc:...) or part of its title, any case
// param: limit int = 50
// A node's type is its label other than Entity, the label every entity carries in Neo4j.
WITH toLower($title) AS key
MATCH (d:Document)
WHERE d.id = $title OR toLower(d.title) CONTAINS key
MATCH (d)-[m:MENTIONS]->(e)
RETURN d.title AS document,
       coalesce(d.authors, []) AS authors,
       d.date AS date,
       e.name AS entity,
       [l IN labels(e) WHERE l <> 'Entity'][0] AS type,
       m.count AS mentions
ORDER BY document, mentions DESC, entity
LIMIT $limit
