"""The analyst's judgements (merge, separate, type, drop, reject), kept as data and
applied at every build, so a correction survives re-extraction."""
