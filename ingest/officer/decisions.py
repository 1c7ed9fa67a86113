"""Officers' decisions on follow-through links, kept over the rules.

The linker's links are suggestions: two careful readers agree on about four links in five, and
the rules less often. An officer who has checked a link can confirm it, add one the rules missed,
or reject a wrong one, in `link-decisions.yaml` beside the manifest:

    decisions:
      - source: 2011-04-11-safeguarding-peer-review/consider-looked-after-children-1
        target: 2020-02-26-cypic-regional-peer-review/p29
        decision: confirm            # or: reject
        by: Jane Smith, Corporate Parenting Officer
        note: The 2019 review answers the 2011 point on members' understanding.

Every build applies them after linking, so they hold when the rules or the papers change. A
decision whose findings are no longer in the corpus (a paper removed, a finding renumbered) is
reported with what to do, like a bad input file, and the build goes on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel

from ingest.config.configfile import load_yaml
from ingest.config.schema import validated
from ingest.config.schema_decisions import DecisionsFile
from ingest.errors import DecisionRefused, ErrorCode, Errors, IngestError, NoBuiltSite
from ingest.model import Document, Finding, InputReport, Link, series_order
from ingest.officer.permalinks import UnknownFinding, resolve

DECISIONS_FILE = "link-decisions.yaml"


class LinkDecision(BaseModel):
    source: str
    target: str
    decision: Literal["confirm", "reject"]
    by: str | None = None
    note: str | None = None
    where: str = ""  # "decision 3", for messages


def load_decisions(corpus: Path) -> list[LinkDecision]:
    """The officers' decisions, validated by `DecisionsFile`; none if the file is absent or holds
    none. A malformed file is a ConfigError naming the decision and the key, as for the manifest."""
    path = corpus / DECISIONS_FILE
    if not path.is_file():
        return []
    raw: Any = load_yaml(path, Errors.E041)
    if raw is None or (isinstance(raw, dict) and set(raw) == {"decisions"} and raw["decisions"] is None):
        return []  # empty, comments only, or a bare "decisions:" (as `decide` starts the file): none yet
    given = validated(DecisionsFile, raw, path.name)
    out: list[LinkDecision] = []
    seen: set[tuple[str, str]] = set()
    for n, item in enumerate(given.decisions, start=1):
        d = LinkDecision.model_validate({**{k: (v.strip() if isinstance(v, str) else v) for k, v in item.model_dump().items()},
                                         "where": f"decision {n}"})
        if (d.source, d.target) not in seen:  # the same decision written twice: once is enough
            seen.add((d.source, d.target))
            out.append(d)
    return out


def apply_decisions(links: list[Link], decisions: list[LinkDecision], docs: list[Document],
                    pairs: list[tuple[Document, Document]], possible: list[Link] | None = None) -> tuple[list[Link], list[InputReport]]:
    """The links with the officers' decisions applied, and a report line for each decision that
    could not be (its findings are gone, or not in two consecutive reviews of a series).

    Confirming a link the rules made marks it confirmed; confirming one they missed adds it (with
    the relation the rules would give, the shared themes, and no score: score 0, unless it was one
    of the `possible` matches, whose score and evidence it keeps); either way the
    source is no longer "not taken up" nor the target "new". Rejecting a link removes it; a
    finding left with no link is listed as not taken up, or new, again."""
    if not decisions:
        return links, []
    from ingest.corpus.link import new_in, not_taken_up, relation

    findings: dict[str, Finding] = {f.id: f for d in docs for f in d.findings}
    later_of = {earlier.id: later for earlier, later in pairs}
    out = list(links)
    offered = {(lk.source, lk.target): lk for lk in possible or []}
    reports: list[InputReport] = []
    for d in decisions:
        missing = [x for x in (d.source, d.target) if x not in findings]
        if missing:
            reports.append(_report(d, Errors.E042, finding=missing[0]))
            continue
        s, t = findings[d.source], findings[d.target]
        later = later_of.get(s.document_id)
        if later is None or later.id != t.document_id:
            reports.append(_report(d, Errors.E043, source_doc=s.document_id, target_doc=t.document_id))
            continue
        year = later.reporting_year
        who = f" ({d.by})" if d.by else ""
        said = f": {d.note}" if d.note else ""
        existing = next((lk for lk in out if lk.source == d.source and lk.target == d.target), None)
        if d.decision == "confirm":
            match = offered.get((d.source, d.target))
            if existing is None and match is not None:  # a possible match the officer takes up
                existing = match.model_copy(update={"relation": relation(t, s),
                                                    "evidence": [f"confirmed by an officer{who}{said}", *match.evidence]})
                out.append(existing)
            elif existing is None:
                shared = [th for th in s.themes if th in t.themes]
                existing = Link(source=d.source, target=d.target, score=0.0, relation=relation(t, s), themes=shared,
                                evidence=[f"added by an officer{who}{said}"])
                out.append(existing)
            else:
                existing.evidence = [f"confirmed by an officer{who}{said}", *existing.evidence]
            existing.confirmed = True
            out = [lk for lk in out if not (lk.target is None and lk.source == d.source)
                   and not (lk.source is None and lk.target == d.target)]
        elif existing is not None:
            out.remove(existing)
            if not any(lk.source == d.source and lk.target for lk in out):
                out.append(not_taken_up(d.source, year, evidence=[f"a link rejected by an officer{who}{said}"]))
            if not any(lk.target == d.target and lk.source for lk in out):
                out.append(new_in(t, year))
    return out, reports


def undecided(possible: list[Link], decisions: list[LinkDecision]) -> list[Link]:
    """The possible matches no officer has decided on: once confirmed a match is a link, and once
    rejected it is not offered again."""
    decided = {(d.source, d.target) for d in decisions}
    return [lk for lk in possible if (lk.source, lk.target) not in decided]


def _report(d: LinkDecision, error: ErrorCode, **fields: str) -> InputReport:
    reason = str(IngestError(error, file=DECISIONS_FILE, entry=d.where, **fields))
    return InputReport(file=f"{DECISIONS_FILE} ({d.where})", status="skipped", stage="link", reason=reason, code=error.code)


_HEADER = """# Officers' decisions on follow-through links, kept over the rules at every build.
# decision: confirm (a link the rules made, a possible match, or one they missed) or reject
# (a wrong link, or a possible match not to offer again).
# Finding ids are in each finding's permalink; `python -m ingest decide --help` writes entries.
decisions:
"""


def _resolve(wanted: str, findings: dict[str, str]) -> str:
    try:
        return resolve(wanted, findings)
    except UnknownFinding as exc:  # refused, as every decision that cannot be written, with its own code
        raise DecisionRefused(exc.error, **exc.fields) from None


def record_decision(corpus: Path, site: Path, decision: str, source: str, target: str,
                    by: str | None = None, note: str | None = None) -> str:
    """Append one decision to the corpus's link-decisions.yaml, after checking it against the
    built site: both findings exist, they sit in consecutive reviews of one series, a rejected
    link is one the rules make or offer as a possible match, and the file has no decision on the pair yet. Returns what the
    decision does, in words; raises DecisionRefused (what to do) or ConfigError (a malformed file)."""
    data = site / "data"
    if not (data / "findings.jsonl").is_file():
        raise NoBuiltSite(Errors.E300, site=site, missing="data/findings.jsonl")
    with (data / "findings.jsonl").open(encoding="utf-8") as fh:  # finding id -> its document's id
        findings = {rec["id"]: rec["document_id"] for rec in map(json.loads, fh)}
    source, target = _resolve(source, findings), _resolve(target, findings)
    docs = {d["id"]: d for d in json.loads((data / "documents.json").read_text(encoding="utf-8"))}
    if _later_in_series(docs, findings[source]) != findings[target]:
        raise DecisionRefused(Errors.E306, source=source, target=target)
    made: dict[str, Any] | None = None
    with (data / "links.jsonl").open(encoding="utf-8") as fh:
        for lk in map(json.loads, fh):
            if lk["source"] == source and lk["target"] == target:
                made = lk
    offered: dict[str, Any] | None = None
    if made is None and (data / "possible-links.jsonl").is_file():
        with (data / "possible-links.jsonl").open(encoding="utf-8") as fh:
            offered = next((lk for lk in map(json.loads, fh) if lk["source"] == source and lk["target"] == target), None)
    if decision == "reject" and made is None and offered is None:
        raise DecisionRefused(Errors.E307, source=source, target=target)
    existing = load_decisions(corpus)
    for d in existing:
        if (d.source, d.target) == (source, target):
            raise DecisionRefused(Errors.E308, file=DECISIONS_FILE, entry=d.where, decision=d.decision)
    entry = {"source": source, "target": target, "decision": decision, **({"by": by} if by else {}),
             **({"note": note} if note else {})}
    path = corpus / DECISIONS_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else _HEADER
    if not existing:  # "decisions: []" or an empty file: keep its comments, start the list afresh
        text = "".join(line for line in text.splitlines(keepends=True) if line.lstrip().startswith("#")) or _HEADER
        text = text if text.rstrip().endswith("decisions:") else text + "decisions:\n"
    block = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text.rstrip("\n") + "\n" + "".join(f"  {line}\n" for line in block.splitlines()), encoding="utf-8")
    where = load_decisions(corpus)[-1].where  # what was written must read back; it is the last
    if made is None and offered is not None:
        what = (f"makes the possible match (score {offered['score']}) a link" if decision == "confirm"
                else f"dismisses the possible match (score {offered['score']}): it will not be offered again")
    elif made is None:
        what = "adds a link the rules did not make"
    else:
        verb = "rejects" if decision == "reject" else "confirms"
        what = f"{verb} the rules' link ({made['relation']}, score {made['score']})"
    return f"Recorded in {path} as {where}: it {what}. Rebuild (`python -m ingest build`) to apply it."


def _later_in_series(docs: dict[str, dict[str, Any]], doc_id: str) -> str | None:
    """The document after this one in its series (as `link.series_pairs` pairs them), if any."""
    doc = docs.get(doc_id)
    if not doc or not doc.get("series"):
        return None
    members = sorted((d for d in docs.values() if d.get("series") == doc["series"] and d.get("findings")),
                     key=lambda d: series_order(d.get("period"), d.get("date"), d["id"]))
    ids = [d["id"] for d in members]
    i = ids.index(doc_id) if doc_id in ids else -1
    return ids[i + 1] if 0 <= i < len(ids) - 1 else None
