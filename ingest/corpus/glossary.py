"""Acronyms: those the papers define ("Independent Reviewing Officer (IRO)"), found with the
Schwartz-Hearst rule (the acronym's letters, in order, start words of the expansion), and the
undefined ones they use, from a curated list."""

from __future__ import annotations

import re
from importlib import resources

import yaml

from ingest.model import Document, GlossaryEntry

_DEFINED = re.compile(r"\(([A-Z][A-Za-z&/]{1,9})\)")
_WORD = re.compile(r"[A-Za-z][\w'’&-]*")
_STOP = {"and", "of", "for", "in", "the", "to", "with", "on", "&", "a"}


def curated() -> dict[str, str]:
    path = resources.files("ingest") / "data" / "acronyms.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def _expansion(before: str, acronym: str) -> str | None:
    """Shortest run of preceding words whose initials spell the acronym (Schwartz & Hearst)."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    words = _WORD.findall(before)[-(len(letters) + 5):]
    for start in range(len(words) - 1, -1, -1):
        cand = words[start:]
        if cand[0].lower() in _STOP:
            continue
        if _spells(letters, cand):
            if len(cand) > 2 * len(letters) + 3:
                return None
            return " ".join(cand)
    return None


def _spells(letters: list[str], words: list[str]) -> bool:
    """Every word starts with the next letter (stop words may be skipped), and a word may give
    further letters from inside it, in order ("CAMHS": Child and Adolescent Mental Health Services)."""

    def match(li: int, wi: int) -> bool:
        if wi == len(words):
            return li == len(letters)
        w = words[wi].lower()
        if li < len(letters) and w[0] == letters[li]:
            # take the initial, then try taking 0..k more letters from inside the word
            pos, nl = 1, li + 1
            if match(nl, wi + 1):
                return True
            while nl < len(letters):
                found = w.find(letters[nl], pos)
                if found < 0:
                    break
                pos, nl = found + 1, nl + 1
                if match(nl, wi + 1):
                    return True
        return w in _STOP and match(li, wi + 1)

    return bool(words) and words[0][0].lower() == letters[0] and match(0, 0)


def find_definitions(text: str) -> list[tuple[str, str]]:
    out = []
    for m in _DEFINED.finditer(text):
        acronym = m.group(1)
        if acronym.endswith("s") and acronym[:-1].isupper():
            acronym = acronym[:-1]  # "Key Lines of Enquiry (KLOEs)"
        if sum(1 for c in acronym if c.isupper()) < 2:
            continue
        exp = _expansion(text[: m.start()], acronym)
        if exp:
            out.append((acronym, exp))
    return out


def build_glossary(docs: list[Document]) -> list[GlossaryEntry]:
    entries: dict[str, GlossaryEntry] = {}
    used: set[str] = set()
    all_text = []
    for d in docs:
        for f in d.findings:
            all_text.append(f.text)
            for acronym, expansion in find_definitions(f.text):
                e = entries.get(acronym)
                if e is None:
                    entries[acronym] = GlossaryEntry(acronym=acronym, expansion=expansion, defined_in=[f.id])
                elif f.id not in e.defined_in and len(e.defined_in) < 20:
                    e.defined_in.append(f.id)
    text = "\n".join(all_text)
    for acronym in set(re.findall(r"\b[A-Z][A-Z/&]{1,6}s?\b", text)):
        used.add(acronym.rstrip("s") if acronym.endswith("s") and acronym[:-1].isupper() else acronym)
    for acronym, expansion in curated().items():
        if acronym in used and acronym not in entries:
            entries[acronym] = GlossaryEntry(acronym=acronym, expansion=expansion, curated=True)
    return sorted(entries.values(), key=lambda e: e.acronym)
