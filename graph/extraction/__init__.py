"""Extraction, one module per stage: mentions (spaCy + rules), entity types, references,
relations, and resolution of mentions into actors. The rules are data in ``graph/data/``."""
