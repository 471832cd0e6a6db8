// name: mentions-of
// description: The sentences that name an entity (by a name, not "he" or "the party"), with the words used, in date and text order.
// param: name string -- a name or alias, any case
// param: limit int = 50
// The same text serves LadybugDB; SKIP 0 because LadybugDB takes ORDER BY in WITH only
// before SKIP or LIMIT.
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (s:Sentence)-[m:HAS_MENTION]->(n)
WITH n, s, m
ORDER BY m.start_char
SKIP 0
WITH n, s, collect(DISTINCT m.surface) AS forms
MATCH (s)-[:FROM_DOCUMENT]->(d:Document)
RETURN n.name AS entity,
       d.date AS date,
       d.title AS document,
       forms AS named_as,
       s.text AS sentence,
       d.id AS document_id,
       s.start_char AS start_char
ORDER BY d.date_iso, document, start_char, entity
LIMIT $limit
