"""The product is only the product: the lab (evaluation, tuning, benchmarks, synthetic corpora in
tools/ and scripts/) stays outside the package, and the package never reaches into it."""

from __future__ import annotations

import ast

import pytest
from setuptools import find_packages

from .conftest import ROOT


def test_the_wheel_holds_the_package_only() -> None:
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = find_packages(str(ROOT), **config["tool"]["setuptools"]["packages"]["find"])
    assert "ingest" in found and "tools" in find_packages(str(ROOT))
    assert all(p == "ingest" or p.startswith("ingest.") for p in found), found


def test_the_package_imports_nothing_from_the_lab() -> None:
    offending = []
    for path in sorted((ROOT / "ingest").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            offending += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in ("tools", "scripts", "tests")]
    assert not offending, offending
