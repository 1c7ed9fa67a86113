"""The search index: Pagefind over the document pages, in shards that are rebuilt one by one.

Pagefind has no way to update an index (Pagefind/pagefind#71): every build re-read every
document page, which was a third of an incremental build at 1,000 papers and more at 5,000. So
documents are spread over shards by a hash of their id (how many: `shard_count`). Each shard is a
Pagefind bundle of its own under `pagefind/s<N>/`, and the browser searches them all at once with
Pagefind's `mergeIndex` (one WebAssembly module for all; each shard adds its small metadata,
filter and index chunks). After one paper changes, only its shard is indexed again; the others
are kept from the published site (hard-linked, never written).

`pagefind/shards.json` lists the bundles for the search box (docs/assets/site.js) and tools:
`bundles`, the documents' shards, and `themes`, a small bundle of the theme pages (their name and
definition only), so that a search for "corporate parenting" offers the theme's page too. It is
indexed again only when what it indexes changes (the taxonomy's labels and definitions).

Pagefind runs through its Python API (`pagefind.index`), given each page with its address, so
only the pages of the shards to index are read, and no folder of links is made for it.

Section headings' pilcrow permalinks are left out of the index (`exclude_selectors`), so a
result's place in its paper reads "Good practice › bullet 3", not "Good practice¶ › bullet 3".
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
import os
import re
import shutil
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ingest.cache import sha256_file
from ingest.errors import Errors, SearchIndexError

log = logging.getLogger(__name__)

SHARD_UNIT = 400
MAX_SHARDS = 8



def shard_count(n_docs: int) -> int:
    """About the square root of (documents / 400): 1 shard up to ~900 papers, 2 at 1,200, 4 at
    6,000, 8 from ~23,000. Each shard re-indexes faster after a change, but every search loads
    index chunks from every shard: measured at 6,101 papers, one search downloads 598 KB with 1
    shard, 708 KB with 4, 917 KB with 8 and 1,574 KB with 16. The square root keeps both the
    officer's wait and the councillor's download growing slowly.
    INGEST_SEARCH_SHARD_SIZE (documents a shard) overrides it; the tests use tiny shards."""
    size = os.environ.get("INGEST_SEARCH_SHARD_SIZE")
    if size:
        return max(1, -(-n_docs // max(1, int(size))))
    return max(1, min(MAX_SHARDS, round(math.sqrt(n_docs / SHARD_UNIT))))


def shard_of(doc_id: str, shards: int) -> int:
    """Stable across builds and machines (not Python's salted hash)."""
    return int(hashlib.sha1(doc_id.encode()).hexdigest()[:8], 16) % shards


THEMES = "t"  # the theme pages' bundle, pagefind/t/
_EXCLUDE = ".headerlink"
_THEME_BODY = re.compile(r"<div data-pagefind-body>.*?</div></div>", re.S)


def _page(out_dir: Path, doc_id: str) -> Path:
    pretty = out_dir / "documents" / doc_id / "index.html"
    return pretty if pretty.is_file() else out_dir / "documents" / f"{doc_id}.html"


def _signature(out_dir: Path, doc_ids: list[str]) -> str:
    """What a shard was indexed from. An unchanged page is the same file as in the published
    site (hard-linked into the build), so its inode, size and time are the same; a page MkDocs
    wrote again is a new file."""
    parts = []
    for doc_id in sorted(doc_ids):
        st = _page(out_dir, doc_id).stat()
        parts.append(f"{doc_id}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class SearchState(BaseModel):
    """What the last build indexed, for the next one (kept in the render state)."""

    model_config = ConfigDict(extra="forbid")

    count: int  # shards
    shards: dict[str, str]  # shard -> the signature of the pages it was indexed from
    bundles: dict[str, str]  # shard -> the hash of every file of its bundle as written


def _bundle_digest(bundle: Path) -> str:
    """A hash of every file of a shard's bundle, so a bundle cut short or edited since it was
    written is indexed again rather than published; "" if there is none."""
    if not bundle.is_dir():
        return ""
    h = hashlib.sha256()
    for path in sorted(p for p in bundle.rglob("*") if p.is_file() or p.is_symlink()):
        try:
            digest = sha256_file(path)
        except OSError:  # a dangling link: not what Pagefind wrote
            digest = "unreadable"
        h.update(f"{path.relative_to(bundle).as_posix()}\0{digest}\n".encode())
    return h.hexdigest()


def _theme_signature(out_dir: Path, pages: list[Path]) -> str:
    """What the theme bundle indexes: each theme page's address and indexed part (its name and
    definition; not its findings, which change with every paper)."""
    h = hashlib.sha256()
    for page in sorted(pages):
        found = _THEME_BODY.search(page.read_text(encoding="utf-8"))
        h.update(f"{page.relative_to(out_dir).as_posix()}\0{found.group(0) if found else page.read_text(encoding='utf-8')}\n".encode())
    return h.hexdigest()


def index_search(out_dir: Path, doc_ids: list[str], previous: SearchState | None = None,
                 theme_ids: list[str] | None = None) -> SearchState:
    """Index the document pages of the site in `out_dir`; return the state to pass next time.

    `previous` is the state returned by the last build whose site was hard-linked into `out_dir`
    (an incremental build); shards whose pages are all unchanged, and whose bundle is still the
    one that build wrote, are kept as they are.
    """
    root = out_dir / "pagefind"
    shards = shard_count(len(doc_ids))
    members: dict[int, list[str]] = {i: [] for i in range(shards)}
    for doc_id in doc_ids:
        members[shard_of(doc_id, shards)].append(doc_id)
    old = previous if previous is not None and previous.count == shards else SearchState(count=shards, shards={}, bundles={})
    state = SearchState(count=shards, shards={}, bundles={})
    keep = set()
    for i, ids in members.items():
        sig = _signature(out_dir, ids)
        state.shards[str(i)] = sig
        if ids and old.shards.get(str(i)) == sig:
            bundle = _bundle_digest(root / f"s{i}")
            if bundle and bundle == old.bundles.get(str(i)):
                keep.add(f"s{i}")
                state.bundles[str(i)] = bundle
            else:
                log.warning("search shard s%d is not what the last build wrote (cut short or edited); indexing it again", i)
    theme_pages = [p for p in (_theme_page(out_dir, t) for t in theme_ids or []) if p is not None]
    if theme_pages:
        sig = _theme_signature(out_dir, theme_pages)
        state.shards[THEMES] = sig
        bundle = _bundle_digest(root / THEMES) if old.shards.get(THEMES) == sig else ""
        if bundle and bundle == old.bundles.get(THEMES):
            keep.add(THEMES)
            state.bundles[THEMES] = bundle
    if root.is_dir():  # anything else under pagefind/ is from another layout or shard count
        for entry in root.iterdir():
            if entry.name not in keep:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    root.mkdir(parents=True, exist_ok=True)
    for i, ids in members.items():
        if ids and f"s{i}" not in keep:
            _index_shard(out_dir, ids, root / f"s{i}")
            state.bundles[str(i)] = _bundle_digest(root / f"s{i}")
    if theme_pages and THEMES not in keep:
        _index_pages(out_dir, theme_pages, root / THEMES)
        state.bundles[THEMES] = _bundle_digest(root / THEMES)
    # The first bundle is the primary: the search box loads Pagefind's scripts from it.
    bundles = [f"s{i}/" for i, ids in members.items() if ids]
    listing: dict[str, object] = {"bundles": bundles}
    if theme_pages:
        listing["themes"] = f"{THEMES}/"
    (root / "shards.json").write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")
    return state


def _theme_page(out_dir: Path, theme_id: str) -> Path | None:
    for page in (out_dir / "themes" / theme_id / "index.html", out_dir / "themes" / f"{theme_id}.html"):
        if page.is_file():
            return page
    return None


def _index_shard(out_dir: Path, doc_ids: list[str], bundle: Path) -> None:
    _index_pages(out_dir, [_page(out_dir, doc_id) for doc_id in doc_ids], bundle)


def _index_pages(out_dir: Path, pages: list[Path], bundle: Path) -> None:
    """Pagefind, through its Python API, over just these pages of the site in `out_dir`, into
    `bundle`. Pagefind reads them from the site itself, picked by one glob that names each
    (`{documents/a/index.html,...}`), so their URLs are the site's own: no copy, no folder of
    links (and three times faster than handing it each page's text through the API)."""
    try:
        indexed = asyncio.run(_pagefind(out_dir, pages, bundle))
    except Exception as exc:  # noqa: BLE001 - Pagefind's service reports its failures as exceptions
        if isinstance(exc, OSError) and exc.errno is not None:
            raise  # the bundle could not be written: the caller says so (E104)
        raise SearchIndexError(Errors.E310, file=bundle, detail=f"indexing {len(pages)} page(s): {type(exc).__name__}: {exc}") from exc
    if indexed != len(pages):
        raise SearchIndexError(Errors.E310, file=bundle, detail=f"it indexed {indexed} of the {len(pages)} page(s) it was given; "
                               "build again from nothing (delete the cache's render folder)")


_GLOB_SPECIAL = re.compile(r"([\\{}\[\]*?,!])")


async def _pagefind(out_dir: Path, pages: list[Path], bundle: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(exclude_selectors=[_EXCLUDE], force_language="en", output_path=str(bundle))
    names = ",".join(_GLOB_SPECIAL.sub(r"\\\1", p.relative_to(out_dir).as_posix()) for p in pages)
    async with PagefindIndex(config=config) as index:  # writes the bundle as it closes
        result = await index.add_directory(str(out_dir), glob=f"{{{names}}}")
    return int(result["page_count"])
