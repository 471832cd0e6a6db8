// LadybugDB: ORDER BY in WITH needs SKIP, label() instead of type()/labels(), 1-based indexing.
WITH toLower($name) AS key
MATCH (o)
WHERE toLower(o.name) = key OR any(a IN o.aliases WHERE toLower(a) = key)
MATCH (p)-[r:MEMBER_OF|WORKS_FOR|CHAIRS|LEADS|CO_FOUNDED]->(o)
WITH o, p, r
ORDER BY r.weight DESC
SKIP 0
WITH o,
     p,
     collect(label(r)) AS roles,
     sum(r.weight) AS weight,
     collect(r.sentences[1]) AS examples
OPTIONAL MATCH (s:Sentence {id: examples[1]})
RETURN o.name AS organisation,
       p.name AS member,
       label(p) AS type,
       roles,
       weight,
       s.text AS evidence
ORDER BY weight DESC, member
