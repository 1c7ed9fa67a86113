"""Render the corpus as an MkDocs Material site: generated Markdown pages, then `mkdocs build`."""
