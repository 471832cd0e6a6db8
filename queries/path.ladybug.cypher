// LadybugDB: shortest paths are a pattern (`* ALL SHORTEST`), with the node filter inside
// it; nodes()/rels() with properties() and list_transform() instead of list comprehensions.
// Both ends are matched in the path's own WHERE with predicates the planner can push into
// the node scans; bound in an earlier MATCH, or through any()/list_transform() over the
// aliases, the search runs from the source to every node (30 s instead of 0.1 s on the
// seeds). So here the name matches in any case, an alias as written.
MATCH p = (a)-[* ALL SHORTEST 1..8 (r, v | WHERE label(v) <> 'Document' AND label(v) <> 'Sentence')]-(b)
WHERE a.id <> b.id
  AND (lower(a.name) = lower($source) OR list_contains(a.aliases, $source))
  AND (lower(b.name) = lower($target) OR list_contains(b.aliases, $target))
  AND length(p) <= $max_hops
RETURN length(p) AS hops,
       properties(nodes(p), 'name') AS chain,
       list_transform(rels(p), x -> label(x)) AS links
ORDER BY hops, list_to_string('|', chain), list_to_string('|', links)
LIMIT $limit
