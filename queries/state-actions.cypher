// name: state-actions
// description: What the text says a state did, and to whom: typed relations from the state, with evidence.
// param: state string -- a state's name or alias, any case, e.g. "China" or "UK"
// A node's type is its label other than Entity, the label every entity carries in Neo4j.
WITH toLower($state) AS key
MATCH (n:State)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (n)-[r]->(t)
WHERE r.patterns IS NOT NULL
OPTIONAL MATCH (s:Sentence {id: r.sentences[0]})-[:FROM_DOCUMENT]->(d:Document)
RETURN n.name AS state,
       type(r) AS action,
       t.name AS target,
       [l IN labels(t) WHERE l <> 'Entity'][0] AS target_type,
       r.weight AS weight,
       s.text AS evidence,
       d.title AS document
ORDER BY weight DESC, action, target
