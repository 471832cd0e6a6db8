// name: state-actions
// description: What the text says a state did, and to whom: typed relations from the state, with evidence.
// param: state string -- a state's name or alias, any case, e.g. "China" or "UK"
WITH toLower($state) AS key
MATCH (s:State)
WHERE toLower(s.name) = key OR any(a IN s.aliases WHERE toLower(a) = key)
MATCH (s)-[r]->(t)
WHERE r.patterns IS NOT NULL
OPTIONAL MATCH (d:Document)
WHERE d.id = r.evidence_docs[0]
RETURN s.name AS state,
       type(r) AS action,
       t.name AS target,
       labels(t)[0] AS target_type,
       r.weight AS weight,
       r.evidence_texts[0] AS evidence,
       d.title AS document
ORDER BY weight DESC, action, target
