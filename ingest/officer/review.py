"""An officer's review queue for the follow-through links, read from the built site.

The rules find about two in three of the links a careful reader expects, and many of the rest rank
just below the cut-off. So for each earlier finding the queue shows its links (to confirm or reject)
and its possible matches (to confirm or ignore), each with the `decide` command that records the
decision; `python -m ingest review` prints it.
"""

from __future__ import annotations

import shlex
from collections import defaultdict
from pathlib import Path

from ingest.errors import Errors, NothingToReview
from ingest.officer.published import FindingRecord, LinkRecord, PublishedSite


def _short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _target(findings: dict[str, FindingRecord], lk: LinkRecord) -> tuple[str, str]:
    """The label and text of a link's later finding; its id and no text if the site lacks it."""
    t = findings.get(lk["target"] or "")
    return (t["label"], t["text"]) if t else (str(lk["target"]), "")


def _by_source(records: list[LinkRecord]) -> defaultdict[str, list[LinkRecord]]:
    """Earlier finding id -> its links, in the file's order ("new in" lines, with no source, left out)."""
    out: defaultdict[str, list[LinkRecord]] = defaultdict(list)
    for lk in records:
        if lk["source"]:
            out[lk["source"]].append(lk)
    return out


def review_queue(site: Path, only: str | None = None, by: str = "YOUR NAME") -> list[str]:
    """The queue as lines of text: every earlier finding of a linked series (or only those whose id
    starts with `only`: a document id or one finding's id), its links and its possible matches.
    `by` goes into the printed commands."""
    published = PublishedSite(site, needs=("findings.jsonl", "links.jsonl"))  # NoBuiltSite (E300) when there is none
    if not published.has("possible-links.jsonl"):
        raise NothingToReview(Errors.E301, site=site)
    findings = published.findings
    links, possible = _by_source(published.links), _by_source(published.possible_links)
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
            label, text = _target(findings, lk)
            counts["links"] += 1
            out.append(f"  LINK {label}: {lk['relation']}, score {lk['score']:.2f}"
                       f"{', confirmed by an officer' if lk.get('confirmed') else ''}")
            out.append(f"    {_short(text)}")
            if lk.get("confirmed"):
                counts["confirmed"] += 1
            else:
                out.append(f"    wrong? python -m ingest decide reject {fid} {lk['target']} --by {quoted_by} --note '...'")
        for lk in possible.get(fid, []):
            label, text = _target(findings, lk)
            counts["possible"] += 1
            out.append(f"  POSSIBLE {label}: score {lk['score']:.2f}")
            out.append(f"    {_short(text)}")
            out.append(f"    right? python -m ingest decide confirm {fid} {lk['target']} --by {quoted_by} --note '...'")
        out.append("")
    out.append(f"{len(sources)} earlier finding{'s' if len(sources) != 1 else ''}: {counts['links']} links ({counts['confirmed']} confirmed by an officer), "
               f"{counts['possible']} possible matches. Record each decision with the command shown (`reject` in place of "
               "`confirm` dismisses a possible match), then rebuild.")
    return out
