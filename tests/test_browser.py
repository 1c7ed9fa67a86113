"""Browser checks of the built site: Pagefind search, finding anchors, keyboard focus and axe-core.

The site is built into a temporary folder for http://127.0.0.1:<port>/papers/ and served from
its parent, so every check also proves the site works under a sub-path. The browser work is done
by tests/browser/check.mjs (playwright-core driving Debian's /usr/bin/chromium, never a
downloaded browser); it prints one JSON report that these tests read.

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
from urllib.parse import urljoin

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHECK = ROOT / "tests" / "browser" / "check.mjs"
SUB_PATH = "/papers/"
AXE_PAGES = ["home", "theme", "document", "follow-through-index", "follow-through", "search"]
BLOCKING = {"serious", "critical"}

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
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


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
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(serve_root))
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
            [node, str(CHECK), base, "--out", str(out)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.is_file(), (
            f"check.mjs wrote no report (exit {run.returncode}):\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
        )
        data: dict[str, Any] = json.loads(out.read_text())
        assert not data.get("fatal"), f"the browser did not start: {data.get('failures')}"
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


def test_every_step_ran(report: dict[str, Any]) -> None:
    assert not report["failures"], json.dumps(report["failures"], indent=2)


def test_search_finds_corporate_parenting_across_years(report: dict[str, Any]) -> None:
    search = report["search"]
    assert search.get("titles"), (
        f"no results for {search.get('query')!r}: {search.get('message')!r}"
    )
    assert all(t for t in search["titles"]), search["titles"]
    missing = {"2011", "2017", "2020"} - set(search["years"])
    assert not missing, f"no results from {sorted(missing)}; titles: {search['titles']}"
    assert search["subResults"] and all("#" in u for u in search["subResults"]), (
        "results do not link to findings"
    )


def test_quoted_phrase_search(report: dict[str, Any]) -> None:
    phrase = report["phrase"]
    assert phrase.get("titles"), (
        f"no results for {phrase.get('query')!r}: {phrase.get('message')!r}"
    )


def test_home_page_search(report: dict[str, Any]) -> None:
    home = report["homeSearch"]
    assert home.get("titles"), f"the home page's search box found nothing: {home}"


def test_sub_result_goes_to_the_finding(report: dict[str, Any]) -> None:
    anchor = report["anchor"]
    assert anchor.get("href") and "#" in anchor["href"], f"first sub-result has no anchor: {anchor}"
    assert anchor["url"].startswith(report["base"]), f"left the site's sub-path: {anchor}"
    assert anchor["url"] == urljoin(report["base"], anchor["href"]), (
        f"did not go where the link points: {anchor}"
    )
    assert anchor["found"], f"no element with id {anchor['id']!r} on {anchor['url']}"
    assert anchor["isTarget"] and anchor["inViewport"], anchor


def test_keyboard_reaches_search_with_visible_focus(report: dict[str, Any]) -> None:
    kb = report["keyboard"]
    assert kb.get("reached"), f"Tab never reached the search input; focus went: {kb.get('path')}"
    assert kb["focusVisibleOk"], f"no visible focus on the search input: {kb}"
    assert kb["borderContrast"] >= 3, (
        f"search input edge contrast {kb['borderContrast']}:1 (needs 3:1)"
    )


def test_served_under_sub_path(report: dict[str, Any]) -> None:
    assert not report["outsideBase"], f"requests outside {SUB_PATH}: {report['outsideBase'][:10]}"
    assert not report["httpErrors"], json.dumps(report["httpErrors"][:10], indent=2)


def test_no_script_errors(report: dict[str, Any]) -> None:
    assert not report["errors"], json.dumps(report["errors"][:10], indent=2)


@pytest.mark.parametrize("page", AXE_PAGES)
def test_no_serious_axe_violations(report: dict[str, Any], page: str) -> None:
    assert page in report["axe"], f"axe did not run on {page}: {report['failures']}"
    result = report["axe"][page]
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {result['url']}:\n{_fmt_violations(blocking)}"
