"""Paper text and officers' values are shown as text, never run (issue 13, items 6, 7, 9, 15).

One build is fed hostile values in every field a paper or an officer controls: the first line
that becomes a title (plain text and a bold PDF heading), headings, body lines, table cells, an
agenda pack's committee line and items, every manifest key, and a taxonomy theme's label and
definition. Every built page is then parsed and must hold no element or attribute that came
from them; the titles, navigation and headings must show the hostile text as text; the CSV
must not hand a spreadsheet a formula. The other tests hold the refusals: `javascript:` and
other schemes in the manifest and for --site-url, and theme ids that would replace a page.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.cli import main
from ingest.config.manifest import Manifest, ManifestEntry
from ingest.errors import ConfigError
from ingest.pipeline import BuildOptions, build

TITLE = "</title><script>alert(1)</script><title>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
JS = "javascript:alert(1)"
TEMPLATE = "{{ 7*7 }}"
MD_LINK = "[x](javascript:alert(1))"
ATTR = "{: onclick=alert(1) }"  # Markdown's attribute list, at the end of a heading or table cell
PAYLOADS = (TITLE, IMG, SVG, JS, TEMPLATE, MD_LINK, ATTR)
ALL = " ".join(PAYLOADS)
# A URL that passes the scheme check (https) but would break out of an attribute if not encoded.
URL = 'https://example.org/report"><svg onload=alert(1)>?a=[x](javascript:alert(1))'
PDF_NAME = 'peer review ?#% 50% "><svg onload=alert(1)>.pdf'  # also its bold heading is hostile
TEXT_NAME = f"{IMG} {MD_LINK}.txt"  # file names are shown too
FORMULAS = ("=HYPERLINK(\"http://example.org\",\"x\") on permanence", "+1+1 on the workforce", "-2+3 on missing children",
            "@SUM(1,1) on corporate parenting")


def _pdf(path: Path, heading: str, lines: list[str]) -> None:
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, 780, heading)
    c.setFont("Helvetica", 11)
    y = 750
    for line in lines:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()


def _hostile_corpus(corpus: Path) -> None:
    corpus.mkdir()
    # A plain text paper with no manifest entry: its first line becomes the title (words with the
    # markup, as a title reader takes a line of markup alone for no title at all).
    body = "\n\n".join([
        f"Caseloads report {TITLE}",
        "26 February 2020",
        f"1. The workforce caseloads {IMG} are high {SVG} and {JS} {TEMPLATE} {MD_LINK}.",
        *(f"{n}. {text}." for n, text in enumerate(FORMULAS, start=2)),
        f"A line of context {ALL} on permanence.",
    ])
    (corpus / TEXT_NAME).write_text(body + "\n", encoding="utf-8")
    # Converted Markdown: headings, bullets and a table whose cells are hostile.
    (corpus / "hostile-table.md").write_text(
        f"# Report of the Director\n\n26 February 2020\n\n## {IMG} heading {TEMPLATE}\n\n### {MD_LINK} {SVG} {ATTR}\n\n"
        f"- 1. A bullet on missing children {ALL}.\n- 2. Another on corporate parenting {TITLE}.\n\n"
        f"<p><b>Area {IMG}</b></p>\t<ul><li>• A cell on the workforce {ALL}.</li></ul>\n"
        f"<p><b>{MD_LINK} {TEMPLATE}</b></p>\t<ul><li>• A cell on permanence {SVG} {TITLE}.</li></ul>\n\n"
        f"## Summary\n\n- 3. A last bullet on permanence {JS}.\n",
        encoding="utf-8",
    )
    # An agenda pack: its committee line becomes the meeting's name in the navigation.
    (corpus / "hostile-pack.md").write_text(
        f"# Notice of a public meeting of {IMG} Scrutiny Committee\n\n**Date:** Wednesday, 26 February 2020\n\n"
        f"# AGENDA\n\n#### 1. Declarations of Interest\n\nMembers are asked to declare interests.\n\n"
        f"2. {TITLE} {SVG} (Pages 1 - 2)\n\nThis report {MD_LINK} {TEMPLATE} on the workforce.\n\n"
        f"# Page 1 Agenda Item 2\n\n# {TITLE} {SVG}\n\nReport of the Director\n\n"
        f"1. A paragraph on missing children {ALL}.\n\n2. A paragraph on corporate parenting {IMG}.\n",
        encoding="utf-8",
    )
    # Two reviews in one series, every manifest key hostile: a follow-through register.
    for year, name in (("2011", "review-2011.txt"), ("2019", "review-2019.txt")):
        (corpus / name).write_text(
            f"Review {year}\n\n1 March {year}\n\n"
            f"1. Missing children return interviews are not always completed {IMG}.\n\n"
            f"2. Corporate parenting is understood by members {SVG}.\n\n"
            f"3. Permanence planning for children in care is timely {TEMPLATE}.\n",
            encoding="utf-8",
        )
    _pdf(corpus / PDF_NAME, TITLE, ["1 March 2019", f"1. A paragraph on the workforce {IMG}.",
                                     f"2. A paragraph on permanence {MD_LINK} {TEMPLATE}."])
    entries = [
        {"file": name, "id": f"hostile-review-{year}", "title": f"{TITLE} {year} {IMG} {ATTR}", "short_title": f"{IMG} {SVG} {year} {ATTR}",
         "date": f"{year}-03-01", "kind": "peer-review letter", "body": f"{SVG} {MD_LINK} {TITLE} {ATTR}", "url": URL,
         "series": f"{TEMPLATE} {MD_LINK}", "period": f"{TITLE} {TEMPLATE} {ATTR}"}
        for year, name in (("2011", "review-2011.txt"), ("2019", "review-2019.txt"))
    ]
    manifest = {"publisher": f"{SVG} {MD_LINK} {TEMPLATE} {ATTR}", "site_title": f"{TITLE} {IMG} {TEMPLATE} {ATTR}", "documents": entries}
    (corpus / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True), encoding="utf-8")
    taxonomy = yaml.safe_load((Path(__file__).resolve().parent.parent / "ingest" / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))
    for theme, payload in zip(("missing-children", "corporate-parenting", "permanence", "workforce"), (TITLE, IMG, SVG, MD_LINK), strict=True):
        taxonomy["themes"][theme]["label"] = f"{payload} {TEMPLATE} {theme} {ATTR}"
        taxonomy["themes"][theme]["definition"] = f"{theme} {ALL}"
    (corpus / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy, sort_keys=False, allow_unicode=True), encoding="utf-8")


class _Page(HTMLParser):
    """Every element with its attributes, and the text of the <title>, the navigation and the
    headings (entities decoded: what a reader sees)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.titles: list[str] = []
        self.nav: list[str] = []
        self.headings: list[str] = []
        self._open: list[str] = []
        self._nav_depth = 0
        self._heading: list[str] | None = None
        self._script: list[str] | None = None
        self._svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag == "script":
            self._script = []
            self.scripts.append((a, ""))
        if tag == "svg":
            self._svg += 1
        if tag == "title" and not self._svg:  # a chart's <svg><title> is its caption, not the page's
            self.titles.append("")
        if tag == "nav":
            self._nav_depth += 1
        if tag in ("h1", "h2", "h3"):
            self._heading = []
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "path", "circle", "rect"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts[-1] = (self.scripts[-1][0], "".join(self._script))
            self._script = None
        if tag == "nav":
            self._nav_depth -= 1
        if tag == "svg":
            self._svg -= 1
        if tag in ("h1", "h2", "h3") and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()).removesuffix("¶").rstrip())  # less the permalink
            self._heading = None
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._open and self._open[-1] == "title" and not self._svg:
            self.titles[-1] += data
        if self._nav_depth and data.strip():
            self.nav.append(" ".join(data.split()))
        if self._heading is not None:
            self._heading.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "papers"
    _hostile_corpus(corpus)
    out = root / "site"
    result = build(BuildOptions(corpus=corpus, site=out, cache_dir=None, executor="serial"))
    assert not result.skipped, [r.reason for r in result.skipped]
    return out


def _pages(site: Path) -> dict[str, _Page]:
    parsed = {}
    for path in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        page.close()
        parsed[path.relative_to(site).as_posix()] = page
    return parsed


def test_no_hostile_value_becomes_an_element_or_attribute(hostile_site: Path) -> None:
    pages = _pages(hostile_site)
    assert len(pages) > 15
    for name, page in pages.items():
        for tag, attrs in page.elements:
            assert tag not in ("img", "iframe", "object", "embed"), (name, tag, attrs)
            for key, value in attrs.items():
                assert not key.startswith("on"), (name, tag, key, value)
                if key in ("href", "src", "action", "formaction", "xlink:href") and value:
                    squashed = "".join(ch for ch in value if ch > " ").lower()
                    assert not squashed.startswith(("javascript:", "data:", "vbscript:")), (name, tag, key, value)
        for attrs, body in page.scripts:
            if attrs.get("src"):
                # The site's own scripts only: files it publishes, under assets/ or pagefind/.
                src = str(attrs["src"])  # 404.html links from the site's root
                target = posixpath.normpath(src[1:] if src.startswith("/") else posixpath.join(posixpath.dirname(name), src))
                assert target.startswith(("assets/", "pagefind/")) and (hostile_site / target).is_file(), (name, attrs)
            else:
                assert "alert" not in body and "7*7" not in body, (name, body[:200])
        assert len(page.titles) == 1, (name, page.titles)


def test_titles_navigation_and_headings_show_the_hostile_text_as_text(hostile_site: Path) -> None:
    pages = _pages(hostile_site)
    site_title = f"{TITLE} {IMG} {TEMPLATE} {ATTR}"
    assert pages["index.html"].titles == [site_title]
    # Shown once escaped wherever Material prints the site name, its attributes too (not "&lt;").
    logos = [a for p in pages.values() for tag, a in p.elements if tag == "a" and "md-logo" in str(a.get("class"))]
    assert logos and all(a["title"] == site_title and a["aria-label"] == site_title for a in logos)
    docs = json.loads((hostile_site / "data" / "documents.json").read_text(encoding="utf-8"))
    by_file = {s["file"]: d for d in docs for s in d["sources"] if not s["pack"]}
    plain = by_file[TEXT_NAME]
    assert plain["title"].startswith(f"Caseloads report {TITLE}")  # the paper's first line, as printed
    page = pages[f"documents/{plain['id']}/index.html"]
    assert page.titles == [f"{plain['title']} - {site_title}"]
    assert page.headings[0] == plain["title"]
    pdf = by_file[PDF_NAME]
    assert pdf["title"] == TITLE  # its bold heading
    assert pages[f"documents/{pdf['id']}/index.html"].titles == [f"{pdf['title']} - {site_title}"]
    review = pages["documents/hostile-review-2011/index.html"]
    assert review.titles == [f"{TITLE} 2011 {IMG} {ATTR} - {site_title}"] and review.headings[0] == f"{TITLE} 2011 {IMG} {ATTR}"
    nav = " | ".join(text for p in pages.values() for text in p.nav)  # pruned: each page shows its own section
    for theme, payload in zip(("missing-children", "corporate-parenting", "permanence", "workforce"), (TITLE, IMG, SVG, MD_LINK), strict=True):
        assert f"{payload} {TEMPLATE} {theme} {ATTR}" in nav
    assert site_title in nav
    assert f"Follow-through: {IMG} {SVG} 2011 {ATTR} to {IMG} {SVG} 2019 {ATTR}" in nav
    pack = by_file["hostile-pack.md"]
    assert IMG in (pack["body"] or "")
    assert f"{pack['body']}, {pack['date']}" in nav
    meeting = pages[f"meetings/{pack['id']}/index.html"]
    assert meeting.headings[0].startswith(pack["body"])
    table = pages[f"documents/{by_file['hostile-table.md']['id']}/index.html"]
    assert f"{IMG} heading {TEMPLATE}" in table.headings and f"{MD_LINK} {SVG} {ATTR}" in table.headings
    assert TEMPLATE in pages["themes/index.html"].headings[0] or any(TEMPLATE in h for h in pages["themes/index.html"].nav)


def test_source_links_open_files_whose_names_hold_url_characters(hostile_site: Path) -> None:
    pdf = next(d for d in json.loads((hostile_site / "data" / "documents.json").read_text(encoding="utf-8"))
               if any(s["file"] == PDF_NAME for s in d["sources"]))
    page_dir = hostile_site / "documents" / pdf["id"]
    page = _Page()
    page.feed((page_dir / "index.html").read_text(encoding="utf-8"))
    hrefs = [str(a["href"]) for tag, a in page.elements if tag == "a" and "sources/" in str(a.get("href"))]
    assert hrefs
    for href in hrefs:
        parts = urlsplit(href)
        assert not parts.query, href  # a "?" in the name is not taken as the start of a query
        target = (page_dir / unquote(parts.path)).resolve()
        assert target == (hostile_site / "sources" / PDF_NAME).resolve() and target.is_file(), href
    assert any(urlsplit(h).fragment == "page=1" for h in hrefs)  # the page link keeps its own fragment


def test_the_original_link_is_an_encoded_https_link(hostile_site: Path) -> None:
    page = _Page()
    page.feed((hostile_site / "documents" / "hostile-review-2011" / "index.html").read_text(encoding="utf-8"))
    originals = [a["href"] for tag, a in page.elements if tag == "a" and (a.get("href") or "").startswith("https://example.org/")]
    assert originals and all(" " not in str(h) and '"' not in str(h) and "<" not in str(h) for h in originals)


def test_csv_cells_cannot_run_as_formulas_and_jsonl_keeps_the_text(hostile_site: Path) -> None:
    data = hostile_site / "data"
    rows = list(csv.DictReader(io.StringIO((data / "findings.csv").read_text(encoding="utf-8-sig"))))
    records = [json.loads(line) for line in (data / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(records)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    texts = {r["text"] for r in records}
    for formula in FORMULAS:
        assert any(t.startswith(formula) for t in texts), formula  # the open data keeps the true text
        assert any(row["text"].startswith("'" + formula) for row in rows), formula
    by_id = {r["id"]: r for r in records}
    for row in rows:
        assert row["text"].removeprefix("'") == by_id[row["id"]]["text"]


# ---------------------------------------------------------------- refusals


def _small_corpus(tmp_path: Path, manifest: str | None = None) -> Path:
    corpus = tmp_path / "papers"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text("Report of the Director\n\n26 February 2020\n\n1. A paragraph on permanence.\n", encoding="utf-8")
    if manifest is not None:
        (corpus / "manifest.yaml").write_text(manifest, encoding="utf-8")
    return corpus


def _cli(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["build", "--corpus", str(corpus), "--site", str(tmp_path / "site"), "--no-cache", "--quiet",
                 "--executor", "serial", *extra])
    err = capsys.readouterr().err
    return code, " ".join(err.split())


@pytest.mark.parametrize("url", [JS, " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "ftp://example.org/a.pdf"])
def test_a_manifest_url_that_is_not_http_or_relative_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str) -> None:
    corpus = _small_corpus(tmp_path, yaml.safe_dump({"documents": [{"file": "a.txt", "url": url}]}))
    code, err = _cli(tmp_path, corpus, capsys)
    assert code == 2
    assert "[E010] manifest.yaml: manifest entry #1 (a.txt): key 'url'" in err and "http" in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("url", ["ftp://x", JS, "not a url", "https://", "//example.org/papers/", MD_LINK,
                                 'https://example.org/"><script>alert(1)</script>'])
def test_an_invalid_site_url_is_refused_naming_where_it_came_from(tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str) -> None:
    corpus = _small_corpus(tmp_path, yaml.safe_dump({"site_url": url}))
    code, err = _cli(tmp_path, corpus, capsys)
    assert code == 2 and "Traceback" not in err
    assert "manifest.yaml: manifest entry (top level): key 'site_url'" in err and err.count("[E") == 1
    code, err = _cli(tmp_path, _small_corpus(tmp_path / "b"), capsys, "--site-url", url)
    assert code == 2 and "Traceback" not in err
    assert "--site-url" in err and err.count("[E") == 1
    assert f"'{url}'" in err  # the value as given: not read as console markup
    assert not (tmp_path / "site").exists()


def test_a_valid_site_url_and_relative_url_still_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _small_corpus(tmp_path, yaml.safe_dump({"site_url": "https://example.gov.uk/papers/",
                                                      "documents": [{"file": "a.txt", "url": "../originals/a report.pdf"}]}))
    code, err = _cli(tmp_path, corpus, capsys)
    assert code == 0, err
    doc = next((tmp_path / "site" / "documents").glob("*/index.html")).read_text(encoding="utf-8")
    assert 'href="../originals/a%20report.pdf"' in doc


def test_an_unsafe_url_that_reaches_the_renderer_is_not_linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Defence in depth: a manifest loaded by other means (or a future key) with a javascript:
    url still gives no link."""
    corpus = _small_corpus(tmp_path)
    manifest = Manifest(entries={"a.txt": ManifestEntry(file="a.txt", url=JS, title=TITLE)})
    monkeypatch.setattr("ingest.config.manifest.load_manifest", lambda _corpus: manifest)
    out = tmp_path / "site"
    build(BuildOptions(corpus=corpus, site=out, cache_dir=None, executor="serial"))
    html = next((out / "documents").glob("*/index.html")).read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    assert not [a for tag, a in page.elements if "javascript" in str(a.get("href", "")).lower()]
    assert ">original</a>" not in html


def test_an_unsafe_site_url_that_reaches_the_renderer_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _small_corpus(tmp_path)
    monkeypatch.setattr("ingest.config.manifest.load_manifest", lambda _corpus: Manifest(site_url=JS))
    with pytest.raises(ConfigError, match="site_url"):
        build(BuildOptions(corpus=corpus, site=tmp_path / "site", cache_dir=None, executor="serial"))
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(("theme_id", "words"), [
    ("index", ["theme index", "'id'", "themes/index", "another id"]),
    ("Workforce-2", ["theme Workforce-2", "'id'", "lower-case"]),
    ("has space", ["theme has space", "'id'", "lower-case"]),
])
def test_theme_ids_that_would_replace_a_page_or_break_an_address_are_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], theme_id: str, words: list[str]) -> None:
    corpus = _small_corpus(tmp_path)
    taxonomy = yaml.safe_load((Path(__file__).resolve().parent.parent / "ingest" / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))
    taxonomy["themes"][theme_id] = {"label": "Themes", "definition": "Replaces the themes index.", "phrases": ["annual review"]}
    (corpus / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy, sort_keys=False), encoding="utf-8")
    code, err = _cli(tmp_path, corpus, capsys)
    assert code == 2 and "Traceback" not in err and err.count("[E020]") == 1
    assert "taxonomy.yaml" in err
    for w in words:
        assert w in err
    assert not (tmp_path / "site").exists()
