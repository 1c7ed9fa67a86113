"""The schema of `taxonomy.yaml` (the themes, their domains, concepts and the words of names): what
each key may hold, and the words for a value that does not fit (E020, naming the theme and key).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema, model_validator

from ingest.config.patterncheck import pattern_problem
from ingest.config.schema import ConfigFile, FileModel, NonBlank, Says, Where, refuse, says_key
from ingest.errors import ErrorCode, Errors

REQUIRED_THEMES = ("missing-children", "corporate-parenting", "permanence", "workforce")
_ID = re.compile(r"[a-z][a-z0-9-]{1,60}")
# A theme's page is themes/<id>.md: these ids would replace a page the site makes itself.
RESERVED_IDS = ("index",)
# How a table row is tagged: by its own words only, or also by the heading its table sits under.
TABLE_ROWS = ("own-words", "inherit")
_PHRASES = "must be a list of non-empty phrases"
_NO_WORDS = "is missing or empty: with no words nothing could be in the domain, and its themes would never be tagged"


def _id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise refuse("must be lower-case letters, digits and hyphens, starting with a letter", key="id")
    return value


def _theme_id(value: str) -> str:
    if value in RESERVED_IDS:
        raise refuse(f"is '{value}', the name of the site's own page themes/{value}, which the theme's page would replace; "
                     "give the theme another id", key="id")
    return value


def _none_if_falsy(value: Any) -> Any:
    """As the first taxonomies were read: a list left empty in any way (null, '') is no list."""
    return value or None


def _patterns(value: list[list[dict[Any, Any]]] | None) -> list[list[dict[Any, Any]]] | None:
    for n, pattern in enumerate(value or [], start=1):
        problem = pattern_problem(pattern)
        if problem:
            raise refuse(f"pattern {n}: {problem}")
    return value


def _single_words(value: list[str] | None) -> list[str] | None:
    if any(" " in w.strip() for w in value or []):
        raise refuse("must be single words (a name is read word by word)")
    return value


def _has_words(value: list[str] | None) -> list[str] | None:
    if not value:
        raise refuse(_NO_WORDS)
    return value


Id = Annotated[str, BeforeValidator(str), AfterValidator(_id), WithJsonSchema({"type": "string", "pattern": f"^{_ID.pattern}$"})]
# A theme's list of words: left out, null or empty, it is none.
Phrases = Annotated[list[NonBlank] | None, BeforeValidator(_none_if_falsy), Says("must be a list", item=_PHRASES)]
# A list of words that must be a list when it is given (null is none).
Words = Annotated[list[NonBlank] | None, Says(_PHRASES, item=_PHRASES)]
# spaCy checks a token's attributes and values (patterncheck); editors are given spaCy's own
# schema of a token, which schema_json.py adds as TokenPattern.
Token = Annotated[dict[Any, Any], WithJsonSchema({"x-spacy": "TokenPattern"})]
Patterns = Annotated[list[Annotated[list[Token], Field(min_length=1)]] | None, BeforeValidator(_none_if_falsy),
                     Says("must be a list", item="must be a list of token patterns, each a list of {ATTR: value} mappings"),
                     AfterValidator(_patterns)]


class ThemeSpec(FileModel):
    """One theme: what it is, and the words that tag a finding with it."""

    SAYS: ClassVar[Says] = Says("is missing: a theme is a mapping with label, definition and phrases", key="label")

    label: Annotated[NonBlank, Says("is missing or empty")] = Field(description="The theme's name on the site.")
    definition: Annotated[NonBlank, Says("is missing or empty")] = Field(description="What the theme is, in one line.")
    domain: Annotated[Any, WithJsonSchema({"type": "string"})] = Field(
        None, description="The field of work (a key of `domains`) the theme is tagged in; left out, everywhere.")
    domain_words: Words = Field(None, description="The theme's own test of the domain, instead of the domain's `words`.")
    phrases: Phrases = Field(None, description="Phrases that are enough on their own (whole words, singular or plural).")
    supporting: Phrases = Field(None, description="Supporting words: two different ones are needed.")
    people: Phrases = Field(None, description="Supporting words that only name whom the theme concerns: they count only beside another.")
    exact: Phrases = Field(None, description="Terms matched as written (acronyms).")
    patterns: Patterns = Field(None, description="spaCy Matcher token patterns: each a list of {ATTR: value} mappings.")
    not_with: Phrases = Field(None, description="Phrases that show another sense: the theme is not tagged beside them.")
    keep_with: Phrases = Field(None, description="Phrases that keep the theme where a not_with phrase would drop it.")
    concepts: Phrases = Field(None, description="Concepts (keys of `concepts`) the theme's findings are linked by.")

    @model_validator(mode="after")
    def _tags_something(self) -> ThemeSpec:
        if not self.phrases and not self.exact and not self.patterns:
            raise refuse("is empty: give at least one phrase, exact term or pattern", key="phrases")
        return self


class DomainSpec(FileModel):
    """A field of work, and the words that say a text is in it."""

    SAYS: ClassVar[Says] = Says("is missing: a domain is a mapping with label, context and words", key="label")

    label: Annotated[NonBlank, Says("is missing or empty")] = Field(description="The domain's name.")
    context: Annotated[Words, AfterValidator(_has_words)] = Field(
        None, validate_default=True, description="Words that put a paper (its title, committee, subject) or a section heading in the domain.")
    words: Annotated[Words, AfterValidator(_has_words)] = Field(
        None, validate_default=True, description="Words that put a finding in the domain by its own sentence.")


class NamesSpec(FileModel):
    """The words that make a run of capitalised words a job title or a body's name."""

    bodies: Annotated[Words, AfterValidator(_single_words)] = Field(None, description="Words that end a body's name (committee, panel).")
    joining: Annotated[Words, AfterValidator(_single_words)] = Field(None, description="Words that join a name's words (of, for, and).")
    roles: Annotated[Words, AfterValidator(_single_words)] = Field(None, description="Words of a job title (manager, officer, head).")


class TaxonomyFile(ConfigFile):
    """`taxonomy.yaml`: the themes findings are tagged with."""

    model_config = {**FileModel.model_config, "extra": "ignore", "title": "council-ingest taxonomy.yaml"}
    CODE: ClassVar[ErrorCode] = Errors.E020
    SAYS: ClassVar[Says] = Says("must be a mapping of theme ids to themes", key="themes")

    concepts: Annotated[dict[Annotated[str, BeforeValidator(str)], Annotated[list[str], Says("must be a list of phrases")]] | None,
                        BeforeValidator(_none_if_falsy), Says("must be a mapping of concept ids to lists of phrases")] = Field(
        None, description="Concepts: groups of phrases that say the same thing, for linking findings.")
    domains: Annotated[dict[Id, DomainSpec] | None, Says("must be a mapping of domain ids to a label, context and words")] = Field(
        None, description="The fields of work themes belong to.")
    themes: Annotated[dict[Annotated[Id, AfterValidator(_theme_id)], ThemeSpec], Says("must be a mapping of theme ids to themes")] = Field(
        description="The themes, by id (the id is the theme page's address).")
    table_rows: Annotated[Literal["own-words", "inherit"], Says(f"is {{input!r}}; it must be one of: {', '.join(TABLE_ROWS)}")] = Field(
        "own-words", description="How a table row is tagged: by its own words, or also by its table's heading.")
    names: Annotated[NamesSpec | None, Says("must be a mapping with roles, bodies and joining words")] = Field(
        None, description="The words of job titles and bodies' names, which name a person or a meeting, not the matter.")

    @model_validator(mode="after")
    def _themes_agree(self) -> TaxonomyFile:
        """What a theme names must be defined elsewhere in the file; the public themes must be there."""
        domains = self.domains or {}
        for tid, theme in self.themes.items():
            at = ("themes", tid)
            for cid in theme.concepts or []:
                if cid not in (self.concepts or {}):
                    raise refuse(f"names concept '{cid}', which is not defined under 'concepts'", key="concepts", at=at)
            if theme.domain is not None and (not isinstance(theme.domain, str) or theme.domain not in domains):
                known = ", ".join(sorted(domains)) or "none are defined"
                raise refuse(f"is {theme.domain!r}, which is not a domain defined under 'domains' (defined: {known})", key="domain", at=at)
            if theme.domain_words and theme.domain is None:
                raise refuse("is given without a 'domain': name the domain these words are the theme's own test for",
                             key="domain_words", at=at)
        for required in REQUIRED_THEMES:
            if required not in self.themes:
                raise refuse("is required and missing (its id is part of the public data)", key="id", at=("themes", required))
        return self

    @classmethod
    def where(cls, loc: tuple[Any, ...], raw: Any, key: str | None) -> Where:
        top = loc[0] if loc else "themes"
        order = ("themes-shape", "concepts", "domains", "themes", "table_rows", "names")
        if top in ("themes", "domains", "concepts") and len(loc) >= 2:
            name = str(loc[1])
            entry = {"themes": name, "domains": f"(domain {name})", "concepts": f"(concept {name})"}[top]
            named = "id" if len(loc) > 2 and loc[2] == "[key]" else str(loc[2]) if len(loc) > 2 else None
            key = key or ("concepts" if top == "concepts" else says_key(cls, loc) or named or "label")
            written = list(raw.get(top) or {}) if isinstance(raw, dict) and isinstance(raw.get(top), dict) else []
            place = written.index(loc[1]) if loc[1] in written else len(written)
            return Where({"theme": entry, "key": key}, (order.index(top), place, loc[2:3] != ("[key]",)))
        if top == "names" and len(loc) >= 2:
            return Where({"theme": "(names)", "key": key or str(loc[1])}, (order.index("names"),))
        rank = order.index(top) if top in order and len(loc) > 0 and top != "themes" else 0
        return Where({"theme": "(top level)", "key": key or says_key(cls, loc) or str(top)}, (rank,))
