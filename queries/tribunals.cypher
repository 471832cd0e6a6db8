// name: tribunals
// description: Courts, tribunals and inquiries: who chairs or leads them, and what the text says they did.
MATCH (t:Tribunal)
OPTIONAL MATCH (p)-[:CHAIRS|LEADS]->(t)
OPTIONAL MATCH (t)-[r]->(x)
WHERE r.patterns IS NOT NULL
WITH t, p, r, x
ORDER BY p.name, type(r), x.name
RETURN t.name AS tribunal,
       t.mentions AS mentions,
       collect(DISTINCT p.name) AS chaired_by,
       collect(DISTINCT type(r) + ' ' + x.name) AS actions
ORDER BY mentions DESC, tribunal
