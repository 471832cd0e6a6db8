// LadybugDB: label() for labels and types, no startNode() (compare the link's source id),
// 1-based list indexing.
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (n)-[r]-(m)
WHERE r.sentences IS NOT NULL
OPTIONAL MATCH (s:Sentence {id: r.sentences[1]})
RETURN n.name AS entity,
       label(r) AS link,
       CASE
         WHEN label(r) = 'CO_MENTIONED' THEN '--'
         WHEN struct_extract(r, '_src') = id(n) THEN '->'
         ELSE '<-'
       END AS direction,
       m.name AS neighbour,
       label(m) AS type,
       r.weight AS weight,
       s.text AS example
ORDER BY weight DESC, link, neighbour
LIMIT $limit
