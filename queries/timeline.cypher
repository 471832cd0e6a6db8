// name: timeline
// description: Documents and dated events involving an entity in date order; year-less and undated documents after them, flagged.
// param: name string -- a name or alias, any case
// A date sorts only in its ISO form (a document's date_iso, an event's year or ISO date):
// "1 Feb" without a year is listed apart as "no year", never sorted as text.
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
OPTIONAL MATCH (d:Document)-[m:MENTIONS]->(n)
WITH n, collect({iso: d.date_iso, written: d.date, kind: 'document', what: d.title, mentions: m.count}) AS documents
OPTIONAL MATCH (n)-[r]-(e:Event)
WHERE e.date IS NOT NULL
WITH n, documents, e, max(r.weight) AS weight
WITH n, documents, collect({iso: e.date, written: e.date, kind: 'event', what: e.name, mentions: weight}) AS events
WITH documents + events + [{iso: n.date, written: n.date, kind: 'event', what: n.name, mentions: n.mentions}] AS items
UNWIND items AS item
WITH DISTINCT item
WHERE item.what IS NOT NULL AND (item.kind = 'document' OR item.written IS NOT NULL)
WITH item, CASE
    WHEN item.iso =~ '[0-9]{4}(-[0-9]{2}){0,2}' THEN item.iso
    ELSE NULL
  END AS iso
WITH item, iso, CASE WHEN iso IS NOT NULL THEN 0 WHEN item.written IS NOT NULL THEN 1 ELSE 2 END AS rank
RETURN coalesce(iso, item.written) AS date,
  CASE rank WHEN 1 THEN 'no year' WHEN 2 THEN 'undated' ELSE NULL END AS note,
  item.kind AS kind, item.what AS what, item.mentions AS mentions
ORDER BY rank, iso, kind, what
