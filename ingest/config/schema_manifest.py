"""The schemas of `corpus/manifest.yaml` (the papers' metadata) and `corpus/site.yaml` (the site's
settings): what each key may hold, and the words for a value that does not fit (E010, E012, E220).

The checks that need the corpus folder (the file is in it, is a paper, is listed once) run with
the folder as the validation context: `validated(ManifestFile, raw, name, {"corpus": folder})`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ingest.config.schema import (
    BLANK,
    ConfigFile,
    FileModel,
    NonBlank,
    Says,
    Where,
    refuse,
    says_key,
)
from ingest.document.inputs import is_paper_name
from ingest.document.metadata.kinds import DocumentKind, parse_kind
from ingest.errors import ErrorCode, Errors
from ingest.site.html import url_problem

KINDS = tuple(k.value for k in DocumentKind)
_ID = re.compile(r"[a-z0-9][a-z0-9-]{2,100}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SITE_URL_HELP = "it must be the full http:// or https:// address the site is published at"


def _text(description: str) -> Any:
    return Field(None, description=description)


def _iso_date(value: str | None) -> str | None:
    if value and not _ISO_DATE.fullmatch(value):
        raise refuse(f"'{value}' is not an ISO date like 2011-04-11")
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise refuse(f"'{value}' is not a real date") from None
    return value


def _kind(value: str | None) -> DocumentKind | None:
    """The kind named (an empty one is not given: the paper's is read from it)."""
    if value and parse_kind(value) is None:
        raise refuse(f"'{value}' is not one of: {', '.join(KINDS)}")
    return parse_kind(value) if value else None


def _id(value: str | None) -> str | None:
    if value and not _ID.fullmatch(value):
        raise refuse("must be lower-case letters, digits and hyphens")
    return value


def _link(value: str | None) -> str | None:
    if value and (problem := url_problem(value)):
        raise refuse(f"'{value}' {problem}: a link must be an http:// or https:// address or a path relative to the site")
    return value


def site_url_problem(value: str | None, help_text: str = _SITE_URL_HELP) -> None:
    """Refuse a site address that is not a full http(s) one, in the manifest's or site.yaml's words."""
    if value and (problem := url_problem(value, absolute=True)):
        raise refuse(f"'{value}' {problem}: {help_text}", key="site_url")


def _dates_as_text(value: Any) -> Any:
    """A YAML date given an explicit tag (`!!timestamp`) is read as the text it was written as."""
    return value.isoformat() if isinstance(value, dt.date) else value


_WRONG_TYPE = "must be text, not {type}"
EntryText = Annotated[str | None, BeforeValidator(_dates_as_text), Says(_WRONG_TYPE)]


def corpus_relative(value: str) -> str | None:
    """A manifest `file` as a path from the corpus folder ('sub/paper.pdf', written with / or \\),
    or None if it leads out of the folder (an absolute path, '..')."""
    text = value.strip().replace("\\", "/")
    if text.startswith("/") or re.match(r"[A-Za-z]:/", text):
        return None
    parts = [p for p in PurePosixPath(text).parts if p != "."]
    return "/".join(parts) if parts and ".." not in parts else None


def _file_problem(corpus: Path, name: str) -> str | None:
    """Why a file named in the manifest would never be read as a paper, if so."""
    if not is_paper_name(name):
        return f"'{name}' is a hidden or configuration file, not a paper"
    parts = name.split("/")
    for n in range(1, len(parts)):
        if (corpus.joinpath(*parts[:n])).is_symlink():
            return f"'{name}' is inside '{'/'.join(parts[:n])}', a link to a folder, which the build does not follow"
    return None


class ManifestEntryFile(FileModel):
    """One paper's metadata; every key but `file` may be left out (it is then read from the paper)."""

    SAYS: ClassVar[Says] = Says("is missing: each entry is a mapping starting with '- file: NAME'", key="file")

    file: Annotated[NonBlank, BeforeValidator(_dates_as_text), Says("is missing or not a file name")] = Field(
        description="The paper, by its path from the corpus folder (sub/paper.pdf).")
    id: Annotated[EntryText, AfterValidator(_id),
                  WithJsonSchema({"type": "string", "pattern": f"^{_ID.pattern}$"})] = _text(
        "The permanent id in page addresses and the open data: lower-case letters, digits and hyphens.")
    title: EntryText = _text("The title, as a person would cite it.")
    short_title: EntryText = _text("A short title for lists and links.")
    date: Annotated[EntryText, AfterValidator(_iso_date),
                    WithJsonSchema({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"})] = _text(
        "The date that matters for the kind (the meeting's, the letter's), as an ISO date: 2011-04-11.")
    kind: Annotated[EntryText, AfterValidator(_kind), WithJsonSchema({"type": "string", "enum": list(KINDS)})] = _text(
        "What the paper is (case and spacing are forgiven).")
    body: EntryText = _text("The committee or meeting the paper went to, or the body that wrote it.")
    publisher: EntryText = _text("Who issued this paper, where that is not the site's publisher.")
    subject: EntryText = _text("The body the paper is about, where not its publisher (an inspection: the council inspected).")
    url: Annotated[EntryText, AfterValidator(_link)] = _text(
        "Where the original is published: an http:// or https:// address, or a path relative to the site.")
    series: EntryText = _text("Papers in one series are linked finding by finding, earlier to later.")
    period: EntryText = _text("The period a review or report covers (YYYY-MM, or YYYY-MM-DD/YYYY-MM-DD).")
    _name: str = PrivateAttr("")  # the file, by its path from the corpus folder

    @model_validator(mode="after")
    def _in_the_corpus(self, info: ValidationInfo) -> ManifestEntryFile:
        name = corpus_relative(self.file)
        if name is None:
            raise refuse(f"'{self.file}' is outside the corpus folder: name a paper in it by its path from the folder, "
                         "such as sub/paper.pdf", key="file")
        corpus = Path((info.context or {})["corpus"])
        problem = _file_problem(corpus, name)
        if problem:
            raise refuse(problem, key="file")
        if not (corpus / name).is_file():
            raise refuse("is not in the corpus folder", code=Errors.E012, target=self.file)
        self._name = name
        return self

    @property
    def name(self) -> str:
        """The file, by its path from the corpus folder ('sub/paper.pdf')."""
        return self._name


def _site_url(value: str | None) -> str | None:
    site_url_problem(value, _SITE_URL_HELP + ", like https://example.gov.uk/papers/")
    return value


def _written(value: Any) -> Any:
    """A setting written with no value is not text (left out, it is unset)."""
    if value is None:
        raise PydanticCustomError(BLANK, "is empty")
    return value


_TOP_TEXT = Annotated[str | None, BeforeValidator(_written), Says("must be text"), WithJsonSchema({"type": "string"})]


class ManifestFile(ConfigFile):
    """`manifest.yaml`: the papers' metadata (and, as the first manifests had it, the site's settings)."""

    model_config = {**FileModel.model_config, "extra": "ignore", "title": "council-ingest manifest.yaml"}
    CODE: ClassVar[ErrorCode] = Errors.E010
    SAYS: ClassVar[Says] = Says("must be a mapping with a 'documents' list", key="documents")

    publisher: _TOP_TEXT = Field(
        None, description="The site's publisher, for papers that do not print their own (or set it in site.yaml).")
    site_title: _TOP_TEXT = Field(None, description="The site's title (or set it in site.yaml).")
    site_url: Annotated[_TOP_TEXT, AfterValidator(_site_url)] = Field(
        None, description="The full http:// or https:// address the site is published at (or set it in site.yaml).")
    documents: Annotated[list[ManifestEntryFile] | None, Says("must be a list of entries, each starting with '- file:'")] = Field(
        None, description="One entry per paper, each starting with '- file: NAME'.")

    @model_validator(mode="after")
    def _listed_once(self) -> ManifestFile:
        listed: dict[str, int] = {}  # file -> the entry that names it
        entries = self.documents or []
        for n, entry in enumerate(entries):
            if entry.name in listed:
                first = listed[entry.name]
                raise refuse(f"names the same file as entry #{first + 1} ({entries[first].file}): keep one of the two entries",
                             key="file", at=("documents", n))
            listed[entry.name] = n
        return self

    @classmethod
    def where(cls, loc: tuple[Any, ...], raw: Any, key: str | None) -> Where:
        if len(loc) < 2 or loc[0] != "documents" or not isinstance(loc[1], int):
            return Where({"entry": "(top level)", "key": key or says_key(cls, loc) or str(loc[0])}, (0,))
        n = loc[1]
        item = raw["documents"][n] if isinstance(raw, dict) and isinstance(raw.get("documents"), list) else None
        name = item.get("file") if isinstance(item, dict) else None
        entry = f"#{n + 1} ({name})" if isinstance(name, str) and name.strip() else f"#{n + 1}"
        key = key or says_key(cls, loc) or (str(loc[2]) if len(loc) > 2 else "file")
        return Where({"entry": entry, "key": key}, (1, n, key != "file"))  # an entry's file is checked first


_SETTING = Annotated[NonBlank | None, Says("must be text")]


class SiteSettingsFile(ConfigFile):
    """`site.yaml`: the settings a council sets once for its whole site."""

    model_config = {**FileModel.model_config, "title": "council-ingest site.yaml"}
    CODE: ClassVar[ErrorCode] = Errors.E220
    SAYS: ClassVar[Says] = Says("must be a mapping of settings ({known})", key="(top level)",
                                extra="is not a known setting (known: {known})")

    publisher: _SETTING = Field(None, description="Cited for every paper that does not print its own publisher.")
    site_title: _SETTING = Field(None, description="The site's title.")
    site_url: _SETTING = Field(None, description="The full http:// or https:// address the site is published at.")

    @model_validator(mode="after")
    def _checked(self) -> SiteSettingsFile:
        site_url_problem(self.site_url)
        return self

    @classmethod
    def where(cls, loc: tuple[Any, ...], raw: Any, key: str | None) -> Where:
        return Where({"key": key or says_key(cls, loc) or (str(loc[0]) if loc else "(top level)")}, (0,))


SITE_KEYS = tuple(SiteSettingsFile.model_fields)  # also the site settings a manifest may give
