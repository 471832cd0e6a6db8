// name: evidence
// description: Every sentence linking two entities, with the link types it supports, its document's title, authors and date, and where it stands in the document.
// param: a string -- a name or alias, any case
// param: b string -- a name or alias, any case
// The same text serves LadybugDB (graph.stores.dialect rewrites type()); SKIP 0 because
// LadybugDB takes ORDER BY in WITH only before SKIP or LIMIT.
WITH toLower($a) AS akey, toLower($b) AS bkey
MATCH (x)
WHERE toLower(x.name) = akey OR any(form IN x.aliases WHERE toLower(form) = akey)
MATCH (y)
WHERE toLower(y.name) = bkey OR any(form IN y.aliases WHERE toLower(form) = bkey)
MATCH (x)-[r]-(y)
WHERE r.sentences IS NOT NULL
WITH r
ORDER BY type(r)
SKIP 0
UNWIND r.sentences AS sid
WITH sid, collect(DISTINCT type(r)) AS links
MATCH (s:Sentence {id: sid})-[:FROM_DOCUMENT]->(d:Document)
RETURN d.date AS date,
       d.title AS document,
       coalesce(d.authors, []) AS authors,
       links,
       s.text AS sentence,
       d.id AS document_id,
       s.start_char AS start_char,
       s.end_char AS end_char
ORDER BY d.date_iso, document, start_char
