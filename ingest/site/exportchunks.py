"""Each document's lines of the open data's findings.jsonl and .csv, kept between builds.

An incremental build writes the whole open data again (it is small beside the pages), but the
lines of an unchanged document are taken from its chunk in the render state folder, not made
again from its findings.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from ingest import PIPELINE_VERSION
from ingest.cache import code_digest, remove

log = logging.getLogger(__name__)

_CHUNK = "chunk-1"  # the first word of a chunk's header


class ExportChunks:
    """Each document's lines of findings.jsonl and .csv, kept between builds in the render state
    folder and found again by the document's digest (with the site's address and publisher,
    which the lines contain, and the export code). A chunk is used only if it hashes as written
    and holds one line for each of the document's findings, in order; any other is made again."""

    def __init__(self, folder: Path, digests: dict[str, str], base: str, publisher: str | None,
                 finding_ids: dict[str, list[str]]) -> None:
        self.folder = folder
        # The chunk format is part of the key: chunks written before they were sealed are never
        # read (and not reported as damaged after an upgrade); forget_unused deletes them.
        salt = hashlib.sha256(f"{code_digest('site/export.py')}\0{base}\0{publisher}\0{PIPELINE_VERSION}\0{_CHUNK}".encode()).hexdigest()
        self.keys = {doc_id: hashlib.sha256(f"{salt}{digest}".encode()).hexdigest()[:32] for doc_id, digest in digests.items()}
        self.finding_ids = finding_ids
        self.damaged: list[str] = []
        if not folder.is_dir():
            remove(folder)
        folder.mkdir(parents=True, exist_ok=True)

    # Plain text, not JSON: decoding the escaped lines cost more than making them. The first line
    # says how many bytes of .jsonl follow and the SHA-256 of all that follows it.
    def get(self, doc_id: str) -> tuple[str, str] | None:
        path = self.folder / f"{self.keys[doc_id]}.txt"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:  # a folder in its place, say
            data = b""
        chunk = self._check(doc_id, data)
        if chunk is None:
            self.damaged.append(doc_id)
            remove(path)
        return chunk

    def _check(self, doc_id: str, data: bytes) -> tuple[str, str] | None:
        head, _, body = data.partition(b"\n")
        try:
            magic, size, digest = head.decode("ascii").split(" ")
            jsonl, rows = body[:int(size)].decode("utf-8"), body[int(size):].decode("utf-8")
        except ValueError:  # also UnicodeDecodeError
            return None
        if magic != _CHUNK or digest != hashlib.sha256(body).hexdigest():
            return None
        # Its shape: one line for each finding, in order (a line starts with the finding's id).
        lines = jsonl.split("\n")
        ids = self.finding_ids.get(doc_id, [])
        if lines[-1] != "" or len(lines) - 1 != len(ids) or any(
                not line.startswith(f'{{"id": {json.dumps(i, ensure_ascii=False)}, ') for line, i in zip(lines, ids)):
            return None
        return jsonl, rows

    def put(self, doc_id: str, chunk: tuple[str, str]) -> None:
        jsonl, rows = (part.encode("utf-8") for part in chunk)
        body = jsonl + rows
        (self.folder / f"{self.keys[doc_id]}.txt").write_bytes(f"{_CHUNK} {len(jsonl)} {hashlib.sha256(body).hexdigest()}\n".encode() + body)

    def forget_unused(self) -> None:
        if self.damaged:
            shown = ", ".join(self.damaged[:5]) + (f" and {len(self.damaged) - 5} more" if len(self.damaged) > 5 else "")
            log.warning("export chunks cut short, edited or holding the wrong lines; made again (%d): %s", len(self.damaged), shown)
        wanted = {f"{k}.txt" for k in self.keys.values()}
        for f in self.folder.iterdir():
            if f.name not in wanted:
                remove(f)
