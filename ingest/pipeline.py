"""The one orchestrator: per-file stages in worker processes, then corpus stages, then render.

One bad file never stops a batch: its error is recorded with the file and stage and the build
goes on; the closing report lists every input as built, merged or skipped. `strict` turns any
skip into a failed build. The site is written to a temporary folder and swapped in at the end,
so a failed or interrupted build leaves the last good site in place (`ingest/publish.py`: which
site folders may be used, one build at a time, the atomic swap).
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ingest import publish
from ingest.cache import Cache
from ingest.convert import SUPPORTED, convert_file, sha256_file
from ingest.coverage import assess
from ingest.dedupe import dedupe
from ingest.errors import IngestError
from ingest.manifest import Manifest, ManifestEntry, check_site_url, load_manifest
from ingest.model import Corpus, Document, InputReport

CONFIG_FILES = {"manifest.yaml", "manifest.yml", "taxonomy.yaml", "taxonomy.yml", "link-decisions.yaml", "readme.md", "readme.txt"}


@dataclass
class BuildOptions:
    corpus: Path
    site: Path
    strict: bool = False
    quiet: bool = True
    workers: int | None = None
    executor: str = "auto"  # auto | serial | process | dask
    cache_dir: Path | None = None
    site_url: str | None = None
    render: bool = True
    dask_address: str | None = None
    lock_wait: float = 300.0  # seconds to wait for another build of the same site or cache


@dataclass
class BuildResult:
    corpus: Corpus
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    cache: dict[str, int] = field(default_factory=dict)

    @property
    def skipped(self) -> list[InputReport]:
        return [r for r in self.corpus.report if r.status == "skipped"]


def discover(corpus: Path) -> list[Path]:
    """Every file in the corpus folder (recursively) except configuration and hidden files."""
    files = []
    for path in sorted(corpus.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(corpus).parts):
            continue
        if path.name.lower() in CONFIG_FILES:
            continue
        files.append(path)
    return files


def _convert_key(path: Path, entry: dict | None) -> str:
    return Cache.key("convert", sha256_file(path), repr(sorted((entry or {}).items())))


def _convert_job(path: str, entry: dict | None, cache_root: str | None, key: str | None) -> tuple[str, list[dict] | None, dict | None]:
    """Worker: convert one file the main process did not find in the cache, and cache it under
    `key` (the main process already hashed the file for its look-up). Returns (file, documents as
    JSON, error)."""
    p = Path(path)
    man_entry = ManifestEntry(**entry) if entry else None
    try:
        converted = convert_file(p, man_entry)
        if cache_root and key:
            Cache(Path(cache_root)).put_documents(key, converted.documents)
        return p.name, [d.model_dump(mode="json") for d in converted.documents], None
    except IngestError as exc:
        return p.name, None, {"code": exc.code, "reason": str(exc), "stage": "extract"}
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        err = IngestError("E030", file=p.name, stage="convert", detail=f"{type(exc).__name__}: {exc}")
        return p.name, None, {"code": "E030", "reason": str(err), "stage": "convert"}


def make_executor(kind: str, workers: int, n_jobs: int, dask_address: str | None = None) -> tuple[Executor | None, Callable[[], None]]:
    """A standard `concurrent.futures.Executor` for the per-file stages, and its shutdown."""
    if kind == "serial" or (kind == "auto" and (n_jobs < 4 or workers < 2)):
        return None, lambda: None
    if kind == "dask":
        from distributed import Client, LocalCluster

        if dask_address:
            client = Client(dask_address)
            cluster = None
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)

        def close() -> None:
            client.close()
            if cluster is not None:
                cluster.close()

        return client.get_executor(), close
    return _RecyclingPool(workers), lambda: None


class _RecyclingPool(Executor):
    """A process pool that is replaced every `workers * per_worker` jobs, so no worker's memory
    (pdfplumber's parsed pages, on the reference path) piles up across a long run.

    Not `ProcessPoolExecutor(max_tasks_per_child=...)`: on Python 3.11 and 3.12 an exhausted worker
    is never replaced and the pool hangs (CPython gh-115634)."""

    def __init__(self, workers: int, per_worker: int = 50) -> None:
        self.workers = workers
        self.batch = workers * per_worker

    def map(self, fn, *iterables, timeout=None, chunksize=1):  # type: ignore[no-untyped-def, override]
        import multiprocessing as mp

        jobs = list(zip(*iterables))
        for start in range(0, len(jobs), self.batch):
            part = jobs[start:start + self.batch]
            with ProcessPoolExecutor(max_workers=self.workers, mp_context=mp.get_context("forkserver")) as pool:
                yield from pool.map(fn, *zip(*part), chunksize=max(1, chunksize))


def convert_all(inputs: list[Path], manifest: Manifest, opts: BuildOptions, progress: Callable[[str], None] | None = None) -> tuple[list[Document], list[InputReport], dict[str, int]]:
    docs: list[Document] = []
    reports: list[InputReport] = []
    jobs: list[Path] = []
    for path in inputs:
        if path.suffix.lower() not in SUPPORTED:
            err = IngestError("E006", file=path.name, suffix=path.suffix or "(none)")
            reports.append(InputReport(file=path.name, status="skipped", stage="discover", reason=str(err), code="E006"))
        else:
            jobs.append(path)
    # Unchanged papers are read from the cache here, in this process: sending them through the
    # worker pool would parse, re-serialise and pickle each one again (and start the pool for nothing).
    cache = Cache(opts.cache_dir)
    done: dict[Path, tuple[list[Document], list[InputReport]]] = {}  # reassembled in input order
    hits = 0
    missed: list[tuple[Path, dict | None, str | None]] = []  # (file, manifest entry, cache key)
    for path in jobs:
        entry = _entry_dict(manifest, path)
        key = cached = None
        if opts.cache_dir:
            try:
                key = _convert_key(path, entry)
                cached = cache.get_documents(key)
            except OSError:
                pass  # unreadable input: the worker reports it with its file name
        if cached is None:
            missed.append((path, entry, key))
            continue
        hits += 1
        done[path] = assess(path.name, cached)  # coverage is read from the documents: a cache hit reports the same
        if progress:
            progress(path.name)
    workers = opts.workers or os.cpu_count() or 1
    executor, close = make_executor(opts.executor, workers, len(missed), opts.dask_address)
    cache_root = str(opts.cache_dir) if opts.cache_dir else None
    args = [(str(p), entry, cache_root, key) for p, entry, key in missed]
    try:
        results: Iterable[tuple[str, list[dict] | None, dict | None]]
        if executor is None:
            results = (_convert_job(*a) for a in args)
        else:
            results = executor.map(_convert_job, *zip(*args)) if args else []
        for (path, _, _), (name, payload, error) in zip(missed, results, strict=True):  # map keeps the order
            if progress:
                progress(name)
            if error is not None:
                done[path] = ([], [InputReport(file=name, status="skipped", **error)])
                continue
            assert payload is not None
            done[path] = assess(name, [Document.model_validate(d) for d in payload])
    finally:
        close()
    for path in jobs:
        got, file_reports = done[path]
        docs.extend(got)
        reports.extend(file_reports)
    return docs, reports, {"cache_hits": hits, "converted": len(jobs) - hits}


def _entry_dict(manifest: Manifest, path: Path) -> dict | None:
    entry = manifest.entry(path.name)
    return entry.model_dump() if entry else None


def build(opts: BuildOptions, progress_factory: Callable[[str, int], Callable[[str], None]] | None = None) -> BuildResult:
    """Run every stage. Python's cyclic garbage collector is paused meanwhile: a build makes
    millions of small objects that live to its end (the corpus), and the collector walked all of
    them again and again as they grew, which made reading 5,000 cached papers take 7 s instead of
    1.3 s. The documents hold no reference cycles; anything cyclic is collected at the end.

    A build that publishes first checks the site folder, then holds the site's and the cache's
    locks to its end (`publish.site_guard`)."""
    guard = publish.site_guard(opts.site, opts.corpus, opts.cache_dir, opts.lock_wait) if opts.render else contextlib.nullcontext()
    with guard:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return _build(opts, progress_factory)
        finally:
            if enabled:
                gc.enable()
            gc.collect()


def _build(opts: BuildOptions, progress_factory: Callable[[str, int], Callable[[str], None]] | None = None) -> BuildResult:
    from ingest.decisions import apply_decisions, load_decisions, undecided
    from ingest.glossary import build_glossary
    from ingest.link import link_corpus, series_pairs
    from ingest.tagger import load_taxonomy, tag_documents

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    manifest = load_manifest(opts.corpus)
    check_site_url(opts.site_url, "--site-url")  # before any work: a bad address would be in every page
    taxonomy = load_taxonomy(opts.corpus)
    decisions = load_decisions(opts.corpus)
    inputs = discover(opts.corpus)
    timings["setup"] = time.perf_counter() - t0

    t = time.perf_counter()
    prog = progress_factory("Extracting and segmenting", len(inputs)) if progress_factory else None
    docs, reports, convert_counts = convert_all(inputs, manifest, opts, prog)
    timings["extract+segment"] = time.perf_counter() - t

    t = time.perf_counter()
    docs, merges = dedupe(docs)
    _record_merges(reports, merges)
    timings["dedupe"] = time.perf_counter() - t

    t = time.perf_counter()
    cache = Cache(opts.cache_dir)
    prog = progress_factory("Tagging themes", len(docs)) if progress_factory else None
    n_findings = tag_documents(docs, taxonomy, cache, prog)
    timings["tag"] = time.perf_counter() - t

    t = time.perf_counter()
    glossary = build_glossary(docs)
    linked = link_corpus(docs, taxonomy, cache=cache)
    # Officers' confirmations and rejections, over the rules; one that no longer fits is reported.
    links, decision_reports = apply_decisions(linked.links, decisions, docs, series_pairs(docs), linked.possible)
    possible = undecided(linked.possible, decisions)
    reports += decision_reports
    timings["link"] = time.perf_counter() - t

    docs.sort(key=lambda d: (d.date or "", d.id))
    corpus = Corpus(documents=docs, links=links, possible_links=possible, glossary=glossary, report=reports)
    result = BuildResult(corpus=corpus, timings=timings, counts={"findings": n_findings, **convert_counts},
                         cache={"hits": convert_counts["cache_hits"]})
    if opts.strict and result.skipped:
        return result
    if opts.render:
        t = time.perf_counter()
        done = progress_factory("Rendering the site (pages, MkDocs, search index)", 1) if progress_factory else None
        render_atomically(corpus, manifest, taxonomy, opts, timings)
        if done:
            done("site")
        timings["render"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    return result


def _record_merges(reports: list[InputReport], merges: list) -> None:
    for m in merges:
        merged_files = {s.file for s in m.merged.sources if not s.pack}
        for r in reports:
            if r.file in merged_files and r.status == "built" and r.document_id == m.merged.id:
                r.status = "merged"
                r.document_id = m.canonical
                r.reason = f"duplicate of {m.canonical}"
        for s in m.merged.sources:
            if s.pack:
                reports.append(InputReport(file=f"{s.file} (item {s.item})", status="merged", document_id=m.canonical,
                                           reason=f"agenda item {s.item} is a copy of {m.canonical}"))


def render_atomically(corpus: Corpus, manifest: Manifest, taxonomy: object, opts: BuildOptions,
                      timings: dict[str, float] | None = None) -> None:
    """Render into this build's own staging folder and swap it in; on any failure the staging
    folder is deleted (a full disk is freed again) and the published site is left as it was."""
    from ingest.render.search import SearchIndexError
    from ingest.render.site import RenderError, render_site

    site = opts.site.resolve()
    state = opts.cache_dir / "render" if opts.cache_dir else None
    try:
        with publish.staging(site) as staged:
            render_site(corpus, manifest, taxonomy, opts.corpus, staged, site_url=opts.site_url, timings=timings,  # type: ignore[arg-type]
                        state_dir=state, previous_site=site)
            publish.swap_in(staged, site)
    except OSError as exc:
        if exc.errno not in publish.WRITE_ERRNOS:
            raise  # not a folder that cannot be written: a bug to report, with its traceback
        raise IngestError("E104", file=site, detail=publish.describe(exc)) from exc
    except (RenderError, SearchIndexError) as exc:
        detail = publish.subprocess_write_error(str(exc))  # MkDocs or Pagefind could not write
        if detail is None:
            raise
        raise IngestError("E104", file=site, detail=detail) from exc
