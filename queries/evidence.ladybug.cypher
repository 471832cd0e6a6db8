// LadybugDB: 1-based list indexing, label(r) instead of type(r).
WITH toLower($a) AS akey, toLower($b) AS bkey
MATCH (x)
WHERE toLower(x.name) = akey OR any(s IN x.aliases WHERE toLower(s) = akey)
MATCH (y)
WHERE toLower(y.name) = bkey OR any(s IN y.aliases WHERE toLower(s) = bkey)
MATCH (x)-[r]-(y)
WHERE r.evidence_texts IS NOT NULL
WITH r
ORDER BY label(r)
SKIP 0
UNWIND range(1, size(r.evidence_texts)) AS i
WITH r.evidence_docs[i] AS doc,
     r.evidence_starts[i] AS start,
     r.evidence_texts[i] AS sentence,
     collect(DISTINCT label(r)) AS links
OPTIONAL MATCH (d:Document)
WHERE d.id = doc
RETURN d.date AS date,
       d.title AS document,
       d.authors AS authors,
       links,
       sentence
ORDER BY d.date_iso, document, start
