// name: sentences-about
// description: Sentences containing the given text (any case), with their document, date and the entities they name; a plain substring scan, unranked, on both stores (ranked word, phrase and prefix search: `actorgraph search`).
// param: text string -- the words to find, as they are written in the sentence, any case
// param: limit int = 25
WITH toLower($text) AS key
MATCH (s:Sentence)-[:FROM_DOCUMENT]->(d:Document)
WHERE toLower(s.text) CONTAINS key
OPTIONAL MATCH (s)-[:HAS_MENTION]->(e)
WITH s, d, e
ORDER BY e.name
SKIP 0
WITH s, d, collect(DISTINCT e.name) AS entities
RETURN d.date AS date,
       d.title AS document,
       s.text AS sentence,
       entities,
       s.id AS id
ORDER BY d.date_iso, document, s.position
LIMIT $limit
