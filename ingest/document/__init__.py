"""Per-paper stages: one input file in, its documents with findings out (extract, normalise,
split packs, segment, read metadata)."""
