// LadybugDB: ORDER BY in WITH needs SKIP, list_slice() (1-based, inclusive) instead of [0..k].
MATCH (n)
WHERE n.community IS NOT NULL
WITH n
ORDER BY n.pagerank DESC, n.name
SKIP 0
WITH n.community AS community, collect(n.name) AS names
RETURN community,
       size(names) AS size,
       list_slice(names, 1, $members) AS leading_members
ORDER BY size DESC, community
LIMIT $limit
