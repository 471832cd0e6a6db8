// LadybugDB: ORDER BY in WITH needs SKIP/LIMIT, CAST instead of toString(),
// list_slice() (1-based, inclusive) instead of [0..5].
MATCH (p:Person)-[:WROTE]->(d:Document)
WITH p, d
ORDER BY d.title, d.id
SKIP 0
WITH p, collect(d.title) AS titles
MATCH (p)-[:WROTE]->(:Document)-[m:MENTIONS]->(e)
WHERE e.id <> p.id
WITH p, titles, e, sum(m.count) AS mentions
ORDER BY mentions DESC, e.name
SKIP 0
WITH p, titles, collect(e.name + ' (' + CAST(mentions AS STRING) + ')') AS topics
RETURN p.name AS author,
       size(titles) AS documents,
       titles,
       list_slice(topics, 1, 5) AS writes_most_about
ORDER BY documents DESC, author
