// name: neighbours
// description: Everything linked to an entity, by link type, strongest first, with an example sentence.
// param: name string -- a name or alias, any case
// param: limit int = 25 -- at most this many rows
// The links that carry sentences join entities (not documents, nor the text's own links);
// a node's type is its label other than Entity, the label every entity carries in Neo4j.
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
MATCH (n)-[r]-(m)
WHERE r.sentences IS NOT NULL
OPTIONAL MATCH (s:Sentence {id: r.sentences[0]})
RETURN n.name AS entity,
       type(r) AS link,
       CASE
         WHEN type(r) = 'CO_MENTIONED' THEN '--'
         WHEN startNode(r) = n THEN '->'
         ELSE '<-'
       END AS direction,
       m.name AS neighbour,
       [l IN labels(m) WHERE l <> 'Entity'][0] AS type,
       r.weight AS weight,
       s.text AS example
ORDER BY weight DESC, link, neighbour
LIMIT $limit
