// LadybugDB: ORDER BY in WITH needs SKIP, label(r) instead of type(r), 1-based list indexing.
MATCH (a)-[r:DETAINED|PERSECUTED]->(g:`Group`)
WITH g, r, a
ORDER BY r.weight DESC, label(r), a.name
SKIP 0
WITH g,
     collect(DISTINCT label(r)) AS acts,
     collect(DISTINCT a.name) AS by,
     sum(r.weight) AS sentences,
     collect(r.sentences[1]) AS examples
OPTIONAL MATCH (s:Sentence {id: examples[1]})
RETURN g.name AS target,
       acts,
       by,
       sentences,
       s.text AS example
ORDER BY sentences DESC, target
LIMIT $limit
