// LadybugDB: label(m) instead of labels(m), 1-based list indexing.
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (n)-[r:CO_MENTIONED]-(m)
WHERE $label = '' OR label(m) = $label
OPTIONAL MATCH (s:Sentence {id: r.sentences[1]})
RETURN m.name AS name,
       label(m) AS type,
       r.weight AS sentences,
       s.text AS example
ORDER BY sentences DESC, name
LIMIT $limit
