// name: groups-persecuted
// description: Ethnic, religious and national groups on the receiving end of detention or persecution, and by whom.
// param: limit int = 20
MATCH (a)-[r:DETAINED|PERSECUTED]->(g:`Group`)
WITH g, r, a
ORDER BY r.weight DESC, type(r), a.name
WITH g,
     collect(DISTINCT type(r)) AS acts,
     collect(DISTINCT a.name) AS by,
     sum(r.weight) AS sentences,
     collect(r.sentences[0]) AS examples
OPTIONAL MATCH (s:Sentence {id: examples[0]})
RETURN g.name AS target,
       acts,
       by,
       sentences,
       s.text AS example
ORDER BY sentences DESC, target
LIMIT $limit
