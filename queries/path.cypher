// name: path
// description: The shortest chains of links between two entities (not through documents or their sentences), with link types.
// param: source string -- a name or alias, any case
// param: target string -- a name or alias, any case
// param: max_hops int = 4 -- longest chain to report (searched up to 8)
// param: limit int = 10 -- at most this many chains
WITH toLower($source) AS skey, toLower($target) AS tkey
MATCH (a)
WHERE toLower(a.name) = skey OR any(x IN a.aliases WHERE toLower(x) = skey)
MATCH (b)
WHERE b <> a AND (toLower(b.name) = tkey OR any(x IN b.aliases WHERE toLower(x) = tkey))
MATCH p = allShortestPaths((a)-[*..8]-(b))
WHERE none(x IN nodes(p) WHERE x:Document OR x:Sentence)
WITH p
WHERE length(p) <= $max_hops
RETURN length(p) AS hops,
       [x IN nodes(p) | x.name] AS chain,
       [r IN relationships(p) | type(r)] AS links
ORDER BY hops, reduce(s = '', x IN chain | s + x + '|'), reduce(s = '', x IN links | s + x + '|')
LIMIT $limit
