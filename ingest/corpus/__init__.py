"""Corpus stages over every paper at once: keep one copy of a report published twice, tag themes,
link findings across reviews."""
