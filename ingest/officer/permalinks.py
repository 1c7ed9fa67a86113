"""A finding's id from what an officer copies: its id, its permalink, or the part after /documents/.

Keys repeat across documents (most papers have a paragraph 7), so a key alone is accepted only
when one document has it; otherwise the message lists the documents that do.
"""

from __future__ import annotations

from collections.abc import Collection

from ingest.errors import Errors, UnknownFinding


def resolve(wanted: str, ids: Collection[str], listed_in: object = "the site's data/findings.jsonl") -> str:
    """The finding id for an id ("DOC/KEY"), a permalink ("https://.../documents/DOC/#KEY"),
    "DOC/#KEY", "DOC#KEY", or a key ("KEY" or "#KEY") that only one document has. `listed_in`
    is where the message says the ids are listed."""
    wanted = wanted.strip()
    if "#" in wanted:
        head, key = wanted.rsplit("#", 1)
        doc = head.rstrip("/").rsplit("/", 1)[-1]
        wanted = f"{doc}/{key}" if doc else key
    if wanted in ids:
        return wanted
    if "/" not in wanted:
        matches = sorted(i for i in ids if i.endswith("/" + wanted))
        if len(matches) == 1:
            return matches[0]
        if matches:
            shown = ", ".join(matches[:5]) + (f" and {len(matches) - 5} more" if len(matches) > 5 else "")
            raise UnknownFinding(Errors.E304, wanted=wanted, count=len(matches), shown=shown)
    raise UnknownFinding(Errors.E305, wanted=wanted, listed_in=listed_in)


def resolve_document(wanted: str, ids: Collection[str]) -> str | None:
    """The document id for an id or a document page's address ("https://.../documents/DOC/"),
    or None when it names no document (it may be a finding)."""
    wanted = wanted.strip()
    if "#" in wanted:
        return None
    tail = wanted.rstrip("/")
    if "/documents/" in f"/{tail}":
        tail = f"/{tail}".rsplit("/documents/", 1)[1]
    tail = tail.removesuffix(".html").removesuffix("/index")
    return tail if tail in ids else None
