// LadybugDB: label() instead of type()/labels(), 1-based list indexing.
WITH toLower($name) AS key
MATCH (a)-[r:ACCUSED_OF|CONDEMNED|PROSECUTED]->(t)
WHERE key = ''
   OR toLower(a.name) = key OR any(x IN a.aliases WHERE toLower(x) = key)
   OR toLower(t.name) = key OR any(x IN t.aliases WHERE toLower(x) = key)
OPTIONAL MATCH (s:Sentence {id: r.sentences[1]})-[:FROM_DOCUMENT]->(d:Document)
RETURN t.name AS accused,
       label(t) AS accused_type,
       label(r) AS charge,
       a.name AS by,
       r.weight AS weight,
       s.text AS evidence,
       d.title AS document
ORDER BY weight DESC, accused, by
LIMIT $limit
