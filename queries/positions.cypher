// name: positions
// description: Who supports, opposes or condemns an entity, and whom it supports, opposes or condemns, with evidence.
// param: name string -- a name or alias, any case
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (n)-[r:SUPPORTS|OPPOSES|CONDEMNED]-(m)
OPTIONAL MATCH (s:Sentence {id: r.sentences[0]})
RETURN CASE WHEN startNode(r) = n THEN n.name ELSE m.name END AS actor,
       type(r) AS stance,
       CASE WHEN startNode(r) = n THEN m.name ELSE n.name END AS towards,
       r.weight AS weight,
       s.text AS evidence
ORDER BY stance, weight DESC, actor
