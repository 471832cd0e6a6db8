// name: co-mentioned
// description: Entities (of one type, or any) most often named in the same sentence as an entity.
// param: name string -- a name or alias, any case
// param: label label = "" -- an entity type (Person, State, ...); empty for any
// param: limit int = 10
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (n)-[r:CO_MENTIONED]-(m)
WHERE $label = '' OR $label IN labels(m)
RETURN m.name AS name,
       labels(m)[0] AS type,
       r.weight AS sentences,
       r.evidence_texts[0] AS example
ORDER BY sentences DESC, name
LIMIT $limit
