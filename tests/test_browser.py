"""Browser checks of the built site, done as a councillor, an officer and a web team would:
search and open results, cite findings and read the clipboard, use the site on a 390 px phone,
print a paper and the register to PDF and read the PDFs, and axe-core on every page visited.

The site is built into a temporary folder for http://127.0.0.1:<port>/papers/ and served from
its parent (missing addresses get the site's 404 page, as a web server would serve it), so every
check also proves the site works under a sub-path. The browser work is done by
tests/browser/check.mjs (playwright-core driving Debian's /usr/bin/chromium, never a downloaded
browser); it prints one JSON report that these tests read. Screenshots and the printed PDFs are
kept in the test's temporary folder (the report names them).

Needs: /usr/bin/chromium (apt-get install chromium) and node_modules/playwright-core and
node_modules/axe-core (npm ci); scripts/install-browser-deps.sh does both. Without chromium or
playwright-core the tests are skipped with the reason.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHECK = ROOT / "tests" / "browser" / "check.mjs"
SUB_PATH = "/papers/"
AXE_PAGES = ["home", "theme", "document", "annual-report", "documents", "follow-through-index", "follow-through",
             "recommendations", "glossary", "search", "not-found", "phone-document", "phone-register"]
PHONE_PAGES = ["home", "search", "theme", "documents", "document", "annual-report", "follow-through",
               "recommendations", "glossary", "meeting", "not-found"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return (
            f"{CHROMIUM} is missing (apt-get install chromium, or scripts/install-browser-deps.sh)"
        )
    if not (ROOT / "node_modules" / "playwright-core").is_dir():
        return "node_modules/playwright-core is missing (npm ci at the repo root, or scripts/install-browser-deps.sh)"
    return None


class _QuietHandler(SimpleHTTPRequestHandler):
    not_found: Path | None = None  # the site's 404 page, served for any missing address

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found
        if code != 404 or page is None or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    node = shutil.which("node")
    assert node, "node is not on PATH (needed to run tests/browser/check.mjs)"
    assert (ROOT / "node_modules" / "axe-core" / "axe.min.js").is_file(), (
        "node_modules/axe-core is missing: run npm ci"
    )

    tmp = tmp_path_factory.mktemp("browser")
    serve_root = tmp / "www"
    site = serve_root / SUB_PATH.strip("/")
    # Take a free port first: the site's URL (and so its sitemap and canonical links) needs it.
    handler = type("_Handler", (_QuietHandler,), {"not_found": site / "404.html"})
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(serve_root))
    )
    port = server.server_address[1]
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    try:
        build = subprocess.run(
            [
                sys.executable,
                "-m",
                "ingest",
                "build",
                "--quiet",
                "--site",
                str(site),
                "--cache",
                str(tmp / "cache"),
                "--site-url",
                base,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
            # Small search shards, so the 2011, 2017 and 2020 results below come from several
            # Pagefind bundles merged in the browser, as on a large site.
            env={**os.environ, "INGEST_SEARCH_SHARD_SIZE": "3"},
        )
        assert build.returncode == 0, (
            f"site build failed:\n{build.stdout[-3000:]}\n{build.stderr[-3000:]}"
        )
        assert (site / "index.html").is_file() and (site / "pagefind").is_dir(), (
            "build wrote no site or no Pagefind index"
        )
        assert len(json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["bundles"]) >= 2

        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        out = tmp / "report.json"
        env = dict(os.environ, CHROMIUM=str(CHROMIUM))
        run = subprocess.run(
            [node, str(CHECK), base, "--out", str(out), "--shots", str(tmp / "shots")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert out.is_file(), (
            f"check.mjs wrote no report (exit {run.returncode}):\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
        )
        data: dict[str, Any] = json.loads(out.read_text())
        assert not data.get("fatal"), f"the browser did not start: {data.get('failures')}"
        data["site"] = str(site)
        return data
    finally:
        server.shutdown()
        server.server_close()


def _fmt_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(
            f"- {v['id']} ({v['impact']}, {v['count']} elements): {v['help']} {v['helpUrl']}"
        )
        for n in v["nodes"][:3]:
            lines.append(f"    {n['target']}: {n['html'][:160]}")
    return "\n".join(lines)


def _findings(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    path = Path(report["site"]) / "data" / "findings.jsonl"
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def _pdf_pages(path: str) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def _squash(text: str) -> str:
    """Text without its spaces and line breaks: a printed address may break anywhere (pdfium
    gives a hyphen a line broke at as U+FFFE)."""
    return "".join(text.replace("\ufffe", "-").split())


def test_every_step_ran(report: dict[str, Any]) -> None:
    assert not report["failures"], json.dumps(report["failures"], indent=2)


def test_search_finds_corporate_parenting_across_years(report: dict[str, Any]) -> None:
    search = report["search"]
    assert search.get("titles"), f"no results for {search.get('query')!r}: {search.get('status')!r}"
    missing = {"2011", "2017", "2019", "2020"} - set(search["yearsFound"])
    assert not missing, f"no results from {sorted(missing)}; titles: {search['titles']}"
    assert search["subResults"] and all("#" in u for u in search["subResults"]), "results do not link to findings"
    assert not any("\u00b6" in p for p in search["places"]), search["places"]  # no pilcrow in a match's place
    assert report["phrase"].get("titles"), f"no results for {report['phrase'].get('query')!r}"


def test_theme_pages_are_results_for_their_name(report: dict[str, Any]) -> None:
    assert "Corporate parenting (theme)" in report["search"]["themes"], report["search"]["themes"]


def test_a_result_opens_at_the_finding_that_holds_the_words_highlighted(report: dict[str, Any]) -> None:
    """Searching a finding's phrase and opening the 2011 result lands on that finding (not its
    section's heading, 2,000 px above it), on screen, marked as the target, its words marked."""
    landing = report["landing"]
    assert landing.get("found"), landing
    assert landing["url"].startswith(report["base"] + "documents/2011-04-11-safeguarding-peer-review/"), landing
    assert landing["id"] == "consider-capacity-and-capability-4", landing
    assert landing["holdsPhrase"] and landing["isTarget"] and landing["inViewport"], landing
    assert {"variable", "caseloads"} <= set(landing["marked"]), landing
    assert landing["highlighted"] not in ("rgba(0, 0, 0, 0)", "transparent"), landing


def test_a_paper_with_many_matches_shows_them_all(report: dict[str, Any]) -> None:
    many = report["many"]
    assert many["total"] > 3 and many["before"] == 3 and many["after"] == many["total"], many
    assert many["expanded"] == "true" and f"Show all {many['total']} matches" in many["label"], many
    assert all(" \u203a " in p or p for p in many["places"])


def test_results_sort_by_date_and_the_address_restores_the_search(report: dict[str, Any]) -> None:
    sort = report["sort"]
    assert "q=corporate+parenting" in sort["address"] and "sort=newest" in sort["address"], sort
    dates = [d for d in sort["dates"] if d]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 3, sort
    assert sort["restoredDates"] == sort["dates"], sort
    assert sort["restoredQuery"] == "corporate parenting" and sort["restoredSort"] == "newest", sort


def test_the_2019_review_is_found_under_2019(report: dict[str, Any]) -> None:
    """Filtered to 2019, the search finds the review of November 2019 reported in February 2020."""
    f = report["filter"]
    assert "year=2019" in f["address"], f
    assert f["titles"] and all("2019" in years.split() for years in f["years"]), f
    assert any("Regional Peer Review" in t and "2020" in t and "2019" in t for t in f["titles"]), f


def test_every_page_has_a_search_box(report: dict[str, Any]) -> None:
    header = report["header"]
    assert header["address"] == report["base"] + "search/?q=caseloads", header
    assert header["titles"], header


def test_keyboard_reaches_search_with_visible_focus(report: dict[str, Any]) -> None:
    kb = report["keyboard"]
    assert kb.get("reached"), f"Tab never reached a search input; focus went: {kb.get('path')}"
    assert kb["focusVisibleOk"], f"no visible focus on the search input: {kb}"
    assert kb["borderContrast"] >= 3, f"search input edge contrast {kb['borderContrast']}:1 (needs 3:1)"


@pytest.mark.parametrize("where", ["document", "tableRow", "theme", "recommendations"])
def test_cite_copies_the_citation_and_the_findings_permanent_address(report: dict[str, Any], where: str) -> None:
    """Click Cite and read the clipboard: the citation and the finding's own address with its
    anchor (absolute: the site was built with --site-url), the open data's `url` for it, and
    "copied" announced in a live region."""
    got = report["cite"][where]
    assert got.get("clipboard"), got
    assert got["clipboard"] == got["expected"], got
    address = got["clipboard"].rsplit(" ", 1)[1]
    assert address.startswith(report["base"] + "documents/") and "#" in address, address
    assert address in {f["url"] for f in _findings(report).values()}
    assert got["live"] == "polite" and got["announced"].startswith("Citation copied"), got


@pytest.mark.parametrize("page", PHONE_PAGES)
def test_no_page_scrolls_sideways_on_a_phone(report: dict[str, Any], page: str) -> None:
    got = report["phone"]["pages"][page]
    assert got["scrollWidth"] <= got["clientWidth"] == 390, got
    assert not got["wide"], got


def test_the_register_stacks_its_rows_on_a_phone(report: dict[str, Any]) -> None:
    reg = report["phone"]["register"]
    assert reg["display"] and set(reg["display"]) == {"block"}, reg
    assert '"What the 2019 review said"' in reg["labels"], reg
    assert max(reg["rights"]) <= reg["width"], reg


def test_a_long_report_is_shorter_on_a_phone_and_opens_where_linked(report: dict[str, Any]) -> None:
    """The IRO report was 77,000-83,000 px long on a phone, most of it tables of figures: they
    fold there (the rest is the report's own text), and a link to a row opens its table at it."""
    assert report["phone"]["pages"]["annual-report"]["height"] < 55_000, report["phone"]["pages"]["annual-report"]
    row = report["phone"]["foldedRow"]
    assert row["found"] and row["open"] and row["onScreen"] and row["folded"] > 10, row


def test_a_phone_gets_the_pages_contents(report: dict[str, Any]) -> None:
    contents = report["phone"]["contents"]
    assert contents["visible"], contents
    entries = contents["entries"]
    assert entries[:2] == ["Where it was published", "Text"], entries
    assert {"Overall strengths", "Good practice", "Areas for further consideration", "Agreed priorities"} <= set(entries), entries
    assert not {"Paul Curran", "Head of Safeguarding Programme, LG Improvement and Development"} & set(entries), entries
    assert contents["after"]["hash"] == "#areas-for-further-consideration" and contents["after"]["onScreen"], contents


def test_a_printed_paper_has_each_findings_citation_and_address_and_no_buttons(report: dict[str, Any]) -> None:
    pages = _pdf_pages(report["print"]["document"]["pdf"])
    findings = [f for f in _findings(report).values() if f["document_id"] == "2011-04-11-safeguarding-peer-review"]
    printed = _squash("".join(pages))
    missing = [f["id"] for f in findings if _squash(f["url"]) not in printed or _squash(f["citation"]) not in printed]
    assert not missing, f"{len(missing)} findings printed without their citation or address, e.g. {missing[:5]}"
    assert not any(line.strip() in ("Cite", "Copied") for page in pages for line in page.splitlines())
    assert "Search the papers" not in printed and "Contentsofthispage" not in printed
    # A finding is not split over two pages: its citation and address are on one page.
    squashed = [_squash(p) for p in pages]
    split = [f["id"] for f in findings if not any(_squash(f["citation"]) + _squash(f["url"]) in p for p in squashed)]
    assert not split, f"split over pages: {split[:5]}"


def test_the_printed_register_keeps_both_columns(report: dict[str, Any]) -> None:
    """Printed, the register's right column is there in full (it was cut off) and it is not
    seventy pages long."""
    pages = _pdf_pages(report["print"]["register"]["pdf"])
    printed = _squash("".join(pages))
    links = [json.loads(x) for x in (Path(report["site"]) / "data" / "links.jsonl").read_text(encoding="utf-8").splitlines()]
    findings = _findings(report)
    early = "2011-04-11-safeguarding-peer-review/"
    said = {lk["target"] for lk in links if (lk["source"] or "").startswith(early) and lk["target"]}
    lost = [t for t in said if _squash(findings[t]["text"][:120]) not in printed]
    assert not lost, f"{len(lost)} later findings missing from the printed register, e.g. {lost[:5]}"
    assert "Whatthe2019reviewsaid" in printed
    assert len(pages) <= 50, len(pages)


def test_the_404_page_helps(report: dict[str, Any]) -> None:
    nf = report["notFound"]
    assert nf["status"] == 404 and nf["heading"] == "Page not found" and nf["search"], nf
    for rel in ("", "themes/", "documents/", "follow-through/", "recommendations/"):
        assert report["base"] + rel in nf["links"], (rel, nf["links"])
    assert nf["description"], nf


def test_served_under_sub_path(report: dict[str, Any]) -> None:
    assert not report["outsideBase"], f"requests outside {SUB_PATH}: {report['outsideBase'][:10]}"
    assert not report["httpErrors"], json.dumps(report["httpErrors"][:10], indent=2)


def test_no_script_errors(report: dict[str, Any]) -> None:
    assert not report["errors"], json.dumps(report["errors"][:10], indent=2)


@pytest.mark.parametrize("page", AXE_PAGES)
def test_no_axe_violations(report: dict[str, Any], page: str) -> None:
    """No violation of any impact (heading order included), and every link, button and field
    has a name a screen reader can say."""
    assert page in report["axe"], f"axe did not run on {page}: {report['failures']}"
    result = report["axe"][page]
    assert not result["violations"], f"axe on {result['url']}:\n{_fmt_violations(result['violations'])}"
    assert not result["unnamed"], result["unnamed"]
