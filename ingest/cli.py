"""Command line: a thin layer over `ingest.pipeline`. Each command's help ends with an example."""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from ingest.bounds import MB, Bounds
from ingest.errors import EXIT_STATUSES, Errors, IngestError, StrictFailure

EXAMPLES = {
    "build": "example:\n  python -m ingest build\n  python -m ingest build --corpus ~/papers --site /var/www/papers --site-url https://example.gov.uk/papers/ --strict",
    "serve": "example:\n  python -m ingest serve --port 8000",
    "explain": ("example:\n  python -m ingest explain 2020-01-28-minutes-of-28-january-2020   (a document: where its metadata was read)\n"
                "  python -m ingest explain 2011-04-11-safeguarding-peer-review/consider-looked-after-children-1"),
    "decide": ("example:\n  python -m ingest decide confirm 2011-04-11-safeguarding-peer-review/consider-looked-after-children-1 "
               "2020-02-26-cypic-regional-peer-review/p29 --by 'J. Smith, Corporate Parenting Officer' "
               "--note 'The 2019 review answers the 2011 point on members.'"),
    "review": ("example:\n  python -m ingest review 2011-04-11-safeguarding-peer-review --by 'J. Smith'\n"
               "  python -m ingest review > review.txt"),
}


EXIT_HELP = "exit status:\n" + "\n".join(f"  {code:<3} {what}" for code, what in EXIT_STATUSES.items())


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ingest", description="Turn council committee papers into a searchable, citable site.",
                                epilog="example:\n  python -m ingest build\n\n" + EXIT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--corpus", type=Path, default=Path("corpus"), help="folder of papers (default: corpus)")
        sp.add_argument("--site", type=Path, default=Path("site"), help="folder to write the site to (default: site)")
        sp.add_argument("--cache", type=Path, default=Path(".cache/ingest"), help="cache folder (default: .cache/ingest)")
        sp.add_argument("--no-cache", action="store_true", help="extract and tag everything again")
        sp.add_argument("--site-url", default=None, help="the address the site is published at, e.g. https://example.gov.uk/papers/")
        sp.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
        sp.add_argument("--executor", choices=["auto", "serial", "process", "dask"], default="auto",
                        help="how per-document stages run: auto, serial, process pool, or a Dask cluster")
        sp.add_argument("--dask-address", default=None, help="scheduler address of an existing Dask cluster (with --executor dask)")
        sp.add_argument("--quiet", action="store_true", help="no progress bars; just the summary (for CI)")
        sp.add_argument("--wait", type=float, default=300.0, metavar="SECONDS",
                        help="how long to wait for another build of the same site or cache to finish (default: 300; 0: refuse at once)")
        sp.add_argument("--time-limit", type=float, default=Bounds.time_limit, metavar="SECONDS",
                        help=f"stop reading or tagging one file after this long and skip it; 0: no limit (default: {Bounds.time_limit:g})")
        sp.add_argument("--memory-limit", type=int, default=(Bounds.memory_limit or 0) // MB, metavar="MB",
                        help=f"memory one file may add to a worker process before it is skipped; 0: no limit (default: {(Bounds.memory_limit or 0) // MB})")

    b = sub.add_parser("build", help="build the site and open data from the corpus", epilog=EXAMPLES["build"] + "\n\n" + EXIT_HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    common(b)
    b.add_argument("--strict", action="store_true",
                   help="fail (exit 1) and leave the site as it was if any input file is skipped, scanned pages "
                        "were not read well, or any warning was logged")
    s = sub.add_parser("serve", help="serve the site on localhost, rebuilding when the corpus or taxonomy changes",
                       epilog=EXAMPLES["serve"], formatter_class=argparse.RawDescriptionHelpFormatter)
    common(s)
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--interval", type=float, default=1.0, help="seconds between checks for changed files")
    e = sub.add_parser("explain", help="show one finding (source, page, themes and the words behind them, links) or one document's metadata and where it was read",
                       epilog=EXAMPLES["explain"], formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("id", help="a finding id as in findings.jsonl, its permalink, or its key if only one document has it; "
                              "or a document id as in documents.json, or its page's address")
    e.add_argument("--site", type=Path, default=Path("site"), help="the built site to read (default: site)")
    d = sub.add_parser("decide", help="record an officer's decision on a follow-through link in corpus/link-decisions.yaml",
                       epilog=EXAMPLES["decide"], formatter_class=argparse.RawDescriptionHelpFormatter)
    d.add_argument("decision", choices=["confirm", "reject"],
                   help="confirm a link (one the rules made, a possible match, or one they missed), or reject a link "
                        "the rules made or dismiss a possible match")
    d.add_argument("source", help="the earlier review's finding: its id, or its permalink")
    d.add_argument("target", help="the later review's finding: its id, or its permalink")
    d.add_argument("--by", help="who decided, e.g. 'J. Smith, Corporate Parenting Officer'")
    d.add_argument("--note", help="why, in a sentence; shown with the link on the site")
    d.add_argument("--corpus", type=Path, default=Path("corpus"), help="folder of papers (default: corpus)")
    d.add_argument("--site", type=Path, default=Path("site"), help="the built site to check the ids against (default: site)")
    r = sub.add_parser("review", help="list each earlier finding's links and possible matches, with the decide command for each",
                       epilog=EXAMPLES["review"], formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("only", nargs="?", default=None, help="only this earlier review (its document id) or this one finding (its id)")
    r.add_argument("--by", default="YOUR NAME", help="your name, written into the printed decide commands")
    r.add_argument("--site", type=Path, default=Path("site"), help="the built site to read (default: site)")
    return p


def _options(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ingest.pipeline import BuildOptions

    bounds = Bounds(time_limit=args.time_limit if args.time_limit > 0 else None,
                    memory_limit=args.memory_limit * MB if args.memory_limit > 0 else None)
    return BuildOptions(corpus=args.corpus, site=args.site, strict=getattr(args, "strict", False), quiet=args.quiet,
                        workers=args.workers, executor=args.executor, cache_dir=None if args.no_cache else args.cache,
                        site_url=args.site_url, dask_address=args.dask_address, lock_wait=args.wait, bounds=bounds)


def _progress_factory(console):  # type: ignore[no-untyped-def]
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    def factory(label: str, total: int):  # type: ignore[no-untyped-def]
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            TextColumn("left"), TimeRemainingColumn(), console=console, transient=True)
        task = progress.add_task(label, total=total)
        progress.start()
        seen = [0]

        def step(name: str) -> None:
            seen[0] += 1
            progress.update(task, advance=1, description=f"{label}: {name[:40]}")
            if seen[0] >= total:
                progress.stop()

        if total == 0:
            progress.stop()
        return step

    return factory


def cmd_build(args: argparse.Namespace) -> int:
    from ingest.pipeline import build

    console = getattr(args, "console", None) or _console()  # main's: progress and log lines share it
    if not args.corpus.is_dir():
        raise IngestError(Errors.E311, corpus=args.corpus)
    opts = _options(args)
    show_progress = not args.quiet and console.is_terminal
    result = build(opts, _progress_factory(console) if show_progress else None)
    _summary(console, result, opts)
    if opts.strict and (result.failures or result.warnings):
        unread = len(result.failures) - len(result.skipped)
        detail = f"{len(result.skipped)} input file(s) skipped"
        if unread:
            detail += f", {unread} with scanned pages not read or read with low confidence"
        if result.warnings:
            detail += f", {len(result.warnings)} warning(s) logged"
        raise StrictFailure(Errors.E312, detail=detail)
    return 0


def _console():  # type: ignore[no-untyped-def]
    """Messages, warnings and progress go to stderr (stdout is for what a command prints)."""
    from rich.console import Console

    return Console(stderr=True)


def _summary(console, result, opts) -> None:  # type: ignore[no-untyped-def]
    summary = result.summary  # a build with nothing changed: the last build's, as it recorded it
    status = Counter(r.status for r in summary.report)
    # One screen, whatever the size of the collection: counts, then only the files that need an
    # officer's attention. Every input's line is in data/build-report.json.
    console.print(f"Inputs: {status.get('built', 0)} built, {status.get('merged', 0)} merged as duplicates, "
                  f"[{'red' if status.get('skipped') else 'green'}]{status.get('skipped', 0)} skipped[/]"
                  f" (every input: {opts.site}/data/build-report.json)")
    _files_table(console, "Skipped: fix these files and build again", "What was wrong, and what to do",
                 [r for r in summary.report if r.status == "skipped"])
    _files_table(console, "Built with a warning: check these papers", "What was left out, and what to do",
                 [r for r in summary.report if r.status != "skipped" and r.code])  # built, but text was left out
    doubtful = [r for r in summary.report if r.low_confidence]
    if doubtful:
        # At most a screenful; every one is in build-report.json (low_confidence).
        console.print(f"Metadata guessed with low confidence in {len(doubtful)} paper(s): give these fields in the manifest "
                      "(`python -m ingest explain DOCUMENT` shows where each was read):")
        for r in doubtful[:10]:
            console.print(f"  {r.file} ({r.document_id}): {', '.join(r.low_confidence)}")
        if len(doubtful) > 10:
            console.print(f"  and {len(doubtful) - 10} more in {opts.site}/data/build-report.json")
    _ocr_summary(console, summary)
    console.print(f"{summary.documents} documents, {summary.findings} findings, "
                  f"{summary.links} links; cache hits {result.cache.get('hits', 0)}")
    console.print("Findings per theme: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.themes.items())))
    console.print("Time per stage: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items()))
    if result.current:
        console.print(f"Nothing changed since the last build: the site in {opts.site}/ is current (nothing was rewritten).")
    elif result.published:
        console.print(f"Site written to {opts.site}/ (open data in {opts.site}/data/)")


def _ocr_summary(console, summary) -> None:  # type: ignore[no-untyped-def]
    """Scanned pages: how many OCR read; the files whose pages to check; and, once, that
    Tesseract is missing and how to install it."""

    if not summary.ocr_pages:
        return
    unread = [r for r in summary.report if r.code == Errors.E200.code]
    console.print(f"Scanned pages: {summary.ocr_read} of {summary.ocr_pages} read by OCR (findings from them say so)")
    if unread:
        console.print(f"[red]Tesseract OCR is not installed: the scanned pages of {len(unread)} file(s) were skipped.[/red] "
                      "Install it (as root: apt-get install tesseract-ocr tesseract-ocr-eng; scripts/build-site does it), then rebuild.")
    _files_table(console, "Read by OCR: check these pages against the original", "What to check",
                 [r for r in summary.report if r.code in (Errors.E201.code, Errors.E203.code)])


def _files_table(console, title: str, what: str, reports: list) -> None:  # type: ignore[no-untyped-def]
    """The input files that need an officer, each with its report's reason; nothing when there are none."""
    from rich.table import Table

    if not reports:
        return
    table = Table(title=title, show_header=True)
    table.add_column("Input file")
    table.add_column(what)
    for r in reports:
        table.add_row(r.file, r.reason or "")
    console.print(table)


def cmd_serve(args: argparse.Namespace) -> int:
    """Build, then serve the site, watching the corpus, the taxonomy and the project's mkdocs.yml
    and docs/; rebuild on a change (a build with nothing changed does nothing) and reload the open
    pages. The server is the render engine's own (ingest/site/engine.py)."""
    from ingest.config.taxonomy import taxonomy_path
    from ingest.pipeline import build
    from ingest.site.engine import serve
    from ingest.site.publish import check_site

    opts = _options(args)
    try:  # a folder that may not hold the site is not served either
        check_site(opts.site, opts.corpus, opts.cache_dir)
    except IngestError as exc:
        print(str(exc), file=sys.stderr)
        return 2

    def rebuild() -> None:
        t = time.perf_counter()
        try:
            result = build(opts)
            print("nothing changed" if result.current else f"rebuilt in {time.perf_counter() - t:.1f}s", file=sys.stderr)
        except Exception as exc:  # noqa: BLE001 - keep serving the last good site
            print(f"build failed, still serving the last good site: {exc}", file=sys.stderr)

    rebuild()
    print(f"Serving {args.site}/ at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)", file=sys.stderr)
    watched = [p for p in (args.corpus, taxonomy_path(args.corpus), Path("mkdocs.yml"), Path("docs")) if p.exists()]
    serve(args.site.resolve(), args.port, watched, rebuild, args.interval)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from ingest.officer.permalinks import resolve, resolve_document
    from ingest.officer.published import PublishedSite

    published = PublishedSite(args.site)  # NoBuiltSite (E300) when there is none: main() reports it
    data, docs = published.data, published.documents
    doc_id = resolve_document(args.id, docs)
    if doc_id is not None:
        print("\n".join(explain_document(docs[doc_id])))
        return 0
    texts = published.findings
    finding = texts[resolve(args.id, texts, listed_in=data / "findings.jsonl")]
    doc = docs[finding["document_id"]]
    print(f"{finding['id']}\n  {finding['kind']} {finding['label']} in {doc['title']} ({doc['date']})")
    print(f"  section: {finding['section']}\n  page: {finding['page'] if finding['page'] is not None else 'unknown'}")
    print("  sources: " + "; ".join(s["file"] + (f" (agenda item {s['item']}, pages {s['pages']})" if s.get("item") else "") for s in doc["sources"]))
    print(f"  text: {finding['text'][:600]}")
    print(f"  citation: {finding['citation']}")
    print("  themes:")
    for theme, words in finding["evidence"].items():
        print(f"    {theme}: matched {', '.join(repr(w) for w in words)}")
    if not finding["evidence"]:
        print("    (none)")
    links = [lk for lk in published.links if finding["id"] in (lk["source"], lk["target"])]
    possible = [lk for lk in published.possible_links if finding["id"] in (lk["source"], lk["target"])]
    print("  links:")
    if not links:
        print("    (none: not in a linked series)")
    for title, group in (("", links), ("possible matches, not linked (below the cut-off):", possible)):
        if title and group:
            print(f"  {title}")
        for lk in group:
            other = lk["target"] if lk["source"] == finding["id"] else lk["source"]
            label = f"{texts[other]['document_title']}, {texts[other]['label']}" if other in texts else "(none)"
            print(f"    {lk['relation']} -> {label} score {lk['score']}")
            for ev in lk["evidence"]:
                print(f"      {ev}")
    return 0


def explain_document(doc: dict[str, Any]) -> list[str]:
    """A document's metadata, each field with where it came from: the manifest, or the line and
    page it was read from and how sure the rule was."""
    from ingest.document.infer import LOW_CONFIDENCE

    out = [f"{doc['id']}\n  {doc['title']} ({doc['kind']}, {doc['date'] or 'undated'}), {doc['findings']} findings"]
    provenance = doc.get("provenance") or {}
    for key in ("title", "date", "kind", "body", "publisher", "subject", "period"):
        value = doc.get(key)
        got = provenance.get(key)
        if got is not None:
            where = f"page {got['page']}" if got.get("page") is not None else "page unknown"
            doubt = "  <- low confidence: give it in the manifest" if got["confidence"] < LOW_CONFIDENCE else ""
            out.append(f"  {key}: {value!r}\n    read from the text ({got['rule']}), confidence {got['confidence']:.2f}{doubt}")
            if got.get("line"):
                out.append(f"    {where}: {got['line'][:200]!r}")
        elif value is None and key in ("subject", "period"):
            continue  # most papers are about their publisher and cover no period
        elif value is None:
            out.append(f"  {key}: not known" + (" (no council named in the paper, and no site publisher set in site.yaml or the manifest)" if key == "publisher" else ""))
        elif key == "publisher" and key not in provenance:
            out.append(f"  publisher: {value!r}\n    from the manifest or site.yaml (the entry's publisher, or the site's for papers that name none)")
        else:
            out.append(f"  {key}: {value!r}\n    from the manifest")
    out.append("  sources: " + "; ".join(s["file"] + (f" (agenda item {s['item']}, pages {s['pages']})" if s.get("item") else "") for s in doc["sources"]))
    return out


def cmd_decide(args: argparse.Namespace) -> int:
    from ingest.officer.decisions import record_decision

    print(record_decision(args.corpus, args.site, args.decision, args.source, args.target, args.by, args.note))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from ingest.officer.review import review_queue

    print("\n".join(review_queue(args.site, args.only, args.by)))
    return 0


COMMANDS = {"build": cmd_build, "serve": cmd_serve, "explain": cmd_explain, "decide": cmd_decide, "review": cmd_review}


def main(argv: list[str] | None = None) -> int:
    """Run one command. Its errors are caught here, once: an `IngestError` (something the user
    can fix) is printed as its one message, no traceback, and exits with its `exit_status`;
    anything else is a bug, printed with its traceback. Warnings go through the "ingest" logger,
    shown by rich (`ingest.logs`)."""
    from ingest import logs

    args = _parser().parse_args(argv)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    console = args.console = _console()
    with logs.shown(console, quiet=getattr(args, "quiet", False)):
        try:
            return COMMANDS[args.command](args)
        except IngestError as exc:
            # markup=False: values quoted in the message are not read as markup; soft_wrap: one
            # line, paths as they are.
            console.print(str(exc), style="red", markup=False, soft_wrap=True, highlight=False)
            return exc.exit_status
        except KeyboardInterrupt:
            console.print("Interrupted.", style="red")
            return 130
        except Exception:  # noqa: BLE001 - not an error a user can fix: a bug, with its traceback
            traceback.print_exc()
            console.print("This is a bug in council-ingest, not a problem with the papers: report it with the "
                          "traceback above and the command you ran.", style="red", markup=False, soft_wrap=True)
            return 3
