"""Full-text search over stored sentences: the query language, the embedded index, the search."""
