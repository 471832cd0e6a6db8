// name: documents-mentioning
// description: Documents that name every one of the given entities (names or aliases, any case).
// param: names list -- comma-separated or a JSON list, e.g. "China,Uyghur Tribunal"
UNWIND $names AS wanted
WITH collect(DISTINCT toLower(wanted)) AS keys
UNWIND keys AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (d:Document)-[m:MENTIONS]->(n)
WITH d, keys, count(DISTINCT key) AS found, sum(m.count) AS mentions
WHERE found = size(keys)
RETURN d.title AS title,
       coalesce(d.authors, []) AS authors,
       d.date AS date,
       mentions,
       d.id AS id
ORDER BY d.date_iso, title
