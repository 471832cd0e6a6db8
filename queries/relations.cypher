// name: relations
// description: Typed relations stated by the text (of one type, or all), with the first supporting sentence.
// param: type relation = "" -- a relation type (SANCTIONED, CHAIRS, ...); empty for all
// param: limit int = 50
MATCH (a)-[r]->(b)
WHERE r.patterns IS NOT NULL AND ($type = '' OR type(r) = $type)
OPTIONAL MATCH (s:Sentence {id: r.sentences[0]})-[:FROM_DOCUMENT]->(d:Document)
RETURN a.name AS source,
       type(r) AS relation,
       b.name AS target,
       r.weight AS weight,
       s.text AS evidence,
       d.title AS document,
       r.patterns AS patterns
ORDER BY weight DESC, relation, source, target
LIMIT $limit
