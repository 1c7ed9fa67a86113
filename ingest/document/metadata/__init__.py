"""Reading a paper's metadata from its own text: kind, publisher, date, period, committee, title.

One module per question (`kinds` the vocabulary, `classify`, `publisher`, `dates`, `titles`),
each rule keeping the line it read and how sure it is; `ingest.document.infer` puts them together.
"""
