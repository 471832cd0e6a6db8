// LadybugDB: no startNode() (compare the link's source id), label(r) instead of type(r),
// 1-based list indexing.
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (n)-[r:SUPPORTS|OPPOSES|CONDEMNED]-(m)
OPTIONAL MATCH (s:Sentence {id: r.sentences[1]})
RETURN CASE WHEN struct_extract(r, '_src') = id(n) THEN n.name ELSE m.name END AS actor,
       label(r) AS stance,
       CASE WHEN struct_extract(r, '_src') = id(n) THEN m.name ELSE n.name END AS towards,
       r.weight AS weight,
       s.text AS evidence
ORDER BY stance, weight DESC, actor
