"""The command line catches IngestError once: one message, no traceback, a documented exit status;
a bug still shows its traceback. And a build works from any folder, mkdocs.yml or not."""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ingest.cli as cli
from ingest.errors import EXIT_STATUSES, Errors, RenderError

from .conftest import ROOT


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str]:
    code = cli.main([str(a) for a in argv])
    return code, capsys.readouterr().err


def test_a_missing_corpus_is_one_line_with_its_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(capsys, "build", "--corpus", tmp_path / "nowhere", "--site", tmp_path / "site")
    assert code == 2
    assert err.startswith(f"[E311] {tmp_path / 'nowhere'}: no corpus folder there.") and "--corpus DIR" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_the_officers_commands_without_a_site_say_so_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["explain", "a/p1"], ["review"], ["decide", "confirm", "a/p1", "b/p1", "--corpus", str(tmp_path)]):
        code, err = _run(capsys, *argv, "--site", tmp_path)
        assert code == 1, argv
        assert "[E300]" in err and "python -m ingest build" in err and "Traceback" not in err, (argv, err)


def test_mkdocs_failing_is_an_error_not_a_traceback(papers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import ingest.site.site as render_site

    def broken(*args: object, **kwargs: object) -> None:
        raise RenderError(Errors.E341, file="mkdocs.yml", detail="Config value 'theme': Unrecognised theme name: 'nope'.")

    monkeypatch.setattr(render_site, "render_site", broken)
    code, err = _run(capsys, "build", "--corpus", papers, "--site", tmp_path / "site", "--no-cache", "--quiet", "--executor", "serial")
    assert code == 2 and "Traceback" not in err
    assert "[E341] mkdocs.yml: MkDocs could not read the site's configuration" in err and "Unrecognised theme name" in err
    assert not (tmp_path / "site").exists()


def test_a_bug_shows_its_traceback_and_says_it_is_a_bug(papers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("a bug in a stage")

    monkeypatch.setattr("ingest.corpus.dedupe.dedupe", broken)
    code, err = _run(capsys, "build", "--corpus", papers, "--site", tmp_path / "site", "--no-cache", "--quiet", "--executor", "serial")
    assert code == 3
    assert "Traceback" in err and "KeyError: 'a bug in a stage'" in err and "This is a bug in council-ingest" in err


def test_help_lists_the_exit_statuses() -> None:
    for argv in (["--help"], ["build", "--help"]):
        out = subprocess.run([sys.executable, "-m", "ingest", *argv], cwd=ROOT, capture_output=True, text=True)
        assert out.returncode == 0
        assert "exit status:" in out.stdout
        for status in EXIT_STATUSES:
            assert f"\n  {status:<3} " in out.stdout, (argv, status)
    assert "any warning was logged" in subprocess.run([sys.executable, "-m", "ingest", "build", "--help"], cwd=ROOT,
                                                      capture_output=True, text=True).stdout


@pytest.mark.slow
def test_a_build_works_from_a_folder_without_mkdocs_yml(papers: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "ingest", "build", "--corpus", str(papers), "--site", str(tmp_path / "x" / "site"),
                          "--cache", str(tmp_path / "cache"), "--executor", "serial"],
                         cwd=elsewhere, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and "packaged theme and pages" in out.stderr
    site = tmp_path / "x" / "site"
    assert (site / "index.html").is_file() and (site / "about" / "index.html").is_file()
    assert (site / "assets" / "extra.css").read_bytes() == (ROOT / "docs" / "assets" / "extra.css").read_bytes()
    assert not (elsewhere / "site").exists() and not (elsewhere / ".cache").exists()


def test_the_packaged_project_is_the_repository_s_own_and_is_packaged() -> None:
    packaged = ROOT / "ingest" / "site" / "project"
    own = [ROOT / "mkdocs.yml", *sorted(p for p in (ROOT / "docs").rglob("*") if p.is_file())]
    copies = [packaged / p.relative_to(ROOT) for p in own]
    for mine, copy in zip(own, copies):
        assert copy.is_file() and copy.read_bytes() == mine.read_bytes(), (
            f"{copy} differs from {mine}: ingest/site/project/ links to mkdocs.yml and docs/; restore the links")
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["ingest"]
    for f in (p for p in packaged.rglob("*") if p.is_file()):
        name = f.relative_to(ROOT / "ingest").as_posix()
        # setuptools' globs: a `*` does not cross a slash.
        assert any(fnmatch.fnmatch(name, pat) and name.count("/") == pat.count("/") for pat in patterns), name
