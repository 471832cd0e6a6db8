// LadybugDB: shortest paths are a pattern (`* ALL SHORTEST`), with the node filter inside
// it; nodes()/rels() with properties() and list_transform() instead of list comprehensions.
WITH toLower($source) AS skey, toLower($target) AS tkey
MATCH (a)
WHERE toLower(a.name) = skey OR any(x IN a.aliases WHERE toLower(x) = skey)
MATCH (b)
WHERE b.id <> a.id AND (toLower(b.name) = tkey OR any(x IN b.aliases WHERE toLower(x) = tkey))
MATCH p = (a)-[* ALL SHORTEST 1..8 (r, v | WHERE label(v) <> 'Document')]-(b)
WHERE length(p) <= $max_hops
RETURN length(p) AS hops,
       properties(nodes(p), 'name') AS chain,
       list_transform(rels(p), x -> label(x)) AS links
ORDER BY hops
LIMIT $limit
