// name: strongest-links
// description: The links between entities backed by the most sentences, with an example.
// param: type link = "" -- CO_MENTIONED or a relation type; empty for all
// param: limit int = 20
MATCH (a)-[r]->(b)
WHERE r.weight IS NOT NULL AND ($type = '' OR type(r) = $type)
RETURN a.name AS source,
       type(r) AS link,
       b.name AS target,
       r.weight AS weight,
       r.evidence_texts[0] AS example
ORDER BY weight DESC, link, source, target
LIMIT $limit
