"""Whether the published site is current: a build with nothing changed stops before any stage.

After a build publishes, `record` keeps (in the cache's render folder) the digest of everything
the site was made from and the size, modification time and inode of every file of the site as
published, with what the build's summary prints (`Summary`: each input's report line and a few
counts, not the corpus, which at 1,000 papers was a 74 MB file that took a second to write).
The next build computes the same digest first; when it matches and every file of the site is
still the one published, the site is current and nothing is read, made or written (`check`).
A record written by another version of this file (`VERSION`) is not trusted: the build goes on.

What the digest covers, so that any change that could change the site rebuilds it:
- every file and link in the corpus folder (its path and content; hidden names are never read);
- the package's own code and data (every file under ingest/, the bundled taxonomy, theme
  overrides and project defaults included);
- the project's `mkdocs.yml` and `docs/` (the web team's theme and pages), if the build uses them;
- the options that shape the output (site and corpus folders, site address, strict, bounds);
- the installed distributions and their versions (MkDocs, Material, Pagefind, spaCy ...), the
  Python version, the Tesseract binary found (OCR reads scans only when it is installed) and
  the INGEST_* and TESSDATA_PREFIX environment variables.
The published files are compared by their metadata, not read: any write changes a file's time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.cache import remove, sha256_file, unseal, write_sealed
from ingest.model import Corpus, InputReport

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent.parent  # ingest/
RECORD = "published.json"  # in the cache's render folder
VERSION: Literal[2] = 2  # of the record; 1 (no version field) kept the whole corpus in published-result.json
_VERSION_1_RESULT = "published-result.json"  # deleted when a record of this version is written


class Summary(BaseModel):
    """What the build's summary prints (`ingest build`), counted from the corpus: a build with
    nothing changed prints the last build's, and reads no paper."""

    model_config = ConfigDict(extra="forbid")

    report: list[InputReport]  # every input, as built, merged or skipped
    documents: int
    findings: int
    links: int  # links with both ends (a finding of each review)
    themes: dict[str, int]  # theme -> findings tagged with it
    ocr_pages: int  # scanned pages ...
    ocr_read: int  # ... and how many of them OCR read

    @classmethod
    def of(cls, corpus: Corpus) -> Summary:
        themes: dict[str, int] = {}
        findings = 0
        for d in corpus.documents:
            findings += len(d.findings)
            for f in d.findings:
                for t in f.themes:
                    themes[t] = themes.get(t, 0) + 1
        pages = [p for d in corpus.documents for p in d.ocr_pages]
        return cls(report=corpus.report, documents=len(corpus.documents), findings=findings,
                   links=sum(1 for lk in corpus.links if lk.source and lk.target), themes=themes,
                   ocr_pages=len(pages), ocr_read=sum(1 for p in pages if p.read))


class Published(BaseModel):
    """What the last build published, from what, and its summary (read first by every build)."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[2]  # VERSION
    inputs: str  # inputs_digest of the build
    files: dict[str, tuple[int, int, int]]  # every file of the published site -> (size, mtime_ns, inode)
    summary: Summary
    counts: dict[str, int]
    cache: dict[str, int]


def _walk(root: Path) -> Iterator[tuple[str, Path]]:
    """Every entry under `root` but hidden ones, sorted, folders not followed through links."""
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                folders.append(path)
            yield path.relative_to(root).as_posix(), path


def tree_digest(root: Path) -> str:
    """Each entry's path, kind and content (a link: its target, and what it points to)."""
    h = hashlib.sha256()
    if not root.is_dir():
        return h.hexdigest()
    for rel, path in _walk(root):
        if path.is_symlink():
            kind = f"link:{os.readlink(path)}:{_content(path) if path.is_file() else ''}"
        elif path.is_dir():
            kind = "folder"
        elif path.is_file():
            kind = _content(path)
        else:
            kind = "special"
        h.update(f"{rel}\0{kind}\n".encode())
    return h.hexdigest()


def _content(path: Path) -> str:
    try:
        return sha256_file(path)
    except OSError:
        return "unreadable"


def _environment() -> list[str]:
    """The installed distributions (their dist-info folders name each version), Python, the
    Tesseract binary, and the environment variables the build reads."""
    dists: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        dists.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    tesseract = shutil.which("tesseract")
    if tesseract:
        st = os.stat(tesseract)
        tesseract = f"{tesseract}:{st.st_size}:{st.st_mtime_ns}"
    variables = sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith("INGEST_") or k == "TESSDATA_PREFIX")
    return [sys.version, *sorted(dists), f"tesseract={tesseract}", *variables]


def inputs_digest(options: dict[str, object], corpus: Path, project: Path | None) -> str:
    """The digest of everything a build's site is made from (see the module's docstring).
    `project` is the folder of the web team's mkdocs.yml and docs/ (None: the packaged defaults,
    part of the code)."""
    parts = [json.dumps(options, sort_keys=True, default=str), tree_digest(corpus), tree_digest(PACKAGE), *_environment()]
    if project is not None:
        parts.append(_content(project / "mkdocs.yml"))
        parts.append(tree_digest(project / "docs"))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def site_files(site: Path) -> dict[str, tuple[int, int, int]]:
    """Every file of the site (hidden ones too: the publish marker) -> (size, mtime_ns, inode)."""
    out: dict[str, tuple[int, int, int]] = {}
    for folder, dirs, names in os.walk(site):
        base = Path(folder)
        for name in names + [d for d in dirs if (base / d).is_symlink()]:
            st = os.lstat(base / name)
            out[(base / name).relative_to(site).as_posix()] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return out


def check(record: Path, inputs: str, site: Path) -> Published | None:
    """The last build's record, if the site it published is current: built from these inputs,
    and every file still the one published. None otherwise (and the build goes on)."""
    published, problem = _read(record)
    if problem is not None:
        log.warning("record of the published site %s is damaged: %s; building again", record, problem)
    if published is None or published.inputs != inputs or not site.is_dir():
        return None
    if site_files(site) != published.files:
        log.info("the published site %s was changed since it was built; building again", site)
        return None
    return published


def _read(path: Path) -> tuple[Published | None, str | None]:
    """(the record, None), (None, what was wrong), or (None, None) when there is none or it was
    written by another version (not damage: that build kept other things, or kept them otherwise)."""
    try:
        payload = unseal(path.read_bytes())
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"unreadable ({exc.strerror})"
    if payload is None:
        return None, "its content does not match its hash (cut short or edited)"
    try:
        return Published.model_validate_json(payload), None
    except ValidationError as exc:
        if any(e["loc"][:1] == ("version",) for e in exc.errors()):
            log.info("record of the published site %s was written by another version of council-ingest; building again", path)
            return None, None
        return None, f"not the expected shape ({exc.error_count()} errors, first: {exc.errors()[0]['msg']})"


def record(path: Path, inputs: str, site: Path, summary: Summary, counts: dict[str, int], cache: dict[str, int]) -> None:
    write_sealed(path, Published(version=VERSION, inputs=inputs, files=site_files(site), summary=summary, counts=counts, cache=cache))
    remove(path.with_name(_VERSION_1_RESULT))  # the whole corpus, which no version reads now
