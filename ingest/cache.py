"""A content-addressed cache of per-file stage output.

Keyed by the input's SHA-256, its manifest entry and the pipeline version, so an unchanged paper
is never extracted again. Entries are JSON written atomically; one that fails to parse or
validate is deleted and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ingest import PIPELINE_VERSION
from ingest.model import SCHEMA_VERSION, Document


def code_digest(*modules: str) -> str:
    """A hash of some of this package's own source files ("link.py", "render/pages.py"): part of
    a key for anything those modules make, so output made by older code is never served."""
    h = hashlib.sha256()
    for m in modules:
        h.update(resources.files("ingest").joinpath(*m.split("/")).read_bytes())
    return h.hexdigest()


class _Entry(BaseModel):
    documents: list[Document]


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
        for part in (PIPELINE_VERSION, SCHEMA_VERSION, *parts):
            h.update(part.encode())
            h.update(b"\0")
        return h.hexdigest()

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / f"{key}.json"

    def get_documents(self, key: str) -> list[Document] | None:
        if self.root is None:
            return None
        path = self._path("docs", key)
        if not path.exists():
            self.misses += 1
            return None
        try:
            # One pass of pydantic's own JSON parser: three times faster than json.loads and
            # model_validate, and it is most of what an incremental build spends on unchanged papers.
            docs = _Entry.model_validate_json(path.read_bytes()).documents
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            self.corrupt += 1
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        return docs

    def put_documents(self, key: str, docs: list[Document]) -> None:
        if self.root is None:
            return
        payload = json.dumps({"documents": [d.model_dump(mode="json") for d in docs]}, ensure_ascii=False)
        self._write(self._path("docs", key), payload)

    def get_json(self, kind: str, key: str) -> object | None:
        if self.root is None:
            return None
        path = self._path(kind, key)
        if not path.exists():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.corrupt += 1
            path.unlink(missing_ok=True)
            return None

    def put_json(self, kind: str, key: str, value: object) -> None:
        if self.root is not None:
            self._write(self._path(kind, key), json.dumps(value, ensure_ascii=False))

    @staticmethod
    def _write(path: Path, payload: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, path)
