// name: authors
// description: Authors with their documents and the entities they write about most.
MATCH (p:Person)-[:WROTE]->(d:Document)
WITH p, d
ORDER BY d.title, d.id
WITH p, collect(d.title) AS titles
MATCH (p)-[:WROTE]->(:Document)-[m:MENTIONS]->(e)
WHERE e <> p
WITH p, titles, e, sum(m.count) AS mentions
ORDER BY mentions DESC, e.name
WITH p, titles, collect(e.name + ' (' + toString(mentions) + ')') AS topics
RETURN p.name AS author,
       size(titles) AS documents,
       titles,
       topics[0..5] AS writes_most_about
ORDER BY documents DESC, author
