"""OCR in a build: scanned pages read from the cache or by Tesseract, pages side by side.

A build reads scans in two passes, so that a long scan never holds up the typed papers and its
pages spread over every worker: the first pass converts every file, and a PDF whose scanned pages
are not yet in the cache stops early (`OcrPending`, after reading only its text layer); the
pages of all such PDFs are then OCR'd as one job each in the worker pool, with their own
progress bar (pages per second, time left); last, those PDFs are converted again, from the cache.
Called on its own (`convert_file` in a test or a script), a PDF's scanned pages are read
at once, in threads (each Tesseract is its own process).

The cache holds each page's Tesseract output under a hash of the rendered image, Tesseract's
version and the settings (`ocr.image_key`), and an index from (file, page, settings) to that
key, so a second build need not render the page again to find it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, RootModel

from ingest.cache import Cache, sha256_file
from ingest.document.extract import ocr
from ingest.model import Block, Finding, OcrPage


class _PageRead(BaseModel):
    """A cached OCR result, checked like every cache entry: Tesseract's words ([text, left, top,
    width, height, confidence, line id]), the image's size, its table rules and each line's ink."""

    model_config = ConfigDict(extra="forbid")
    size: tuple[int, int]
    words: list[tuple[str, int, int, int, int, float, str]]
    rules: list[tuple[int, int, int, int]]
    ink: dict[str, list[int]]


class _PageKey(RootModel[str]):
    """Which OCR result a page of a file has (the key of its rendered image)."""

_settings: dict[str, Any] = {"cache": None, "defer": False}


class OcrPending(Exception):
    """Raised in a build's first pass by a PDF whose scanned pages are not in the cache yet.
    Internal control flow, not an IngestError: the pipeline catches it at once, reads the pages
    with OCR and converts the file again; no user ever sees it."""

    def __init__(self, pages: list[int]) -> None:
        super().__init__(f"{len(pages)} page(s) to OCR")
        self.pages = pages


@contextmanager
def configured(cache_root: str | None, defer: bool) -> Iterator[None]:
    """Where OCR results are cached, and whether a PDF with uncached scanned pages defers them
    (raises `OcrPending`) instead of reading them now. Restored afterwards."""
    old = dict(_settings)
    _settings.update(cache=cache_root, defer=defer)
    try:
        yield
    finally:
        _settings.update(old)


def _index_key(sha: str, index: int) -> str:
    return Cache.key("ocr-page", sha, str(index), ocr.engine_tag())


def _cached(cache: Cache, sha: str, index: int) -> dict[str, Any] | None:
    key = cache.get("ocr-index", _index_key(sha, index), _PageKey)
    found = cache.get("ocr", key.root, _PageRead) if key is not None else None
    return found.model_dump() if found is not None else None


def _store(cache: Cache, sha: str, index: int, key: str, result: dict[str, Any]) -> None:
    cache.put("ocr", key, _PageRead.model_validate(result))
    cache.put("ocr-index", _index_key(sha, index), _PageKey(key))


def read_pages(path: Path, pdf: Any, indices: list[int]) -> dict[int, dict[str, Any] | str | None]:
    """Tesseract's output for each 0-based page in `indices`: a result, an error message (that
    page failed), or None for every page when Tesseract is not installed."""
    version = ocr.tesseract_version()
    if version is None:
        return dict.fromkeys(indices)
    cache = Cache(Path(_settings["cache"])) if _settings["cache"] else Cache(None)
    sha = sha256_file(path)
    out: dict[int, dict[str, Any] | str | None] = {}
    missing = []
    for i in indices:
        hit = _cached(cache, sha, i) if cache.root else None
        if hit is not None:
            out[i] = hit
        else:
            missing.append(i)
    if missing and _settings["defer"]:
        raise OcrPending(missing)
    # pdfium is not thread-safe: pages are rendered here, one by one, and only Tesseract (its own
    # process for each page) runs in threads.
    images = []
    for i in missing:
        page = pdf[i]
        try:
            image = ocr.render(page)
        finally:
            page.close()
        key = ocr.image_key(image, version)
        found = cache.get("ocr", key, _PageRead) if cache.root else None
        if found is not None:
            out[i] = found.model_dump()
            cache.put("ocr-index", _index_key(sha, i), _PageKey(key))
        else:
            images.append((i, key, image))

    def one(item: tuple[int, str, Any]) -> tuple[int, dict[str, Any] | str]:
        i, key, image = item
        try:
            result = ocr.read_image(image)
        except Exception as exc:  # noqa: BLE001 - one page that Tesseract cannot read is reported, the rest are kept
            return i, f"{type(exc).__name__}: {str(exc).strip()[:200]}"
        _store(cache, sha, i, key, result)
        return i, result

    with ThreadPoolExecutor(max_workers=max(1, min(len(images), os.cpu_count() or 1))) as pool:
        for i, got in pool.map(one, images):
            out[i] = got
    return out


def ocr_page_job(path: str, index: int, cache_root: str) -> tuple[int, str | None]:
    """Worker: render one page, OCR it unless the cache has its image, cache the result.
    Returns (page index, error or None)."""
    import pypdfium2 as pdfium

    version = ocr.tesseract_version()
    if version is None:
        return index, "Tesseract is not installed"
    cache = Cache(Path(cache_root))
    try:
        sha = sha256_file(Path(path))
        pdf = pdfium.PdfDocument(path)
        try:
            page = pdf[index]
            image = ocr.render(page)
            page.close()
        finally:
            pdf.close()
        key = ocr.image_key(image, version)
        found = cache.get("ocr", key, _PageRead)
        result = found.model_dump() if found is not None else ocr.read_image(image)
        _store(cache, sha, index, key, result)
        return index, None
    except Exception as exc:  # noqa: BLE001 - the file's second pass reads the page again and reports it
        return index, f"{type(exc).__name__}: {exc}"


def run_pending(pending: list[tuple[Path, list[int]]], cache_root: str, executor_kind: str, workers: int,
                dask_address: str | None, progress_factory: Callable[[str, int], Callable[[str], None]] | None) -> None:
    """OCR every pending page of every deferred PDF, one page a job, across the worker pool."""
    from ingest.filejobs import make_executor

    jobs = [(str(path), i) for path, pages in pending for i in pages]
    step = progress_factory("Reading scanned pages (OCR)", len(jobs)) if progress_factory else None
    executor, close = make_executor(executor_kind, workers, len(jobs), dask_address)
    t0 = time.perf_counter()
    try:
        args = list(zip(*[(p, i, cache_root) for p, i in jobs]))
        results = map(ocr_page_job, *args) if executor is None else executor.map(ocr_page_job, *args)
        for n, ((path, _), (index, _error)) in enumerate(zip(jobs, results), start=1):
            if step:
                rate = n / max(time.perf_counter() - t0, 1e-6)
                step(f"{rate:.1f} pages/s, {Path(path).name[:20]} p.{index + 1}")
    finally:
        close()


def page_records(results: dict[int, dict[str, Any] | str | None]) -> list[OcrPage]:
    """What the build report needs to know of each scanned page, in page order."""
    records = []
    for i in sorted(results):
        got = results[i]
        if isinstance(got, dict):
            conf, kept = ocr.page_confidence(got)
            records.append(OcrPage(page=i + 1, confidence=conf, words=kept))
        else:
            records.append(OcrPage(page=i + 1, read=False, error=got))
    return records


def mark_findings(findings: list[Finding], blocks: list[Block]) -> None:
    """Give each finding made from OCR'd blocks `ocr` and its blocks' mean word confidence."""
    confs: dict[str, list[float]] = {}
    for b in blocks:
        if not b.ocr:
            continue
        ids = {b.finding_id, *(r.finding_id for r in b.rows), *(p.finding_id for r in b.rows for c in r.cells for p in c.parts)}
        for fid in ids:
            if fid is not None and b.ocr_confidence is not None:
                confs.setdefault(fid, []).append(b.ocr_confidence)
    for f in findings:
        if f.id in confs:
            f.ocr = True
            f.ocr_confidence = round(sum(confs[f.id]) / len(confs[f.id]), 1)


def report_line(file: str, pages: list[OcrPage]) -> tuple[str, str] | None:
    """The build report's code and reason for a built PDF with doubtful scanned pages: not read
    (no Tesseract, or it failed), or read with low confidence. None when all read well."""
    from ingest.errors import Errors, IngestError

    def numbers(ps: list[OcrPage]) -> str:
        return ", ".join(str(p.page) for p in ps)

    unread = [p for p in pages if not p.read]
    if unread and all(p.error is None for p in unread):
        return Errors.E200.code, str(IngestError(Errors.E200, file=file, pages=numbers(unread)))
    failed = [p for p in unread if p.error]
    if failed:
        return Errors.E203.code, str(IngestError(Errors.E203, file=file, pages=numbers(failed), detail=failed[0].error))
    low = [p for p in pages if p.confidence is not None and p.confidence < ocr.LOW_CONFIDENCE]
    if low:
        detail = ", ".join(f"{p.confidence:.0f} on page {p.page}" for p in low)
        return Errors.E201.code, str(IngestError(Errors.E201, file=file, pages=numbers(low), detail=detail, threshold=f"{ocr.LOW_CONFIDENCE:.0f}"))
    return None
