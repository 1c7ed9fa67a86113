"""The render stage's engine: MkDocs runs in-process, and what stops it reaches the user as one
message naming the file and what to fix; `serve` rebuilds on a change with MkDocs' own server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.pipeline import BuildOptions, build
from ingest.site.publish import MARKER

from .conftest import ROOT


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the web team's mkdocs.yml and docs/, as the build's current folder."""
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    monkeypatch.chdir(folder)
    return folder


def _site_kept(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _hook(project: Path, source: str) -> None:
    """The web team's MkDocs hook: `source` as the project's hooks.py, named in its mkdocs.yml."""
    (project / "hooks.py").write_text(source, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as fh:
        fh.write("\nhooks:\n  - hooks.py\n")


def test_a_broken_project_configuration_is_named_with_its_key(tmp_path: Path, small: Path, project: Path) -> None:
    site = tmp_path / "site"
    build(BuildOptions(corpus=small, site=site, cache_dir=tmp_path / "cache", executor="serial"))
    before = _site_kept(site)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("use_directory_urls: true", "use_directory_urls: sometimes"), encoding="utf-8")
    with pytest.raises(IngestError) as err:
        build(BuildOptions(corpus=small, site=site, cache_dir=tmp_path / "cache", executor="serial"))
    message = str(err.value)
    assert message.startswith(f"[E341] {project / 'mkdocs.yml'}: MkDocs could not read")
    assert "use_directory_urls" in message and len(message) < 1000
    assert _site_kept(site) == before  # the published site was left as it was


def test_a_failing_project_hook_is_named_not_a_stderr_tail(tmp_path: Path, small: Path, project: Path) -> None:
    _hook(project, "def on_page_markdown(markdown, page, config, files):\n"
                   "    if page.file.src_uri == 'about.md':\n"
                   "        raise ValueError('the web team hook cannot read about.md')\n"
                   "    return markdown\n")
    with pytest.raises(IngestError) as err:
        build(BuildOptions(corpus=small, site=tmp_path / "site", cache_dir=None, executor="serial"))
    message = str(err.value)
    assert message.startswith("[E342]") and "ValueError: the web team hook cannot read about.md" in message
    assert "Traceback" not in message and len(message) < 1000


def test_an_error_mkdocs_logs_stops_the_strict_build_and_is_quoted(tmp_path: Path, small: Path, project: Path) -> None:
    _hook(project, "import logging\n\n"
                   "def on_page_markdown(markdown, page, config, files):\n"
                   "    if page.file.src_uri == 'about.md':\n"
                   "        logging.getLogger('mkdocs.plugins.example').error('about.md: the licence line is missing')\n"
                   "    return markdown\n")
    with pytest.raises(IngestError) as err:
        build(BuildOptions(corpus=small, site=tmp_path / "site", cache_dir=None, executor="serial"))
    assert str(err.value).startswith(f"[E340] {project / 'mkdocs.yml'}: MkDocs stopped the build at 1 error(s)")
    assert "about.md: the licence line is missing" in str(err.value)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(check, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_serve_serves_the_site_and_rebuilds_when_a_paper_changes(tmp_path: Path, small: Path) -> None:
    site, log = tmp_path / "site", tmp_path / "serve.log"
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "ingest", "serve", "--corpus", str(small), "--site", str(site),
                                 "--cache", str(tmp_path / "cache"), "--port", str(port), "--interval", "0.2", "--quiet"],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    page = f"http://127.0.0.1:{port}/documents/2011-04-11-safeguarding-peer-review/"

    def served(text: str) -> bool:
        try:
            with urllib.request.urlopen(page, timeout=2) as resp:
                return text in resp.read().decode("utf-8")
        except OSError:
            return False

    try:
        assert _wait_for(lambda: served("Excellent lead member"), 120), log.read_text(encoding="utf-8")
        assert (site / MARKER).is_file()
        paper = small / "2011-04-11-safeguarding-peer-review-letter.md"
        paper.write_text(paper.read_text(encoding="utf-8").replace("- Excellent lead member", "- A changed lead member"),
                         encoding="utf-8")
        assert _wait_for(lambda: served("A changed lead member"), 120), log.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "build failed" not in log.read_text(encoding="utf-8")
