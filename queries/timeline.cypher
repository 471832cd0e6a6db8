// name: timeline
// description: Dated documents and events involving an entity, in date order (undated-year documents last).
// param: name string -- a name or alias, any case
WITH toLower($name) AS key
MATCH (n)
WHERE toLower(n.name) = key OR any(a IN n.aliases WHERE toLower(a) = key)
OPTIONAL MATCH (d:Document)-[m:MENTIONS]->(n)
WHERE d.date IS NOT NULL OR d.date_iso IS NOT NULL
WITH n, collect({
  sort: coalesce(d.date_iso, '~' + d.date),
  date: coalesce(d.date_iso, d.date),
  kind: 'document',
  what: d.title,
  mentions: m.count
}) AS documents
OPTIONAL MATCH (n)-[r]-(e:Event)
WHERE e.date IS NOT NULL
WITH n, documents, e, max(r.weight) AS weight
WITH n, documents, collect({sort: e.date, date: e.date, kind: 'event', what: e.name, mentions: weight}) AS events
WITH documents + events + [{sort: n.date, date: n.date, kind: 'event', what: n.name, mentions: n.mentions}] AS items
UNWIND items AS item
WITH DISTINCT item
WHERE item.date IS NOT NULL AND item.what IS NOT NULL
RETURN item.date AS date, item.kind AS kind, item.what AS what, item.mentions AS mentions
ORDER BY item.sort, kind, what
