// name: strongest-links
// description: The links between entities backed by the most sentences, with an example.
// param: type link = "" -- CO_MENTIONED or a relation type; empty for all
// param: limit int = 20
// The example sentence is looked up for the links shown only, not for every link.
MATCH (a)-[r]->(b)
WHERE r.weight IS NOT NULL AND ($type = '' OR type(r) = $type)
WITH a, r, b
ORDER BY r.weight DESC, type(r), a.name, b.name
LIMIT $limit
OPTIONAL MATCH (s:Sentence {id: r.sentences[0]})
RETURN a.name AS source,
       type(r) AS link,
       b.name AS target,
       r.weight AS weight,
       s.text AS example
ORDER BY weight DESC, link, source, target
