"""The README's table of measured quality, made from the corpus the product builds.

The README holds the table between two marker comments; `scripts/readme_figures.py --write`
rewrites it there and `tests/test_readme_figures.py` fails when it is not current, so a change
to the rules cannot leave the README quoting figures they no longer reach. A figure the README
gives inside a sentence is checked the same way (`strong_match_figures`), not rewritten. Past figures, with
the rounds that reached them, are in dev-docs/research-log.md, dated.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.model import Corpus
from tools.evaluate import (
    PRF,
    adjudicated_links,
    evaluate,
    gold_links,
    reader_agreement,
    relation_agreement,
    score_links,
    theme_agreement,
)

QUALITY = "quality"  # the block's name in its markers
NAMED_THEMES = ("missing-children", "corporate-parenting", "permanence", "workforce")


def begin_marker(name: str) -> str:
    return f"<!-- figures:{name} begin: made by `python scripts/readme_figures.py --write`; do not edit by hand -->"


def end_marker(name: str) -> str:
    return f"<!-- figures:{name} end -->"


def _row(what: str, on: str, prf: PRF) -> str:
    return f"| {what} | {on} | {prf.precision:.3f} | {prf.recall:.3f} | {prf.f1:.3f} |"


def quality_table(corpus: Corpus, labelled: Path) -> str:
    """The table of figures for `corpus` against the labelled sets under `labelled`
    (tests/labelled/: the first reader, second-reader/, third-reader/, adjudicated/, relations/)."""
    second, third = labelled / "second-reader", labelled / "third-reader"
    first_ev, second_ev = evaluate(corpus, labelled), evaluate(corpus, second)
    tagged = {f.id: set(f.themes) for f in corpus.findings()}
    first_links, second_links = gold_links(labelled), gold_links(second)
    adjudicated, _ = adjudicated_links(labelled, second, labelled / "adjudicated")
    against_adjudicated, _ = score_links(corpus, adjudicated)
    relations = relation_agreement(corpus, labelled / "relations")
    two_readers_themes = theme_agreement(third, labelled)

    def links_on(gold: dict[str, set[str]]) -> str:
        return f"{len(gold)} earlier findings, {sum(map(len, gold.values()))} links"

    rows = [
        "| measured against | on | precision | recall | F1 |",
        "|---|---|---|---|---|",
        _row("themes: the first reader (the rules were written from its errors)", f"{first_ev.labelled_findings} findings", first_ev.micro),
        _row("themes: the second reader, blind", f"{second_ev.labelled_findings} other findings", second_ev.micro),
        _row("themes: the third reader, blind", f"the first reader's {first_ev.labelled_findings}", theme_agreement(third, tagged)),
        _row("themes: the first reader against the third (two people)", f"the first reader's {first_ev.labelled_findings}", two_readers_themes),
        _row("links: the first reader", links_on(first_links), first_ev.links),
        _row("links: the second reader, blind", links_on(second_links), second_ev.links),
        _row("links: the adjudicated set", links_on(adjudicated), against_adjudicated),
        _row("links and possible matches (the review queue): the first reader", links_on(first_links), first_ev.review),
        _row("the second reader's links against the first's (two people)", "the earlier findings both labelled",
             reader_agreement(labelled, second)),
    ]
    named = ", ".join(f"{theme} {first_ev.themes[theme].f1:.3f}" for theme in NAMED_THEMES if theme in first_ev.themes)
    return "\n".join([
        *rows,
        "",
        f"Named themes, F1 against the first reader: {named}. Relations: the linker's wording is a blind "
        f"reader's on {relations.agree} of {relations.pairs} labelled links ({relations.accuracy:.3f}).",
    ])


def strong_match_figures(corpus: Corpus, labelled: Path) -> str:
    """The README's words on how often each confidence of a link is a reader's link ("Adding
    papers"): the words the site puts on a link (`ingest.site.follow.STRONG_MATCH`) against the
    first reader's links and the adjudicated set, on the earlier findings each labelled. The test
    checks the README says exactly this, so the sentence is corrected when the rules change."""
    from ingest.site.follow import STRONG_MATCH

    def counts(gold: dict[str, set[str]], strong: bool) -> str:
        pairs = {(s, t) for s, targets in gold.items() for t in targets}
        links = [lk for lk in corpus.links if lk.source in gold and lk.target and (lk.score >= STRONG_MATCH) == strong]
        return f"{sum((lk.source, lk.target) in pairs for lk in links)} of {len(links)}"

    first = gold_links(labelled)
    adjudicated, _ = adjudicated_links(labelled, labelled / "second-reader", labelled / "adjudicated")
    return (f'"strong match" for a score of at least {STRONG_MATCH} (on the labelled links, {counts(first, True)} '
            f"such links were a reader's, {counts(adjudicated, True)} of the adjudicated set's), \"possible match\" "
            f"below it ({counts(first, False)}; {counts(adjudicated, False)})")


def block(text: str, name: str) -> str | None:
    """What stands between `name`'s markers in `text`, or None where the markers are missing."""
    m = re.search(re.escape(begin_marker(name)) + r"\n(.*?)\n?" + re.escape(end_marker(name)), text, re.S)
    return m.group(1) if m else None


def with_block(text: str, name: str, body: str) -> str:
    """`text` with `body` between `name`'s markers (they must be there: the README places them)."""
    if block(text, name) is None:
        raise ValueError(f"the markers of figures:{name} are missing; put {begin_marker(name)!r} and "
                         f"{end_marker(name)!r} where the figures belong")
    start = text.index(begin_marker(name)) + len(begin_marker(name))
    return text[:start] + "\n" + body + "\n" + text[text.index(end_marker(name), start):]
