// name: co-mentioned
// description: Entities (of one type, or any) most often named in the same sentence as an entity.
// param: name string -- a name or alias, any case
// param: label label = "" -- an entity type (Person, State, ...); empty for any
// param: limit int = 10
// A node's type is its label other than Entity, the label every entity carries in Neo4j.
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (n)-[r:CO_MENTIONED]-(m)
WHERE $label = '' OR $label IN labels(m)
OPTIONAL MATCH (s:Sentence {id: r.sentences[0]})
RETURN m.name AS name,
       [l IN labels(m) WHERE l <> 'Entity'][0] AS type,
       r.weight AS sentences,
       s.text AS example
ORDER BY sentences DESC, name
LIMIT $limit
