// LadybugDB: label(r) instead of type(r), 1-based list indexing.
MATCH (a)-[r]->(b)
WHERE r.weight IS NOT NULL AND ($type = '' OR label(r) = $type)
RETURN a.name AS source,
       label(r) AS link,
       b.name AS target,
       r.weight AS weight,
       r.evidence_texts[1] AS example
ORDER BY weight DESC, link, source, target
LIMIT $limit
