"""A content-addressed cache of per-file stage output.

Keyed by the input's SHA-256, its manifest entry and the pipeline version, so an unchanged paper
is never extracted again. Every entry is sealed: a header line holds the SHA-256 of the JSON that
follows, and the JSON must validate against the entry's pydantic model. An entry that is cut
short, edited, or of the right JSON but the wrong shape is counted as corrupt, logged, deleted
and rebuilt: never used, and never a crash.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, Field, ValidationError

from ingest import PIPELINE_VERSION
from ingest.model import SCHEMA_VERSION, Document

log = logging.getLogger(__name__)

# Part of every key: entries written before they were sealed live under other keys, so they are
# never read (and never reported as damaged) after an upgrade.
FORMAT = "sealed-1"
_MAGIC = b"ingest-cache sha256="

M = TypeVar("M", bound=BaseModel)


def code_digest(*modules: str) -> str:
    """A hash of some of this package's own source files ("corpus/link.py", "site/pages.py"): part of
    a key for anything those modules make, so output made by older code is never served."""
    h = hashlib.sha256()
    for m in modules:
        h.update(resources.files("ingest").joinpath(*m.split("/")).read_bytes())
    return h.hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def remove(path: Path) -> None:
    """Delete a damaged entry, whatever is in its place (a file, a link, a folder)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def seal(payload: bytes) -> bytes:
    """The payload behind a header line holding its SHA-256."""
    return _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def unseal(data: bytes) -> bytes | None:
    """The payload of a sealed file, or None if it has no header or its hash does not match."""
    head, sep, payload = data.partition(b"\n")
    if not sep or not head.startswith(_MAGIC):
        return None
    return payload if head[len(_MAGIC):] == hashlib.sha256(payload).hexdigest().encode() else None


def read_sealed(path: Path, model: type[M]) -> tuple[M | None, str | None]:
    """(the validated value, None), or (None, what was wrong). A missing file is (None, None)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"unreadable ({exc.strerror})"
    payload = unseal(data)
    if payload is None:
        return None, "its content does not match its hash (cut short, edited, or written by an older version)"
    try:
        return model.model_validate_json(payload), None
    except ValidationError as exc:
        return None, f"not the expected shape ({exc.error_count()} errors, first: {exc.errors()[0]['msg']})"


def write_sealed(path: Path, value: BaseModel) -> None:
    """Written to a temporary file and renamed, so a reader never sees half an entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(seal(value.model_dump_json().encode()))
    os.replace(tmp, path)


class _Entry(BaseModel):
    # A converted paper always gives at least one document: an empty list is damage, not a result.
    documents: list[Document] = Field(min_length=1)


class Cache:
    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0
        self.corrupt = 0
        if root is not None:
            root.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def key(*parts: str) -> str:
        h = hashlib.sha256()
        for part in (PIPELINE_VERSION, SCHEMA_VERSION, FORMAT, *parts):
            h.update(part.encode())
            h.update(b"\0")
        return h.hexdigest()

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / f"{key}.json"

    def get(self, kind: str, key: str, model: type[M]) -> M | None:
        """The entry, checked against its hash and `model`; None if absent or damaged."""
        if self.root is None:
            return None
        path = self._path(kind, key)
        # One pass of pydantic's own JSON parser: three times faster than json.loads and
        # model_validate, and it is most of what an incremental build spends on unchanged papers.
        value, problem = read_sealed(path, model)
        if problem is not None:
            self.discard(kind, key, problem)
            return None
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, kind: str, key: str, value: BaseModel) -> None:
        if self.root is not None:
            write_sealed(self._path(kind, key), value)

    def discard(self, kind: str, key: str, problem: str) -> None:
        """Count, report and delete a damaged entry (also one that is sound but does not fit
        what it was looked up for), so it is made again."""
        assert self.root is not None
        self.corrupt += 1
        path = self._path(kind, key)
        log.warning("cache entry %s is damaged: %s; making it again", path, problem)
        remove(path)

    def get_documents(self, key: str) -> list[Document] | None:
        entry = self.get("docs", key, _Entry)
        return entry.documents if entry is not None else None

    def put_documents(self, key: str, docs: list[Document]) -> None:
        if docs:  # nothing to keep: such an entry could never be read back
            self.put("docs", key, _Entry(documents=docs))
