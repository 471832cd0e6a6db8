// LadybugDB: label(r) instead of type(r), 1-based list indexing.
MATCH (a)-[r]->(b)
WHERE r.patterns IS NOT NULL AND ($type = '' OR label(r) = $type)
OPTIONAL MATCH (s:Sentence {id: r.sentences[1]})-[:FROM_DOCUMENT]->(d:Document)
RETURN a.name AS source,
       label(r) AS relation,
       b.name AS target,
       r.weight AS weight,
       s.text AS evidence,
       d.title AS document,
       r.patterns AS patterns
ORDER BY weight DESC, relation, source, target
LIMIT $limit
