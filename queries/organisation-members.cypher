// name: organisation-members
// description: Who the text says belongs to, works for, chairs, leads or co-founded an organisation (or any body).
// param: name string -- the organisation's name or alias, any case
// A node's type is its label other than Entity, the label every entity carries in Neo4j.
WITH toLower($name) AS key
MATCH (o)
WHERE toLower(o.name) = key OR any(a IN o.aliases WHERE toLower(a) = key)
MATCH (p)-[r:MEMBER_OF|WORKS_FOR|CHAIRS|LEADS|CO_FOUNDED]->(o)
WITH o, p, r
ORDER BY r.weight DESC
WITH o,
     p,
     collect(type(r)) AS roles,
     sum(r.weight) AS weight,
     collect(r.sentences[0]) AS examples
OPTIONAL MATCH (s:Sentence {id: examples[0]})
RETURN o.name AS organisation,
       p.name AS member,
       [l IN labels(p) WHERE l <> 'Entity'][0] AS type,
       roles,
       weight,
       s.text AS evidence
ORDER BY weight DESC, member
