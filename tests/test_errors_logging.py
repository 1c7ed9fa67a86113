"""One log channel: warnings go through the "ingest" logger, the command line shows them, and
--strict fails a build that logged any (as MkDocs's --strict does). Warnings a job logs in a
worker process come back with its result and are logged naming the file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import ingest.cli as cli
import ingest.filejobs as filejobs
from ingest.logs import counted, kept_warnings
from ingest.pipeline import BuildOptions, build
from ingest.workers import JobError, JobResult, WorkerPool


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and "pagefind" not in p.parts}


def test_strict_fails_a_build_that_logged_a_warning_and_keeps_the_last_site(papers: Path, tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    argv = ["build", "--corpus", str(papers), "--site", str(site), "--cache", str(cache), "--executor", "serial", "--quiet"]
    assert cli.main([*argv, "--strict"]) == 0  # nothing to warn about: strict passes
    published = _tree(site)
    capsys.readouterr()
    entry = sorted((cache / "tags").rglob("*.json"))[0]
    entry.write_bytes(b"cut sh")  # a damaged cache entry: made again, with a warning
    # The site is current (the cache is not an input), so the next build is asked for another
    # address: it builds again, reusing the cached tags, and meets the damaged one.
    argv = [*argv, "--site-url", "https://example.gov.uk/papers/"]
    assert cli.main([*argv, "--strict"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "WARNING" in err  # shown by rich as it was logged
    assert "[E312] --strict: 0 input file(s) skipped, 1 warning(s) logged; the site was not written." in " ".join(err.split())
    assert "Site written" not in err
    assert _tree(site) == published
    assert cli.main([*argv, "--strict"]) == 0, "the entry was made again: nothing to warn about now"
    # Without --strict the warning is shown and the build goes on.
    next(iter(sorted((cache / "tags").rglob("*.json")))).write_bytes(b"cut sh")
    assert cli.main(argv[:-2]) == 0  # the first address again: a build, not "nothing changed"
    assert "is damaged" in capsys.readouterr().err


def test_a_warning_while_rendering_keeps_the_staged_site_unpublished(papers: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import ingest.site.site as render_site

    real = render_site.render_site

    def warns(*args: object, **kwargs: object) -> None:
        real(*args, **kwargs)  # type: ignore[arg-type]
        logging.getLogger("ingest.site.site").warning("a page could not be checked")

    monkeypatch.setattr(render_site, "render_site", warns)
    site = tmp_path / "site"
    result = build(BuildOptions(corpus=papers, site=site, strict=True, executor="serial"))
    assert result.warnings == ["a page could not be checked"] and not result.published
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "papers"]  # no site, and its staging folder gone
    result = build(BuildOptions(corpus=papers, site=site, strict=False, executor="serial"))
    assert result.published and (site / "index.html").is_file()


def test_warnings_a_job_logs_are_logged_again_naming_the_file(papers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    real = filejobs.convert_file

    def warns(path: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if path.suffix == ".txt":
            logging.getLogger("ingest.document.extract").warning("a table's cells were read as lines")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(filejobs, "convert_file", warns)
    caplog.set_level(logging.WARNING, logger="ingest")
    result = build(BuildOptions(corpus=papers, site=tmp_path / "site", render=False, executor="serial", strict=True))
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert said == ["2020-02-26-overview-of-childrens-services.txt: a table's cells were read as lines"]  # once, naming the file
    assert result.warnings == said and not result.published


def _job_that_warns(name: str) -> list[str]:
    with kept_warnings() as warned:
        logging.getLogger("ingest.document.extract").warning("read %s without its fonts", name)
    return warned


def test_a_worker_process_keeps_its_job_s_warnings_for_the_main_process() -> None:
    got = dict(WorkerPool(2).run(_job_that_warns, [("a.pdf",), ("b.pdf",)]))
    assert got == {0: ["read a.pdf without its fonts"], 1: ["read b.pdf without its fonts"]}


def test_a_job_s_error_is_a_typed_record_in_the_report(caplog: pytest.LogCaptureFixture) -> None:
    docs, reports = filejobs._outcome(JobResult("bad.pdf", error=JobError("E002", "[E002] bad.pdf: the PDF is damaged", "extract"),
                                                warnings=["pdfium said: trailer not found"]))
    assert docs == [] and [(r.file, r.status, r.code, r.stage) for r in reports] == [("bad.pdf", "skipped", "E002", "extract")]
    assert [r.getMessage() for r in caplog.records] == ["bad.pdf: pdfium said: trailer not found"]


def test_counting_leaves_a_library_caller_its_warnings_on_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    logger = logging.getLogger("ingest")
    handlers, propagate = logger.handlers[:], logger.propagate
    root = logging.getLogger()
    saved_root = root.handlers[:]
    root.handlers, logger.handlers, logger.propagate = [], [], True  # as in a script that sets up no logging
    try:
        with counted() as counter:
            logging.getLogger("ingest.cache").warning("cache entry x is damaged")
    finally:
        root.handlers, logger.handlers, logger.propagate = saved_root, handlers, propagate
    assert counter.count == 1 and "cache entry x is damaged" in capfd.readouterr().err
