"""A finding's id from what an officer copies: its id, its permalink, or the part after /documents/.

Keys repeat across documents (most papers have a paragraph 7), so a key alone is accepted only
when one document has it; otherwise the message lists the documents that do.
"""

from __future__ import annotations

from collections.abc import Collection


class UnknownFinding(Exception):
    """No finding, or more than one, answers to what was given; the message says what to give instead."""


def resolve(wanted: str, ids: Collection[str]) -> str:
    """The finding id for an id ("DOC/KEY"), a permalink ("https://.../documents/DOC/#KEY"),
    "DOC/#KEY", "DOC#KEY", or a key ("KEY" or "#KEY") that only one document has."""
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
            raise UnknownFinding(f"'{wanted}' is a finding in {len(matches)} documents ({shown}). "
                                 "Give the whole id or copy the finding's permalink.")
    raise UnknownFinding(f"No finding '{wanted}' in the built site. Copy the id (or the permalink) from the "
                         "finding on the site, or rebuild if the paper was added since.")


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
