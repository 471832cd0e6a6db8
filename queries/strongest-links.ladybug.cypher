// LadybugDB: label(r) instead of type(r), 1-based list indexing.
MATCH (a)-[r]->(b)
WHERE r.weight IS NOT NULL AND ($type = '' OR label(r) = $type)
WITH a, r, b
ORDER BY r.weight DESC, label(r), a.name, b.name
LIMIT $limit
OPTIONAL MATCH (s:Sentence {id: r.sentences[1]})
RETURN a.name AS source,
       label(r) AS link,
       b.name AS target,
       r.weight AS weight,
       s.text AS example
ORDER BY weight DESC, link, source, target
