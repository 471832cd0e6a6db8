// LadybugDB: label() instead of labels(), 1-based list indexing.
WITH toLower($name) AS key
MATCH (a)-[r:SANCTIONED]->(t)
WHERE key = ''
   OR toLower(a.name) = key OR any(x IN a.aliases WHERE toLower(x) = key)
   OR toLower(t.name) = key OR any(x IN t.aliases WHERE toLower(x) = key)
OPTIONAL MATCH (s:Sentence {id: r.sentences[1]})-[:FROM_DOCUMENT]->(d:Document)
RETURN t.name AS target,
       label(t) AS target_type,
       a.name AS sanctioned_by,
       r.weight AS weight,
       s.text AS evidence,
       d.title AS document,
       d.date AS date
ORDER BY target, sanctioned_by
LIMIT $limit
