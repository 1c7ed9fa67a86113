"""Where the site is written: which folders may be used, one build at a time, and the swap.

Publishing replaces the whole site folder, so a folder is refused when it is, holds or sits in
the corpus, the cache or the project's docs/, or already holds files this tool did not write
(every site carries `MARKER`). A build holds a lock beside the site and one in the cache (whose
render state every build with that cache shares) from start to end; the kernel drops a flock when
its process dies, so a killed build never leaves a stale lock. Each build stages in a folder of
its own beside the site and swaps it in with one `renameat2(RENAME_EXCHANGE)`, so there is always
a site; where the system has no such swap, the site is renamed aside and the staging folder
renamed in, and the next build puts the aside copy back if a kill fell between the two.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ingest.errors import Errors, IngestError

MARKER = ".council-ingest-site"
MARKER_TEXT = ("This folder is a site built by council-ingest. Every build replaces the whole folder,\n"
               "so keep nothing else in it.\n")
STAGING_MARK = "council-ingest-staging"  # in each build's own staging folder: only these are cleaned up
# A subprocess (MkDocs, Pagefind) that failed for one of these could not write the site.
WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS}


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def check_site(site: Path, corpus: Path, cache: Path | None) -> Path:
    """The site folder, resolved, or an IngestError saying why it may not be used. Reads only."""
    from ingest.site.project_files import project_root

    target = site.resolve()
    shown = str(site) if site.resolve() == site.absolute() else f"{site} (that is, {target})"
    docs = project_root() / "docs"
    others = [("corpus folder", corpus), ("cache folder", cache), ("project's docs folder", docs if docs.is_dir() else None)]
    for role, other in others:
        if other is None:
            continue
        real = other.resolve()
        if target == real or _within(real, target):
            relation = "is" if target == real else "contains"
            harm = f"everything in the {role} would be deleted"
        elif _within(target, real):
            relation = "is inside"
            harm = {"corpus folder": "the next build would read the site's own files as papers",
                    "cache folder": "the site would be mixed up with the cache, which builds rewrite"}.get(
                role, "the site's pages would be copied into the next site as hand-written pages")
        else:
            continue
        raise IngestError(Errors.E100, file=shown, relation=relation, role=role, other=real, harm=harm)
    if target.exists() and not target.is_dir():
        raise IngestError(Errors.E102, file=shown)
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise IngestError(Errors.E101, file=shown, marker=MARKER)
    return target


def _lock_path(site: Path) -> Path:
    return site.parent / f".{site.name}.lock"


def _holder(lock: Path) -> str:
    try:
        return lock.read_text(encoding="utf-8").strip() or "unknown"
    except OSError:
        return "unknown"


@contextlib.contextmanager
def _flock(lock: Path, what: str, target: Path, deadline: float, wait: float, notify: Callable[[str], None]) -> Iterator[None]:
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fh = open(lock, "a+", encoding="utf-8")  # noqa: SIM115 - held open until the build ends
    except OSError as exc:
        raise IngestError(Errors.E105, file=lock, detail=describe(exc)) from exc
    try:
        told = False
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IngestError(Errors.E103, file=lock, what=what, target=target, pid=_holder(lock), waited=f"{wait:g}") from None
                if not told:
                    notify(f"Waiting up to {wait:g} s for the build with pid {_holder(lock)} to finish with the {what} "
                           f"{target} (lock {lock}).")
                    told = True
                time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        yield
    finally:
        fh.close()  # releases the lock


def _notify(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@contextlib.contextmanager
def site_guard(site: Path, corpus: Path, cache: Path | None, wait: float,
               notify: Callable[[str], None] = _notify) -> Iterator[Path]:
    """For one build that publishes: check the site folder (before touching anything), hold the
    site's and the cache's locks until the build ends, and first repair what a killed build left."""
    target = check_site(site, corpus, cache)
    locks = {_lock_path(target): ("site folder", target)}
    if cache is not None:
        locks[cache.resolve() / "build.lock"] = ("cache folder", cache.resolve())
    deadline = time.monotonic() + max(wait, 0)
    with contextlib.ExitStack() as stack:
        for lock in sorted(locks):  # one order for every build, so two never wait on each other
            stack.enter_context(_flock(lock, *locks[lock], deadline, wait, notify))
        recover(target)
        yield target


def _ours(folder: Path, mark: str) -> bool:
    return (folder / mark).is_file() or not any(folder.iterdir())


def recover(site: Path) -> None:
    """Under the site's lock: put back a site a killed fallback swap left aside, and delete the
    staging folders of killed builds (only folders that carry this tool's mark, or are empty)."""
    old = site.parent / f".{site.name}.old"
    if old.is_dir() and not old.is_symlink() and _ours(old, MARKER):
        if os.path.lexists(site):
            _discard(old)
        else:
            os.rename(old, site)
    if not site.parent.is_dir():
        return
    prefix = f".{site.name}.building-"
    for folder in site.parent.iterdir():
        if folder.name.startswith(prefix) and folder.is_dir() and not folder.is_symlink() and _ours(folder, STAGING_MARK):
            _discard(folder)


def _discard(folder: Path) -> None:
    # A failed delete only leaves a folder the next build deletes; it must not fail this one.
    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def staging(site: Path) -> Iterator[Path]:
    """A staging folder for this build only, beside the site (one filesystem, so it can be
    swapped in). It holds the new site and, after the swap, the old one; it is deleted on the way
    out whatever happened."""
    site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}.building-{os.getpid()}-", dir=site.parent))
    try:
        (work / STAGING_MARK).write_text("A council-ingest build's staging folder; deleted by the next build.\n",
                                         encoding="utf-8")
        yield work / "site"
    finally:
        _discard(work)


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28+
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn  # type: ignore[no-any-return]


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step. False where the system or filesystem cannot."""
    fn = _renameat2()
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _retire(site: Path, old: Path) -> None:
    os.rename(site, old)


def _promote(staged: Path, site: Path) -> None:
    os.rename(staged, site)


def swap_in(staged: Path, site: Path) -> None:
    """Mark the staged site as this tool's and publish it in place of `site`."""
    marker = staged / MARKER
    marker.unlink(missing_ok=True)  # an incremental build's copy is a hard link to the live site's
    marker.write_text(MARKER_TEXT, encoding="utf-8")
    if not os.path.lexists(site):
        _promote(staged, site)
        return
    if _exchange(staged, site):
        return  # the old site is now in the staging folder, which is deleted with it
    old = site.parent / f".{site.name}.old"
    if os.path.lexists(old):
        _discard(old)
    _retire(site, old)
    try:
        _promote(staged, site)
    except BaseException:
        if not os.path.lexists(site):
            os.rename(old, site)
        raise
    _discard(old)


def describe(exc: OSError) -> str:
    what = exc.strerror or str(exc)
    return f"{what}: {exc.filename}" if exc.filename else what


_ERRNO = re.compile(r"\[Errno (\d+)\] ([^\n:']+)(?::\s*'([^'\n]+)')?|([^\n]*?)\s*\(os error (\d+)\)")


def subprocess_write_error(output: str) -> str | None:
    """What a failed MkDocs or Pagefind run says about a folder it could not write (a Python
    `[Errno 28] ...: 'path'`, a Rust `... (os error 28)`), or None if it failed for another reason."""
    for m in _ERRNO.finditer(output):
        code = int(m.group(1) or m.group(5))
        if code in WRITE_ERRNOS:
            path = m.group(3)
            return f"{os.strerror(code)}: {path}" if path else os.strerror(code)
    return None
