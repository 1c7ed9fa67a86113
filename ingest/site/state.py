"""What a build keeps for the next one in the cache's render folder, and the checks before reuse.

An incremental build reuses three things it did not make itself: the staged Markdown pages and
their fragment sidecars (kept when their inputs are unchanged), the last published site
(hard-linked into staging for MkDocs's dirty build) and the search bundles (see search.py). Any
of them may have been cut short or edited since, by hand or by a crash, and MkDocs would publish
a page with none of its findings without complaint. So `state.json` is sealed (the hash of its
content heads it; see ingest/cache.py) and validated, and it records the SHA-256 of every file
the build wrote; before reuse each file is hashed again, and one that does not match is deleted,
so it is made again. A state that fails its check is not used at all: the build starts afresh.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ingest.cache import read_sealed, remove, sha256_file, write_sealed
from ingest.site import fragments
from ingest.site.publish import MARKER
from ingest.site.search import SearchState

log = logging.getLogger(__name__)

# Rewritten by every build, so neither recorded nor checked: the open data (render_site removes
# it and writes it again), the search bundles (search.py checks its own) and the marker that
# publishing writes into the site after rendering.
UNRECORDED = ("data", "pagefind", MARKER)


class RenderState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fingerprint: str  # the configuration and navigation the pages were built with
    pages: dict[str, str]  # keyed page -> the hash of its inputs (site.generate_pages)
    # every generated page -> SHA-256 of its staged Markdown and of its sidecar ("" if none)
    staged: dict[str, tuple[str, str]]
    site: dict[str, str]  # every published file but UNRECORDED -> SHA-256
    search: SearchState


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load(path: Path) -> RenderState | None:
    state, problem = read_sealed(path, RenderState)
    if problem is not None:
        log.warning("render state %s is damaged: %s; building every page again", path, problem)
    return state


def save(path: Path, state: RenderState) -> None:
    write_sealed(path, state)


def trusted_pages(docs: Path, state: RenderState | None) -> dict[str, tuple[str, str]]:
    """The staged pages (and sidecars) that are byte for byte what the last build wrote. Any other
    recorded page is deleted with its sidecar, so it is generated and built again."""
    if state is None:
        return {}
    trusted: dict[str, tuple[str, str]] = {}
    damaged = []
    for rel, want in state.staged.items():
        page, side = docs / rel, fragments.sidecar_path(docs, rel)
        if want == (_digest(page), _digest(side)):
            trusted[rel] = want
        else:
            damaged.append(rel)
            remove(page)
            remove(side)
    _warn(damaged, "staged pages or their pre-rendered HTML not as the last build wrote them (cut short or edited); generating them again")
    return trusted


def verify_site(out_dir: Path, recorded: dict[str, str]) -> dict[str, tuple[int, str]]:
    """Check the last published site, hard-linked into `out_dir`, against the hashes recorded
    when it was built. A file changed by hand, or one the build never wrote, is deleted, so MkDocs
    (or the step that wrote it) writes it again. Returns the files kept: {path: (inode, hash)}."""
    kept: dict[str, tuple[int, str]] = {}
    damaged = []
    for rel, path in _files(out_dir):
        digest = _digest(path)
        if digest and recorded.get(rel) == digest:
            kept[rel] = (path.stat().st_ino, digest)
        else:
            damaged.append(rel)
            remove(path)
    _prune(out_dir)  # a folder left empty, perhaps where a page belongs: MkDocs makes what it needs
    _warn(damaged, "published files not as the last build wrote them (edited by hand, added, or from another build); building them again")
    return kept


def record_site(out_dir: Path, kept: dict[str, tuple[int, str]]) -> dict[str, str]:
    """The hash of every file of the new site but UNRECORDED. A file still hard-linked to one
    `verify_site` checked is the same file: its hash is known, so it is not read again."""
    out = {}
    for rel, path in _files(out_dir):
        known = kept.get(rel)
        out[rel] = known[1] if known and known[0] == path.stat().st_ino else _digest(path)
    return out


def _files(root: Path) -> list[tuple[str, Path]]:
    """Every file under `root` but UNRECORDED, and every link to a folder (never followed: the
    build makes none, so one is always deleted)."""
    found = []
    for folder, dirs, names in os.walk(root):
        base = Path(folder)
        if base == root:
            dirs[:] = [d for d in dirs if d not in UNRECORDED]
            names = [n for n in names if n not in UNRECORDED]
        names = names + [d for d in dirs if (base / d).is_symlink()]
        found += [((base / n).relative_to(root).as_posix(), base / n) for n in names]
    return found


def _prune(root: Path) -> None:
    for folder, _, _ in os.walk(root, topdown=False):  # bottom up: a folder's folders first
        base = Path(folder)
        if base != root and base.relative_to(root).parts[0] not in UNRECORDED and not any(base.iterdir()):
            base.rmdir()


def _digest(path: Path) -> str:
    """"" for a file that is missing or cannot be read as one (a dangling or folder link)."""
    try:
        return sha256_file(path)
    except OSError:
        return ""


def _warn(names: list[str], what: str) -> None:
    if names:
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        log.warning("%s (%d): %s", what, len(names), shown)
