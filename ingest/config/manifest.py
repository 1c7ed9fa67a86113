"""The corpus manifest: an officer-editable YAML file giving each paper its metadata.

Every key is optional except `file`; anything not given is inferred from the text. What each key
may hold is `ManifestFile` (schema_manifest.py), whose errors name the manifest file, the entry
(its position and file) and the key, and say what to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from ingest.config.configfile import GuardedLoader, load_yaml
from ingest.config.schema import validated
from ingest.config.schema_manifest import SITE_KEYS, ManifestFile
from ingest.config.siteconfig import apply_site_config
from ingest.document.metadata.kinds import DocumentKind
from ingest.errors import ConfigError, Errors
from ingest.site.html import url_problem

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")


class ManifestEntry(BaseModel):
    file: str
    id: str | None = None
    title: str | None = None
    short_title: str | None = None
    date: str | None = None
    kind: DocumentKind | None = None
    body: str | None = None
    publisher: str | None = None  # who issued this paper, where it is not the site's publisher
    subject: str | None = None  # the body it is about (the council an inspection inspected)
    url: str | None = None
    series: str | None = None
    period: str | None = None


class Manifest(BaseModel):
    path: str | None = None
    # The site's publisher, for papers that do not name their own: set once by the council
    # (`publisher:` at the top of the manifest). Never assumed: unknown, citations leave it out.
    publisher: str | None = None
    site_title: str = "Council papers: children's services"
    site_url: str | None = None
    entries: dict[str, ManifestEntry] = Field(default_factory=dict)

    def entry(self, file_name: str) -> ManifestEntry | None:
        """The entry for a file, by its path from the corpus folder (`sub/paper.pdf`)."""
        return self.entries.get(file_name)


class _TextDates(GuardedLoader):
    """YAML without implicit dates: 2011-02-30 stays text, so we can say what is wrong with it."""


_TextDates.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def find_manifest(corpus: Path) -> Path | None:
    for name in MANIFEST_NAMES:
        if (corpus / name).is_file():
            return corpus / name
    return None


def load_manifest(corpus: Path) -> Manifest:
    path = find_manifest(corpus)
    if path is None:
        return apply_site_config(Manifest(), corpus)
    raw: Any = load_yaml(path, Errors.E011, _TextDates) or {}  # empty or only comments: no entries
    given = validated(ManifestFile, raw, path.name, {"corpus": corpus})
    manifest = Manifest(path=str(path), **{k: getattr(given, k) for k in SITE_KEYS if k in given.model_fields_set})
    for item in given.documents or []:
        fields = item.model_dump(exclude={"file"})
        manifest.entries[item.name] = ManifestEntry(**fields, file=item.name)
    return apply_site_config(manifest, corpus)


def check_site_url(value: str | None, where: str) -> None:
    """Refuse a site address that is not a full http(s) one (`where` names where it was given:
    the --site-url option, or the manifest). MkDocs puts it in every page's links."""
    if value and (problem := url_problem(value, absolute=True)):
        raise ConfigError(Errors.E120, option=where, value=value, problem=problem)
