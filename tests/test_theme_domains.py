"""A theme's domain is part of its meaning (issue 16): the children's services themes are tagged
only where the finding or its context is about children's services, job titles and bodies' names
count as one supporting word, and a whole minute is read sentence by sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ingest.cli import main
from ingest.config.taxonomy import load_taxonomy_file
from ingest.corpus.tagger import load_taxonomy, tag_texts
from ingest.corpus.themedomain import LONG_FINDING_CHARS
from ingest.errors import ConfigError
from ingest.pipeline import BuildOptions, build

from .conftest import LABELLED

CASES = yaml.safe_load((LABELLED / "theme_domain_cases.yaml").read_text(encoding="utf-8"))["cases"]
# Sentences of no theme, to make a finding as long as a whole minute.
FILLER = " The meeting was adjourned for ten minutes and resumed at half past seven."


@pytest.fixture(scope="module")
def taxonomy():  # type: ignore[no-untyped-def]
    return load_taxonomy(None)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["why"][:50])
def test_theme_keeps_its_domain(case: dict, taxonomy) -> None:  # type: ignore[no-untyped-def]
    text = case["text"]
    while case.get("long") and len(text) <= LONG_FINDING_CHARS:
        text += FILLER
    themes, evidence, *_ = tag_texts([text], taxonomy, contexts=["\n".join(case["context"])])[0]
    for t in case.get("has", []):
        assert t in themes, (t, themes, evidence)
    for t in case.get("not", []):
        assert t not in themes, (t, evidence.get(t))


def test_without_a_context_the_domain_is_not_judged(taxonomy) -> None:  # type: ignore[no-untyped-def]
    """A caller that gives no context (a sentence looked up on its own) gets the theme's words
    read as before; given a context outside the domain, the same words are not the theme."""
    text = "Recruitment and retention remain difficult and agency workers cover vacancies."
    assert "workforce" in tag_texts([text], taxonomy)[0][0]
    assert "workforce" not in tag_texts([text], taxonomy, contexts=["Waste collection contract"])[0][0]


# ------------------------------------------------------------------ the taxonomy's domain rules

TAXONOMY = """
domains:
  kids:
    label: Children's services
    context: [children]
    words: [social worker]
names:
  roles: [manager]
  bodies: [panel]
  joining: [of, and]
themes:
  missing-children: {label: Missing children, definition: d, phrases: [missing children], domain: kids}
  corporate-parenting: {label: Corporate parenting, definition: d, phrases: [corporate parenting]}
  permanence: {label: Permanence, definition: d, phrases: [permanence]}
  workforce: {label: Workforce, definition: d, phrases: [caseload], domain: kids, domain_words: [social worker]}
"""


def test_the_packaged_taxonomy_gives_every_theme_a_domain() -> None:
    tax = load_taxonomy(None)
    assert set(tax.domains) == {"childrens-services"}
    assert all(t.domain == "childrens-services" for t in tax.themes.values())
    assert "social worker" in tax.themes["workforce"].domain_words
    assert "manager" in tax.names.roles and "panel" in tax.names.bodies


def test_domain_rules_load(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(TAXONOMY, encoding="utf-8")
    tax = load_taxonomy_file(path)
    assert tax.domains["kids"].context == ["children"] and tax.themes["missing-children"].domain == "kids"
    assert tax.themes["workforce"].domain_words == ["social worker"] and tax.themes["permanence"].domain is None


@pytest.mark.parametrize(("edit", "words"), [
    (lambda t: t.replace("domain: kids, domain_words", "domain: adults, domain_words"),
     ["theme workforce", "'domain'", "'adults'", "not a domain defined under 'domains'", "kids"]),
    (lambda t: t.replace("domain: kids}", "domain: [kids]}"), ["theme missing-children", "'domain'"]),
    (lambda t: t.replace("domain: kids, domain_words: [social worker]", "domain_words: [social worker]"),
     ["theme workforce", "'domain_words'", "without a 'domain'"]),
    (lambda t: t.replace("domain_words: [social worker]", "domain_words: social worker"),
     ["theme workforce", "'domain_words'", "list of non-empty phrases"]),
    (lambda t: t.replace("    context: [children]\n", ""), ["theme (domain kids)", "'context'", "empty"]),
    (lambda t: t.replace("    words: [social worker]\n", "    words: [social worker, '']\n"), ["theme (domain kids)", "'words'"]),
    (lambda t: t.replace("    label: Children's services\n", "    label: Children's services\n    colour: red\n"),
     ["theme (domain kids)", "'colour'", "not a known key"]),
    (lambda t: t.replace("  kids:\n", "  Kids!:\n"), ["theme (domain Kids!)", "'id'"]),
    (lambda t: t.replace("domains:\n  kids:", "domains: [kids]\nunused:\n  kids:"), ["theme (top level)", "'domains'", "mapping"]),
    (lambda t: t.replace("bodies: [panel]", "bodies: [scrutiny panel]"), ["theme (names)", "'bodies'", "single words"]),
    (lambda t: t.replace("roles: [manager]", "role: [manager]"), ["theme (names)", "'role'", "not a known key"]),
    (lambda t: t.replace("phrases: [caseload]", "phrases: [caseload], people: staff"), ["theme workforce", "'people'", "must be a list"]),
])
def test_bad_domain_rules_name_file_theme_and_key(tmp_path: Path, edit, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "taxonomy.yaml"
    path.write_text(edit(TAXONOMY), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_taxonomy_file(path)
    assert err.value.code == "E020" and "taxonomy.yaml" in str(err.value)
    for w in words:
        assert w in str(err.value), (w, str(err.value))


def test_a_bad_domain_in_a_corpus_taxonomy_stops_the_build_with_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "paper.txt").write_text("Caseloads were high.\n", encoding="utf-8")
    (corpus / "taxonomy.yaml").write_text(TAXONOMY.replace("domain: kids}", "domain: kid}"), encoding="utf-8")
    code = main(["build", "--corpus", str(corpus), "--site", str(tmp_path / "site"), "--cache", str(tmp_path / "cache"), "--quiet"])
    err = capsys.readouterr().err
    assert code != 0 and "[E020]" in err and "theme missing-children" in err and "'domain'" in err


# ------------------------------------------------------------------ end to end, through the build

WASTE = """Waste and Recycling Collections: Service Report

1. Recruitment of HGV drivers remains difficult, and agency workers cover vacancies on the bin rounds.

2. Staff turnover in the collection crews has fallen since the new training programme began.
"""

CHILDREN = """Children's Social Care: Workforce Report

1. Recruitment of social workers remains difficult, and agency workers cover vacancies in the duty teams.

2. Staff turnover in the assessment teams has fallen since the new training programme began.
"""

COUNCIL_MINUTES = """# County Council minutes, 13 March 2025

## 12. Children's Services: workforce update

Recruitment and retention have improved and caseloads in the duty teams have fallen.

## 13. Highways maintenance contract

Recruitment and retention of operatives remain difficult and agency staff cover the winter rota.
"""


def test_other_services_staff_are_not_the_workforce_in_a_build(tmp_path: Path) -> None:
    """Through the orchestrator: a waste service's report says what a children's services report
    says about its staff; only the children's services findings are the workforce, and in a
    council's minutes the minute's heading says which is which."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "waste-service-report.txt").write_text(WASTE, encoding="utf-8")
    (corpus / "childrens-workforce-report.txt").write_text(CHILDREN, encoding="utf-8")
    (corpus / "county-council-minutes.md").write_text(COUNCIL_MINUTES, encoding="utf-8")
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", executor="serial", render=False))
    by_file = {d.sources[0].file: d for d in result.corpus.documents}
    waste, children, minutes = (by_file[n] for n in ("waste-service-report.txt", "childrens-workforce-report.txt", "county-council-minutes.md"))

    def tagged(doc, words: str) -> list[str]:  # type: ignore[no-untyped-def]
        found = [f for f in doc.findings if words in f.text]
        assert len(found) == 1, (words, [f.text for f in doc.findings])
        return found[0].themes

    assert "workforce" not in tagged(waste, "HGV drivers") and "workforce" not in tagged(waste, "collection crews")
    assert "workforce" in tagged(children, "social workers") and "workforce" in tagged(children, "assessment teams")
    assert "workforce" in tagged(minutes, "duty teams")
    assert "workforce" not in tagged(minutes, "operatives")
    assert not any(f.themes for f in waste.findings), [(f.text, f.evidence) for f in waste.findings]
