"""The built site: strict MkDocs build, open data, no external requests, escaped source text,
working links and anchors, byte-identical rebuilds."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from ingest.pipeline import BuildOptions, build

from .conftest import CORPUS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    build(BuildOptions(corpus=CORPUS, site=out, cache_dir=None, executor="serial"))
    return out


def test_pages_exist(site: Path) -> None:
    for rel in ["index.html", "search/index.html", "themes/corporate-parenting/index.html",
                "documents/2011-04-11-safeguarding-peer-review/index.html",
                "follow-through/2011-04-11-safeguarding-peer-review--2020-02-26-cypic-regional-peer-review/index.html",
                "recommendations/index.html", "meetings/2020-02-26-cecc-scrutiny-agenda-pack/index.html",
                "glossary/index.html", "data/index.html", "about/index.html", "pagefind/shards.json", "pagefind/s0/pagefind.js",
                "sources/2011-04-11-safeguarding-peer-review-letter.pdf"]:
        assert (site / rel).is_file(), rel


def test_open_data_files(site: Path) -> None:
    lines = (site / "data" / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in lines]
    assert len(records) > 500
    for key in ("id", "document_id", "date", "kind", "section", "label", "text", "page", "themes", "url"):
        assert all(key in r for r in records), key
    assert len({r["id"] for r in records}) == len(records)
    assert any(r["themes"] for r in records)
    cite = next(r for r in records if r["id"] == "2011-04-11-safeguarding-peer-review/consider-looked-after-children-1")
    assert cite["citation"] == ("City of York Council, Children's Services Safeguarding Peer Review (letter, 11 April 2011), "
                                "Areas for further consideration: Looked After Children, bullet 1, pp. 7-8.")
    with (site / "data" / "findings.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(records) and rows[0].keys() >= {"id", "themes", "url", "page"}
    docs = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    assert {"id", "title", "date", "kind", "body", "sources"} <= docs[0].keys()
    links = [json.loads(x) for x in (site / "data" / "links.jsonl").read_text(encoding="utf-8").splitlines()]
    assert links and all({"source", "target", "score", "relation", "themes", "evidence"} <= lk.keys() for lk in links)
    assert any(lk["relation"].startswith("not taken up") for lk in links)
    assert any(lk["relation"].startswith("new in") for lk in links)


def _internal_targets(site: Path) -> list[tuple[Path, str]]:
    found = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'(?:href|src)="([^"]+)"', html):
            if href.startswith(("http:", "https:", "mailto:", "data:", "javascript:")):
                continue
            found.append((page, href))
    return found


def test_internal_links_and_anchors_resolve(site: Path) -> None:
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    for page, href in _internal_targets(site):
        parsed = urlparse(href)
        if parsed.path.startswith("/"):  # the 404 page links from the site root
            target = (site / unquote(parsed.path).lstrip("/")).resolve()
        else:
            target = (page.parent / unquote(parsed.path)).resolve() if parsed.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append((str(page.relative_to(site)), href))
            continue
        if parsed.fragment and target.suffix == ".html":
            if target not in ids_cache:
                ids_cache[target] = set(re.findall(r'id="([^"]+)"', target.read_text(encoding="utf-8")))
            if parsed.fragment not in ids_cache[target] and not parsed.fragment.startswith(("__", "page=")):
                broken.append((str(page.relative_to(site)), href))
    assert not broken[:20], f"{len(broken)} broken links, e.g. {broken[:20]}"


def test_every_finding_url_reaches_its_anchor(site: Path) -> None:
    for line in (site / "data" / "findings.jsonl").read_text(encoding="utf-8").splitlines()[::7]:
        r = json.loads(line)
        path, _, anchor = r["url"].partition("#")
        html = (site / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, r["url"]


def test_each_review_finding_links_to_what_the_next_review_said(site: Path) -> None:
    """On the 2011 letter's page every finding the register follows says where it stands and
    links to its row; on the 2019 review's page a finding that follows one up says so."""
    links = [json.loads(x) for x in (site / "data" / "links.jsonl").read_text(encoding="utf-8").splitlines()]
    early = "2011-04-11-safeguarding-peer-review"
    register = "follow-through/2011-04-11-safeguarding-peer-review--2020-02-26-cypic-regional-peer-review/"
    rows = (site / register / "index.html").read_text(encoding="utf-8")
    page = (site / "documents" / early / "index.html").read_text(encoding="utf-8")
    follows = dict(re.findall(r'<a class="follow" href="\.\./\.\./' + re.escape(register) + r'#([^"]+)">([^<]+)</a>', page))
    sources = {lk["source"].split("/", 1)[1] for lk in links if (lk["source"] or "").startswith(early + "/")}
    assert sources and set(follows) == sources
    for key, words in follows.items():
        assert f'<tr id="{key}">' in rows
        linked = [lk for lk in links if lk["source"] == f"{early}/{key}" and lk["target"]]
        assert words == "No matching passage found in the 2019 review" if not linked else words.startswith("2019 review")
    later = (site / "documents" / "2020-02-26-cypic-regional-peer-review" / "index.html").read_text(encoding="utf-8")
    assert "Follows up 1 finding of the 2011 review" in later or "findings of the 2011 review" in later


def test_possible_matches_are_published_apart_and_shown_folded_on_the_register(site: Path) -> None:
    """Weaker matches below the cut-off are never links: a file of their own, and on the register
    a folded list under the earlier finding, each pointing at the later finding."""
    def read(name: str) -> list[dict]:
        return [json.loads(x) for x in (site / "data" / name).read_text(encoding="utf-8").splitlines()]

    links, possible = read("links.jsonl"), read("possible-links.jsonl")
    assert possible and all(p["relation"] == "a possible match, below the cut-off" and p["source"] and p["target"] for p in possible)
    assert not {(p["source"], p["target"]) for p in possible} & {(lk["source"], lk["target"]) for lk in links}
    for source in {p["source"] for p in possible}:
        scores = [p["score"] for p in possible if p["source"] == source]
        linked = [lk["score"] for lk in links if lk["source"] == source and lk["target"]]
        assert len(scores) <= 3 and scores == sorted(scores, reverse=True) and min(scores) >= 0.2
        assert not linked or max(scores) <= max(linked)
    register = "follow-through/2011-04-11-safeguarding-peer-review--2020-02-26-cypic-regional-peer-review/"
    rows = (site / register / "index.html").read_text(encoding="utf-8")
    first = possible[0]
    row = rows.split(f'<tr id="{first["source"].split("/", 1)[1]}">', 1)[1].split("</tr>", 1)[0]
    n = sum(1 for p in possible if p["source"] == first["source"])
    assert f'<details class="possible"><summary>{n} weaker match' in row and "not checked by an officer" in row
    assert 'in 2019, not linked</summary>' in row
    target_doc, target_key = first["target"].split("/", 1)
    assert f'href="../../documents/{target_doc}/#{target_key}"' in row.split('<details class="possible">', 1)[1]
    # The officer's queue (the example in `review --help`) lists the same links and matches.
    from ingest.cli import EXAMPLES
    from ingest.officer.review import review_queue

    assert "review 2011-04-11-safeguarding-peer-review " in EXAMPLES["review"]
    queue = review_queue(site, "2011-04-11-safeguarding-peer-review")
    sources = {lk["source"] for lk in links if (lk["source"] or "").startswith("2011-04-11-safeguarding-peer-review/")}
    made = sum(1 for lk in links if lk["source"] in sources and lk["target"])
    assert queue[-1].startswith(f"{len(sources)} earlier findings: {made} links (0 confirmed by an officer), {len(possible)} possible matches")

ALLOWED_EXTERNAL: set[str] = set()  # the papers' own source addresses are added from documents.json


def test_no_request_leaves_the_server(site: Path) -> None:
    docs = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    allowed = {s["url"] for d in docs for s in d["sources"] if s.get("url")}
    problems = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            for tag, url in re.findall(r"<(script|link|img|iframe|source|video|audio)\b[^>]*?(?:src|href)=\"(https?:[^\"]+)\"", html):
                problems.append((str(path.relative_to(site)), tag, url))
            for url in re.findall(r'<a\b[^>]*href="(https?://[^"]+)"', html):
                if url not in allowed:
                    problems.append((str(path.relative_to(site)), "a", url))
        elif path.suffix == ".css":
            css = path.read_text(encoding="utf-8", errors="replace")
            problems += [(str(path.relative_to(site)), "css", u) for u in re.findall(r"(?:url\(|@import\s+)['\"]?(https?://[^'\")]+)", css)]
        elif path.suffix in (".js", ".mjs"):
            js = path.read_text(encoding="utf-8", errors="replace")
            problems += [(str(path.relative_to(site)), "js", u) for u in re.findall(r"https?://(?:fonts\.googleapis|fonts\.gstatic|cdn\.|www\.google-analytics|www\.googletagmanager)[^'\"\s]*", js)]
    assert not problems, problems[:10]
    # Material's bundle names two unpkg.com scripts it loads on demand; every page's policy makes the
    # browser refuse any script not from the site itself (the browser tests load pages under it).
    policy = '<meta http-equiv="Content-Security-Policy" content="script-src \'self\' \'unsafe-inline\' \'wasm-unsafe-eval\'">'
    pages = [p for p in site.rglob("*.html")]
    assert pages and [str(p.relative_to(site)) for p in pages if policy not in p.read_text(encoding="utf-8")] == []
    assert "fonts.googleapis" not in (site / "index.html").read_text(encoding="utf-8")


def test_rebuild_is_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    build(BuildOptions(corpus=CORPUS, site=again, cache_dir=None, executor="serial"))
    # Pages and open data; Pagefind's own index files name their chunks by hash and are not compared.
    def files(root: Path) -> dict[Path, bytes]:
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and p.suffix in (".html", ".json", ".jsonl", ".csv") and "pagefind" not in p.parts}

    first, second = files(site), files(again)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_source_text_is_escaped(tmp_path: Path) -> None:
    corpus = tmp_path / "papers"
    corpus.mkdir()
    (corpus / "hostile.md").write_text(
        "# Report of the Director\n\n26 February 2020\n\n## Key findings\n\n"
        "- 1. The team noted <script>alert(1)</script> in the workforce caseloads.\n"
        "- 2. An image <img src=x onerror=alert(2)> about permanence.\n\n"
        "<p><b>Area <script>alert(3)</script></b></p>\t<ul><li>• A bullet <img src=y onerror=alert(4)> on missing children.</li></ul>\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build(BuildOptions(corpus=corpus, site=out, cache_dir=None, executor="serial"))
    pages = [p for p in (out / "documents").rglob("index.html") if "hostile" in str(p) or "director" in str(p)]
    html = "".join(p.read_text(encoding="utf-8") for p in (out / "documents").rglob("index.html"))
    assert pages or html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "onerror=alert" not in html.replace("onerror=alert(2)&gt;", "").replace("onerror=alert(4)&gt;", "")
    assert not re.search(r"<img[^>]*onerror", html)


def test_site_url_sub_path(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(BuildOptions(corpus=CORPUS, site=out, cache_dir=None, executor="serial", site_url="https://example.gov.uk/papers/"))
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.gov.uk/papers/documents/" in sitemap
    first = json.loads((out / "data" / "findings.jsonl").read_text(encoding="utf-8").splitlines()[0])
    # The finding's permanent address, the one its Cite button copies: absolute with a site address.
    assert first["url"].startswith("https://example.gov.uk/papers/documents/")
    page = (out / "documents" / first["document_id"] / "index.html").read_text(encoding="utf-8")
    assert f'data-url="{first["url"]}"' in page


def test_finding_headings_keep_one_permalink_and_no_placeholder(site: Path) -> None:
    """Pre-rendered HTML (fragments.py) reaches every page whole: no placeholder is left behind,
    and each finding heading has exactly one pilcrow permalink, as Markdown's toc gave it."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<!--ingest:" not in html, page
    doc = (site / "documents" / "2011-04-11-safeguarding-peer-review" / "index.html").read_text(encoding="utf-8")
    heads = re.findall(r'<h([3-6]) class="flabel" id="([^"]+)">(.*?)</h\1>', doc)
    assert len(heads) > 90
    assert all(body.count('class="headerlink"') == 1 and f'href="#{key}"' in body for _, key, body in heads)
