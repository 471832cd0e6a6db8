// LadybugDB: label() instead of type()/labels(), 1-based list indexing.
WITH toLower($state) AS key
MATCH (n:State)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (n)-[r]->(t)
WHERE r.patterns IS NOT NULL
OPTIONAL MATCH (s:Sentence {id: r.sentences[1]})-[:FROM_DOCUMENT]->(d:Document)
RETURN n.name AS state,
       label(r) AS action,
       t.name AS target,
       label(t) AS target_type,
       r.weight AS weight,
       s.text AS evidence,
       d.title AS document
ORDER BY weight DESC, action, target
