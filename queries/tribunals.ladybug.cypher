// LadybugDB: label(r) instead of type(r); string concatenation with NULL is not NULL there,
// so a tribunal without actions is handled explicitly.
MATCH (t:Tribunal)
OPTIONAL MATCH (p)-[:CHAIRS|LEADS]->(t)
OPTIONAL MATCH (t)-[r]->(x)
WHERE r.patterns IS NOT NULL
WITH t, p, r, x
ORDER BY p.name, label(r), x.name
SKIP 0
RETURN t.name AS tribunal,
       t.mentions AS mentions,
       collect(DISTINCT p.name) AS chaired_by,
       collect(DISTINCT CASE WHEN x IS NULL THEN NULL ELSE label(r) + ' ' + x.name END) AS actions
ORDER BY mentions DESC, tribunal
