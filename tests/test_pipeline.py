"""Incremental builds, a corrupt cache, atomic publishing, executors, the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.config.taxonomy import taxonomy_path
from ingest.errors import Errors, RenderError
from ingest.pipeline import BuildOptions, build

from .conftest import ROOT, SMALL


def _findings(result) -> list[tuple[str, tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    return sorted((f.id, tuple(f.themes)) for f in result.corpus.findings())


def test_unchanged_inputs_are_not_extracted_again(tmp_path: Path, small: Path) -> None:
    opts = BuildOptions(corpus=small, site=tmp_path / "site", cache_dir=tmp_path / "cache", executor="serial", render=False)
    first = build(opts)
    assert first.counts["cache_hits"] == 0
    second = build(opts)
    assert second.counts["cache_hits"] == len(SMALL) and second.counts["converted"] == 0
    assert _findings(first) == _findings(second)
    # Changing the taxonomy re-tags without re-extracting.
    text = taxonomy_path(None).read_text(encoding="utf-8").replace("      - teenager\n", "      - teenager\n")
    text = text.replace("phrases: [adolescent, adolescent strategy, teenager, neglect, transitional safeguarding]",
                        "phrases: [adolescent, adolescent strategy, teenager, neglect, transitional safeguarding, decision making]")
    (small / "taxonomy.yaml").write_text(text, encoding="utf-8")
    third = build(opts)
    assert third.counts["cache_hits"] == len(SMALL)
    tagged = {f.id for f in third.corpus.findings() if "adolescents-and-neglect" in f.themes}
    before = {f.id for f in second.corpus.findings() if "adolescents-and-neglect" in f.themes}
    assert tagged > before


def test_corrupt_cache_is_rebuilt_not_trusted(tmp_path: Path, small: Path) -> None:
    opts = BuildOptions(corpus=small, site=tmp_path / "site", cache_dir=tmp_path / "cache", executor="serial", render=False)
    good = build(opts)
    for path in (tmp_path / "cache" / "docs").rglob("*.json"):
        path.write_text('{"documents": [{"id": 1', encoding="utf-8")
    again = build(opts)
    assert again.counts["cache_hits"] == 0
    assert _findings(again) == _findings(good)
    from ingest.cache import unseal

    for path in (tmp_path / "cache" / "docs").rglob("*.json"):  # written again, sealed
        json.loads(unseal(path.read_bytes()) or b"not sealed")


def test_failed_render_keeps_the_last_good_site(tmp_path: Path, small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.site.publish import MARKER

    site = tmp_path / "site"
    site.mkdir()
    (site / MARKER).write_text("", encoding="utf-8")  # a site this tool wrote; any other folder is refused
    (site / "index.html").write_text("last good site", encoding="utf-8")
    import ingest.site.site as render_site

    def broken(*args: object, **kwargs: object) -> None:
        raise RenderError(Errors.E342, file="mkdocs.yml", detail="simulated failure half way through")

    monkeypatch.setattr(render_site, "render_site", broken)
    with pytest.raises(RenderError):
        build(BuildOptions(corpus=small, site=site, executor="serial"))
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"


def test_failed_incremental_build_leaves_the_published_site_untouched(tmp_path: Path, small: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """An incremental build starts from the published site hard-linked into staging. Regression
    guard: nothing written during the build (MkDocs pages, sitemap, data, sources, scripts) may
    reach the published files through a link, even when the build then fails."""
    import hashlib

    import ingest.site.site as render_site

    site, cache = tmp_path / "site", tmp_path / "cache"
    build(BuildOptions(corpus=small, site=site, cache_dir=cache, executor="serial"))

    def snapshot() -> dict[str, str]:
        return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}

    before = snapshot()
    paper = small / "2011-04-11-safeguarding-peer-review-letter.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("- Excellent lead member", "- A changed lead member"), encoding="utf-8")
    pdf = small / "2020-02-26-cypic-peer-review-report.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n% saved again\n")  # a new copy to publish: not over the old one

    def broken(out_dir: Path, *args: object) -> None:
        assert (out_dir / "documents" / "2011-04-11-safeguarding-peer-review" / "index.html").stat().st_nlink == 1
        assert any(p.stat().st_nlink > 1 for p in out_dir.rglob("*.html"))  # the links were used
        raise RenderError(Errors.E342, file="mkdocs.yml", detail="simulated failure after MkDocs, data and sources were written")

    monkeypatch.setattr(render_site, "index_search", broken)
    with pytest.raises(RenderError):
        build(BuildOptions(corpus=small, site=site, cache_dir=cache, executor="serial"))
    assert snapshot() == before
    assert not [p for p in tmp_path.iterdir() if ".building" in p.name]  # the failed build's staging is gone


def test_incremental_build_indexes_only_the_changed_papers_search_shard(tmp_path: Path, small: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.site.search import shard_of

    monkeypatch.setenv("INGEST_SEARCH_SHARD_SIZE", "1")  # one paper a shard
    site, cache = tmp_path / "site", tmp_path / "cache"
    first = build(BuildOptions(corpus=small, site=site, cache_dir=cache, executor="serial"))
    ids = sorted(d.id for d in first.corpus.documents)
    assert len(ids) == 2
    bundles = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["bundles"]
    assert sorted(bundles) == sorted(f"s{shard_of(i, 2)}/" for i in ids)
    entry = {i: site / "pagefind" / f"s{shard_of(i, 2)}" / "pagefind-entry.json" for i in ids}
    before = {i: entry[i].stat().st_ino for i in ids}
    paper = small / "2011-04-11-safeguarding-peer-review-letter.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("- Excellent lead member", "- A changed lead member"), encoding="utf-8")
    build(BuildOptions(corpus=small, site=site, cache_dir=cache, executor="serial"))
    changed = "2011-04-11-safeguarding-peer-review"
    other = next(i for i in ids if i != changed)
    assert entry[other].stat().st_ino == before[other]  # kept: the same file, never rewritten
    assert entry[changed].stat().st_ino != before[changed]  # indexed again
    fragments = list((entry[changed].parent / "fragment").iterdir())
    import gzip

    texts = []
    for f in fragments:
        raw = f.read_bytes()
        texts.append(gzip.decompress(raw[12:] if raw.startswith(b"pagefind_dcd") else raw).decode("utf-8", "replace"))
    assert any("A changed lead member" in t for t in texts)


def test_damaged_export_chunks_are_made_again(tmp_path: Path, small: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(BuildOptions(corpus=small, site=site, cache_dir=cache, executor="serial"))
    before = (site / "data" / "findings.jsonl").read_bytes(), (site / "data" / "findings.csv").read_bytes()
    chunks = sorted((cache / "render" / "src" / "exports").glob("*.txt"))
    assert len(chunks) == 2  # one a document
    chunks[0].write_text(chunks[0].read_text(encoding="utf-8")[:-40], encoding="utf-8")  # cut short
    chunks[1].write_text("not a header\n{}", encoding="utf-8")
    build(BuildOptions(corpus=small, site=site, cache_dir=cache, executor="serial"))
    assert ((site / "data" / "findings.jsonl").read_bytes(), (site / "data" / "findings.csv").read_bytes()) == before


def test_process_pool_gives_the_same_result(tmp_path: Path, small: Path) -> None:
    serial = build(BuildOptions(corpus=small, site=tmp_path / "a", executor="serial", render=False))
    pool = build(BuildOptions(corpus=small, site=tmp_path / "b", executor="process", workers=2, render=False))
    assert _findings(serial) == _findings(pool)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_result(tmp_path: Path, small: Path) -> None:
    pytest.importorskip("distributed")
    serial = build(BuildOptions(corpus=small, site=tmp_path / "a", executor="serial", render=False))
    dask = build(BuildOptions(corpus=small, site=tmp_path / "b", executor="dask", workers=2, render=False))
    assert _findings(serial) == _findings(dask)


def test_cli_help_has_examples() -> None:
    for command in ("build", "serve", "explain", "decide", "review"):
        out = subprocess.run([sys.executable, "-m", "ingest", command, "--help"], cwd=ROOT, capture_output=True, text=True)
        assert out.returncode == 0 and "example:" in out.stdout and "python -m ingest" in out.stdout


def test_explain_example_names_a_finding_of_the_bundled_corpus(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    """Bug: the example in `explain --help` named an id the segmenter does not make."""
    from ingest.cli import EXAMPLES

    example_id = EXAMPLES["explain"].split()[-1]
    ids = {f.id for f in seed_corpus.findings()}
    assert example_id in ids
    source, target = EXAMPLES["decide"].split()[6:8]  # example: python -m ingest decide confirm SOURCE TARGET
    assert (source, target) in {(lk.source, lk.target) for lk in seed_corpus.links}, "the example confirms a link the rules make"


@pytest.mark.slow
def test_cli_build_and_explain(tmp_path: Path, small: Path) -> None:
    site = tmp_path / "site"
    (small / "broken.pdf").write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "ingest", "build", "--quiet", "--corpus", str(small), "--site", str(site),
                           "--cache", str(tmp_path / "cache")], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    # One screen: counts, and a line only for each file that needs attention.
    assert "Inputs: 2 built, 1 merged as duplicates, 1 skipped" in proc.stderr
    assert "Skipped: fix these files" in proc.stderr and "broken.pdf" in proc.stderr
    assert "2011-04-11-safeguarding-peer-review-letter.md" not in proc.stderr
    out = subprocess.run([sys.executable, "-m", "ingest", "explain", "2011-04-11-safeguarding-peer-review/consider-looked-after-children-1",
                          "--site", str(site)], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0
    assert "corporate-parenting: matched" in out.stdout and "p29" not in out.stdout.split("links:")[0]
    assert "the concern recurs" in out.stdout and "theme: Corporate parenting" in out.stdout
    missing = subprocess.run([sys.executable, "-m", "ingest", "explain", "nope", "--site", str(site)], cwd=ROOT, capture_output=True, text=True)
    assert missing.returncode == 1 and "findings.jsonl" in missing.stderr


def _square(x: int) -> int:
    return x * x


def test_recycling_pool_replaces_workers_without_hanging() -> None:
    """More jobs than one worker may run: CPython's max_tasks_per_child would hang here."""
    from ingest.workers import WorkerPool

    assert list(WorkerPool(2, per_worker=2).map(_square, range(11))) == [x * x for x in range(11)]


@pytest.mark.slow
@pytest.mark.parametrize("split_at", [300, 5])
def test_incremental_render_equals_a_full_build(tmp_path: Path, small: Path, split_at: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """After one paper changes, rebuilding only changed pages gives the same site as a build from
    nothing. With split_at=5 every theme and the register are split into a page a year, so the
    keyed theme-year and register-year pages are exercised too; the change adds a theme."""
    from ingest.site import pages as page_module

    monkeypatch.setattr(page_module, "SPLIT_AT", split_at)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(BuildOptions(corpus=small, site=site, cache_dir=cache, executor="serial"))
    if split_at == 5:
        assert (site / "themes" / "corporate-parenting" / "2011" / "index.html").is_file()
        assert "chairs the corporate parenting board" not in (site / "themes" / "corporate-parenting" / "2011" / "index.html").read_text(encoding="utf-8")
    paper = small / "2011-04-11-safeguarding-peer-review-letter.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace(
        "- Excellent lead member", "- An excellent lead member, who chairs the corporate parenting board,"), encoding="utf-8")
    again = build(BuildOptions(corpus=small, site=site, cache_dir=cache, executor="serial"))
    assert again.counts["cache_hits"] == 2  # only the changed letter is converted again
    fresh = tmp_path / "fresh"
    build(BuildOptions(corpus=small, site=fresh, cache_dir=None, executor="serial"))

    def pages(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and p.suffix in (".html", ".json", ".jsonl", ".csv") and "pagefind" not in p.parts}

    a, b = pages(site), pages(fresh)
    assert sorted(a) == sorted(b)
    assert [k for k in a if a[k] != b[k]] == []
    assert "An excellent lead member" in (site / "documents" / "2011-04-11-safeguarding-peer-review" / "index.html").read_text(encoding="utf-8")
    if split_at == 5:
        assert "chairs the corporate parenting board" in (site / "themes" / "corporate-parenting" / "2011" / "index.html").read_text(encoding="utf-8")
