"""Shared fixtures. `pytest --update-golden` rewrites the golden files instead of comparing."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_PDFS = ROOT.parent / "shared" / "pdfs"
GOLDEN = Path(__file__).resolve().parent / "golden"
LABELLED = Path(__file__).resolve().parent / "labelled"
# scripts/evaluate_real.py and evaluate_themes_real.py score the labelled real papers; the tests
# that hold floors on them import them by name, as the scripts are run.
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def golden(update_golden: bool):  # type: ignore[no-untyped-def]
    """Compare `data` with tests/golden/NAME (JSON), or rewrite it with --update-golden."""

    def check(name: str, data: object) -> None:
        path = GOLDEN / name
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if update_golden or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update_golden:
                pytest.fail(f"golden file {path} did not exist; written now - review and commit it")
            return
        expected = json.loads(path.read_text(encoding="utf-8"))
        assert data == expected, f"output differs from {path}; if the change is intended run pytest --update-golden"

    return check


@pytest.fixture(scope="session")
def seed_corpus():  # type: ignore[no-untyped-def]
    """The bundled corpus as the product builds it, rendering off (once per test session)."""
    from tools.evaluate import built_corpus

    return built_corpus(CORPUS)


@pytest.fixture
def tmp_corpus(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    """A small corpus of two bundled papers (a letter and a report), for the tests that build
    through the CLI or the orchestrator and need only a quick build."""
    corpus = tmp_path / "papers"
    corpus.mkdir()
    for name in ("2011-04-11-safeguarding-peer-review-letter.md", "2020-02-26-overview-of-childrens-services.txt"):
        (corpus / name).write_bytes((CORPUS / name).read_bytes())
    return corpus


# Three bundled papers (a letter, a report as text and as PDF, which merge) with their manifest
# entries: the quick build the orchestrator, render and current-site tests share.
SMALL = ["2011-04-11-safeguarding-peer-review-letter.md", "2020-02-26-cypic-peer-review-report.txt",
         "2020-02-26-cypic-peer-review-report.pdf"]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A corpus of the SMALL papers and the bundled manifest's entries for them."""
    import yaml

    corpus = tmp_path / "papers"
    corpus.mkdir()
    for name in SMALL:
        (corpus / name).write_bytes((CORPUS / name).read_bytes())
    manifest = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["documents"] = [d for d in manifest["documents"] if d["file"] in SMALL]
    (corpus / "manifest.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return corpus


def write_corpus(tmp_path: Path, papers: Mapping[str, str | bytes]) -> Path:
    """A corpus folder (tmp_path/papers) of the papers a test writes: file name (a sub-folder may
    lead it) -> text, or bytes for a PDF or a damaged file."""
    corpus = tmp_path / "papers"
    corpus.mkdir(exist_ok=True)
    for name, body in papers.items():
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return corpus


def build_with_cli(tmp_path: Path, corpus: Path, code: int = 0) -> Path:
    """`ingest build` of `corpus` into tmp_path/site (its cache in tmp_path/cache), which must exit
    with `code`; the site's open data folder."""
    from ingest.cli import main

    site = tmp_path / "site"
    assert main(["build", "--corpus", str(corpus), "--site", str(site), "--cache", str(tmp_path / "cache"), "--quiet"]) == code
    return site / "data"


@pytest.fixture(scope="session")
def tuning_half(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The labelled real papers of the tuning half, built once a session by the product's
    orchestrator, for the floors of each stage: (the half's papers, those on this machine, the
    built corpus). The held-out half is not built here: no test is to be tuned on it."""
    import evaluate_real

    papers = [p for p in evaluate_real.load_labels() if p.half == "tune"]
    present = [p for p in papers if p.path is not None]
    if not present:
        pytest.skip("the real papers of the tuning half are not on this machine (see tests/realpapers/SOURCES.tsv)")
    return papers, present, evaluate_real.build_papers(present, tmp_path_factory.mktemp("realpapers"))
