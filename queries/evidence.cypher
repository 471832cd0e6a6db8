// name: evidence
// description: Every sentence linking two entities, with the link types it supports and its document's title, authors and date.
// param: a string -- a name or alias, any case
// param: b string -- a name or alias, any case
WITH toLower($a) AS akey, toLower($b) AS bkey
MATCH (x)
WHERE toLower(x.name) = akey OR any(s IN x.aliases WHERE toLower(s) = akey)
MATCH (y)
WHERE toLower(y.name) = bkey OR any(s IN y.aliases WHERE toLower(s) = bkey)
MATCH (x)-[r]-(y)
WHERE r.evidence_texts IS NOT NULL
WITH r
ORDER BY type(r)
UNWIND range(0, size(r.evidence_texts) - 1) AS i
WITH r.evidence_docs[i] AS doc,
     r.evidence_starts[i] AS start,
     r.evidence_texts[i] AS sentence,
     collect(DISTINCT type(r)) AS links
OPTIONAL MATCH (d:Document)
WHERE d.id = doc
RETURN d.date AS date,
       d.title AS document,
       coalesce(d.authors, []) AS authors,
       links,
       sentence
ORDER BY d.date_iso, document, start
