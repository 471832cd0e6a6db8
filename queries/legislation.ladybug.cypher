// LadybugDB: label(r) instead of type(r); string concatenation with NULL is not NULL there;
// ORDER BY in WITH needs SKIP; list_slice() (1-based, inclusive) instead of [0..5].
MATCH (b:Bill)
OPTIONAL MATCH (x)-[r:PROPOSED|PASSED|SUPPORTS|OPPOSES]->(b)
WITH b, r, x
ORDER BY label(r), x.name
SKIP 0
WITH b, collect(DISTINCT CASE WHEN x IS NULL THEN NULL ELSE label(r) + ': ' + x.name END) AS stated
OPTIONAL MATCH (b)-[c:CO_MENTIONED]-(m)
WITH b, stated, m, c
ORDER BY c.weight DESC, m.name
SKIP 0
WITH b, stated, collect(m.name) AS named_with
RETURN b.name AS bill,
       b.mentions AS mentions,
       stated AS actions,
       list_slice(named_with, 1, 5) AS named_with
ORDER BY mentions DESC, bill
LIMIT $limit
