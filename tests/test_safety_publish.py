"""Where the site is written (issue 13, items 1-3): the site folder is never one that holds the
papers, the cache or docs/, never someone else's folder, never shared by two builds at once, and
never missing or half-published, whatever is killed or fails when."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

import ingest.site.publish as publish
import ingest.site.site as render_site
from ingest.cli import main
from ingest.errors import Errors, RenderError
from ingest.pipeline import BuildOptions, build
from ingest.site.publish import MARKER

from .conftest import CORPUS, ROOT

PAPERS = ["2011-04-11-safeguarding-peer-review-letter.md", "2020-02-26-cypic-peer-review-report.txt"]
NEW_PAPER = "2020-02-26-cecc-scrutiny-agenda-pack.md"
LETTER = PAPERS[0]


def _with_papers(corpus: Path, names: list[str]) -> None:
    corpus.mkdir(exist_ok=True)
    for name in names:
        (corpus / name).write_bytes((CORPUS / name).read_bytes())
    manifest = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["documents"] = [d for d in manifest["documents"] if (corpus / d["file"]).is_file()]
    (corpus / "manifest.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    _with_papers(tmp_path / "papers", PAPERS)
    return tmp_path / "papers"


def _cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main(["build", "--quiet", "--executor", "serial", *map(str, args)])
    return code, capsys.readouterr().err


def _tree(root: Path) -> dict[str, str]:
    """Every path under `root`, with each file's hash: what "nothing was touched" compares."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() and not p.is_symlink() else "dir"
            for p in sorted(root.rglob("*"))}


def _complete(site: Path) -> None:
    for rel in ("index.html", "themes/index.html", "follow-through/index.html", "meetings/index.html",
                "data/documents.json", "data/findings.jsonl", "pagefind/shards.json", MARKER):
        assert (site / rel).is_file(), rel


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".building-" in p.name or p.name.endswith(".old"))


def _change_letter(corpus: Path, words: str) -> None:
    paper = corpus / LETTER
    paper.write_text(paper.read_text(encoding="utf-8").replace("- Excellent lead member", f"- {words}"), encoding="utf-8")


# 1. Folders that must never be the site.

@pytest.mark.parametrize("where", ["corpus", "folder above the corpus", "inside the corpus", "link to the corpus",
                                   "cache", "inside the cache", "docs", "inside docs"])
def test_a_site_folder_that_is_holds_or_sits_in_the_corpus_cache_or_docs_is_refused_before_anything_is_touched(
        tmp_path: Path, corpus: Path, where: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug: `--site` equal to `--corpus`, or the folder above it, deleted every paper and exited 0."""
    project = tmp_path / "project"  # the web team's mkdocs.yml and docs/, as the build finds them
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    (project / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    monkeypatch.chdir(project)
    cache = tmp_path / "cache"
    (cache / "docs").mkdir(parents=True)
    (cache / "docs" / "entry.json").write_text("{}", encoding="utf-8")
    (tmp_path / "link").symlink_to(corpus)
    site, other = {
        "corpus": (corpus, corpus), "folder above the corpus": (tmp_path, corpus),
        "inside the corpus": (corpus / "site", corpus), "link to the corpus": (tmp_path / "link", corpus),
        "cache": (cache, cache), "inside the cache": (cache / "site", cache),
        "docs": (project / "docs", project / "docs"), "inside docs": (project / "docs" / "site", project / "docs"),
    }[where]
    before = _tree(tmp_path)
    code, err = _cli(capsys, "--corpus", corpus, "--site", site, "--cache", cache)
    assert code == 2
    assert "[E100]" in err and str(site) in err and str(other) in err and "Pass --site" in err, err
    assert "Site written" not in err
    assert _tree(tmp_path) == before  # no paper deleted, no lock or staging folder made


def test_a_folder_the_tool_did_not_write_is_refused_and_an_empty_one_is_used(
        tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    theirs = tmp_path / "www"
    theirs.mkdir()
    (theirs / "annual-accounts.xlsx").write_bytes(b"someone else's file")
    before = _tree(tmp_path)
    code, err = _cli(capsys, "--corpus", corpus, "--site", theirs, "--no-cache")
    assert code == 2 and "[E101]" in err and str(theirs) in err and MARKER in err, err
    assert _tree(tmp_path) == before

    a_file = tmp_path / "site.html"
    a_file.write_text("not a folder", encoding="utf-8")
    code, err = _cli(capsys, "--corpus", corpus, "--site", a_file, "--no-cache")
    assert code == 2 and "[E102]" in err and str(a_file) in err
    assert a_file.read_text(encoding="utf-8") == "not a folder"

    empty = tmp_path / "empty"
    empty.mkdir()
    code, err = _cli(capsys, "--corpus", corpus, "--site", empty, "--no-cache")
    assert code == 0, err
    _complete(empty)
    code, err = _cli(capsys, "--corpus", corpus, "--site", empty, "--no-cache")  # now marked as the tool's: used again
    assert code == 0, err


def test_serve_refuses_a_site_folder_that_is_the_corpus(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _tree(corpus)
    assert main(["serve", "--corpus", str(corpus), "--site", str(corpus), "--no-cache"]) == 2
    assert "[E100]" in capsys.readouterr().err
    assert _tree(corpus) == before


# 2. Publishing: one atomic swap, or rename-over with recovery.

def test_a_rebuild_swaps_the_site_in_one_step_and_there_is_always_a_site(tmp_path: Path, corpus: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(BuildOptions(corpus=corpus, site=site, cache_dir=cache, executor="serial"))
    swaps: list[bool] = []
    real = publish._exchange
    monkeypatch.setattr(publish, "_exchange", lambda a, b: swaps.append(real(a, b)) or swaps[-1])
    _change_letter(corpus, "A changed lead member")
    gaps: list[str] = []
    stop = threading.Event()

    def watch() -> None:  # a reader of the site while it is replaced
        while not stop.is_set():
            if not (site / "index.html").is_file() or not (site / "data" / "documents.json").is_file():
                gaps.append("no site")

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        build(BuildOptions(corpus=corpus, site=site, cache_dir=cache, executor="serial"))
    finally:
        stop.set()
        watcher.join()
    assert swaps == [True]  # renameat2(RENAME_EXCHANGE)
    assert gaps == []
    assert "A changed lead member" in (site / "documents" / "2011-04-11-safeguarding-peer-review" / "index.html").read_text(encoding="utf-8")
    _complete(site)
    assert _leftovers(tmp_path) == []


def test_without_the_one_step_swap_the_site_is_renamed_over(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)  # as on a system without renameat2
    site = tmp_path / "site"
    build(BuildOptions(corpus=corpus, site=site, cache_dir=tmp_path / "cache", executor="serial"))
    _change_letter(corpus, "A changed lead member")
    build(BuildOptions(corpus=corpus, site=site, cache_dir=tmp_path / "cache", executor="serial"))
    assert "A changed lead member" in (site / "documents" / "2011-04-11-safeguarding-peer-review" / "index.html").read_text(encoding="utf-8")
    _complete(site)
    assert _leftovers(tmp_path) == []


def _killed_build(tmp_path: Path, corpus: Path, patch: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """A build in its own process, ended by os._exit at the point `patch` sets up: no clean-up
    code runs, as when the process is killed there."""
    script = f"import os, sys\nimport ingest.site.publish as p\nimport ingest.site.site as r\n{patch}\nfrom ingest.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.run([sys.executable, "-c", script, "build", "--quiet", "--executor", "serial", "--corpus", str(corpus),
                           "--site", str(tmp_path / "site"), "--cache", str(tmp_path / "cache"), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_kill_right_after_the_swap_leaves_the_new_site_and_the_next_build_cleans_up(tmp_path: Path, corpus: Path) -> None:
    site = tmp_path / "site"
    build(BuildOptions(corpus=corpus, site=site, cache_dir=tmp_path / "cache", executor="serial"))
    _change_letter(corpus, "A changed lead member")
    killed = _killed_build(tmp_path, corpus, "real = p._exchange\ndef swap(a, b):\n    real(a, b)\n    os._exit(9)\np._exchange = swap")
    assert killed.returncode == 9, killed.stderr
    assert "A changed lead member" in (site / "documents" / "2011-04-11-safeguarding-peer-review" / "index.html").read_text(encoding="utf-8")
    assert len(_leftovers(tmp_path)) == 1  # the old site, in the killed build's staging folder
    build(BuildOptions(corpus=corpus, site=site, cache_dir=tmp_path / "cache", executor="serial", lock_wait=0))
    _complete(site)
    assert _leftovers(tmp_path) == []


def test_a_kill_between_the_two_renames_of_the_fallback_is_repaired_first_by_the_next_build(
        tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug: a kill between the two renames left no site at all until a build succeeded."""
    site = tmp_path / "site"
    build(BuildOptions(corpus=corpus, site=site, cache_dir=tmp_path / "cache", executor="serial"))
    published = _tree(site)
    _change_letter(corpus, "A changed lead member")
    killed = _killed_build(tmp_path, corpus, "p._exchange = lambda a, b: False\np._promote = lambda a, b: os._exit(9)")
    assert killed.returncode == 9, killed.stderr
    assert not site.exists() and (tmp_path / ".site.old").is_dir()  # the moment the fallback cannot avoid

    def broken(*args: object, **kwargs: object) -> None:
        raise RenderError(Errors.E342, file="mkdocs.yml", detail="simulated failure")

    monkeypatch.setattr(render_site, "render_site", broken)
    with pytest.raises(RenderError):  # even a build that fails puts the last site back first
        build(BuildOptions(corpus=corpus, site=site, cache_dir=tmp_path / "cache", executor="serial", lock_wait=0))
    assert _tree(site) == published
    assert _leftovers(tmp_path) == []
    monkeypatch.undo()
    build(BuildOptions(corpus=corpus, site=site, cache_dir=tmp_path / "cache", executor="serial", lock_wait=0))
    assert "A changed lead member" in (site / "documents" / "2011-04-11-safeguarding-peer-review" / "index.html").read_text(encoding="utf-8")
    _complete(site)


def test_kill_9_during_a_build_keeps_the_site_and_leaves_no_stale_lock(tmp_path: Path, corpus: Path) -> None:
    site = tmp_path / "site"
    build(BuildOptions(corpus=corpus, site=site, cache_dir=tmp_path / "cache", executor="serial"))
    published = _tree(site)
    _change_letter(corpus, "A changed lead member")
    ready = tmp_path / "rendering"
    # The build stops in the search index step (after MkDocs, data and sources went into staging)
    # and says so; then it gets SIGKILL.
    script = (f"import sys, time\nimport ingest.site.site as r\n"
              f"def stuck(*a, **k):\n    open({str(ready)!r}, 'w').close()\n    time.sleep(600)\n"
              f"r.index_search = stuck\nfrom ingest.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    proc = subprocess.Popen([sys.executable, "-c", script, "build", "--quiet", "--executor", "serial", "--corpus", str(corpus),
                             "--site", str(site), "--cache", str(tmp_path / "cache")], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), "the build never reached the search index step"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert _tree(site) == published  # the live site is as it was
    assert _leftovers(tmp_path)  # the killed build's staging folder
    code = main(["build", "--quiet", "--executor", "serial", "--corpus", str(corpus), "--site", str(site),
                 "--cache", str(tmp_path / "cache"), "--wait", "0"])  # the dead build's lock is gone
    assert code == 0
    _complete(site)
    assert "A changed lead member" in (site / "documents" / "2011-04-11-safeguarding-peer-review" / "index.html").read_text(encoding="utf-8")
    assert _leftovers(tmp_path) == []


def test_the_next_build_deletes_only_leftovers_the_tool_made(tmp_path: Path, corpus: Path) -> None:
    site = tmp_path / "site"
    killed = tmp_path / ".site.building-123-abc"  # a killed build's staging folder
    (killed / "site").mkdir(parents=True)
    (killed / publish.STAGING_MARK).write_text("", encoding="utf-8")
    empty = tmp_path / ".site.building-456-def"  # killed before it was marked
    empty.mkdir()
    someone = tmp_path / ".site.building-notes"  # not the tool's
    someone.mkdir()
    (someone / "notes.txt").write_text("mine", encoding="utf-8")
    old = tmp_path / ".site.old"  # not a site the tool wrote: never restored nor deleted
    old.mkdir()
    (old / "notes.txt").write_text("mine", encoding="utf-8")
    build(BuildOptions(corpus=corpus, site=site, cache_dir=None, executor="serial"))
    _complete(site)
    assert not killed.exists() and not empty.exists()
    assert (someone / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (old / "notes.txt").read_text(encoding="utf-8") == "mine"


# 3. One build at a time per site and per cache.

def test_two_concurrent_builds_into_one_site_both_finish_and_publish_a_complete_site(tmp_path: Path, corpus: Path) -> None:
    """Bug: two builds (warm cache, a new paper) shared one staging folder: one died with a
    traceback, the other exited 0 having published a site with no themes, registers or data."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(BuildOptions(corpus=corpus, site=site, cache_dir=cache, executor="serial"))
    _with_papers(corpus, [*PAPERS, NEW_PAPER])
    cmd = [sys.executable, "-m", "ingest", "build", "--quiet", "--executor", "serial", "--corpus", str(corpus),
           "--site", str(site), "--cache", str(cache)]
    procs = [subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "300"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [(p.communicate(timeout=300)[1], p.returncode) for p in procs]
    for err, code in outcomes:
        assert code == 0, err
        # the second to get the locks may find the first has published these very inputs
        assert "Traceback" not in err and ("Site written" in err or "is current" in err)
    assert sum("Site written" in err for err, _ in outcomes) >= 1
    _complete(site)
    docs = (site / "data" / "documents.json").read_text(encoding="utf-8")
    assert "2020-02-26-cecc-scrutiny" in docs
    assert any(p.is_dir() for p in (site / "meetings").iterdir())  # the new agenda pack's meeting
    assert _leftovers(tmp_path) == []


def _hold(lock: Path, pid: str = "4242"):  # type: ignore[no-untyped-def]
    """Hold `lock` as another build would (flock, its pid in the file)."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    fh = open(lock, "a+", encoding="utf-8")  # noqa: SIM115 - closed by the caller
    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    fh.truncate(0)
    fh.write(pid + "\n")
    fh.flush()
    return fh


@pytest.mark.parametrize("held", ["site", "cache"])
def test_a_build_refuses_when_another_holds_the_site_or_the_cache(tmp_path: Path, corpus: Path, held: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(BuildOptions(corpus=corpus, site=site, cache_dir=cache, executor="serial"))
    published = _tree(site)
    # The cache's render state is shared by every build that uses the cache, whatever its site.
    target = site if held == "site" else tmp_path / "other-site"
    lock = tmp_path / ".site.lock" if held == "site" else cache / "build.lock"
    fh = _hold(lock)
    try:
        code, err = _cli(capsys, "--corpus", corpus, "--site", target, "--cache", cache, "--wait", "0")
    finally:
        fh.close()
    assert code == 2
    assert "[E103]" in err and str(lock) in err and "pid 4242" in err and "--wait" in err, err
    assert len(err.strip().splitlines()) == 1
    assert _tree(site) == published and not (tmp_path / "other-site").exists()


def test_a_build_waits_for_the_other_to_finish(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fh = _hold(tmp_path / ".site.lock")
    threading.Timer(1.5, fh.close).start()  # the other build ends
    code, err = _cli(capsys, "--corpus", corpus, "--site", tmp_path / "site", "--no-cache", "--wait", "60")
    assert code == 0, err
    assert "Waiting up to 60 s for the build with pid 4242" in err
    _complete(tmp_path / "site")


# 4. A site folder that cannot be written.

def _full(path: str) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


@pytest.mark.parametrize("step", ["open data", "mkdocs", "staging folder", "lock file"])
def test_a_full_or_unwritable_disk_gives_one_line_removes_staging_and_keeps_the_site(
        tmp_path: Path, corpus: Path, step: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug: a full or unwritable site folder ended in a traceback, with staging left behind."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(BuildOptions(corpus=corpus, site=site, cache_dir=cache, executor="serial"))
    published = _tree(site)
    _change_letter(corpus, "A changed lead member")
    if step == "open data":  # the disk fills while the data files are written into staging
        def write_exports(corpus_model: object, out: Path, *args: object) -> None:
            out.mkdir(parents=True, exist_ok=True)
            (out / "findings.jsonl").write_bytes(b"x" * 100_000)
            raise _full(str(out / "findings.jsonl"))

        monkeypatch.setattr(render_site, "write_exports", write_exports)
        expected = "No space left on device"
    elif step == "mkdocs":  # MkDocs (in-process) cannot write a page
        import mkdocs.commands.build

        def mkdocs_build(config: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), f"{tmp_path}/x/index.html")

        monkeypatch.setattr(mkdocs.commands.build, "build", mkdocs_build)
        expected = "Permission denied"
    elif step == "staging folder":  # the folder the site is in cannot be written
        def mkdtemp(**kwargs: object) -> str:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(kwargs.get("dir")))

        monkeypatch.setattr(publish, "tempfile", SimpleNamespace(mkdtemp=mkdtemp))
        expected = "Permission denied"
    else:  # ... found already when the lock beside the site is made
        def no_lock(path: Path, *args: object, **kwargs: object) -> object:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

        monkeypatch.setattr(publish, "open", no_lock, raising=False)
        expected = "Permission denied"
    code, err = _cli(capsys, "--corpus", corpus, "--site", site, "--cache", cache)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    if step == "lock file":
        assert "[E105]" in err and str(tmp_path / ".site.lock") in err and expected in err and "writable" in err, err
    else:
        assert "[E104]" in err and str(site) in err and expected in err and "Free some disk space" in err, err
    assert _tree(site) == published
    assert _leftovers(tmp_path) == []
