"""Pre-rendered HTML kept out of Markdown (ingest.site.fragments and the MkDocs hook)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from ingest.site import fragments, mkdocs_hook


def test_extract_and_fill_round_trip() -> None:
    page = ("# Title\n\n" + fragments.raw('<div id="a1"><p>x &amp; y</p></div>') + "\n\n## Part\n\n"
            + fragments.raw("<table><tr id=\"r-2\"><td>*not emphasis*</td></tr></table>") + "\n")
    md, pieces = fragments.extract(page)
    assert "<div" not in md and "<table" not in md  # Markdown never sees the HTML
    assert len(pieces) == 2
    rendered = md.replace("# Title", "<h1>Title</h1>").replace("## Part", "<h2>Part</h2>")
    html = fragments.fill(rendered, pieces)
    assert html.count("<!--") == 0
    assert fragments.strip_markers(page).replace("\n", "") == html.replace("<h1>Title</h1>", "# Title").replace("<h2>Part</h2>", "## Part").replace("\n", "")
    assert fragments.anchors(pieces) == {"a1", "r-2"}


def test_changed_html_changes_the_markdown() -> None:
    """Regression: a dirty MkDocs build rebuilds a page only if its Markdown changed, so a page
    whose HTML alone changed must still get different Markdown (the digest line)."""
    one, _ = fragments.extract("# T\n\n" + fragments.raw("<p>before</p>") + "\n")
    two, _ = fragments.extract("# T\n\n" + fragments.raw("<p>after</p>") + "\n")
    assert one != two


def _page(src_uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, abs_dest_path="/nonexistent/index.html"), present_anchor_ids={"title"})


def test_hook_fills_the_page_and_registers_anchors(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    md, pieces = fragments.extract("# T\n\n" + fragments.raw('<h4 id="p3">3</h4>') + "\n")
    fragments.write_sidecar(docs, "documents/x.md", pieces)
    page = _page("documents/x.md")
    html = mkdocs_hook.on_post_page("<h1>T</h1>\n" + md.split("\n\n", 1)[1], page, {"docs_dir": str(docs)})
    assert '<h4 id="p3">3</h4>' in html and "ingest:" not in html
    assert page.present_anchor_ids == {"title", "p3"}


def test_hook_stops_on_a_missing_sidecar(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="documents/x.md: its pre-rendered HTML"):
        mkdocs_hook.on_post_page("<!--ingest:fragment 0-->", _page("documents/x.md"), {"docs_dir": str(tmp_path / "docs")})
    side = fragments.sidecar_path(tmp_path / "docs", "documents/x.md")
    side.parent.mkdir(parents=True)
    side.write_text("[not json", encoding="utf-8")
    with pytest.raises(RuntimeError, match="damaged"):
        mkdocs_hook.on_post_page("<!--ingest:fragment 0-->", _page("documents/x.md"), {"docs_dir": str(tmp_path / "docs")})
