"""Load and validate the theme taxonomy (YAML an officer can edit).

Errors name the file, the theme and the key, and say what to do.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ingest.config.configfile import load_yaml
from ingest.config.patterncheck import pattern_problem
from ingest.errors import ConfigError, Errors

REQUIRED_THEMES = ("missing-children", "corporate-parenting", "permanence", "workforce")
_LIST_KEYS = ("phrases", "supporting", "people", "exact", "patterns", "not_with", "keep_with", "concepts")
_THEME_KEYS = {"label", "definition", "domain", "domain_words", *_LIST_KEYS}
# A domain: the field of work a theme belongs to, and the words that say a text is in it.
_DOMAIN_KEYS = {"label", "context", "words"}
# The words that make a job title or a body's name ("Head of Service for ...", "Corporate Parenting Panel").
_NAME_KEYS = {"roles", "bodies", "joining"}
_ID = re.compile(r"[a-z][a-z0-9-]{1,60}")
# A theme's page is themes/<id>.md: these ids would replace a page the site makes itself.
RESERVED_IDS = ("index",)
# How a table row is tagged: by its own words only, or also by the heading its table sits under.
TABLE_ROWS = ("own-words", "inherit")


@dataclass
class Theme:
    id: str
    label: str
    definition: str
    phrases: list[str] = field(default_factory=list)
    supporting: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # supporting words that only name whom the theme concerns
    exact: list[str] = field(default_factory=list)
    patterns: list[list[dict[str, Any]]] = field(default_factory=list)
    not_with: list[str] = field(default_factory=list)
    keep_with: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    domain: str | None = None  # a key of Taxonomy.domains: the theme counts only in that domain
    domain_words: list[str] = field(default_factory=list)  # this theme's own-words test, instead of the domain's


@dataclass
class Domain:
    """The field of work a theme's words mean something in. `context`: words that put a paper
    (its title, committee or subject) or a section heading in the domain; `words`: words that put
    a finding in it by its own text (its services, its staff, the people it serves)."""

    id: str
    label: str
    context: list[str]
    words: list[str]


@dataclass
class Names:
    """Job titles and the names of bodies, which name a person or a meeting, not the matter:
    a capitalised name ending in one of `bodies` ("Corporate Parenting Panel") or a capitalised
    `roles` word ("Manager", "Head of Service for ..."), its words joined by `joining` words."""

    roles: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    joining: list[str] = field(default_factory=list)


@dataclass
class Taxonomy:
    path: str
    themes: dict[str, Theme]
    concepts: dict[str, list[str]]
    digest: str
    table_rows: str = "own-words"  # one of TABLE_ROWS
    domains: dict[str, Domain] = field(default_factory=dict)
    names: Names = field(default_factory=Names)

    def label(self, theme_id: str) -> str:
        return self.themes[theme_id].label if theme_id in self.themes else theme_id


def taxonomy_path(corpus: Path | None) -> Path:
    if corpus is not None:
        for name in ("taxonomy.yaml", "taxonomy.yml"):
            if (corpus / name).is_file():
                return corpus / name
    return Path(str(resources.files("ingest") / "data" / "taxonomy.yaml"))


def load_taxonomy_file(path: Path) -> Taxonomy:
    name = path.name
    # The loader refuses aliases that would expand the file (the digest below walks every value).
    raw = load_yaml(path, Errors.E021)
    if not isinstance(raw, dict) or not isinstance(raw.get("themes"), dict):
        raise ConfigError(Errors.E020, file=name, theme="(top level)", key="themes", problem="must be a mapping of theme ids to themes")
    themes: dict[str, Theme] = {}
    concepts_raw = raw.get("concepts") or {}
    if not isinstance(concepts_raw, dict):
        raise ConfigError(Errors.E020, file=name, theme="(top level)", key="concepts", problem="must be a mapping of concept ids to lists of phrases")
    concepts: dict[str, list[str]] = {}
    for cid, words in concepts_raw.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ConfigError(Errors.E020, file=name, theme=f"(concept {cid})", key="concepts", problem="must be a list of phrases")
        concepts[str(cid)] = words
    domains = _domains(raw.get("domains"), name)
    for tid, body in raw["themes"].items():
        tid = str(tid)
        if not _ID.fullmatch(tid):
            raise ConfigError(Errors.E020, file=name, theme=tid, key="id", problem="must be lower-case letters, digits and hyphens, starting with a letter")
        if tid in RESERVED_IDS:
            raise ConfigError(Errors.E020, file=name, theme=tid, key="id",
                              problem=f"is '{tid}', the name of the site's own page themes/{tid}, which the theme's page would replace; give the theme another id")
        if not isinstance(body, dict):
            raise ConfigError(Errors.E020, file=name, theme=tid, key="label", problem="is missing: a theme is a mapping with label, definition and phrases")
        unknown = set(body) - _THEME_KEYS
        if unknown:
            raise ConfigError(Errors.E020, file=name, theme=tid, key=sorted(unknown, key=str)[0], problem=f"is not a known key (known: {', '.join(sorted(_THEME_KEYS))})")
        for key in ("label", "definition"):
            if not isinstance(body.get(key), str) or not body[key].strip():
                raise ConfigError(Errors.E020, file=name, theme=tid, key=key, problem="is missing or empty")
        lists: dict[str, list[Any]] = {}
        for key in _LIST_KEYS:
            value = body.get(key) or []
            if not isinstance(value, list):
                raise ConfigError(Errors.E020, file=name, theme=tid, key=key, problem="must be a list")
            if key == "patterns":
                for n, pat in enumerate(value, start=1):
                    if not isinstance(pat, list) or not all(isinstance(t, dict) for t in pat) or not pat:
                        raise ConfigError(Errors.E020, file=name, theme=tid, key=key, problem="must be a list of token patterns, each a list of {ATTR: value} mappings")
                    problem = pattern_problem(pat)
                    if problem:
                        raise ConfigError(Errors.E020, file=name, theme=tid, key=key, problem=f"pattern {n}: {problem}")
            elif not all(isinstance(v, str) and v.strip() for v in value):
                raise ConfigError(Errors.E020, file=name, theme=tid, key=key, problem="must be a list of non-empty phrases")
            lists[key] = value
        for cid in lists["concepts"]:
            if cid not in concepts:
                raise ConfigError(Errors.E020, file=name, theme=tid, key="concepts", problem=f"names concept '{cid}', which is not defined under 'concepts'")
        if not lists["phrases"] and not lists["exact"] and not lists["patterns"]:
            raise ConfigError(Errors.E020, file=name, theme=tid, key="phrases", problem="is empty: give at least one phrase, exact term or pattern")
        domain = body.get("domain")
        if domain is not None and (not isinstance(domain, str) or domain not in domains):
            known = ", ".join(sorted(domains)) or "none are defined"
            raise ConfigError(Errors.E020, file=name, theme=tid, key="domain",
                              problem=f"is {domain!r}, which is not a domain defined under 'domains' (defined: {known})")
        words = _phrases(body.get("domain_words"), name, tid, "domain_words")
        if words and domain is None:
            raise ConfigError(Errors.E020, file=name, theme=tid, key="domain_words",
                              problem="is given without a 'domain': name the domain these words are the theme's own test for")
        themes[tid] = Theme(id=tid, label=body["label"].strip(), definition=body["definition"].strip(),
                            domain=domain, domain_words=words, **lists)
    for required in REQUIRED_THEMES:
        if required not in themes:
            raise ConfigError(Errors.E020, file=name, theme=required, key="id", problem="is required and missing (its id is part of the public data)")
    table_rows = raw.get("table_rows", "own-words")
    if table_rows not in TABLE_ROWS:
        raise ConfigError(Errors.E020, file=name, theme="(top level)", key="table_rows",
                          problem=f"is {table_rows!r}; it must be one of: {', '.join(TABLE_ROWS)}")
    digest = hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()
    return Taxonomy(path=str(path), themes=themes, concepts=concepts, digest=digest, table_rows=table_rows,
                    domains=domains, names=_names(raw.get("names"), name))


def _phrases(value: Any, file: str, theme: str, key: str) -> list[str]:
    """A list of non-empty phrases (absent: none)."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(Errors.E020, file=file, theme=theme, key=key, problem="must be a list of non-empty phrases")
    return [v.strip() for v in value]


def _domains(raw: Any, file: str) -> dict[str, Domain]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(Errors.E020, file=file, theme="(top level)", key="domains",
                          problem="must be a mapping of domain ids to a label, context and words")
    out: dict[str, Domain] = {}
    for did, body in raw.items():
        did, where = str(did), f"(domain {did})"
        if not _ID.fullmatch(did):
            raise ConfigError(Errors.E020, file=file, theme=where, key="id", problem="must be lower-case letters, digits and hyphens, starting with a letter")
        if not isinstance(body, dict):
            raise ConfigError(Errors.E020, file=file, theme=where, key="label", problem="is missing: a domain is a mapping with label, context and words")
        unknown = set(body) - _DOMAIN_KEYS
        if unknown:
            raise ConfigError(Errors.E020, file=file, theme=where, key=sorted(unknown, key=str)[0],
                              problem=f"is not a known key (known: {', '.join(sorted(_DOMAIN_KEYS))})")
        if not isinstance(body.get("label"), str) or not body["label"].strip():
            raise ConfigError(Errors.E020, file=file, theme=where, key="label", problem="is missing or empty")
        lists = {k: _phrases(body.get(k), file, where, k) for k in ("context", "words")}
        for k, v in lists.items():
            if not v:
                raise ConfigError(Errors.E020, file=file, theme=where, key=k,
                                  problem="is missing or empty: with no words nothing could be in the domain, and its themes would never be tagged")
        out[did] = Domain(id=did, label=body["label"].strip(), **lists)
    return out


def _names(raw: Any, file: str) -> Names:
    if raw is None:
        return Names()
    if not isinstance(raw, dict):
        raise ConfigError(Errors.E020, file=file, theme="(top level)", key="names",
                          problem="must be a mapping with roles, bodies and joining words")
    unknown = set(raw) - _NAME_KEYS
    if unknown:
        raise ConfigError(Errors.E020, file=file, theme="(names)", key=sorted(unknown, key=str)[0],
                          problem=f"is not a known key (known: {', '.join(sorted(_NAME_KEYS))})")
    lists = {k: _phrases(raw.get(k), file, "(names)", k) for k in sorted(_NAME_KEYS)}
    for k, v in lists.items():
        if any(" " in w for w in v):
            raise ConfigError(Errors.E020, file=file, theme="(names)", key=k, problem="must be single words (a name is read word by word)")
    return Names(**lists)
