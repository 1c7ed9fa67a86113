"""`corpus/site.yaml`: the site's publisher (and title, address) set once, end to end through the
build: papers that name no publisher are cited with it, papers that name one keep theirs, and a
mistake in the file is one line naming the file and the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.cli import main
from ingest.pipeline import BuildOptions, build

from .conftest import build_with_cli, write_corpus

PARISH = """Example Parish Council - 12th November 2019

Present Councillors A (Chair), B and C. Clerk D.

19.11.01 Apologies were received from Councillor E.

19.11.04 The council agreed to repair the village green drainage before the spring.
"""


def test_site_yaml_gives_the_publisher_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unnamed = "# Notes on placements\n\n1. The service will review the placements of every child in care this year.\n"
    corpus = write_corpus(tmp_path, {"notes.md": unnamed, "parish.txt": PARISH})
    (corpus / "site.yaml").write_text("publisher: Example Borough Council\nsite_title: Example papers\n", encoding="utf-8")
    data = build_with_cli(tmp_path, corpus)
    docs = {d["sources"][0]["file"]: d for d in json.loads((data / "documents.json").read_text(encoding="utf-8"))}
    assert docs["notes.md"]["publisher"] == "Example Borough Council"  # it names none: the site's
    assert docs["parish.txt"]["publisher"] == "Example Parish Council"  # it names its own
    cites = [json.loads(x)["citation"] for x in (data / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(c.startswith("Example Borough Council, Notes on placements") for c in cites)
    report = {r["file"] for r in json.loads((data / "build-report.json").read_text(encoding="utf-8"))}
    assert "site.yaml" not in report  # a setting, not a paper
    assert "Example papers" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    capsys.readouterr()
    doc_id = docs["notes.md"]["id"]
    assert main(["explain", doc_id, "--site", str(tmp_path / "site")]) == 0
    assert "publisher: 'Example Borough Council'\n    from the manifest or site.yaml" in capsys.readouterr().out


@pytest.mark.parametrize(("site", "manifest", "code", "says"), [
    ("publisher: [Example Council]\n", None, "E220", "key 'publisher' must be text"),
    ("publisher: Example Council\nowner: somebody\n", None, "E220", "key 'owner' is not a known setting"),
    ("site_url: javascript:alert(1)\n", None, "E220", "key 'site_url'"),
    ("publisher: Example Council\n", "publisher: Other Council\ndocuments: []\n", "E221",
     "'publisher' is 'Example Council' here but 'Other Council' in manifest.yaml"),
    ("publisher: [Example Council\n", None, "E222", "not valid YAML"),
])
def test_site_yaml_mistakes_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], site: str, manifest: str | None,
                                         code: str, says: str) -> None:
    corpus = write_corpus(tmp_path, {"parish.txt": PARISH})
    (corpus / "site.yaml").write_text(site, encoding="utf-8")
    if manifest:
        (corpus / "manifest.yaml").write_text(manifest, encoding="utf-8")
    build_with_cli(tmp_path, corpus, code=2)
    err = " ".join(capsys.readouterr().err.split())  # the console wraps long lines
    assert f"[{code}] site.yaml: " in err and says in err and "Traceback" not in err


def test_same_publisher_in_manifest_and_site_yaml_is_fine_and_a_nested_site_yaml_is_reported(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"parish.txt": PARISH})
    (corpus / "site.yaml").write_text("publisher: Example Council\n", encoding="utf-8")
    (corpus / "manifest.yaml").write_text("publisher: Example Council\ndocuments: []\n", encoding="utf-8")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "site.yaml").write_text("publisher: Another Council\n", encoding="utf-8")
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", render=False, executor="serial"))
    nested = next(r for r in result.corpus.report if r.file == "sub/site.yaml")
    assert nested.status == "skipped" and nested.code == "E149"
