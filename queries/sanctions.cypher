// name: sanctions
// description: Sanctions stated by the text: who imposed them, on whom, with the sentence and document.
// param: name string = "" -- only sanctions by or on this name or alias; empty for all
// param: limit int = 50
// A node's type is its label other than Entity, the label every entity carries in Neo4j.
WITH toLower($name) AS key
MATCH (a)-[r:SANCTIONED]->(t)
WHERE key = ''
   OR toLower(a.name) = key OR any(x IN a.aliases WHERE toLower(x) = key)
   OR toLower(t.name) = key OR any(x IN t.aliases WHERE toLower(x) = key)
OPTIONAL MATCH (s:Sentence {id: r.sentences[0]})-[:FROM_DOCUMENT]->(d:Document)
RETURN t.name AS target,
       [l IN labels(t) WHERE l <> 'Entity'][0] AS target_type,
       a.name AS sanctioned_by,
       r.weight AS weight,
       s.text AS evidence,
       d.title AS document,
       d.date AS date
ORDER BY target, sanctioned_by
LIMIT $limit
