// name: neighbours
// description: Everything linked to an entity, by link type, strongest first, with an example sentence.
// param: name string -- a name or alias, any case
// param: limit int = 25 -- at most this many rows
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (n)-[r]-(m)
WHERE NOT m:Document
RETURN n.name AS entity,
       type(r) AS link,
       CASE
         WHEN type(r) = 'CO_MENTIONED' THEN '--'
         WHEN startNode(r) = n THEN '->'
         ELSE '<-'
       END AS direction,
       m.name AS neighbour,
       labels(m)[0] AS type,
       r.weight AS weight,
       r.evidence_texts[0] AS example
ORDER BY weight DESC, link, neighbour
LIMIT $limit
