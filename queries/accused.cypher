// name: accused
// description: Who is accused, condemned or prosecuted, by whom, with the sentence that says so.
// param: name string = "" -- only accusations involving this name or alias; empty for all
// param: limit int = 50
// A node's type is its label other than Entity, the label every entity carries in Neo4j.
WITH toLower($name) AS key
MATCH (a)-[r:ACCUSED_OF|CONDEMNED|PROSECUTED]->(t)
WHERE key = ''
   OR toLower(a.name) = key OR any(x IN a.aliases WHERE toLower(x) = key)
   OR toLower(t.name) = key OR any(x IN t.aliases WHERE toLower(x) = key)
OPTIONAL MATCH (s:Sentence {id: r.sentences[0]})-[:FROM_DOCUMENT]->(d:Document)
RETURN t.name AS accused,
       [l IN labels(t) WHERE l <> 'Entity'][0] AS accused_type,
       type(r) AS charge,
       a.name AS by,
       r.weight AS weight,
       s.text AS evidence,
       d.title AS document
ORDER BY weight DESC, accused, by
LIMIT $limit
