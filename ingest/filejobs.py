"""Per-file stages across the corpus: each input read and converted in a worker process, within
its bounds, from the cache where it was read before; what failed is one report line, not a
stopped build. The orchestrator (`ingest/pipeline.py`) calls `convert_all`, then the corpus stages.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.bounds import Bounds, TimeLimitExceeded, format_mb, time_limit
from ingest.cache import Cache, sha256_file
from ingest.config.manifest import Manifest, ManifestEntry
from ingest.document.convert import SUPPORTED, convert_file
from ingest.document.coverage import assess
from ingest.document.extract.ocr import engine_tag as ocr_engine_tag
from ingest.document.extract.ocr_run import OcrPending, report_line, run_pending
from ingest.document.extract.ocr_run import configured as ocr_configured
from ingest.document.inputs import input_name, survey
from ingest.errors import ErrorCode, Errors, IngestError
from ingest.logs import kept_warnings
from ingest.model import Document, InputReport
from ingest.workers import Failure, JobError, JobResult, WorkerPool

if TYPE_CHECKING:
    from ingest.pipeline import BuildOptions

log = logging.getLogger(__name__)


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


def _entry_dict(manifest: Manifest, name: str) -> dict | None:
    entry = manifest.entry(name)
    return entry.model_dump() if entry else None
