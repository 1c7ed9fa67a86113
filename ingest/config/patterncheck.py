"""Check the taxonomy's spaCy token patterns as the taxonomy is loaded, so that a mistake is one
line naming the file, the theme and the key, not a traceback when the tagger is built, nor a hang.

Three things are refused before spaCy sees a pattern: a repeat count it would expand into that
many copies of the token (`OP: "{1,99999999}"` exhausts memory in `Matcher.add`); a regular
expression that does not compile; and one that can backtrack for ever on a long word (a repeat
inside a repeat, `(a+)+$`; a repeated choice whose options start alike, `(a|ab)+`; a count over
1,000). That last check is static and errs on the side of refusing: a word-sized regex rarely
needs a repeated group. Then spaCy's own validation (its `TokenPatternSchema`, which
`Matcher(validate=True)` applies) checks the attributes and values, and spaCy compiles the pattern.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

MAX_TOKEN_REPEAT = 20  # the taxonomy's widest gap is {0,4}
MAX_REGEX_REPEAT = 1000

try:  # the parser `re` itself uses: what a regex means, without writing a second parser
    _sre: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # Python 3.10
    _sre = importlib.import_module("sre_parse")
    _c = importlib.import_module("sre_constants")

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())
_NESTED = ("repeats a part that itself repeats or is optional (as in (a+)+ or (\\w+\\s?)*), which can take for ever "
           "on a long word: write it without the outer repeat")
_ALIKE = ("repeats a choice whose options can start alike (as in (a|ab)+), which can take for ever on a long word: "
          "make the options start differently, or drop the repeat")
_VOCAB: list[Any] = []


def pattern_problem(pattern: list[dict[str, Any]]) -> str | None:
    """What is wrong with one token pattern, in words, or None."""
    for i, token in enumerate(pattern, start=1):
        if "_" in token:
            return f"token {i}: custom attributes ('_') are not available to the taxonomy"
        op = token.get("OP")
        if isinstance(op, str) and op.startswith("{"):
            counts = [int(n) for n in re.findall(r"\d+", op)]
            if any(n > MAX_TOKEN_REPEAT for n in counts):
                return (f"token {i}: OP '{op}' repeats the token up to {max(counts):,} times; at most {MAX_TOKEN_REPEAT} "
                        "(spaCy makes a copy of the token for each)")
        for attr, value in token.items():
            for rx in _regexes(value):
                problem = regex_problem(rx)
                if problem:
                    return f"token {i}: {attr} REGEX '{rx}' {problem}"
    return _spacy_problem(pattern)


def _regexes(value: Any) -> list[str]:
    if not isinstance(value, dict):
        return []
    found = [v for k, v in value.items() if k == "REGEX" and isinstance(v, str)]
    return found + [rx for v in value.values() for rx in _regexes(v)]


def regex_problem(rx: str) -> str | None:
    """Why a regex cannot be used for a token, or None."""
    try:
        re.compile(rx)
    except re.error as exc:
        return f"is not a regular expression ({exc})"
    return _walk(_sre.parse(rx), repeated=False)


def _walk(items: Any, repeated: bool) -> str | None:
    """`repeated`: inside a part that may match more than once."""
    for op, av in items:
        parts: list[Any] = []
        if op in _REPEATS:
            low, high, body = av
            count = low if high == _c.MAXREPEAT else high
            if count > MAX_REGEX_REPEAT:
                return f"repeats a part {count:,} times (at most {MAX_REGEX_REPEAT:,})"
            if repeated:
                return _NESTED
            problem = _walk(body, high > 1)
            if problem:
                return problem
        elif op is _c.BRANCH:
            if repeated and _alike(av[1]):
                return _ALIKE
            parts = list(av[1])
        elif op is _c.SUBPATTERN:
            parts = [av[-1]]
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            parts = [av[1]]
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            parts = [av]
        elif op is _c.GROUPREF_EXISTS:
            parts = [b for b in av[1:] if b is not None]
        for part in parts:
            problem = _walk(part, repeated)
            if problem:
                return problem
    return None


def _alike(alternatives: list[Any]) -> bool:
    """Whether two options of a choice may start with the same character (or one is empty)."""
    seen: set[str] = set()
    for alt in alternatives:
        first = _first_chars(alt)
        if first is None or first & seen:
            return True
        seen |= first
    return False


def _first_chars(items: Any) -> set[str] | None:
    """The characters a part can start with (lower-cased), or None if unknown or it can be empty."""
    if not len(items):
        return None
    op, av = items[0]
    if op is _c.LITERAL:
        return {chr(av).lower()}
    if op is _c.SUBPATTERN:
        return _first_chars(av[-1])
    if op is _c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                chars.add(chr(value).lower())
            elif kind is _c.RANGE and value[1] - value[0] < 256:
                chars |= {chr(c).lower() for c in range(value[0], value[1] + 1)}
            else:  # a negated set or a category (\w): anything
                return None
        return chars
    return None


def _spacy_problem(pattern: list[dict[Any, Any]]) -> str | None:
    """spaCy's own validation of a token pattern (the schema `Matcher(validate=True)` applies, read
    as structured errors), then spaCy's compiling of it, as the tagger will."""
    from pydantic import ValidationError
    from spacy.attrs import NAMES
    from spacy.matcher import Matcher
    from spacy.schemas import TokenPatternSchema
    from spacy.vocab import Vocab

    # As spaCy's validate_token_pattern reads them: an attribute may be given by its number.
    tokens = [{(NAMES[k] if isinstance(k, int) and k < len(NAMES) else k): v for k, v in t.items()} for t in pattern]
    try:
        TokenPatternSchema.model_validate({"pattern": tokens})
    except ValidationError as exc:
        return _spacy_words(exc.errors(include_url=False))
    if not _VOCAB:
        _VOCAB.append(Vocab())
    try:
        Matcher(_VOCAB[0]).add("pattern", [pattern])
    except (ValueError, TypeError, KeyError) as exc:  # spaCy's MatchPatternError is a ValueError
        return " ".join(str(exc).split())
    return None


def _spacy_words(errors: list[Any]) -> str:
    """spaCy's first complaint about a pattern (at ('pattern', 0, 'LOWR'): "Extra inputs are not
    permitted"), as one line: token 1: LOWR is not an attribute spaCy knows. A value may take
    several forms (OP: one of + * ? !, or a count {1,3}): what each form wants is said, in turn."""
    loc = tuple(errors[0]["loc"])
    if len(loc) < 3 or not isinstance(loc[1], int):
        return ", ".join(e["msg"] for e in errors if tuple(e["loc"]) == loc)
    token, where = loc[1] + 1, str(loc[2])
    if errors[0]["type"] == "extra_forbidden":
        return (f"token {token}: {where} is not an attribute spaCy knows "
                "(for example LOWER, LEMMA, ORTH, TEXT, IS_ALPHA, IS_PUNCT, OP)")
    wants = dict.fromkeys(e["msg"].rstrip(".").lower() for e in errors if tuple(e["loc"])[:3] == loc[:3])
    return f"token {token}: {where}: {'; or '.join(wants)}"
