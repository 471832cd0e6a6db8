// name: legislation
// description: Bills, acts, treaties and conventions: who proposed, passed, supports or opposes them, and who is named with them.
// param: limit int = 20
MATCH (b:Bill)
OPTIONAL MATCH (x)-[r:PROPOSED|PASSED|SUPPORTS|OPPOSES]->(b)
WITH b, r, x
ORDER BY type(r), x.name
WITH b, collect(DISTINCT type(r) + ': ' + x.name) AS stated
OPTIONAL MATCH (b)-[c:CO_MENTIONED]-(m)
WITH b, stated, m, c
ORDER BY c.weight DESC, m.name
WITH b, stated, collect(m.name) AS named_with
RETURN b.name AS bill,
       b.mentions AS mentions,
       stated AS actions,
       named_with[0..5] AS named_with
ORDER BY mentions DESC, bill
LIMIT $limit
