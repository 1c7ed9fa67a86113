"""Render the site: write the generated Markdown, have the engine build its pages, add the
sitemap, open data and sources, index the findings for search.

Generated Markdown goes to a staging docs folder next to the hand-written pages in `docs/`;
which engine builds HTML from it, and how, is engine.py's business alone. Pages whose inputs
are unchanged keep their staged file, and the engine rebuilds only the changed ones into a copy
of the published site made of hard links (state.py checks everything reused).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import NamedTuple

from ingest import PIPELINE_VERSION
from ingest.cache import code_digest, remove
from ingest.config.manifest import Manifest, check_site_url
from ingest.config.taxonomy import Taxonomy
from ingest.document.metadata.kinds import DocumentKind
from ingest.model import Corpus
from ingest.site import engine, follow, fragments, mkdocs_hook, pages, sitemap, theme_pages
from ingest.site import state as render_state
from ingest.site.export import write_exports
from ingest.site.exportchunks import ExportChunks
from ingest.site.html import Abbreviations, title_text
from ingest.site.project_files import project_root
from ingest.site.search import index_search

log = logging.getLogger(__name__)




def document_digests(corpus: Corpus) -> dict[str, str]:
    """A hash of each document as the site shows it (text, findings, themes, metadata)."""
    return {d.id: hashlib.sha256(d.model_dump_json().encode()).hexdigest() for d in corpus.documents}


def generate_pages(corpus: Corpus, manifest: Manifest, taxonomy: Taxonomy, previous: dict[str, str] | None = None,
                   doc_digest: dict[str, str] | None = None, site_url: str | None = None,
                   lastmod: dict[str, str] | None = None) -> tuple[dict[str, Callable[[], str]], list, dict[str, str]]:
    """The pages to generate as {path: function making its Markdown}, the navigation, and each
    page's input key. Pages are made one at a time by the caller and written straight away: held
    together, the pages of 5,000 papers would take gigabytes.

    Pages that can be many (one per document, meeting, theme-year, register-year, review pair) carry a key: a
    hash of everything they are made from. Given the keys of the last build (`previous`), a page
    whose key is unchanged is not generated again, and is missing from the returned pages; the
    caller keeps its file. The handful of index and register pages are always generated.
    `site_url` (the site's full address) makes every finding's permanent address absolute;
    `lastmod`, if given, is filled with each page's date for the sitemap (sitemap.py)."""
    abbr = Abbreviations({g.acronym: g.expansion for g in corpus.glossary})
    ctx = pages.Context(
        corpus=corpus, taxonomy=taxonomy, publisher=manifest.publisher, site_title=manifest.site_title, abbr=abbr,
        findings={f.id: f for f in corpus.findings()}, docs={d.id: d for d in corpus.documents},
        site_url=site_url or None,
    )
    if lastmod is not None:
        lastmod.update(sitemap.page_dates(ctx))
    previous = previous or {}
    keys: dict[str, str] = {}
    shared = _shared_inputs(ctx)
    doc_digest = doc_digest or document_digests(corpus)
    titles = {d.id: d.title for d in corpus.documents}

    def stale(rel: str, *parts: str) -> bool:
        key = hashlib.sha256("\0".join((shared, *parts)).encode()).hexdigest()
        keys[rel] = key
        return previous.get(rel) != key

    out: dict[str, Callable[[], str]] = {
        "index.md": partial(pages.home, ctx),
        "search.md": partial(pages.search_page, ctx),
        "themes/index.md": partial(theme_pages.themes_index, ctx),
        "documents/index.md": partial(pages.documents_index, ctx),
        "follow-through/index.md": partial(follow.follow_through_index, ctx),
        "recommendations.md": partial(pages.recommendations, ctx),
        "meetings/index.md": partial(pages.meetings_index, ctx),
        "glossary.md": partial(pages.glossary_page, ctx),
        "data.md": partial(pages.data_page, ctx),
    }
    for t in taxonomy.themes:
        out[f"themes/{t}.md"] = partial(theme_pages.theme_page, ctx, t)
        for year, by_doc in theme_pages.theme_year_split(ctx, t).items():
            rel = f"themes/{t}/{year}.md"
            # A finding shown on a theme or register page says where it stands in its review's
            # follow-through register too: that is part of the page's key.
            follows = ["=".join(ctx.follow_up[f.id]) for fs in by_doc.values() for f in fs if f.id in ctx.follow_up]
            if stale(rel, t, *(f"{i}:{doc_digest[i]}:{','.join(f.id for f in fs)}" for i, fs in sorted(by_doc.items())), *follows):
                out[rel] = partial(theme_pages.theme_year_page, ctx, t, year, by_doc)
    for year, items in pages.recommendations_year_split(ctx).items():
        rel = f"recommendations/{year}.md"
        follows = ["=".join(ctx.follow_up[f.id]) for f in items if f.id in ctx.follow_up]
        if stale(rel, *sorted({doc_digest[f.document_id] for f in items}), *follows):
            out[rel] = partial(pages.recommendations, ctx, year)
    for d in corpus.documents:
        # What a document page shows of other documents: the packs it was published in, the
        # papers its agenda items lead to.
        refs = [f"{s.pack}={titles.get(s.pack, '')}" for s in d.sources if s.pack]
        refs += [f"{i.document_id}={i.document_id in titles}" for i in d.items if i.document_id]
        refs += [f"{doc_id}:{item}" for item, doc_id in ctx.published_in.get(d.id, {}).items()]
        # and where each of its findings stands in a follow-through register
        refs += ["=".join(ctx.follow_up[f.id]) for f in d.findings if f.id in ctx.follow_up]
        if stale(f"documents/{d.id}.md", doc_digest[d.id], *refs):
            out[f"documents/{d.id}.md"] = partial(pages.document_page, ctx, d)
        if d.kind == DocumentKind.AGENDA_PACK:
            minutes = [m.id for m in ctx.minutes_in.get(d.id, [])]
            if stale(f"meetings/{d.id}.md", doc_digest[d.id], *refs, *(doc_digest[m] for m in minutes)):
                out[f"meetings/{d.id}.md"] = partial(pages.meeting_page, ctx, d)
    for earlier, later in follow.pairs(ctx):
        rel = f"follow-through/{earlier.id}--{later.id}.md"
        pair_links = [lk.model_dump_json() for doc_id in (earlier.id, later.id) for lk in ctx.links_of.get(doc_id, [])]
        pair_links += [lk.model_dump_json() for f in earlier.findings for lk in ctx.possible_of.get(f.id, [])]
        if stale(rel, doc_digest[earlier.id], doc_digest[later.id], *pair_links):
            out[rel] = partial(follow.follow_through, ctx, earlier, later)
    # Material prints navigation titles as HTML, unescaped: every title from a paper or an
    # officer goes in escaped (title_text).
    nav = [
        {"Home": "index.md"},
        {"Search": "search.md"},
        {"Themes": ["themes/index.md", *[{title_text(taxonomy.themes[t].label): f"themes/{t}.md"} for t in taxonomy.themes]]},
        # Documents are reached from their index, not listed in the navigation: every page carries
        # the navigation, so listing thousands of papers there makes the site grow with their square.
        {"Documents": "documents/index.md"},
        {"Registers": [
            "follow-through/index.md",
            *[{title_text(f"Follow-through: {follow.short(e)} to {follow.short(lt)}"): f"follow-through/{e.id}--{lt.id}.md"}
              for e, lt in follow.pairs(ctx)],
            {"Recommendations": "recommendations.md"},
        ]},
        {"Meetings": ["meetings/index.md", *[{title_text(pages.meeting_title(d)): f"meetings/{d.id}.md"}
                                             for d in corpus.documents if d.kind == DocumentKind.AGENDA_PACK]]},
        {"Glossary": "glossary.md"},
        {"Open data": "data.md"},
    ]
    return out, nav, keys


def _shared_inputs(ctx: pages.Context) -> str:
    """What every keyed page depends on besides its documents: theme names, the glossary (any
    text may hold an acronym), the publisher (citations), and the rendering code itself."""
    code = code_digest("site/pages.py", "site/theme_pages.py", "site/reference.py", "site/html.py", "site/fragments.py",
                       "site/chart.py", "site/document.py", "site/follow.py", "site/dates.py", "site/export.py",
                       "corpus/relations.py", "document/infer.py")
    return hashlib.sha256(json.dumps([
        PIPELINE_VERSION, code, ctx.theme_labels, ctx.abbr.glossary, ctx.publisher, ctx.site_title, ctx.site_url,
    ], sort_keys=True).encode()).hexdigest()


class _Staged(NamedTuple):
    docs: Path
    lastmod: dict[str, str]  # generated page -> the date of the newest paper it shows (sitemap)
    state: render_state.RenderState | None  # the last build's, if sound
    nav: list
    all_pages: set[str]
    page_keys: dict[str, str]
    hashes: dict[str, tuple[str, str]]  # every generated page: its Markdown's and sidecar's SHA-256
    stale: list[Path]  # pages of the last build no longer made


def _stage(corpus: Corpus, manifest: Manifest, taxonomy: Taxonomy, digests: dict[str, str], root: Path, build: Path,
           keep_state: bool, site_url: str | None = None) -> _Staged:
    """Write the generated Markdown (and sidecars) into `build`/docs beside the hand-written
    pages, reusing only the pages of the last build that still hash as it recorded them."""
    docs = build / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    state_file = build / "state.json"
    # Written only after a successful build, and checked (render/state.py): without it, nothing
    # of the last build is trusted; with it, only the pages that still hash as recorded.
    state = render_state.load(state_file) if keep_state else None
    remove(state_file)
    trusted = render_state.trusted_pages(docs, state)
    if (root / "docs").is_dir():
        shutil.copytree(root / "docs", docs, dirs_exist_ok=True)  # copy2 keeps modification times
    kept_keys = {rel: key for rel, key in state.pages.items() if rel in trusted} if state else {}
    lastmod: dict[str, str] = {}
    generated, nav, page_keys = generate_pages(corpus, manifest, taxonomy, kept_keys, digests, site_url, lastmod)
    all_pages = set(generated) | set(page_keys)
    hashes = {rel: trusted[rel] for rel in page_keys if rel not in generated}
    for rel, make in generated.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        content, pieces = fragments.extract(make())
        side = fragments.sidecar_text(pieces)
        hashes[rel] = (render_state.sha256_text(content), render_state.sha256_text(side) if side else "")
        # Unchanged pages keep their file and its time, so an incremental build skips them.
        if trusted.get(rel) != hashes[rel]:
            fragments.write_sidecar(docs, rel, pieces)
            path.write_text(content, encoding="utf-8")
    keep = all_pages | ({p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*") if p.is_file()} if (root / "docs").is_dir() else set())
    stale = [f for f in docs.rglob("*") if f.is_file() and f.relative_to(docs).as_posix() not in keep]
    for f in stale:
        f.unlink()
        fragments.sidecar_path(docs, f.relative_to(docs).as_posix()).unlink(missing_ok=True)
    return _Staged(docs, lastmod, state, nav, all_pages, page_keys, hashes, stale)


def render_site(corpus: Corpus, manifest: Manifest, taxonomy: Taxonomy, corpus_dir: Path, out_dir: Path,
                site_url: str | None = None, timings: dict[str, float] | None = None,
                state_dir: Path | None = None, previous_site: Path | None = None) -> None:
    """Render into `out_dir`. With `state_dir` (kept between builds) and the last published site
    (`previous_site`: the folder `out_dir` will replace, which need not exist yet), only pages
    whose Markdown changed are rebuilt, when the navigation and configuration are unchanged;
    otherwise every page is built."""
    import time

    timings = timings if timings is not None else {}
    # Checked when the manifest is read and when the build starts; again here, so no caller can
    # publish an address that is not http(s).
    check_site_url(site_url if site_url is not None else manifest.site_url, "--site-url" if site_url is not None else "site_url")
    t = time.perf_counter()
    root = project_root()
    build = state_dir / "src" if state_dir else out_dir.parent / f"{out_dir.name}.src"
    if build.exists() and state_dir is None:
        shutil.rmtree(build)
    digests = document_digests(corpus)
    url = site_url if site_url is not None else (manifest.site_url or "")
    full_url = (url if url.endswith("/") else url + "/") if url else None
    try:
        staged = _stage(corpus, manifest, taxonomy, digests, root, build, state_dir is not None, full_url)
    except OSError as exc:  # the render folder's layout damaged (a file where a folder belongs, say)
        if state_dir is None:
            raise
        log.warning("render state %s is unusable (%s); starting it afresh", build, exc)
        remove(build)
        staged = _stage(corpus, manifest, taxonomy, digests, root, build, True, full_url)
    docs, state, nav, all_pages, stale = staged.docs, staged.state, staged.nav, staged.all_pages, staged.stale
    hand_written = sorted(p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*.md")) if (root / "docs").is_dir() else []
    nav.append({"About this site": [p for p in hand_written if p not in all_pages] or ["about.md"]})
    config = engine.config(root, manifest.site_title, docs, out_dir, nav, full_url)
    fingerprint = engine.fingerprint(config, root, previous_site or out_dir)
    dirty = state is not None and previous_site is not None and previous_site.is_dir() and state.fingerprint == fingerprint
    verified: dict[str, tuple[int, str]] = {}
    if dirty:
        assert previous_site is not None and state is not None
        # Hard links, not copies: the hook in mkdocs_hook.py and the writers below give every file
        # they write a new inode, so the published site is never changed through a link.
        shutil.copytree(previous_site, out_dir, dirs_exist_ok=True, copy_function=mkdocs_hook.link_or_copy)
        shutil.rmtree(out_dir / "data", ignore_errors=True)
        # MkDocs's dirty build keeps any page whose file is newer than its source: one edited by
        # hand would be published again. Only what still hashes as recorded is kept.
        verified = render_state.verify_site(out_dir, state.site)
        for gone in stale:
            page = gone.relative_to(docs).with_suffix("")
            shutil.rmtree(out_dir / (page.parent if page.name == "index" else page), ignore_errors=True)
    timings["render: pages"] = time.perf_counter() - t
    t = time.perf_counter()
    engine.build(config, build, dirty)
    timings["render: mkdocs"] = time.perf_counter() - t
    t = time.perf_counter()
    sitemap.write(out_dir, full_url, staged.lastmod, sorted(all_pages | set(hand_written)))
    # The open data's `url` is the finding's permanent address, the one its Cite button copies:
    # a full address when the site's is known, else a path from the site's root.
    base = full_url or "/"
    chunks = ExportChunks(build / "exports", digests, base, manifest.publisher,
                           {d.id: [f.id for f in d.findings] for d in corpus.documents}) if state_dir is not None else None
    write_exports(corpus, out_dir / "data", base, manifest.publisher, chunks)
    if chunks:
        chunks.forget_unused()
    for d in corpus.documents:
        for s in d.sources:
            if s.href and (corpus_dir / s.file).is_file():
                src, dest = corpus_dir / s.file, out_dir / s.href
                dest.parent.mkdir(parents=True, exist_ok=True)  # sources/sub/paper.pdf for a paper in a subfolder
                if dest.exists():
                    a, b = src.stat(), dest.stat()
                    if (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns):
                        continue  # the last build's copy of the same file (copy2 kept its time)
                    mkdocs_hook.detach(dest)
                shutil.copy2(src, dest)
    timings["render: data"] = time.perf_counter() - t
    t = time.perf_counter()
    search_state = index_search(out_dir, [d.id for d in corpus.documents], state.search if dirty and state else None,
                                list(taxonomy.themes))
    timings["render: search index"] = time.perf_counter() - t
    if state_dir is None:
        shutil.rmtree(build)
    else:
        t = time.perf_counter()
        render_state.save(build / "state.json", render_state.RenderState(
            fingerprint=fingerprint, pages=staged.page_keys, staged=staged.hashes, site=render_state.record_site(out_dir, verified),
            search=search_state))
        timings["render: state"] = time.perf_counter() - t
