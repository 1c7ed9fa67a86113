"""The package's structure: no module reaches into another's private names.

A name with a leading underscore is its module's own: another module that imports it
(`from ingest.x import _helper`) or reads it (`x._helper`) depends on something its owner may
change without notice. What two modules share is made public in its owner and imported by name.
The scripts are held to the same rule: they are the package's callers too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKED = [p for folder in ("ingest", "scripts") for p in sorted((ROOT / folder).rglob("*.py"))]


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_of(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    """The absolute module an ImportFrom names (`from .x import y` inside ingest.a is ingest.x)."""
    if not node.level:
        return node.module or ""
    base = here.split(".") if is_package else here.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def private_uses(source: str, here: str, is_package: bool = False) -> list[str]:
    """Every use in `source` (the module `here`) of another ingest module's private name."""
    tree = ast.parse(source)
    found: list[str] = []
    modules: dict[str, str] = {}  # local name -> the ingest module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = _resolve(node, here, is_package)
            if module.split(".")[0] != "ingest" or module == here:
                continue
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"line {node.lineno}: from {module} import {alias.name}")
                else:
                    # `from ingest.site import pages` binds a module; `from ingest.x import f` a
                    # function, whose private attributes are not modules' names: harmless to track.
                    modules[alias.asname or alias.name] = f"{module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "ingest":
                    if any(_private(part) for part in alias.name.split(".")):
                        found.append(f"line {node.lineno}: import {alias.name}")
                    modules[alias.asname or alias.name.split(".")[0]] = alias.asname and alias.name or "ingest"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            base = node.value
            if isinstance(base, ast.Name) and base.id in modules:
                found.append(f"line {node.lineno}: {base.id}.{node.attr}")
            elif isinstance(base, ast.Attribute) and ast.unparse(base).split(".")[0] in modules:
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_uses_another_modules_private_names(path: Path) -> None:
    uses = private_uses(path.read_text(encoding="utf-8"), _module_of(path), path.name == "__init__.py")
    assert not uses, (f"{path.relative_to(ROOT)} uses private names of other modules: {'; '.join(uses)}. "
                      "Make the name public in the module that owns it (no leading underscore) and import it by that name.")


@pytest.mark.parametrize(("source", "expected"), [
    ("from ingest.pipeline import _record_merges\n", ["line 1: from ingest.pipeline import _record_merges"]),
    ("from ingest.site import pages\npages._pairs(ctx)\n", ["line 2: pages._pairs"]),
    ("import ingest.textutil\ningest.textutil._WS\n", ["line 2: ingest.textutil._WS"]),
    ("from ingest.document.extract import pdf_fast as fast\nfast._path_rects(p, 1)\n", ["line 2: fast._path_rects"]),
    ("from .segment import _State\n", ["line 1: from ingest.document.segment import _State"]),
    # Not cases: a module's own privates, dunders, privates of other packages, a named tuple's _replace.
    ("def _f(): pass\n_f()\n", []),
    ("from ingest import __version__\n", []),
    ("import os\nos._exit(1)\n", []),
    ("from ingest.model import Finding\nFinding(id='x')._replace\n", []),
])
def test_the_check_finds_private_uses(source: str, expected: list[str]) -> None:
    assert private_uses(source, "ingest.document.items") == expected
