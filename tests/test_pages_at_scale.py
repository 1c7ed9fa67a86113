"""Generated pages stay usable when a council has thousands of papers."""

from __future__ import annotations

from ingest.corpus.tagger import load_taxonomy
from ingest.model import Corpus, Document, Finding
from ingest.site import pages, theme_pages
from ingest.site.html import Abbreviations


def _context(n_docs: int) -> pages.Context:
    docs = []
    for i in range(n_docs):
        doc_id = f"doc-{i:03d}"
        kind = "minutes" if i % 2 else "report"
        f = Finding(id=f"{doc_id}/p1", key="p1", document_id=doc_id, kind="paragraph", label="1",
                    text="Caseloads and agency staff.", themes=["workforce"], date=f"{2010 + i % 10}-01-01")
        docs.append(Document(id=doc_id, title=f"Paper {i}", kind=kind, date=f"{2010 + i % 10}-01-01", findings=[f]))
    corpus = Corpus(documents=docs)
    return pages.Context(corpus=corpus, taxonomy=load_taxonomy(None), publisher="A council", site_title="Papers",
                         abbr=Abbreviations({}), findings={f.id: f for f in corpus.findings()}, docs={d.id: d for d in docs})


def test_theme_chart_shows_kinds_of_paper_past_a_handful_of_documents() -> None:
    few = theme_pages.theme_page(_context(theme_pages.CHART_DOCUMENTS), "workforce")
    assert "per year, by document" in few and "Paper 3" in few
    many = theme_pages.theme_page(_context(theme_pages.CHART_DOCUMENTS + 1), "workforce")
    assert "per year, by kind of paper" in many
    assert '</span>Minutes</li>' in many and '</span>Report</li>' in many  # the legend: kinds of paper
    assert "Paper 3</li>" not in many  # no legend entry per paper


def test_home_lists_the_newest_papers_and_links_to_all() -> None:
    home = pages.home(_context(pages.HOME_DOCUMENTS + 5))
    assert home.count("](documents/doc-") == pages.HOME_DOCUMENTS
    assert f"of {pages.HOME_DOCUMENTS + 5}; [all documents, by year](documents/index.md)" in home
