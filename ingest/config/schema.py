"""The schema layer of the files officers edit: pydantic models validate them, and one translator
turns pydantic's errors into the ConfigError an officer can act on (file, entry, key, problem).

Each model says, beside its types, what to tell an officer whose value does not fit: a `Says` in
the field's `Annotated[...]` (or a model's `SAYS`) holds today's words ("must be a list of
non-empty phrases"), so the wording lives with the key it is about and no loader keeps its own
list of keys. A check that needs more than a type (a real date, a concept defined elsewhere in the
file) raises `refuse(...)` with its words. The models of the files are in schema_manifest.py (the
manifest and site.yaml), schema_taxonomy.py and schema_decisions.py; schema_json.py publishes
them as JSON Schemas for officers' editors.
"""

from __future__ import annotations

import string
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from ingest.errors import ConfigError, ErrorCode

# The error type of `refuse`: the error carries its own words (and may name its key and code).
REFUSED = "config"
# The error type of `non_blank`: a text of only spaces, worded as the field's `Says` words it.
BLANK = "blank"


@dataclass(frozen=True)
class Says:
    """What the translator says about a value that does not fit (the words of the error message).

    `wrong`: the value is missing or of the wrong shape ("{type}" is the Python type given,
    "{input}" the value, "{known}" the keys of the model it is in); `item`: an item of the list, or a value of the mapping, is wrong (the
    key named is still the field's); `extra`: on a model, a key it does not know ("{known}": its
    keys); `key`: the key the message names when not the field's own (a theme that is not a
    mapping is told about its 'label')."""

    wrong: str = ""
    item: str = ""
    extra: str = "is not a known key (known: {known})"
    key: str | None = None


class FileModel(BaseModel):
    """A mapping an officer writes: unknown keys and wrong types are refused, never coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)
    SAYS: ClassVar[Says] = Says()


@dataclass(frozen=True)
class Where:
    """Where an error is, as the file's message names it (`fields`: the template's entry and key),
    and `rank`, the order today's checks would have found it in (the first is reported)."""

    fields: dict[str, str]
    rank: tuple[Any, ...]


class ConfigFile(FileModel):
    """The top level of one file: its error code and how its messages name an entry."""

    CODE: ClassVar[ErrorCode]  # each file's own code (Errors.E010 ...)

    @classmethod
    def where(cls, loc: tuple[Any, ...], raw: Any, key: str | None) -> Where:
        raise NotImplementedError


def refuse(problem: str, *, key: str | None = None, code: ErrorCode | None = None,
           at: tuple[Any, ...] | None = None, **fields: str) -> PydanticCustomError:
    """An error in its own words. `key`: the key the message names (a model's check has no
    field of its own); `code`: another code than the file's (E012); `at`: where it is, when that
    is not where the check ran (a repeated entry, found by the file's check); `fields`: the
    code's other template fields."""
    return PydanticCustomError(REFUSED, "{problem}", {"problem": problem, "key": key, "code": code, "at": at, "fields": fields})


def _non_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError(BLANK, "is empty")
    return value


# Text that must hold more than spaces; its Says words the error.
NonBlank = Annotated[str, AfterValidator(_non_blank)]


def validated(model: type[ConfigFile], raw: Any, file: str, context: dict[str, Any] | None = None) -> Any:
    """`raw` (the file's YAML, an empty file as {}) validated by `model`, or the ConfigError of its
    first mistake, in the order today's checks found them."""
    try:
        return model.model_validate(raw, context=context)
    except ValidationError as exc:
        raise config_error(exc, model, raw, file) from None


def config_error(exc: ValidationError, model: type[ConfigFile], raw: Any, file: str) -> ConfigError:
    """The translator: pydantic's first error (by the file's order) as the file's ConfigError."""
    found = []
    for n, err in enumerate(exc.errors(include_url=False)):
        ctx = err.get("ctx") or {}
        refused = err["type"] == REFUSED
        loc = tuple(ctx["at"]) if refused and ctx.get("at") is not None else tuple(err["loc"])
        where = model.where(loc, raw, ctx.get("key") if refused else None)
        # Within an entry: unknown keys first (the first by name), then the first value, as written.
        category = 0 if err["type"] in _UNKNOWN_KEY else 2 if refused else 1
        tie: tuple[Any, ...] = (str(loc[-1]),) if category == 0 and loc else _position(raw, loc)
        found.append((where.rank, category, tie, n, where, err, loc))
    _rank, _category, _tie, _n, where, err, loc = min(found, key=lambda f: f[:4])
    ctx = err.get("ctx") or {}
    if err["type"] == REFUSED:
        code = ctx.get("code") or model.CODE
        fields = {"file": file, **where.fields, "problem": ctx["problem"], **ctx["fields"]}
    else:
        code, fields = model.CODE, {"file": file, **where.fields, "problem": _words(model, loc, err)}
    wanted = {name for _text, name, _spec, _conv in string.Formatter().parse(code.template) if name}
    return ConfigError(code, **{k: _one_line(v) for k, v in fields.items() if k in wanted})


def _one_line(value: Any) -> Any:
    """A value quoted from the file, with its line breaks and tabs written out (\\n), so the
    message stays one line that says exactly what the file holds."""
    if not isinstance(value, str):
        return value
    return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


# An unknown key, and a key that is not text (`3: x`), which no model knows either.
_UNKNOWN_KEY = ("extra_forbidden", "invalid_key")


def _position(raw: Any, loc: tuple[Any, ...]) -> tuple[int, ...]:
    """Where `loc` is written in the file: each step's place in its mapping or list (a key not
    written, which is missing, comes before those written)."""
    out = []
    for seg in loc:
        if isinstance(raw, dict):
            keys = list(raw)
            out.append(keys.index(seg) if seg in keys else -1)
            raw = raw.get(seg)
        elif isinstance(raw, list) and isinstance(seg, int) and seg < len(raw):
            out.append(seg)
            raw = raw[seg]
        else:
            break
    return tuple(out)


def _words(model: type[BaseModel], loc: tuple[Any, ...], err: Any) -> str:
    """Today's words for a value of the wrong shape, from the Says nearest it on its way down."""
    says, item, holder = _says_at(model, loc)
    known = ", ".join(sorted(f.alias or name for name, f in holder.model_fields.items()))
    if err["type"] in _UNKNOWN_KEY:
        return holder.SAYS.extra.replace("{known}", known)
    text = (says.item if item and says.item else says.wrong) or "is not valid"
    given = err["input"]  # words may hold braces ("{ATTR: value}"): only these are filled in
    return (text.replace("{type}", type(given).__name__).replace("{input!r}", repr(given)).replace("{input}", str(given))
            .replace("{known}", known))


def says_key(model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    """The key the Says of the value at `loc` names instead of the value's own, if any."""
    says, item, _ = _says_at(model, loc)
    return None if item else says.key


def _says_at(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Says, bool, type[FileModel]]:
    """The Says nearest `loc` on its way down from `model`, whether the error is inside an item
    below it, and the model that holds the last key (for its list of known keys)."""
    node: Any = model
    says, depth, holder = Says(), 0, model
    for i in range(len(loc) + 1):
        node, found = _unwrap(node)
        if found is None and isinstance(node, type) and issubclass(node, FileModel):
            found = node.SAYS if node.SAYS.wrong else None
        if found is not None:
            says, depth = found, i
        if i == len(loc):
            break
        seg = loc[i]
        origin, args = typing.get_origin(node), typing.get_args(node)
        if isinstance(node, type) and issubclass(node, BaseModel):
            holder = node
            field = next((f for name, f in node.model_fields.items() if seg in (name, f.alias)), None)
            if field is None:
                break
            node = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        elif origin is list and args:
            node = args[0]
        elif origin is dict and args:
            node = args[0] if seg == "[key]" else args[1]
        else:
            break
    return says, depth < len(loc), typing.cast(type[FileModel], holder)


def _unwrap(node: Any) -> tuple[Any, Says | None]:
    """The type under Annotated and Optional, and the last Says on the way."""
    found = None
    while True:
        if typing.get_origin(node) is Annotated:
            found = next((m for m in reversed(node.__metadata__) if isinstance(m, Says)), found)
            node = node.__origin__
        elif typing.get_origin(node) in (Union, types.UnionType):
            arms = [a for a in typing.get_args(node) if a is not type(None)]
            if len(arms) != 1:
                return node, found
            node = arms[0]
        else:
            return node, found
