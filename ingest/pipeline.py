"""The one orchestrator: per-file stages in worker processes, then corpus stages, then render.

One bad file never stops a batch: its error is recorded with the file and stage and the build
goes on; the closing report lists every input as built, merged or skipped. `strict` turns any
skip into a failed build. The site is written to a temporary folder and swapped in at the end,
so a failed or interrupted build leaves the last good site in place (`ingest/site/publish.py`: which
site folders may be used, one build at a time, the atomic swap).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from ingest.bounds import Bounds, TimeLimitExceeded, format_mb, time_limit
from ingest.cache import Cache, sha256_file
from ingest.config.manifest import Manifest, ManifestEntry, check_site_url, load_manifest
from ingest.config.taxonomy import Taxonomy
from ingest.corpus.dedupe import dedupe
from ingest.document.convert import SUPPORTED, convert_file
from ingest.document.coverage import assess
from ingest.document.extract.ocr import engine_tag as ocr_engine_tag
from ingest.document.extract.ocr_run import OcrPending, report_line, run_pending
from ingest.document.extract.ocr_run import configured as ocr_configured
from ingest.document.infer import LOW_CONFIDENCE
from ingest.document.inputs import input_name, survey
from ingest.errors import ErrorCode, Errors, IngestError, RenderError, SearchIndexError
from ingest.logs import WarningCounter, counted, kept_warnings
from ingest.model import Corpus, Document, InputReport
from ingest.site import current, publish
from ingest.workers import Failure, JobError, JobResult, WorkerPool

log = logging.getLogger(__name__)


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
    bounds: Bounds = field(default_factory=Bounds)  # per-file limits: time, memory, sizes


@dataclass
class BuildResult:
    corpus: Corpus
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    cache: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # logged under "ingest" during the build; --strict fails on any
    published: bool = False  # the site was written (not with render off, nor when --strict failed)
    current: bool = False  # nothing changed since the last build published the site: nothing was done

    @property
    def skipped(self) -> list[InputReport]:
        return [r for r in self.corpus.report if r.status == "skipped"]

    @property
    def failures(self) -> list[InputReport]:
        """What `--strict` fails on: skipped files, and built PDFs whose scanned pages were not
        read or were read with low confidence."""
        return [r for r in self.corpus.report if r.status == "skipped" or r.code in OCR_CODES]


OCR_CODES = {Errors.E200.code, Errors.E201.code, Errors.E203.code}


def discover(corpus: Path) -> list[Path]:
    """The papers in the corpus folder (recursively; see `ingest.document.inputs.survey` for what is not read)."""
    return survey(corpus)[0]


def _convert_key(path: Path, entry: dict | None, name: str, bounds: Bounds) -> str:
    # The name is part of the key: the documents carry it (their sources), so two identical files
    # must not share one cached copy that names only the first. The finding bound changes the
    # findings; the other bounds only refuse files (never cached). A PDF's key names the OCR
    # engine too: installing Tesseract reads the scans left out before.
    ocr = ocr_engine_tag() if path.suffix.lower() == ".pdf" else ""
    return Cache.key("convert", sha256_file(path), repr(sorted((entry or {}).items())), name,
                     f"max_finding_chars={bounds.max_finding_chars}", ocr)


def _convert_job(path: str, entry: dict | None, cache_root: str | None, key: str | None,
                 name: str | None = None, bounds: Bounds | None = None, ocr_cache: str | None = None,
                 defer_ocr: bool = False) -> JobResult:
    """Worker: convert one file the main process did not find in the cache, and cache it under
    `key` (the main process already hashed the file for its look-up), within the time limit.
    `name` is the file's path from the corpus folder. With `defer_ocr`, a PDF whose scanned pages
    are not in `ocr_cache` yet comes back with `ocr_pending` (see ingest/document/extract/ocr_run.py).
    Warnings the stages log come back in the result (a worker process has no handler of the
    build's), for the main process to log under the file's name."""
    p = Path(path)
    name = name or p.name
    bounds = bounds or Bounds()
    man_entry = ManifestEntry(**entry) if entry else None
    with kept_warnings() as warned:
        result = _convert_one(p, man_entry, cache_root, key, name, bounds, ocr_cache, defer_ocr)
    result.warnings = warned
    return result


def _convert_one(p: Path, man_entry: ManifestEntry | None, cache_root: str | None, key: str | None, name: str,
                 bounds: Bounds, ocr_cache: str | None, defer_ocr: bool) -> JobResult:
    try:
        with time_limit(bounds.time_limit), ocr_configured(ocr_cache, defer_ocr):
            converted = convert_file(p, man_entry, name=name, bounds=bounds)
        if cache_root and key:
            Cache(Path(cache_root)).put_documents(key, converted.documents)
        return JobResult(name, documents=[d.model_dump(mode="json") for d in converted.documents])
    except OcrPending as exc:
        return JobResult(name, ocr_pending=exc.pages)
    except IngestError as exc:
        exc = exc.with_file(name) if "file" in exc.fields else exc  # the extractors name the file only
        return JobResult(name, error=JobError.of(exc, "extract"))
    except TimeLimitExceeded:
        return JobResult(name, error=_error(Errors.E183, name, "extract", seconds=bounds.time_limit))
    except MemoryError:
        return JobResult(name, error=_error(Errors.E184, name, "extract", detail=_memory_detail()))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        return JobResult(name, error=_error(Errors.E030, name, "convert", detail=f"{type(exc).__name__}: {exc}"))


def _error(error: ErrorCode, file: str, stage: str, **fields: object) -> JobError:
    return JobError.of(IngestError(error, file=file, stage=stage, **fields), stage)


def _memory_detail() -> str:
    """What ran out: the cap a worker process set for one file, or the machine's memory."""
    import resource

    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    return "the machine's memory" if soft == resource.RLIM_INFINITY else "the memory limit for one file"


def _failed(name: str, failure: Failure, bounds: Bounds) -> JobResult:
    """The result for a file whose worker returned nothing."""
    if failure.kind == "timeout":
        return JobResult(name, error=_error(Errors.E183, name, "extract", seconds=bounds.time_limit))
    if failure.kind == "died":
        limit = format_mb(bounds.memory_limit) if bounds.memory_limit else "none"
        return JobResult(name, error=_error(Errors.E185, name, "extract", how=failure.detail, limit=limit))
    if failure.detail.startswith("MemoryError"):
        return JobResult(name, error=_error(Errors.E184, name, "extract", detail="the memory limit for one file"))
    return JobResult(name, error=_error(Errors.E030, name, "convert", detail=failure.detail))


def make_executor(kind: str, workers: int, n_jobs: int, dask_address: str | None = None,
                  bounds: Bounds | None = None) -> tuple[Executor | None, Callable[[], None]]:
    """An executor for the per-file stages, and its shutdown: None (in this process), our
    `WorkerPool`, or a Dask cluster's standard `concurrent.futures.Executor`."""
    if kind == "serial" or (kind == "auto" and (n_jobs < 4 or workers < 2)):
        return None, lambda: None
    if kind == "dask":
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise IngestError(Errors.E154, detail=str(exc)) from None

        if bounds and bounds.time_limit:
            # Dask runs a job in a worker thread, where no alarm can stop it (ingest/bounds.py).
            log.warning("--executor dask: the time limit for reading one file (--time-limit %g s) cannot stop a job "
                        "in a Dask worker, which runs it in a thread, so files are read without it (tagging keeps it); "
                        "pass --time-limit 0 to build without the limit and without this warning", bounds.time_limit)
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
    bounds = bounds or Bounds()
    return WorkerPool(workers, time_limit=bounds.time_limit, memory_limit=bounds.memory_limit), lambda: None


def convert_all(inputs: list[Path], manifest: Manifest, opts: BuildOptions, progress: Callable[[str], None] | None = None,
                progress_factory: Callable[[str, int], Callable[[str], None]] | None = None) -> tuple[list[Document], list[InputReport], dict[str, int]]:
    docs: list[Document] = []
    reports: list[InputReport] = []
    jobs: list[Path] = []
    names = {path: input_name(opts.corpus, path) for path in inputs}
    for path in inputs:
        if path.suffix.lower() not in SUPPORTED:
            err = IngestError(Errors.E006, file=names[path], suffix=path.suffix or "(none)")
            reports.append(InputReport(file=names[path], status="skipped", stage="discover", reason=str(err), code=err.code))
        else:
            jobs.append(path)
    # Unchanged papers are read from the cache here, in this process: sending them through the
    # worker pool would parse, re-serialise and pickle each one again (and start the pool for nothing).
    cache = Cache(opts.cache_dir)
    done: dict[Path, tuple[list[Document], list[InputReport]]] = {}  # reassembled in input order
    hits = 0
    missed: list[tuple[Path, dict | None, str | None]] = []  # (file, manifest entry, cache key)
    for path in jobs:
        entry = _entry_dict(manifest, names[path])
        key = cached = None
        if opts.cache_dir:
            try:
                key = _convert_key(path, entry, names[path], opts.bounds)
                cached = cache.get_documents(key)
            except OSError:
                pass  # unreadable input: the worker reports it with its file name
        if cached is None:
            missed.append((path, entry, key))
            continue
        hits += 1
        done[path] = _built(names[path], cached)  # coverage is read from the documents: a cache hit reports the same
        if progress:
            progress(names[path])
    workers = opts.workers or os.cpu_count() or 1
    executor, close = make_executor(opts.executor, workers, len(missed), opts.dask_address, opts.bounds)
    cache_root = str(opts.cache_dir) if opts.cache_dir else None
    ocr_root = str(opts.cache_dir / "ocr-pages") if opts.cache_dir else None
    # First pass: a PDF whose scanned pages are not in the cache yet waits for the OCR pass below.
    args = [(str(p), entry, cache_root, key, names[p], opts.bounds, ocr_root, True) for p, entry, key in missed]
    pending: list[tuple[Path, dict | None, str | None, list[int]]] = []
    try:
        # (index into `missed`, result): the worker pool gives them as they finish, and a file
        # whose worker died or ran out of time as a Failure.
        results: Iterable[tuple[int, JobResult | Failure]]
        if executor is None:
            results = ((i, _convert_job(*a)) for i, a in enumerate(args))
        elif isinstance(executor, WorkerPool):
            results = executor.run(_convert_job, args)
        else:
            results = enumerate(executor.map(_convert_job, *zip(*args))) if args else []
        for index, result in results:
            path, entry, key = missed[index]
            if isinstance(result, Failure):
                result = _failed(names[path], result, opts.bounds)
            if progress:  # a scan too: this bar is done before the OCR pass shows its own
                progress(result.name)
            if result.ocr_pending is not None:
                pending.append((path, entry, key, result.ocr_pending))
                continue
            done[path] = _outcome(result)
    finally:
        close()
    if pending:
        done.update(_ocr_pass(pending, names, opts, workers, progress_factory))
    for path in jobs:
        got, file_reports = done[path]
        docs.extend(got)
        reports.extend(file_reports)
    return docs, reports, {"cache_hits": hits, "converted": len(jobs) - hits, "cache_corrupt": cache.corrupt}


def _outcome(result: JobResult) -> tuple[list[Document], list[InputReport]]:
    for warning in result.warnings:  # logged in the worker: logged here, naming the file
        log.warning("%s: %s", result.name, warning)
    if result.error is not None:
        e = result.error
        return [], [InputReport(file=result.name, status="skipped", code=e.code, reason=e.reason, stage=e.stage)]
    assert result.documents is not None
    return _built(result.name, [Document.model_validate(d) for d in result.documents])


def _ocr_pass(pending: list[tuple[Path, dict | None, str | None, list[int]]], names: dict[Path, str], opts: BuildOptions,
              workers: int, progress_factory: Callable[[str, int], Callable[[str], None]] | None) -> dict[Path, tuple[list[Document], list[InputReport]]]:
    """The scans' pages, one page a job across the pool (their own progress bar), then the scans
    themselves, converted from the OCR cache. With --no-cache the OCR results live in a temporary
    folder for this pass only."""
    cache_root = str(opts.cache_dir) if opts.cache_dir else None
    scratch = None if opts.cache_dir else tempfile.TemporaryDirectory(prefix="ingest-ocr-")
    ocr_root = str(opts.cache_dir / "ocr-pages") if opts.cache_dir else scratch.name  # type: ignore[union-attr]
    try:
        run_pending([(p, pages) for p, _, _, pages in pending], ocr_root, opts.executor, workers, opts.dask_address, progress_factory)
        return {path: _outcome(_convert_job(str(path), entry, cache_root, key, names[path], opts.bounds, ocr_root, False))
                for path, entry, key, _ in pending}
    finally:
        if scratch is not None:
            scratch.cleanup()


def _built(name: str, docs: list[Document]) -> tuple[list[Document], list[InputReport]]:
    """A built file's documents and report lines (ingest/document/coverage.py: its coverage, a warning
    when low, a skipped line for each agenda item that gave no findings). A PDF with scanned pages
    not read, or read with low confidence, says which pages (code E200, E201 or E203) and stays
    built: that warning comes first, as the likely cause of any text missing."""
    kept, reports = assess(name, docs)
    found = report_line(name, docs[0].ocr_pages) if docs[0].ocr_pages else None
    if found is not None:
        reports[0].code, reports[0].reason, reports[0].stage = found[0], found[1], "ocr"
    return kept, reports


def _tag_within_limits(docs: list[Document], reports: list[InputReport], taxonomy: Taxonomy, cache: Cache,
                       progress: Callable[[str], None] | None, bounds: Bounds) -> tuple[list[Document], int]:
    """Tag every document, each within the time limit; one that runs past it is skipped (its
    report says so, and so do the reports of the copies merged into it) and the rest go on."""
    from ingest.corpus.tagger import tag_documents

    late: list[Document] = []
    n = tag_documents(docs, taxonomy, cache, progress, time_limit=bounds.time_limit, timed_out=late.append)
    for d in late:
        n -= len(d.findings)
        files = [r for r in reports if r.document_id == d.id and r.status in ("built", "merged")]
        if not files:  # an agenda item, reported under its pack
            src = d.sources[0] if d.sources else None
            files = [InputReport(file=f"{src.file} (item {src.item})" if src and src.item else (src.file if src else d.id), status="skipped")]
            reports.extend(files)
        for r in files:
            err = IngestError(Errors.E183, file=r.file, stage="tag", seconds=bounds.time_limit)
            r.status, r.stage, r.code, r.reason = "skipped", "tag", err.code, str(err)
    gone = {id(d) for d in late}
    return [d for d in docs if id(d) not in gone], n


def _entry_dict(manifest: Manifest, name: str) -> dict | None:
    entry = manifest.entry(name)
    return entry.model_dump() if entry else None


def build(opts: BuildOptions, progress_factory: Callable[[str, int], Callable[[str], None]] | None = None) -> BuildResult:
    """Run every stage. Python's cyclic garbage collector is paused meanwhile: a build makes
    millions of small objects that live to its end (the corpus), and the collector walked all of
    them again and again as they grew, which made reading 5,000 cached papers take 7 s instead of
    1.3 s. The documents hold no reference cycles; anything cyclic is collected at the end.

    A build that publishes first checks the site folder, then holds the site's and the cache's
    locks to its end (`publish.site_guard`). With a cache, a build whose inputs, options and code
    are those the published site was built from, and whose site is untouched, does nothing
    (`ingest/site/current.py`)."""
    t0 = time.perf_counter()
    guard = publish.site_guard(opts.site, opts.corpus, opts.cache_dir, opts.lock_wait) if opts.render else contextlib.nullcontext()
    with guard:
        enabled = gc.isenabled()
        gc.disable()
        try:
            record, inputs = _published_record(opts)
            published = current.check(record, inputs, opts.site.resolve()) if record and inputs else None
            if published is not None:
                return BuildResult(corpus=published.corpus, counts=published.counts, cache=published.cache, current=True,
                                   timings={"check": time.perf_counter() - t0, "total": time.perf_counter() - t0})
            with counted() as warned:
                result = _build(opts, progress_factory, warned)
            if record and inputs and result.published:  # written, and not refused by --strict
                current.record(record, inputs, opts.site.resolve(), result.corpus, result.counts, result.cache)
            return result
        finally:
            if enabled:
                gc.enable()
            gc.collect()


def _published_record(opts: BuildOptions) -> tuple[Path | None, str | None]:
    """Where the record of the published site is kept (the cache's render folder), and the digest
    of this build's inputs; (None, None) for a build without a cache or one that does not publish."""
    if not opts.render or opts.cache_dir is None:
        return None, None
    from ingest.site.project_files import PACKAGED_PROJECT, project_root

    root = project_root()
    options: dict[str, object] = {"corpus": opts.corpus.resolve(), "site": opts.site.resolve(), "site_url": opts.site_url,
               "strict": opts.strict, "bounds": opts.bounds, "project": root.resolve()}
    digest = current.inputs_digest(options, opts.corpus, None if root == PACKAGED_PROJECT else root)
    return opts.cache_dir / "render" / current.RECORD, digest


def _build(opts: BuildOptions, progress_factory: Callable[[str, int], Callable[[str], None]] | None,
           warned: WarningCounter) -> BuildResult:
    from ingest.corpus.glossary import build_glossary
    from ingest.corpus.link import link_corpus
    from ingest.corpus.series import series_pairs
    from ingest.corpus.tagger import load_taxonomy
    from ingest.officer.decisions import apply_decisions, load_decisions, undecided

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    manifest = load_manifest(opts.corpus)
    check_site_url(opts.site_url, "--site-url")  # before any work: a bad address would be in every page
    taxonomy = load_taxonomy(opts.corpus)
    decisions = load_decisions(opts.corpus)
    inputs, refused = survey(opts.corpus)
    timings["setup"] = time.perf_counter() - t0

    t = time.perf_counter()
    prog = progress_factory("Extracting and segmenting", len(inputs)) if progress_factory else None
    docs, reports, convert_counts = convert_all(inputs, manifest, opts, prog, progress_factory)
    reports = refused + reports
    timings["extract+segment"] = time.perf_counter() - t

    t = time.perf_counter()
    docs, merges = dedupe(docs)
    record_merges(reports, merges, docs)
    timings["dedupe"] = time.perf_counter() - t

    t = time.perf_counter()
    cache = Cache(opts.cache_dir)
    prog = progress_factory("Tagging themes", len(docs)) if progress_factory else None
    docs, n_findings = _tag_within_limits(docs, reports, taxonomy, cache, prog, opts.bounds)
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
                         cache={"hits": convert_counts["cache_hits"], "corrupt": convert_counts["cache_corrupt"] + cache.corrupt},
                         warnings=warned.messages)  # the counter's own list: warnings while rendering count too
    if opts.strict and (result.failures or warned.count):
        return result
    if opts.render:
        t = time.perf_counter()
        done = progress_factory("Rendering the site (pages, MkDocs, search index)", 1) if progress_factory else None
        # With --strict, a warning logged while rendering keeps the staged site from being published.
        keep = (lambda: not warned.count) if opts.strict else None
        result.published = render_atomically(corpus, manifest, taxonomy, opts, timings, keep)
        if done:
            done("site")
        timings["render"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    return result


def record_merges(reports: list[InputReport], merges: list, docs: list[Document]) -> None:
    # Ids are made unique after merging ("-2", "-3" for papers whose inferred ids collide), so the
    # id a worker reported, or a merge recorded, may be another paper's: each report takes the id
    # of the document that holds its file now.
    holder = {(s.file, s.pack, s.item): d for d in docs for s in d.sources}
    for r in reports:
        doc = holder.get((r.file, None, None))
        if r.status == "built" and doc is not None:
            r.document_id = doc.id
            r.low_confidence = [k for k, p in doc.provenance.items() if p.confidence < LOW_CONFIDENCE]
    for m in merges:
        if m.refused:  # a different paper under another's manifest id: left out, and said so
            for r in reports:
                if r.file == m.merged.sources[0].file and r.status == "built":
                    r.status, r.stage, r.code, r.reason, r.document_id = "skipped", "dedupe", Errors.E153.code, m.refused, None
            continue
        merged_files = {s.file for s in m.merged.sources if not s.pack}
        first = m.merged.sources[0] if m.merged.sources else None
        canonical = holder[(first.file, first.pack, first.item)].id if first else m.canonical
        for r in reports:
            if r.file in merged_files and r.status == "built":
                r.status = "merged"
                r.document_id = canonical
                r.reason = f"duplicate of {canonical}"
                r.low_confidence = []
        for s in m.merged.sources:
            if s.pack:
                reports.append(InputReport(file=f"{s.file} (item {s.item})", status="merged", document_id=canonical,
                                           reason=f"agenda item {s.item} is a copy of {canonical}"))


def render_atomically(corpus: Corpus, manifest: Manifest, taxonomy: object, opts: BuildOptions,
                      timings: dict[str, float] | None = None, keep: Callable[[], bool] | None = None) -> bool:
    """Render into this build's own staging folder and swap it in (unless `keep` says no: returns
    whether it was published); on any failure the staging folder is deleted (a full disk is
    freed again) and the published site is left as it was."""
    from ingest.site.site import render_site

    site = opts.site.resolve()
    state = opts.cache_dir / "render" if opts.cache_dir else None
    try:
        with publish.staging(site) as staged:
            render_site(corpus, manifest, taxonomy, opts.corpus, staged, site_url=opts.site_url, timings=timings,  # type: ignore[arg-type]
                        state_dir=state, previous_site=site)
            if keep is not None and not keep():
                return False
            publish.swap_in(staged, site)
        return True
    except OSError as exc:
        if exc.errno not in publish.WRITE_ERRNOS:
            raise  # not a folder that cannot be written: a bug to report, with its traceback
        raise IngestError(Errors.E104, file=site, detail=publish.describe(exc)) from exc
    except (RenderError, SearchIndexError) as exc:
        detail = publish.subprocess_write_error(str(exc.fields.get("detail", "")))  # MkDocs or Pagefind could not write
        if detail is None:
            raise  # its own message: what MkDocs or Pagefind said
        raise IngestError(Errors.E104, file=site, detail=detail) from exc
