"""The metadata read from the tuning half's real papers (tests/realpapers/labels), as the build reads
them: the issue's aims (title, date, kind, publisher) held, and never a wrong publisher given.

Only the tuning half is built here: the held-out half is measured by `scripts/evaluate_real.py`
and reported as figures, never tested paper by paper. Papers absent from this machine are left
out; with none present the test is skipped.
"""

from __future__ import annotations

import evaluate_real
import pytest

# The aims. Publisher is held where the paper's text prints its publisher's name: a paper
# that names it only in a logo image, by an e-mail domain or an acronym is rightly left without
# one (the issue: "leaves the publisher out rather than guess"), and never given a wrong one (below).
# The aims are title, kind >= 0.90, date, publisher where printed >= 0.95. On the 69 tuning
# papers of 2 December 2026 (32 labelled that day, before any rule was written from them) the
# figures were 0.855, 0.935, 0.841, 0.869; after the kinds were relabelled under "evidence or
# assessment" and its rules written (metaK), 0.870, 0.935, 1.000, 0.934; with the title and date
# rules of the same day (metaT), 0.971, 0.984, 1.000, 0.934. These floors sit just under them, so a
# change that loses ground fails here while the aims stay what scripts/evaluate_real.py reports against.
# 3 December 2026, with the 16 tuning papers of that day's blind-labelled batch (85 in all) and the
# day's title, kind and publisher rules: 0.976, 1.000, 0.976, 0.973; with the rules of its second
# round (meta3: unit-only cover lines, same-size inspection titles, profiles as evidence): 1.000,
# 1.000, 1.000, 0.973. 4 December 2026 (meta4), with 34 more tuning papers labelled for their metadata
# before any rule was written from them (119 in all): 0.960, 1.000, 0.990, 0.920 before that round's
# rules, 1.000, 1.000, 0.992, 0.972 after. With the 12 tuning papers of that day's blind-labelled
# batch 4 as well (131 in all; their rules written the same day): 0.977, 0.983, 0.985, 0.957. The
# floors move down with the new papers, to just under that: the papers are harder, not the rules worse.
# 4 December 2026, batch 5 (34 tuning papers from bodies and templates new to the bed: community and
# parish councils' minutes, Healthwatch, an LPC, TfL, the GLA, Welsh Government; 165 in all), before
# any rule was written from them: 0.909, 0.953, 0.939, 0.879 with every paper; 0.908, 0.931, 0.908,
# 0.880 with only the papers the repository carries (a fresh clone and CI). The floors sit under the
# lower of the two, so that CI holds what today's rules do, and move up with the rules. After that
# day's rules from batch 5's tuning papers (meta7, meta8: small councils' minutes, who publishes a
# paper versus whom it is about, AGMs named, other bodies that print their own name): 0.988, 0.987,
# 0.982, 0.937 with every paper; 0.990, 0.989, 0.969, 0.940 with the carried ones.
FLOORS = {"title": 0.98, "date": 0.98, "kind": 0.965, "publisher where printed": 0.93}


@pytest.fixture(scope="module")
def tuning(tuning_half) -> dict[str, evaluate_real.Score]:  # type: ignore[no-untyped-def]
    _, present, corpus = tuning_half
    return {p.name: evaluate_real.score_paper(p, corpus) for p in present}


def _total(scores: dict[str, evaluate_real.Score]) -> evaluate_real.Score:
    total = evaluate_real.Score()
    for s in scores.values():
        total.merge(s)
    return total


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_tuning_half_holds_its_floor(tuning: dict[str, evaluate_real.Score], figure: str) -> None:
    total = _total(tuning)
    share = total.share(figure)
    assert share is not None and share >= FLOORS[figure], (
        figure, total.counts[figure], [m for s in tuning.values() for m in s.misses if m.startswith(figure)])


def test_no_paper_is_given_a_wrong_publisher(tuning: dict[str, evaluate_real.Score]) -> None:
    wrong = [f"{name}: {m}" for name, s in tuning.items() for m in s.misses if m.startswith("publisher wrong")]
    assert not wrong, wrong


# Regression fixtures, one a form (issue 15): each of these papers' metadata was wrong before.
FIXED = {
    "broomhill-cc-2026-03-11-agenda.pdf": ("title", "kind", "publisher"),       # "Agenda 1. ..."; "Meeting (no.N) of <council>"
    "broomhill-cc-2026-03-11-minutes.pdf": ("title", "kind"),                   # a Scottish "Minute"
    "broomhill-cc-2024-11-13-minutes.pdf": ("title",),                          # "Minutes of Meeting (no.N) of" / <council>
    "broomhill-cc-2026-02-19-rpz-meeting-report.pdf": ("kind", "title"),        # a meeting's note under its own title
    "ofsted-city-of-london-ilacs-2020.pdf": ("title",),                         # the authority above the inspection's title
    "ofsted-medway-focused-visit-2019.pdf": ("publisher",),                     # Ofsted's letterhead
    "ofsted-bcp-focused-visit-2020.pdf": ("publisher",),
    "weca-2026-03-27-joint-committee-public-questions-supplement.pdf": ("publisher",),  # "<authority> Committee"
    # A report printed from its agenda pack: the cover is the pack's page 5, and the rules read it as the cover.
    "brighton-hove-2025-02-27-council-school-admission-arrangements-report.pdf": ("date", "publisher"),
    # Minutes of the council's own meeting, naming no committee: "of the above Council", an
    # extraordinary meeting's extract, "<COUNCIL> MEETING <date>" (set with "&", spelt out in the text).
    "tintern-cc-2019-05-20-agm-and-meeting-minutes.pdf": ("title",),
    "tintern-cc-2018-09-04-extraordinary-meeting-minutes-extract.pdf": ("title",),
    "mscc-2016-06-08-minutes.pdf": ("title", "publisher"),
    # A university's review, commissioned by the council on its cover; the university's name is no title.
    # Long enough for its own executive summary, with no committee's cover: a paper on its own, not a report to a meeting.
    "leicester-2021-05-wpl-evidence-based-review-draft.pdf": ("title", "publisher", "kind"),
    # A cover dated by a month: the day in that month, not a consultation's; not another report's year.
    "broxbourne-2023-11-employment-and-skills-spd.pdf": ("date", "title"),
    "wsx-2013-04-childrens-residential-care-quality-assurance-summary.pdf": ("date", "kind"),  # kind: evidence, the annual survey it reports on
    # Columns read across run a bullet's word into the council's name; its acronym spells the name.
    # A title broken mid-phrase over the cover's opening lines; a cover's "October: 2023".
    # An appraisal on its cover, published as part of a consultation: evidence, not the consultation (LABELLING).
    "dacorum-2023-10-local-plan-interim-sa-non-technical-summary.pdf": ("title", "date", "publisher", "kind"),
    # A planning paper's type under its name in a smaller style: part of the title, and a plan.
    "broxbourne-2023-11-wharf-road-spd.pdf": ("title", "kind"),
    # The council whose statutory duty the paper is, in its first paragraph.
    # ... and its title, only the paper's type ("Local Development Scheme 2025-2028"), is qualified with that council.
    "tewkesbury-2025-02-local-development-scheme.pdf": ("publisher", "title"),
    # A letter without a salutation, read by its close ("Yours sincerely, ...") on its last page.
    "monmouthshire-2019-civil-parking-enforcement-letter.pdf": ("kind", "publisher"),
    # A cover of headings alone whose title stops on a colon and changes case: one title up to its date.
    "tewkesbury-2019-07-borough-plan-equality-impact-screening-report.pdf": ("title", "date", "kind"),
    # The only council its first page names, as the owner of its subject ("... Bristol City Council's transport strategy").
    # ... and a report to a meeting (its committee, purpose, recommendations) stays a committee report beside the evidence rules.
    "bristol-2026-03-19-transport-committee-wpl-update-report.pdf": ("publisher", "kind"),
    # Evidence or assessment (LABELLING's new kind): an EqIA form whose "Title:" is no committee's cover; a needs
    # assessment named over two cover lines; an audit on its cover; a bulletin by its first paragraph.
    "bristol-2024-08-20-wpl-obc-equality-impact-assessment.pdf": ("kind",),
    "bucks-2025-07-gtaa-final-report.pdf": ("kind",),
    "wsx-2013-14-smoking-cessation-health-equity-audit.pdf": ("kind",),
    "wales-2015-08-20-young-people-road-casualties-2014.pdf": ("kind",),
    # A cover naming a consultation's comments; a budget on a cover line; "N year report" on a cover.
    "cityoflondon-2020-03-draft-city-plan-consultation-comments.pdf": ("kind",),
    "tintern-cc-2018-19-budget.pdf": ("kind",),
    "bswn-2023-03-connecting-people-one-year-report.pdf": ("kind",),
    "nottingham-2022-11-wpl-ten-year-impact-report.pdf": ("kind",),
    # Welsh minutes ("Presennol") under a Welsh community council's name; a response signed on a parish
    # council's behalf; an Ofsted letter whose salutation is run into its address block.
    "mscc-2018-03-14-minutes-welsh.pdf": ("kind", "publisher"),
    "horsley-pc-2017-barton-end-planning-application-response.pdf": ("kind", "publisher"),
    "ofsted-stockport-focused-visit-2024.pdf": ("kind", "publisher"),
    # Who publishes a paper, not whom it is about (meta8): a planning report to the Mayor of London is the GLA's,
    # about the borough; a report by an inspector appointed by the Secretary of State is the Planning Inspectorate's.
    "gla-2013-12-19-southwark-free-school-representation-hearing-report.pdf": ("title", "publisher", "body"),
    "gla-2016-09-05-barking-riverside-stage-2-planning-report.pdf": ("title", "publisher", "body"),
    "pins-2020-04-24-lldc-revised-local-plan-inspectors-report.pdf": ("title", "publisher"),
    "pins-2017-04-07-horsley-court-appeal-decision.pdf": ("publisher",),
    "watford-2022-10-local-plan-adoption-statement.pdf": ("publisher",),  # its sentence about the inspector is no byline
    # An AGM named in its minutes' title; bodies that print their own name on their cover or copyright notice.
    "tayport-cc-2018-05-07-agm-minutes.pdf": ("title",),
    "notlpc-2018-19-annual-report.pdf": ("publisher",),
    "upper-dales-health-watch-2024-09-09-minutes-synopsis.pdf": ("publisher",),
    "lga-2020-12-childrens-social-care-providers-profit-risk-update.pdf": ("publisher",),
    # A letter's subject over its From/Date fields; an inspection's title under an address block's last line;
    # a version stamp's month; a byline's month.
    "tfl-2019-05-01-southernwood-retail-park-consultation-response.pdf": ("title",),
    "ofsted-salford-jtai-2016.pdf": ("title",),
    "tfl-2020-01-workplace-parking-levy-faqs.pdf": ("date",),
    "broomhill-2025-10-chair-annual-report.pdf": ("date",),
}


@pytest.mark.parametrize("name", sorted(FIXED))
def test_fixed_paper_stays_right(tuning: dict[str, evaluate_real.Score], name: str) -> None:
    if name not in tuning:
        pytest.skip(f"{name} is not on this machine")
    s = tuning[name]
    wrong = [f for f in FIXED[name] if s.share(f) != 1]
    assert not wrong, (wrong, [m for m in s.misses if m.split(":")[0] in wrong])
