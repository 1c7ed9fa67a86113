"""Error codes are typed attributes of `Errors`, and every user-facing exception is an IngestError.

The checks read the source (ast), so a call written `IngestError("E001", ...)` or a new exception
class outside `IngestError` fails here rather than when a user first meets it.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import ingest.errors as errors
from ingest.errors import EXIT_STATUSES, ConfigError, ErrorCode, Errors, IngestError

from .conftest import ROOT

SOURCES = sorted([*(ROOT / "ingest").rglob("*.py"), *(ROOT / "tests").rglob("*.py"), *(ROOT / "scripts").rglob("*.py")])

# Exceptions that never reach a user, each for a reason its docstring gives: a guard tripped
# inside the YAML loader (turned into a ConfigError naming the file), the first pass's "these
# scanned pages first" (the pipeline runs OCR, then converts again), and the time limit's alarm
# (a BaseException, so the `except Exception` that turns a file's failure into a report line
# cannot take it for a bug; the pipeline reports it as E183).
INTERNAL = {"_Refused", "OcrPending", "TimeLimitExceeded"}


def _entries() -> dict[str, ErrorCode]:
    return {name: value for name, value in vars(Errors).items() if not name.startswith("_")}


def test_every_entry_is_an_error_code_named_by_its_attribute() -> None:
    entries = _entries()
    assert len(entries) > 60
    for name, entry in entries.items():
        assert isinstance(entry, ErrorCode), name
        assert entry.code == name and name[0] == "E" and name[1:].isdigit() and len(name) == 4, name
        fields = [f for _, f, _, _ in string.Formatter().parse(entry.template) if f]
        # Every template can be filled from its own field names (no stray braces, no positional fields).
        filled = entry.message(**{f.split(".")[0].split("[")[0].split(":")[0]: 1 for f in fields})
        assert filled.startswith(f"[{name}] "), name


def test_a_raise_names_the_code_as_an_attribute_and_reports_keep_the_string() -> None:
    err = ConfigError(Errors.E010, file="manifest.yaml", entry="#2 (letter.pdf)", key="date", problem="'11/04/2011' is not an ISO date")
    assert err.code == "E010" and err.error is Errors.E010 and err.fields["key"] == "date"
    assert str(err).startswith("[E010] manifest.yaml: manifest entry #2 (letter.pdf): key 'date'")
    assert err.with_file("sub/manifest.yaml").fields["file"] == "sub/manifest.yaml"
    assert type(err.with_file("x")) is ConfigError
    with pytest.raises(TypeError, match=r"Errors\.E001"):
        IngestError("E001", file="x.pdf")  # type: ignore[arg-type]  # refused string
    with pytest.raises(AttributeError):
        Errors.E0001  # type: ignore[attr-defined]  # noqa: B018 - a misspelt code fails where it is written


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


def _name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def test_no_code_is_written_as_a_string_or_looked_up_by_name() -> None:
    subclasses = {c.__name__ for c in vars(errors).values() if isinstance(c, type) and issubclass(c, IngestError)}
    subclasses |= {"_Refused"}
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _calls(tree):
            if _name(call.func) in subclasses and call.args and isinstance(call.args[0], ast.Constant):
                found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
            if _name(call.func) == "getattr" and call.args and _name(call.args[0]) == "Errors":
                found.append(f"{path.relative_to(ROOT)}:{call.lineno} getattr(Errors, ...)")
    # The one string call is this file's own check that a string is refused.
    assert found == [f"tests/test_errors_codes.py:{_refusal_line()}"], found


def _refusal_line() -> int:
    text = Path(__file__).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(text, 1) if line.endswith("# refused string"))


def test_every_exception_class_is_an_ingest_error_or_a_documented_internal_one() -> None:
    outside = []
    for path in (ROOT / "ingest").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            bases = {_name(b) for b in cls.bases}
            if bases & {"Exception", "BaseException", "RuntimeError", "ValueError", "OSError"}:
                outside.append(cls.name)
                assert ast.get_docstring(cls), f"{path}: {cls.name} needs a docstring saying why it is not an IngestError"
    assert sorted(outside) == sorted(["IngestError", *INTERNAL])


def test_every_error_class_exits_with_a_documented_status() -> None:
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, IngestError)]
    assert {c.__name__ for c in classes} >= {"ConfigError", "DecisionRefused", "NothingToReview", "UnknownFinding",
                                             "RenderError", "SearchIndexError", "NoBuiltSite", "StrictFailure"}
    for c in classes:
        assert c.exit_status in EXIT_STATUSES and c.exit_status not in (0, 3), c
    # The officers' commands' refusals keep the status they had (1); the build's errors keep 2.
    assert errors.DecisionRefused.exit_status == errors.NothingToReview.exit_status == errors.UnknownFinding.exit_status == 1
    assert ConfigError.exit_status == errors.RenderError.exit_status == IngestError.exit_status == 2


def test_the_officers_commands_raise_their_own_codes(tmp_path: Path) -> None:
    from ingest.officer.decisions import DecisionRefused, record_decision
    from ingest.officer.permalinks import UnknownFinding, resolve
    from ingest.officer.review import review_queue

    with pytest.raises(UnknownFinding) as unknown:
        resolve("nope", {"a/p1", "b/p1"}, listed_in="site/data/findings.jsonl")
    assert unknown.value.code == "E305" and "site/data/findings.jsonl" in str(unknown.value)
    with pytest.raises(UnknownFinding) as twice:
        resolve("p1", {"a/p1", "b/p1"})
    assert twice.value.code == "E304" and "a/p1, b/p1" in str(twice.value)
    with pytest.raises(errors.NoBuiltSite) as none:
        review_queue(tmp_path)
    assert none.value.code == "E300" and none.value.exit_status == 1
    with pytest.raises(errors.NoBuiltSite):
        record_decision(tmp_path, tmp_path, "confirm", "a/p1", "b/p1")
    assert issubclass(DecisionRefused, IngestError)
