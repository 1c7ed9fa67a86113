"""A build with nothing changed rewrites nothing; any change to what the site is made from rebuilds it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ingest.pipeline import BuildOptions, build
from ingest.site import current

from .conftest import ROOT

LETTER = "2011-04-11-safeguarding-peer-review-letter.md"


def files(site: Path) -> dict[str, tuple[int, int, int]]:
    """Every file of the site: its inode, modification time and size (a rewrite changes them)."""
    out = {}
    for p in sorted(site.rglob("*")):
        st = p.lstat()
        out[p.relative_to(site).as_posix()] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return out


def test_a_build_with_nothing_changed_rewrites_nothing_and_any_change_rebuilds(
        tmp_path: Path, small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = tmp_path / "code"  # a copy of the package's code, so a change to "the code" can be made
    shutil.copytree(current.PACKAGE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(current, "PACKAGE", code)
    project = tmp_path / "project"  # the web team's mkdocs.yml and docs/
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    monkeypatch.chdir(project)
    site, cache = tmp_path / "site", tmp_path / "cache"
    opts = BuildOptions(corpus=small, site=site, cache_dir=cache, executor="serial")
    first = build(opts)
    assert not first.current

    def unchanged() -> None:
        before, folder = files(site), site.stat().st_ino
        again = build(opts)
        assert again.current
        assert files(site) == before and site.stat().st_ino == folder  # not one file written, nor the folder swapped
        assert sorted(d.id for d in again.corpus.documents) == sorted(d.id for d in first.corpus.documents)

    def rebuilt(what: str) -> None:
        again = build(opts)
        assert not again.current, f"{what}: the site was taken as current"
        unchanged()

    unchanged()
    paper = small / LETTER
    paper.write_text(paper.read_text(encoding="utf-8").replace("- Excellent lead member", "- A changed lead member"), encoding="utf-8")
    rebuilt("a paper changed")
    assert "A changed lead member" in (site / "documents" / "2011-04-11-safeguarding-peer-review" / "index.html").read_text(encoding="utf-8")
    (small / "new-paper.txt").write_text((small / LETTER).read_text(encoding="utf-8"), encoding="utf-8")
    rebuilt("a paper added")
    (small / "new-paper.txt").unlink()
    rebuilt("a paper removed")
    manifest = small / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("Children's Services Safeguarding Peer Review",
                                                                     "Safeguarding Peer Review"), encoding="utf-8")
    rebuilt("the manifest changed")
    shutil.copy2(code / "data" / "taxonomy.yaml", small / "taxonomy.yaml")
    rebuilt("a taxonomy for the corpus")  # the same themes, but the build reads another file
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as fh:
        fh.write("\n# the web team's comment\n")
    rebuilt("the project's mkdocs.yml changed")
    (project / "docs" / "about.md").write_text("# About\n\nChanged by the web team.\n", encoding="utf-8")
    rebuilt("a hand-written page changed")
    with (code / "site" / "pages.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# a change to the rendering code\n")
    rebuilt("the code changed")
    opts.site_url = "https://example.gov.uk/papers/"
    rebuilt("the site's address changed")
    monkeypatch.setenv("INGEST_SEARCH_SHARD_SIZE", "1")
    rebuilt("a setting in the environment changed")
    page = site / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited by hand -->", encoding="utf-8")
    rebuilt("a published file edited by hand")
    assert "edited by hand" not in page.read_text(encoding="utf-8")
    os.utime(site / "glossary" / "index.html", ns=(0, 0))
    rebuilt("a published file touched")
    shutil.rmtree(site / "data")
    rebuilt("published files deleted")
    assert (site / "data" / "findings.jsonl").is_file()


def test_a_damaged_record_is_not_trusted(tmp_path: Path, small: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    opts = BuildOptions(corpus=small, site=site, cache_dir=cache, executor="serial")
    build(opts)
    record = cache / "render" / current.RECORD
    record.write_bytes(record.read_bytes()[:-50])
    assert not build(opts).current
    assert build(opts).current
    result = record.with_name(record.stem + "-result.json")  # the summary of the build, written before the record
    result.write_bytes(result.read_bytes()[:1000])
    assert not build(opts).current
    assert build(opts).current


def test_without_a_cache_every_build_renders(tmp_path: Path, small: Path) -> None:
    opts = BuildOptions(corpus=small, site=tmp_path / "site", cache_dir=None, executor="serial")
    build(opts)
    assert not build(opts).current
