"""The site as councillors, officers and a web team use it (issue 17), end to end through the
build: every citation, search result and link lands where it says, links say who made them and
how sure they are, a review is found under the year it reviewed, pages follow the paper's own
headings, readers see plain words, and the web team gets real sitemap dates, descriptions and a
useful 404 page. The browser half of these checks is tests/test_browser.py."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from ingest.corpus.tagger import load_taxonomy
from ingest.pipeline import BuildOptions, build

from .conftest import CORPUS

pytestmark = pytest.mark.slow

SITE_URL = "https://example.gov.uk/papers/"
LETTER = "2011-04-11-safeguarding-peer-review"

REVIEW_2011 = """# Children's Services Peer Review

11 April 2011

Dear Director

Thank you for taking part in the peer review.

## Areas for Consideration

- The peer review team found variable caseloads for social workers across the teams.
- The peer review team noted that the corporate parenting board rarely hears from children in care.
- Budget management is sound.
"""

REVIEW_2019 = """# Regional Peer Review of Children in Care

Report of the Assistant Director

26 February 2020

## Key findings

1. The peer review found that caseloads for social workers remain high in the assessment teams.
2. The peer review heard that the corporate parenting board now hears from children in care at every meeting.

## Contact Details

Author: A. Person, Head of Service

# Paul Curran

# Head of Programme
"""

MANIFEST = """publisher: Example Council
documents:
  - file: review-2011.md
    id: review-2011
    title: Children's Services Peer Review
    date: 2011-04-11
    kind: peer-review letter
    series: reviews
    period: 2011-02
  - file: review-2019.md
    id: review-2019
    title: Regional Peer Review of Children in Care
    date: 2020-02-26
    kind: committee report
    series: reviews
    period: 2019-11
"""

# An officer confirms the corporate parenting link (the rules made it too).
DECISIONS = """decisions:
  - source: review-2011/areas-for-consideration-bullet-2
    target: review-2019/p2
    decision: confirm
    by: J. Smith
"""


def _two_reviews(root: Path) -> Path:
    corpus = root / "papers"
    corpus.mkdir(parents=True)
    (corpus / "review-2011.md").write_text(REVIEW_2011, encoding="utf-8")
    (corpus / "review-2019.md").write_text(REVIEW_2019, encoding="utf-8")
    (corpus / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    (corpus / "link-decisions.yaml").write_text(DECISIONS, encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def reviews(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two reviews of one series, built for SITE_URL."""
    root = tmp_path_factory.mktemp("reviews")
    site = root / "site"
    build(BuildOptions(corpus=_two_reviews(root), site=site, cache_dir=None, executor="serial", site_url=SITE_URL))
    return site


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus, built for SITE_URL."""
    site = tmp_path_factory.mktemp("seed") / "site"
    build(BuildOptions(corpus=CORPUS, site=site, cache_dir=None, executor="serial", site_url=SITE_URL))
    return site


def _jsonl(site: Path, name: str) -> list[dict]:
    return [json.loads(x) for x in (site / "data" / name).read_text(encoding="utf-8").splitlines()]


def _page(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def _article(page: str) -> str:
    """The page's own content (Material's <article>), without the navigation around it."""
    return page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def _visible(page: str) -> str:
    """The words a reader sees in the page's content (tags, scripts and hidden blocks dropped)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", _article(page), flags=re.S)
    body = re.sub(r'<div data-pagefind-ignore="index" hidden="hidden">.*?</div>', " ", body, flags=re.S)
    body = re.sub(r'<p class="print-cite".*?</p>', " ", body, flags=re.S)  # print only
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _headings(page: str, findings: bool = False) -> list[tuple[int, str, str]]:
    """(level, id, text) of the headings in the page's content: its sections (and, with
    `findings`, the findings' own headings too)."""
    out = []
    for level, attrs, body in re.findall(r'<h([1-6])\b([^>]*)>(.*?)</h\1>', _article(page), re.S):
        hid = re.search(r'\bid="([^"]+)"', attrs)
        if hid and (findings or "flabel" not in attrs):
            words = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r'<a class="headerlink".*?</a>', "", body)))
            out.append((int(level), hid.group(1), " ".join(words.split())))
    return out


def test_link_evidence_never_counts_the_papers_own_title_words(reviews: Path) -> None:
    """Both reviews' titles say "Peer Review", and so does every finding ("the peer review
    found..."): those words are the papers' names, not evidence that two findings speak of one
    matter. They used to be scored and shown as "word: peer"."""
    links = [lk for lk in _jsonl(reviews, "links.jsonl") if lk["source"] and lk["target"]]
    assert {(lk["source"], lk["target"]) for lk in links} >= {("review-2011/areas-for-consideration-bullet-1", "review-2019/p1")}
    words = {e for lk in links for e in lk["evidence"] if e.startswith("word: ")}
    assert "word: caseload" in words
    assert not {"word: peer", "word: review", "word: child", "word: care"} & words, words
    register = _visible(_page(reviews, "follow-through/review-2011--review-2019"))
    assert "\u201cpeer\u201d" not in register and "\u201creview\u201d" not in register


def test_follow_through_says_who_made_each_link_and_how_sure_it_is(reviews: Path) -> None:
    """On the earlier review's page and in the register: "suggested by the rules: strong/possible
    match" or "confirmed by an officer", never a bare score; and "no matching passage found in
    the 2019 review" where the open data says "not taken up" (it does not mean nothing was done)."""
    links = {(lk["source"], lk["target"]): lk for lk in _jsonl(reviews, "links.jsonl")}
    made = links[("review-2011/areas-for-consideration-bullet-1", "review-2019/p1")]
    assert not made["confirmed"] and made["score"] >= 0.45  # the open data keeps the score
    assert links[("review-2011/areas-for-consideration-bullet-2", "review-2019/p2")]["confirmed"]
    assert links[("review-2011/areas-for-consideration-bullet-3", None)]["relation"] == "not taken up in 2019"
    page = _page(reviews, "documents/review-2011")
    follows = dict(re.findall(r'<a class="follow" href="[^"]*#([^"]+)">([^<]+)</a>', page))
    assert follows["areas-for-consideration-bullet-1"] == "2019 review: progress is reported (suggested by the rules: strong match)"
    assert follows["areas-for-consideration-bullet-2"].endswith("(confirmed by an officer)")
    assert follows["areas-for-consideration-bullet-3"] == "No matching passage found in the 2019 review"
    register = _page(reviews, "follow-through/review-2011--review-2019")
    words = _visible(register)
    assert "suggested by the rules: strong match" in words and "confirmed by an officer" in words
    assert "No matching passage found in the 2019 review" in words
    for site_page in (page, register, _page(reviews, "themes/workforce")):
        assert not re.search(r"score \d|[Nn]ot taken up", _visible(site_page))
    # The theme page says what the later review said on the earlier finding, as the paper's page does.
    assert "2019 review: progress is reported (suggested by the rules: strong match)" in _page(reviews, "themes/workforce")


def test_cite_and_the_open_data_give_the_same_absolute_address(seed: Path) -> None:
    """Every Cite button (on a paper's page, a table row, a theme page, the recommendations
    register) carries the citation and permanent address of the finding it cites: the finding's
    `url` in the open data, absolute since the site's address is known."""
    findings = _jsonl(seed, "findings.jsonl")
    assert all(f["url"].startswith(SITE_URL + "documents/") and "/#" in f["url"] for f in findings)
    cited = {(f["citation"], f["url"]) for f in findings}
    for rel in (f"documents/{LETTER}", "documents/2017-iro-annual-report-2016-17", "themes/corporate-parenting", "recommendations"):
        page = _page(seed, rel)
        buttons = re.findall(r'<button class="cite md-button" type="button" data-cite="([^"]+)" data-url="([^"]+)"', page)
        assert len(buttons) == page.count('class="cite md-button"') > 0, rel
        assert [b for b in buttons if tuple(map(html.unescape, b)) not in cited] == [], rel
    # The finding's own page's button: its citation and address.
    own = next(f for f in findings if f["id"] == f"{LETTER}/consider-looked-after-children-1")
    assert f'data-cite="{html.escape(own["citation"])}" data-url="{own["url"]}"' in _page(seed, f"documents/{LETTER}")


def test_without_the_sites_address_cite_resolves_to_the_same_path_as_the_open_data(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(BuildOptions(corpus=_two_reviews(tmp_path), site=site, cache_dir=None, executor="serial"))
    f = next(r for r in _jsonl(site, "findings.jsonl") if r["id"] == "review-2019/p1")
    assert f["url"] == "/documents/review-2019/#p1"
    for rel in ("documents/review-2019", "themes/workforce"):
        address = re.search(r'data-cite="[^"]*Key findings, para 1\.?"[^>]*data-url="([^"]+)"', _page(site, rel))
        assert address, rel
        # site.js makes it absolute from where the page is read: the same path from the root.
        assert urljoin(f"https://any.host/{rel}/", html.unescape(address.group(1))) == f"https://any.host{f['url']}"
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()  # no address, no sitemap


def test_a_review_is_listed_filtered_and_charted_under_the_year_it_reviewed(reviews: Path) -> None:
    """The review of November 2019 reported on 26 February 2020 is "the 2019 review": it is
    under 2019 in the documents list, the search filter and the theme timeline, with both dates."""
    index = _article(_page(reviews, "documents"))
    under_2019 = index.split('<h2 id="2019">', 1)[1].split("<h2", 1)[0]
    assert 'href="review-2019/"' in under_2019
    under_2020 = index.split('<h2 id="2020">', 1)[1].split("<h2", 1)[0]
    assert "Also published in 2020" in under_2020 and "listed under 2019" in under_2020
    assert "26 February 2020 (reviewing November 2019)" in _visible(_page(reviews, "documents"))
    assert "Also published in 2020" in _visible(_page(reviews, "documents"))
    page = _page(reviews, "documents/review-2019")
    assert set(re.findall(r'data-pagefind-filter="year">(\d{4})<', page)) == {"2019", "2020"}
    assert 'data-pagefind-sort="date:2020-02-26"' in page
    theme = _page(reviews, "themes/workforce")
    section = theme.split('<h2 id="y2019">2019</h2>', 1)[1].split("</section>", 1)[0]
    assert "Regional Peer Review of Children in Care" in section and "26 February 2020 (reviewing November 2019)" in section
    assert re.search(r"<rect [^>]*><title>Regional Peer Review of Children in Care \(26 February 2020 \(reviewing November 2019\)\): 1</title>", theme)
    assert 'data-year="2019 2020"' in theme


def test_a_papers_headings_are_its_sections_not_its_cover_lines(reviews: Path, seed: Path) -> None:
    later = _headings(_page(reviews, "documents/review-2019"))
    assert [(lvl, text) for lvl, _, text in later if lvl <= 3] == [
        (1, "Regional Peer Review of Children in Care"), (2, "Where it was published"), (2, "Text"), (3, "Key findings"),
        (3, "Contact Details")]
    assert [lvl for lvl, hid, _ in _headings(_page(reviews, "documents/review-2019"), findings=True) if hid in ("p1", "p2")] == [4, 4]
    assert 'class="cover-line">Paul Curran<' in _page(reviews, "documents/review-2019")
    letter = _page(seed, f"documents/{LETTER}")
    sections = [text for lvl, _, text in _headings(letter) if lvl == 3]
    assert sections[:5] == ["Overall strengths", "Areas for Consideration", "Good practice", "Areas for further consideration",
                            "Areas for Consideration (continued)"] and sections[-1] == "Agreed priorities"
    assert not {"Paul Curran", "Head of Safeguarding Programme, LG Improvement and Development"} & {t for _, _, t in _headings(letter)}
    # A review table's row split off by a page break keeps its area, said to continue.
    assert "Capacity and capability (continued)" in {t for _, _, t in _headings(letter)}
    # The contents for phones list the same sections.
    contents = letter.split('<details class="page-contents">', 1)[1].split("</details>", 1)[0]
    assert all(f">{html.escape(s, quote=False)}</a>" in contents for s in sections)
    # No heading is more than one level below the one before it, on any paper's page.
    for page in (seed / "documents").glob("*/index.html"):
        levels = [lvl for lvl, _, _ in _headings(page.read_text(encoding="utf-8"), findings=True)]
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert not jumps, (page.parent.name, jumps[:3])


def test_a_cover_is_text_and_a_heading_over_headings_is_a_heading(seed: Path) -> None:
    """The lines above a report's printed title (the committee, "Report of the Assistant
    Director") are its cover, even with the date under them; a heading whose sections follow it
    ("Our improvement priorities for the next 12 months", "Council Plan priorities ...") heads them."""
    overview = _page(seed, "documents/2020-02-26-overview-of-childrens-services")
    sections = [t for _, _, t in _headings(overview)]
    assert "Children, Education & Communities Policy & Scrutiny Committee" not in sections
    assert 'class="cover-line">Children, Education &amp; Communities Policy &amp; Scrutiny Committee<' in overview
    assert sections.index("Our improvement priorities for the next 12 months") + 1 == sections.index("Achieving a consistent approach to practice")
    plan = [t for _, _, t in _headings(_page(seed, "documents/2020-02-26-work-plan"))]
    assert "Council Plan priorities relating to Children, Education and Communities" in plan


def test_citations_write_paragraphs_one_way(seed: Path) -> None:
    citations = [f["citation"] for f in _jsonl(seed, "findings.jsonl")]
    assert not [c for c in citations if "para. " in c]
    assert any(", para 1, p. 1." in c for c in citations) and any(", para 7.1." in c for c in citations)


def test_readers_see_plain_words(seed: Path) -> None:
    """No machine words on the pages readers read: no theme ids behind "Tagged by", no
    "concept: workforce-capacity", no scores, no "taxonomy", no file names where it was
    published, no "hover" advice for phones; and the home page counts what the documents list does."""
    pages = {p.relative_to(seed).as_posix(): p.read_text(encoding="utf-8") for p in seed.rglob("*.html")}
    for rel, page in pages.items():
        words = _visible(page)
        for machine in ("Tagged by", "Evidence:", "taxonomy", "Hover over", "curated list"):
            assert machine not in words, (rel, machine)
        assert not re.search(r"\bscore \d|\b(?:theme|concept|word): [A-Za-z]|[a-z]+-[a-z]+-[a-z]+: ", words), rel
    letter = _page(seed, f"documents/{LETTER}")
    published = letter.split('<ul class="sources">', 1)[1].split("</ul>", 1)[0]
    assert "letter.pdf<" not in published and "letter.md" not in published and "The paper as published (PDF)" in published
    home = re.search(r"This site holds (\d+) documents", _visible(pages["index.html"]))
    listed = re.search(r"(\d+) documents, newest first", _visible(pages["documents/index.html"]))
    assert home and listed and home.group(1) == listed.group(1) == "8"


def test_the_web_team_gets_dated_sitemap_descriptions_a_useful_404_and_no_unused_search(seed: Path) -> None:
    sitemap = (seed / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((seed / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    entries = dict(re.findall(r"<loc>([^<]+)</loc>(?:\s*<lastmod>([^<]+)</lastmod>)?", sitemap))
    assert "1970-01-01" not in sitemap
    assert entries[f"{SITE_URL}documents/{LETTER}/"] == "2011-04-11"
    assert entries[f"{SITE_URL}themes/corporate-parenting/"] == "2020-02-26"
    pages = sorted(p.relative_to(seed).parent.as_posix() for p in seed.rglob("index.html"))
    assert sorted(loc.removeprefix(SITE_URL).rstrip("/") or "." for loc in entries) == pages
    for page in seed.rglob("*.html"):
        description = re.search(r'<meta name="description" content="([^"]+)">', page.read_text(encoding="utf-8"))
        assert description and len(description.group(1)) > 30, page
    assert "Peer-review letter, 11 April 2011" in _page(seed, f"documents/{LETTER}")
    scripts = {p.relative_to(seed / "assets" / "javascripts").as_posix() for p in (seed / "assets" / "javascripts").rglob("*") if p.is_file()}
    assert scripts and not [s for s in scripts if s.startswith(("lunr/", "workers/"))], scripts
    missing = (seed / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in missing and 'action="/papers/search/"' in missing and 'href="/papers/themes/"' in missing


def _fragments(bundle: Path) -> list[dict]:
    return [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")) for f in (bundle / "fragment").iterdir()]


def test_the_search_index_knows_every_finding_and_each_theme(seed: Path) -> None:
    """Each finding's heading is an anchor Pagefind returns as a result (it was left out, so
    results opened at the section), titled by its label alone (no kind, no pilcrow); the theme
    pages are in a small bundle of their own, indexed by their name and definition."""
    shards = json.loads((seed / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    fragments = [f for b in shards["bundles"] for f in _fragments(seed / "pagefind" / b)]
    letter = next(f for f in fragments if f["url"] == f"/documents/{LETTER}/")  # the site's address is added when searching
    anchors = {a["id"]: a for a in letter["anchors"]}
    keys = [f["id"].split("/", 1)[1] for f in _jsonl(seed, "findings.jsonl") if f["document_id"] == LETTER]
    assert [k for k in keys if k not in anchors] == []
    assert anchors["consider-capacity-and-capability-4"]["text"] == "bullet 4"
    assert not [a for f in fragments for a in f["anchors"] if "\u00b6" in a.get("text", "")]
    assert "City of York Council, Children" not in letter["content"]  # the print-only citations are not indexed
    themes = _fragments(seed / "pagefind" / shards["themes"])
    assert {f["url"] for f in themes} == {f"/themes/{t}/" for t in load_taxonomy(CORPUS).themes}
    corporate = next(f for f in themes if f["url"] == "/themes/corporate-parenting/")
    assert corporate["meta"]["title"] == "Corporate parenting (theme)" and corporate["filters"]["type"] == ["theme"]


def test_the_theme_bundle_is_kept_while_the_taxonomy_is_unchanged(tmp_path: Path) -> None:
    corpus = _two_reviews(tmp_path)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(BuildOptions(corpus=corpus, site=site, cache_dir=cache, executor="serial"))
    entry = site / "pagefind" / "t" / "pagefind-entry.json"
    before = entry.stat().st_ino
    paper = corpus / "review-2019.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("remain high", "remain very high"), encoding="utf-8")
    build(BuildOptions(corpus=corpus, site=site, cache_dir=cache, executor="serial"))
    assert entry.stat().st_ino == before  # theme counts changed nothing Pagefind indexes
    assert "remain very high" in _page(site, "documents/review-2019")
