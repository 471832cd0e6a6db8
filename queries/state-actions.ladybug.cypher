// LadybugDB: label() instead of type()/labels(), 1-based list indexing.
WITH toLower($state) AS key
MATCH (s:State)
WHERE toLower(s.name) = key OR any(a IN s.aliases WHERE toLower(a) = key)
MATCH (s)-[r]->(t)
WHERE r.patterns IS NOT NULL
OPTIONAL MATCH (d:Document)
WHERE d.id = r.evidence_docs[1]
RETURN s.name AS state,
       label(r) AS action,
       t.name AS target,
       label(t) AS target_type,
       r.weight AS weight,
       r.evidence_texts[1] AS evidence,
       d.title AS document
ORDER BY weight DESC, action, target
