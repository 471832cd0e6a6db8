// name: communities
// description: Communities of closely linked entities (computed at build time), largest first, with their leading members.
// param: limit int = 10
// param: members int = 8 -- leading members shown per community, by PageRank
MATCH (n)
WHERE n.community IS NOT NULL
WITH n
ORDER BY n.pagerank DESC, n.name
WITH n.community AS community, collect(n.name) AS names
RETURN community,
       size(names) AS size,
       names[0..$members] AS leading_members
ORDER BY size DESC, community
LIMIT $limit
