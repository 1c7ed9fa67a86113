"""An officer's review queue for the follow-through links, read from the built site.

The rules find about two in three of the links a careful reader expects, and many of the rest rank
just below the cut-off. So for each earlier finding the queue shows its links (to confirm or reject)
and its possible matches (to confirm or ignore), each with the `decide` command that records the
decision; `python -m ingest review` prints it.
"""

from __future__ import annotations

import json
import shlex
from collections import defaultdict
from pathlib import Path
from typing import Any

from ingest.errors import Errors, NoBuiltSite, NothingToReview


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def review_queue(site: Path, only: str | None = None, by: str = "YOUR NAME") -> list[str]:
    """The queue as lines of text: every earlier finding of a linked series (or only those whose id
    starts with `only`: a document id or one finding's id), its links and its possible matches.
    `by` goes into the printed commands."""
    data = site / "data"
    if not (data / "findings.jsonl").is_file() or not (data / "links.jsonl").is_file():
        raise NoBuiltSite(Errors.E300, site=site, missing="data/findings.jsonl and data/links.jsonl")
    if not (data / "possible-links.jsonl").is_file():
        raise NothingToReview(Errors.E301, site=site)
    findings = {rec["id"]: rec for rec in _jsonl(data / "findings.jsonl")}
    links: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for lk in _jsonl(data / "links.jsonl"):
        if lk["source"]:
            links[lk["source"]].append(lk)
    possible: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for lk in _jsonl(data / "possible-links.jsonl"):
        possible[lk["source"]].append(lk)
    sources = [fid for fid in findings if fid in links or fid in possible]  # in the papers' order
    if not sources:
        raise NothingToReview(Errors.E302, site=site)
    if only:
        wanted = only.strip().replace("/#", "/").rstrip("/")
        sources = [fid for fid in sources if fid == wanted or fid.startswith(wanted + "/")]
        if not sources:
            raise NothingToReview(Errors.E303, only=only)
    quoted_by = shlex.quote(by)
    out: list[str] = []
    counts = {"links": 0, "confirmed": 0, "possible": 0}
    for fid in sources:
        f = findings[fid]
        page = f" p. {f['page']}" if f.get("page") is not None else ""
        out.append(f"{fid}  ({f['kind']}, {f['label']},{page or ' page unknown'})")
        out.append(f"    {_short(f['text'])}")
        made = [lk for lk in links[fid] if lk["target"]]
        if not made:
            out.append(f"  {links[fid][0]['relation'] if links[fid] else 'not linked'}")
        for lk in made:
            t = findings.get(lk["target"], {})
            counts["links"] += 1
            out.append(f"  LINK {t.get('label', lk['target'])}: {lk['relation']}, score {lk['score']:.2f}"
                       f"{', confirmed by an officer' if lk.get('confirmed') else ''}")
            out.append(f"    {_short(t.get('text', ''))}")
            if lk.get("confirmed"):
                counts["confirmed"] += 1
            else:
                out.append(f"    wrong? python -m ingest decide reject {fid} {lk['target']} --by {quoted_by} --note '...'")
        for lk in possible.get(fid, []):
            t = findings.get(lk["target"], {})
            counts["possible"] += 1
            out.append(f"  POSSIBLE {t.get('label', lk['target'])}: score {lk['score']:.2f}")
            out.append(f"    {_short(t.get('text', ''))}")
            out.append(f"    right? python -m ingest decide confirm {fid} {lk['target']} --by {quoted_by} --note '...'")
        out.append("")
    out.append(f"{len(sources)} earlier finding{'s' if len(sources) != 1 else ''}: {counts['links']} links ({counts['confirmed']} confirmed by an officer), "
               f"{counts['possible']} possible matches. Record each decision with the command shown (`reject` in place of "
               "`confirm` dismisses a possible match), then rebuild.")
    return out
