// LadybugDB: label(n) instead of labels(n).
MATCH (n)
WHERE n.pagerank IS NOT NULL AND ($label = '' OR label(n) = $label)
RETURN n.name AS name,
       label(n) AS type,
       n.pagerank AS pagerank,
       n.degree AS degree,
       n.mentions AS mentions,
       n.community AS community
ORDER BY pagerank DESC, degree DESC, name
LIMIT $limit
