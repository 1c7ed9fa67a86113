"""The one orchestrator: per-file stages in worker processes, then corpus stages, then render.

One bad file never stops a batch: its error is recorded with the file and stage and the build
goes on; the closing report lists every input as built, merged or skipped. `strict` turns any
skip into a failed build. The site is written to a temporary folder and swapped in at the end,
so a failed or interrupted build leaves the last good site in place (`ingest/site/publish.py`: which
site folders may be used, one build at a time, the atomic swap).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.bounds import Bounds
from ingest.cache import Cache
from ingest.errors import Errors, IngestError, RenderError, SearchIndexError
from ingest.logs import WarningCounter, counted
from ingest.model import Corpus, Document, InputReport
from ingest.site import current, publish
from ingest.site.current import Summary

# The stages are imported where they run (in `_build`): a build with nothing changed imports
# none of them, nor what they import (the PDF, NLP and schema code, over half a second).
if TYPE_CHECKING:
    from ingest.config.manifest import Manifest
    from ingest.config.taxonomy import Taxonomy

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
    corpus: Corpus  # a current build reads no paper: its corpus holds only the report, and `summary` the rest
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    cache: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # logged under "ingest" during the build; --strict fails on any
    published: bool = False  # the site was written (not with render off, nor when --strict failed)
    current: bool = False  # nothing changed since the last build published the site: nothing was done
    recorded: Summary | None = None  # a current build's summary: the last build's, as recorded

    @functools.cached_property
    def summary(self) -> Summary:
        """What `ingest build` prints: counted from the corpus (once: the record keeps it too), or
        recorded by the last build."""
        return self.recorded if self.recorded is not None else Summary.of(self.corpus)

    @property
    def skipped(self) -> list[InputReport]:
        return [r for r in self.corpus.report if r.status == "skipped"]

    @property
    def failures(self) -> list[InputReport]:
        """What `--strict` fails on: skipped files, and built PDFs whose scanned pages were not
        read or were read with low confidence."""
        return [r for r in self.corpus.report if r.status == "skipped" or r.code in OCR_CODES]


OCR_CODES = {Errors.E200.code, Errors.E201.code, Errors.E203.code}


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


def build(opts: BuildOptions, progress_factory: Callable[[str, int], Callable[[str], None]] | None = None) -> BuildResult:
    """Run every stage. Python's cyclic garbage collector is paused meanwhile: a build makes
    millions of small objects that live to its end (the corpus), and the collector walked all of
    them again and again as they grew, which made reading 5,000 cached papers take 7 s instead of
    1.3 s. The documents hold no reference cycles. At the end what the build made is frozen
    (`gc.freeze`), not collected: a collection then would walk the whole corpus, alive in the
    result, to find almost nothing (1.1 s of a 14 s rebuild at 1,000 papers). The next build in
    the same process (serve, tests) unfreezes and collects first, once that result is let go.

    A build that publishes first checks the site folder, then holds the site's and the cache's
    locks to its end (`publish.site_guard`). With a cache, a build whose inputs, options and code
    are those the published site was built from, and whose site is untouched, does nothing
    (`ingest/site/current.py`)."""
    t0 = time.perf_counter()
    guard = publish.site_guard(opts.site, opts.corpus, opts.cache_dir, opts.lock_wait) if opts.render else contextlib.nullcontext()
    with guard:
        enabled = gc.isenabled()
        if gc.get_freeze_count():  # an earlier build's leftovers: any cycles among them are freed now
            gc.unfreeze()
            gc.collect()
        gc.disable()
        try:
            record, inputs = _published_record(opts)
            published = current.check(record, inputs, opts.site.resolve()) if record and inputs else None
            if published is not None:
                return BuildResult(corpus=Corpus(report=published.summary.report), counts=published.counts, cache=published.cache,
                                   current=True, recorded=published.summary,
                                   timings={"check": time.perf_counter() - t0, "total": time.perf_counter() - t0})
            with counted() as warned:
                result = _build(opts, progress_factory, warned)
            if record and inputs and result.published:  # written, and not refused by --strict
                current.record(record, inputs, opts.site.resolve(), result.summary, result.counts, result.cache)
            return result
        finally:
            gc.freeze()
            if enabled:
                gc.enable()


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
    from ingest.config.manifest import check_site_url, load_manifest
    from ingest.corpus.dedupe import dedupe
    from ingest.corpus.glossary import build_glossary
    from ingest.corpus.link import link_corpus
    from ingest.corpus.series import series_pairs
    from ingest.corpus.tagger import load_taxonomy
    from ingest.document.inputs import survey
    from ingest.filejobs import convert_all
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
    from ingest.document.infer import LOW_CONFIDENCE

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
