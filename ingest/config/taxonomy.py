"""Load the theme taxonomy (YAML an officer can edit), validated by `TaxonomyFile`
(schema_taxonomy.py), whose errors name the file, the theme and the key, and say what to do.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ingest.config.configfile import load_yaml
from ingest.config.schema import validated
from ingest.config.schema_taxonomy import TABLE_ROWS, NamesSpec, TaxonomyFile
from ingest.errors import Errors

__all__ = ["TABLE_ROWS", "Domain", "Names", "Taxonomy", "Theme", "load_taxonomy_file", "taxonomy_path"]
# A theme's lists of words, which are none when left out.
_LIST_KEYS = ("phrases", "supporting", "people", "exact", "patterns", "not_with", "keep_with", "concepts")


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
    # The loader refuses aliases that would expand the file (the digest below walks every value).
    raw = load_yaml(path, Errors.E021)
    given = validated(TaxonomyFile, raw, path.name)
    themes = {tid: Theme(id=tid, label=t.label.strip(), definition=t.definition.strip(), domain=t.domain,
                         domain_words=[w.strip() for w in t.domain_words or []],
                         **{k: getattr(t, k) or [] for k in _LIST_KEYS})
              for tid, t in given.themes.items()}
    domains = {did: Domain(id=did, label=d.label.strip(), context=_stripped(d.context), words=_stripped(d.words))
               for did, d in (given.domains or {}).items()}
    names = Names(**{k: _stripped(getattr(given.names, k)) for k in NamesSpec.model_fields}) if given.names else Names()
    digest = hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()
    return Taxonomy(path=str(path), themes=themes, concepts=dict(given.concepts or {}), digest=digest,
                    table_rows=given.table_rows, domains=domains, names=names)


def _stripped(words: list[str] | None) -> list[str]:
    return [w.strip() for w in words or []]
