"""A paper's kind read from its structure and wording, strongest cue first.

A letter's salutation; an Ofsted inspection's front matter; a decision record's heading; minutes'
"MINUTES of" or "Present:" and an agenda's "AGENDA" line, "... Agenda" heading or summons (whichever
opens the paper); a letter's close at the paper's end; a report's cover block (From/To/Subject,
"Report of", "Date of meeting"); then the title's own words (an annual report, a consultation, a
strategy or plan). A paper with none of these is a committee report only when nothing says it
stands on its own (published for a consultation; its own executive summary or contents in a long
paper).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.datewords import MONTH_NAME
from ingest.document.metadata.councils import council_names
from ingest.document.metadata.kinds import DocumentKind
from ingest.document.metadata.lines import (
    MINUTE_OR_MINUTES_OF,
    NOTICE_OF_MEETING,
    REPORT_OF_OR_TO,
    WEEKDAY,
)

if TYPE_CHECKING:
    from ingest.document.metadata.lines import Line

# "MINUTES of a meeting of", "Minutes of Meeting (no.436) of", a heading "Minutes"; Scottish councils
# write "Minute" ("Minute of the meeting of ...", a heading "Minute").
# A summary of them is minutes too ("Synopsis of the minutes of the meeting held on ...", "Extract of minutes of ...").
_MINUTES_HEAD = re.compile(rf"^(?:(?:synopsis|summary|extract)\s+of\s+(?:the\s+)?)?{MINUTE_OR_MINUTES_OF}(?:a|the|meeting)\b|"
                           r"^minutes?\s*$|\bminutes\s*$", re.I)
# Welsh minutes say "Presennol" (present), with apologies ("ymddiheuriadau"), declarations of interest
# ("datganiadau o ddiddordeb") and resolutions ("penderfynwyd").
# Also as the minutes' first numbered point ("1. Present were: ...").
_PRESENT = re.compile(r"^(?:1[.)]\s+)?(?:present|members present|councillors present|in attendance|attendees|presennol)\s*:?", re.I)
_MINUTES_BUSINESS = re.compile(r"\b(?:apologies|resolved|declarations? of interest|ymddiheuriadau|datganiadau o ddiddordeb|penderfynwyd)\b", re.I)
# An "AGENDA" line, alone or run into its first item ("Agenda 1. Welcome 2. Introductions ...").
_AGENDA_LINE = re.compile(r"^(?:supplementary\s+)?agenda(?:\s+pack)?\s*$|^agenda:?\s+(?:1|i|a)[.)]\s|"
                          rf"^agenda (?:for|of) (?:a|the) (?:\w+ )?meeting\b|^{NOTICE_OF_MEETING}\b|"
                          # A front sheet's summons ("You are hereby summoned to attend a meeting of ..."), as
                          # parish and town councils and many districts send their agendas.
                          r"\b(?:are|is) (?:hereby )?summoned to attend\b|^summons\b|"
                          # The word in capitals run on to its first item after the front sheet's notes, as a
                          # one-page agenda comes out ("... Dial by your location ... AGENDA 1. To receive apologies").
                          r"(?-i:\bAGENDA)\s*:?\s+1[.)]\s+(?-i:To\b)", re.I)
# An "Agenda" heading run into the note under it, as a front sheet set in one block comes out ("Agenda
# Please note this meeting will take place after ..."): the word, then a sentence in its own capital.
# Not an agenda's stamp or item ("Agenda Item 6", "Agenda No. 3") nor its pack ("Agenda Pack").
_AGENDA_RUN_INTO_NOTE = re.compile(r"^(?:AGENDA|Agenda)\s+(?!(?:Items?|No|Number|Ref|Reference|Page|Pack|Annex|Supplement|Reports?)\b)"
                                   r"[A-Z][a-z]+\s+[a-z]+\s+[a-z]+")
# A heading that names the paper an agenda ("Regular Council Meeting Agenda", "Cabinet Agenda"), as
# "... Minutes" names minutes; not an agenda's numbered item ("7. Items for the next agenda").
_AGENDA_HEADING = re.compile(r"^(?:[\w&,'’-]+\s+){1,7}agenda$", re.I)
# A note of a meeting under its own title ("Proposed RPZ Meeting Report", "Notes of the meeting
# with ...", "Meeting note"), with who attended: a record of the meeting, as minutes are.
MEETING_RECORD = re.compile(r"\bmeeting\s+(?:report|notes?|record|summary)\b|^(?:notes?|record|summary|action notes?)\s+of\s+"
                            r"(?:the\s+|a\s+)?meeting\b", re.I)
_ATTENDED = re.compile(r"^(?:attendees|attendance|present|in attendance|those present|members present)\b", re.I)
_SUPPLEMENT = re.compile(r"\bsupplement(?:ary)?\b.{0,40}\b(?:agenda|pack|papers)\b|\b(?:agenda|pack)\b.{0,20}\bsupplement", re.I)
# A planning inspector's "Appeal Decision" (or "Appeal Decisions", for linked appeals) heads the decision itself.
_DECISION = re.compile(r"\b(?:record of (?:executive |officer |key )?decisions?|decision record(?:ing)?(?: form| sheet)?|"
                       r"(?:officer )?decision notice|notice of (?:the )?decision|adoption statement)\b|^appeal decisions?$|"
                       # An ombudsman's decision on a complaint, headed as such ("The Ombudsman's final decision"), or the draft of it
# the parties are sent for comment ("The Ombudsman's draft decision"): a decision all the same.
                       r"^(?:the )?(?:local government (?:and social care )?)?ombudsman[’']s (?:final |draft |provisional )?decision$", re.I)
# A meeting's supplement of public questions, statements or petitions with their answers.
# Under the meeting's name too, and one question alone ("CABINET – PUBLIC QUESTION").
_PUBLIC_BUSINESS = re.compile(r"^(?:(?:[A-Z][\w&'’,-]*\s+){1,5}[–—:-]\s+)?(?:supplementary\s+)?(?:public|members'?|councillors'?)\s+"
                              r"(?:questions?|statements?|petitions?|forum)\b", re.I)
# A cover's status stamp: the paper is out for consultation ("Consultation Draft: September 2025").
_CONSULTATION_STAMP = re.compile(r"^(?:consultation draft|draft for (?:public )?consultation|consultation document|public consultation)\b|"
                                 # A cover line that ends on the consultation it is for: "Draft Plan Consultation",
                                 # "Report for Consultation –", "Regulation 18 Consultation".
                                 # "Draft Plan Consultation - Development Management Policies Part B": and its part.
                                 r"^(?:[\w-]+\s+){0,3}consultation\s*(?:[-–:]|[-–:]\s+[A-Z].*)?$", re.I)
# A plan named on its cover: "Local Plan for Exampleshire", "Draft Plan", "Exampleton Borough Plan".
_DRAFT_PLAN = re.compile(r"\b(?:local|borough|district|city|county|neighbourhood|minerals|waste|core|draft)\s+plan\b", re.I)
# A plan's cover stamped with the day or month it was adopted ("Adopted May 2014", "Adopted 8 June 2022"):
# the plan or policy itself, in force.
_ADOPTED_STAMP = re.compile(rf"^adopted\s+(?:on\s+)?(?:[0-3]?\d(?:st|nd|rd|th)?\s+)?(?:{MONTH_NAME})\s+(?:19|20)\d{{2}}$", re.I)
_REPORT_COVER = re.compile(
    rf"^(?:{REPORT_OF_OR_TO}|(?:from|to|subject|title|by|decision no\.?|key decision|classification|"
    r"date of meeting|meeting date|meeting|report author|lead officer|wards? affected|electoral divisions?)\s*:)", re.I)
_INSPECTION = re.compile(r"\b(?:inspection of|inspection dates?|lead inspector|inspected|ofsted|care quality commission|"
                         r"report published|inspection report)\b", re.I)
_MEETING_DAY = re.compile(rf"\b{WEEKDAY}\b,?\s+\d{{1,2}}", re.I)
_PEER = re.compile(r"\bpeer (?:review|challenge)\b", re.I)
_ANNUAL = re.compile(r"\bannual report\b", re.I)
# A plan's yearly report on its delivery, named on its cover ("One Example Plan" / "Annual Performance Report
# 2020-2021"): the year's report, not the plan (a yearly report on a service's work stays an annual report).
_YEARLY_REPORT_ON = re.compile(r"\bannual\s+(?:performance|progress|delivery)\s+report\b", re.I)
# A report on a span of a service's years, named on its cover ("1 year report on Connecting People ...",
# "10 Year Impact Report 2012-2022"): a yearly report's kind, as LABELLING counts them.
_YEARS_REPORT = re.compile(r"\b(?:\d{1,2}|one|two|three|five|ten)[- ]years?\s+(?:(?:impact|progress|review|summary)\s+)?report\b", re.I)
# The yearly exercise a paper with no cover block reports on: "an annual questionnaire-based survey
# of children's residential care has taken place ...; this year is the seventh year".
_ANNUAL_EXERCISE = re.compile(r"\bannual\s+(?:[\w-]+\s+){0,2}?(?:report|survey|review|audit|census)\b", re.I)
_CONSULTATION = re.compile(r"\bconsultation\b", re.I)
_STRATEGY = re.compile(r"\b(?:strategy|plan|framework)\b", re.I)
# What else sets what will be done (LABELLING's "strategy or plan"), as a cover line names it: a policy,
# programme, scheme or budget as the line's last word or the head of its phrase ("Data Protection
# Policy", "BUDGET 2018-19", "Scheme for co-ordinated admissions"), not a paper about one ("Local
# Education Policy in England"); a "Service Specification & Contract" too.
_SETS_WHAT = re.compile(r"\b(?:policy|programme|scheme|budget)\b(?=\s*(?:$|(?:for|of|on|to)\b|[-–:(,]|\d))|"
                        # A service's specification, the contract's terms for what a provider is to do.
                        r"^(?:[\w&-]+\s+){0,3}?service\s+specification\b|"
                        r"^(?:(?:draft|proposed|revised|the)\s+)?(?:strategy|plan|policy|programme|scheme|budget)\s+(?:for|of|on|to)\b", re.I)
# A letter's complimentary close, which a letter sent without a salutation still ends with.
# A response signed for its body ("Signed on behalf of Horsley Parish Council") closes as a letter does.
_CLOSE = re.compile(r"^(?:yours (?:sincerely|faithfully|truly)|with (?:kind|best) regards|kind regards|signed (?:for and )?on behalf of)\b", re.I)
# The paper saying it is published for a consultation ("an Interim SA Report is published as part of a
# consultation on ...", "This document is published for public consultation").
_PUBLISHED_FOR_CONSULTATION = re.compile(r"\b(?:is|are|being)\s+(?:published|issued|made available)\s+(?:for|as part of|alongside)\s+"
                                         r"(?:an?\s+|the\s+)?(?:\w+\s+){0,3}?consultation\b", re.I)
_STANDALONE_HEADING = re.compile(r"^(?:executive summary|(?:table of )?contents)$", re.I)
_STANDALONE_PAGES = 10
_PLANNING_PAPER = re.compile(r"(?:draft\s+)?(?:supplementary planning (?:document|guidance)|development plan document|local development scheme)"
                             r"(?:\s*\([A-Z]{2,5}\))?", re.I)


# A salutation opening its own line ("Dear Ms Smith"), or ending the line an address block set in
# columns runs it into ("Cheshire Dear Ms McLoughlin", as Ofsted's letters are extracted).
_SALUTATION_END = re.compile(r"\bDear\s+(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Professor|Cllr|Councillor|Sir|Madam)\b\.?|[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,3},?$")


def is_salutation(text: str) -> bool:
    """Whether a line is a letter's salutation (or ends with one), not a sentence that says "dear"."""
    return len(text.split()) <= 8 and (text.startswith("Dear ") or bool(_SALUTATION_END.search(text)))


def salutation_run_in(text: str) -> bool:
    """Whether a line ends with a salutation that the address block ran into ("Cheshire Dear Ms McLoughlin"),
    rather than opening with it: the line is then the address block's last, as well as the salutation."""
    return is_salutation(text) and not text.startswith("Dear ")


# What a paper of evidence calls itself on its cover: an assessment of needs or impacts ("Gypsy and
# Traveller Accommodation Assessment", "Equality Impact Assessment", "Sustainability Appraisal", an
# appendix of a plan's "IIA Assessments"), a brief or systematic review of the evidence, an
# audit ("health equity audit"), an evidence study or review, a statistical bulletin or briefing. Not
# an audit's committee, plan or strategy ("Audit Committee", "Internal Audit Plan"), nor a peer review.
_EVIDENCE = re.compile(r"\b(?:assessments?|appraisals?|audit|evidence\s+(?:base|study|review|paper|report)|(?:evidence|retail|economic|employment|"
                       r"feasibility|capacity|viability|transport|baseline|landscape|heritage|flood risk)\s+study|study\s+of|"
                       r"(?:impact|evidence|evidence[- ]based|needs|health|rapid|brief|systematic|literature|sites?)\s+(?:review|evidence)|"
                       r"statistical\s+(?:bulletin|release|briefing|report|analysis)|bulletin|briefing(?:\s+(?:note|paper))?|"
                       # A statistical profile of an area or a condition ("Cardiovascular disease profile", "Health
                       # Profile 2019", "Ward Profile"), and an analysis of statistics ("Indices of Deprivation 2010" /
                       # "Results and Analysis Report"): evidence gathered, as a bulletin is. Not a job's or a risk's profile.
                       r"(?:disease|health|population|demographic|community|area|ward|district|borough|county|economic|"
                       r"statistical|locality|neighbourhood|needs|deprivation)\s+profiles?|"
                       r"results\s+and\s+analysis|(?:indices|index)\s+of\s+(?:multiple\s+)?deprivation|"
                       # A survey's own report, named on its cover ("Example Residents Survey 2014"); not a consultation's.
                       r"(?<!consultation\s)survey(?!\s+(?:form|questionnaire))(?:\s+(?:results|report|findings|summary))?)\b"
                       r"(?!\s+(?:and\s+\w+\s+)?(?:committee|sub-committee|panel|plan|strategy|charter|programme|framework|manual|toolkit)\b)", re.I)
# The paper's own sentence naming what it is: "This Statistical Bulletin is about ...", "This assessment ...".
_EVIDENCE_SAYS = re.compile(r"^(?:this|the present)\s+(?:statistical\s+)?(?:bulletin|briefing|audit|assessment|appraisal|study|"
                            r"evidence\s+(?:base|review|paper|study|report))\s+(?:is|has|was|sets|presents|provides|reports|summarises|"
                            r"considers|examines|looks|describes|covers|should|updates|aims)\b", re.I)
# A paper that opens by thanking those who took part in a consultation reports what it heard ("Thank you to
# all of you who participated in consultation about the 2019 road closure options"): what it was about.
CONSULTED_ON = re.compile(r"^thank you to (?:all|everyone|those)\b[^.]{0,40}?\b(?:participated|took part|responded|contributed)\s+(?:in|to)\s+"
                          r"(?:the\s+|our\s+)?(?:public\s+)?consultation\s+(?:about|on|regarding|into)\s+(?:the\s+)?(?P<what>[^,.;]{3,80}?)"
                          r"(?:,|\.|;|\s+either\b|\s+by\b|$)", re.I)
# A cover naming the consultation's results, not a paper put out for one: "Draft City Plan 2036
# Consultation Comments", "Summary of the public consultation", "Consultation Responses".
_CONSULTATION_RESULTS = re.compile(r"\bconsultation\s+(?:comments|responses?|feedback|findings|results|outcomes?|summary|statement|report)\b|"
                                   r"\b(?:summary|analysis|report)\s+of\s+(?:the\s+)?(?:public\s+|formal\s+)?(?:consultation|responses)\b", re.I)
# What a report to a meeting prints: its committee, the report's purpose, its recommendations. A paper
# of evidence reported to a committee with these stays a committee report (LABELLING's kinds).
_FOR_A_MEETING = re.compile(r"^(?:(?:committee|meeting|cabinet|decision maker|date of meeting|meeting date)\s*:|committee report\b|"
                            r"purpose of (?:the |this )?report\b|recommendations?\s*:?\s*$|recommendations? to (?:the )?(?:committee|cabinet)\b)", re.I)
# A report cover key that an assessment form prints too ("Title:", "Lead officer:"): not a committee's.
_FORM_KEY = re.compile(r"^(?:title|by|lead officer|report author|classification)\s*:", re.I)


def cover_text(lines: list[Line]) -> str:
    """The cover's short lines, headings or not ("Gypsy and Traveller Accommodation" / "Assessment
    (GTAA)" / "Final Report July 2025"): what a paper calls itself, where its title is not set as a heading.
    A cover page of a few lines is read whole, however long they run: a title and an imprint set side
    by side come out as one long line ("INSTITUTE FOR AN ASSESSMENT OF THE HEALTH NEEDS OF ... RESEARCH")."""
    sparse = sum(1 for ln in lines[:8] if ln.within(1)) <= 3
    cover = [ln.text.strip() for ln in lines[:8] if ln.within(1) and len(ln.text.split()) <= (40 if sparse else 15)
             and not re.match(r"\(?\d+(?:\.\d+)*[.)]\s|\d+\.\d+\s|[•·▪-]\s", ln.text.strip())
             and not (ln.text.rstrip().endswith(".") and len(ln.text.split()) >= 4)]  # a sentence is the text, not the cover
    return " ".join(cover)


def evidence_cue(lines: list[Line], title: str) -> Line | None:
    """The line saying the paper is evidence or an assessment: its cover's own name for itself, or
    its first paragraphs' "This bulletin is about ..."."""
    if _EVIDENCE.search(title) or _EVIDENCE.search(cover_text(lines)):
        return next((ln for ln in lines[:8] if _EVIDENCE.search(ln.text)), None) or _line_with(lines[:8], re.compile(r"\S"))
    return next((ln for ln in lines[:40] if _EVIDENCE_SAYS.match(ln.text.strip())), None)


def infer_kind(lines: list[Line], head_titles: list[str], page_count: int | None = None) -> tuple[DocumentKind, float, Line | None]:
    """(kind, confidence, the line that decided it). `head_titles` are the cover's heading lines,
    so that the title's own words (an annual report, a consultation) can be weighed."""
    top = lines[:40]
    text_top = " ".join(ln.text for ln in top)
    # A salutation makes a letter only near the start: packs and reports bind letters in later.
    salutation = next((ln for ln in lines[:25] if is_salutation(ln.text) and ln.within(2)), None)
    if salutation is not None:
        peer = _PEER.search(" ".join(ln.text for ln in lines[:80]))
        return (DocumentKind.PEER_REVIEW_LETTER if peer else DocumentKind.LETTER), 0.8, salutation
    # An inspection names itself on its cover ("Inspection of ...", "Ofsted", "Inspection dates");
    # a committee's report about inspections ("Report of the Assistant Director") is not one.
    committee_cover = any(re.match(rf"{REPORT_OF_OR_TO}|(?:from|to|subject|date of meeting|meeting)\s*:", ln.text, re.I)
                          for ln in lines[:20])
    cues = [ln for ln in lines[:40] if _INSPECTION.search(ln.text)]
    if not committee_cover and len({m.group(0).lower() for ln in cues for m in _INSPECTION.finditer(ln.text)}) >= 2 and any(
            re.search(r"\bofsted\b|care quality commission|inspection of\b", ln.text, re.I) for ln in cues):
        return DocumentKind.INSPECTION_REPORT, 0.85, cues[0]
    for ln in lines[:12]:
        if _DECISION.search(ln.text):
            return DocumentKind.DECISION_RECORD, 0.8, ln
    examined = examination_report(lines)
    if examined is not None:
        return DocumentKind.INSPECTION_REPORT, 0.8, examined
    # Minutes and agendas by their first cue: minutes quote the agenda's headings, and an agenda
    # lists the minutes of the last meeting, so whichever opens the paper decides.
    for ln in lines[:15]:
        # The heading without who was present, where the two came out as one line ("... held on 5 May 2019 Present: ...").
        low = re.split(r"\s+(?:present|attendees|in attendance)\s*:", _after_council(ln.text.strip()), maxsplit=1, flags=re.I)[0]
        if _AGENDA_LINE.search(low) or _AGENDA_RUN_INTO_NOTE.match(low) and ln.within(1) or ln.heading and _AGENDA_HEADING.match(low) and not re.match(r"\(?\d+[.)]?\s", low):
            pack = bool(_SUPPLEMENT.search(text_top)) or any(x.marker for x in lines[:200]) or (page_count or 0) > 4
            return (DocumentKind.AGENDA_PACK if pack else DocumentKind.AGENDA), 0.8, ln
        # Not an agenda's item ("3. Minutes"): a numbered line is the business, not the paper's heading.
        if _MINUTES_HEAD.search(low) and len(low.split()) <= 30 and not re.match(r"\(?\d+[.)]?\s", low) and not re.search(r"\bminutes? of the (?:last|previous)\b", low, re.I):
            return DocumentKind.MINUTES, 0.85, ln
        if _PRESENT.match(low) and any(_MINUTES_BUSINESS.search(x.text) for x in lines[:60]):
            return DocumentKind.MINUTES, 0.75, ln
    record = meeting_record(lines)
    if record is not None:
        return DocumentKind.MINUTES, 0.6, record
    if _SUPPLEMENT.search(text_top):
        return DocumentKind.AGENDA_PACK, 0.6, _line_with(top, _SUPPLEMENT)
    public = public_business(lines)
    if public is not None:
        return DocumentKind.AGENDA_PACK, 0.6, public  # papers for the meeting, beside its agenda
    title = " ".join(head_titles)
    cover = next((ln for ln in lines[:30] if _REPORT_COVER.search(ln.text)), None)
    close = letter_close(lines, page_count) if cover is None and not committee_cover else None
    if close is not None:  # a letter sent without a salutation ("As you are all aware ...", "Yours sincerely")
        peer = _PEER.search(" ".join(ln.text for ln in lines[:80]))
        return (DocumentKind.PEER_REVIEW_LETTER if peer else DocumentKind.LETTER), 0.6, close
    if _ANNUAL.search(title):
        return DocumentKind.ANNUAL_REPORT, 0.75, _line_with(lines, _ANNUAL)
    on_cover = " ".join([title, cover_text(lines)])
    if _YEARLY_REPORT_ON.search(on_cover) and not committee_cover:
        return DocumentKind.ANNUAL_REPORT, 0.65, _line_with(lines[:8], _YEARLY_REPORT_ON)
    if _YEARS_REPORT.search(on_cover) and not committee_cover:
        return DocumentKind.ANNUAL_REPORT, 0.6, _line_with(lines[:8], _YEARS_REPORT)
    results = _CONSULTATION_RESULTS.search(on_cover)
    if results is not None and not committee_cover:
        return DocumentKind.CONSULTATION_REPORT, 0.6, _line_with(lines[:8], _CONSULTATION_RESULTS)
    thanked = next((ln for ln in lines[:4] if ln.within(1) and CONSULTED_ON.match(ln.text.strip())), None)
    if thanked is not None and not committee_cover:
        return DocumentKind.CONSULTATION_REPORT, 0.55, thanked
    # Evidence or an assessment, named on its cover or by its first paragraphs; a committee's report
    # about one keeps its cover ("Report to Cabinet", "Date of meeting"), and a form's "Title:" is no such cover.
    for_meeting = any(_FOR_A_MEETING.match(ln.text.strip()) for ln in lines[:30])
    evidence = evidence_cue(lines, title) if not for_meeting and (
        not committee_cover and (cover is None or _FORM_KEY.match(cover.text)) or _authored_only(lines)) else None
    if evidence is not None:
        return DocumentKind.EVIDENCE_OR_ASSESSMENT, 0.6, evidence
    if cover is not None:
        if _PEER.search(title) and not re.match(REPORT_OF_OR_TO, cover.text, re.I):
            return DocumentKind.PEER_REVIEW_REPORT, 0.6, cover
        return DocumentKind.COMMITTEE_REPORT, 0.75, cover
    stamp = next((ln for ln in lines[:10] if _CONSULTATION_STAMP.match(ln.text.strip()) and ln.within(1)), None)
    if _CONSULTATION.search(title) or stamp is not None:
        # A draft plan put out for comment ("LOCAL PLAN for Exampleshire" / "Draft Plan Consultation") is the
        # plan itself: LABELLING's consultation report says what a consultation asked and heard, and, as of an
        # assessment published for comment, the consultation is not what the plan reports.
        if _DRAFT_PLAN.search(" ".join([title, cover_text(lines)])):
            return DocumentKind.STRATEGY_OR_PLAN, 0.6, stamp or _line_with(lines, _CONSULTATION)
        return DocumentKind.CONSULTATION_REPORT, 0.7, stamp or _line_with(lines, _CONSULTATION)
    adopted = next((ln for ln in lines[:10] if ln.within(1) and _ADOPTED_STAMP.match(ln.text.strip())), None)
    if adopted is not None:
        return DocumentKind.STRATEGY_OR_PLAN, 0.55, adopted
    if _PEER.search(title):
        return DocumentKind.PEER_REVIEW_REPORT, 0.6, _line_with(lines, _PEER)
    if _STRATEGY.search(title) or _STRATEGY.search(cover_text(lines)):
        return DocumentKind.STRATEGY_OR_PLAN, 0.55, _line_with(lines, _STRATEGY)
    sets_what = next((ln for ln in lines[:8] if ln.within(1) and (ln.heading or len(ln.text.split()) <= 15)
                      and _SETS_WHAT.search(ln.text.strip())), None)
    if sets_what is not None:
        return DocumentKind.STRATEGY_OR_PLAN, 0.5, sets_what
    # A planning paper's type on its cover, under its name in a smaller style ("Supplementary Planning Document").
    planning = next((ln for ln in lines[:6] if _PLANNING_PAPER.fullmatch(ln.text.strip()) and ln.within(1)), None)
    if planning is not None:
        return DocumentKind.STRATEGY_OR_PLAN, 0.55, planning
    # A paper with no cover block that says it is published for a consultation is the consultation's paper.
    published = next((ln for ln in lines[:40] if _PUBLISHED_FOR_CONSULTATION.search(ln.text)), None)
    if published is not None:
        return DocumentKind.CONSULTATION_REPORT, 0.5, published
    # The older rule: "annual report" in the opening pages (an IRO report that opens with its
    # purpose), or the annual survey or review it reports on, then a report's "Report of the ..."
    # anywhere near the start.
    exercise = _ANNUAL_EXERCISE.search(" ".join(ln.text for ln in lines[:40])[:3000])
    if exercise is not None:
        # A yearly survey's, audit's or census's findings are evidence; a yearly report or review is an annual report.
        surveyed = re.search(r"(?:survey|audit|census)$", exercise.group(0), re.I)
        kind = DocumentKind.EVIDENCE_OR_ASSESSMENT if surveyed else DocumentKind.ANNUAL_REPORT
        return kind, 0.5, _line_with(lines, _ANNUAL_EXERCISE)
    # A paper long enough for its own contents or executive summary, with no committee's cover block,
    # stands on its own (a study, an evidence review, a policy): not a report to a meeting.
    own = next((ln for ln in lines[:40] if ln.heading and _STANDALONE_HEADING.match(ln.text.strip())), None)
    pages = page_count or max((ln.sheet or 0 for ln in lines), default=0)
    if own is not None and pages >= _STANDALONE_PAGES and not committee_cover:
        return DocumentKind.STRATEGY_OR_PLAN, 0.4, own
    # The fallback: a paper that says nothing of a meeting (no committee, recommendation or decision in
    # its opening) is not a committee report; its kind is not read, and it is called a report.
    if not any(_MEETING_MARK.search(ln.text) for ln in lines[:80]):
        return DocumentKind.REPORT, 0.2, None
    return DocumentKind.COMMITTEE_REPORT, 0.3, None


_MEETING_MARK = re.compile(r"\b(?:committees?|cabinet|meetings?|councillors?|members|recommend(?:s|ed|ations?)?|resolved?|decisions?|"
                           r"scrutiny|panel|board|portfolio holder|agenda)\b", re.I)


# A planning inspector's report on a plan's examination: "Report to Example Borough Council" / "by <name>" /
# "an Inspector appointed by the Secretary of State" / "Report on the Examination of the Example Local Plan".
_APPOINTED_INSPECTOR = re.compile(r"\binspector appointed by the secretary of state\b", re.I)
_EXAMINATION = re.compile(r"^report on the examination of\b", re.I)
# ... or the inspector's report on an appeal or an order's inquiry, which goes to the Secretary of State to
# decide ("Report to the Secretary of State for Housing, Communities and Local Government" / "by A Person" /
# "an Inspector appointed by the Secretary of State ..."; "CPO Report to the Secretary of State for ...").
TO_SECRETARY_OF_STATE = re.compile(r"^(?:[A-Z]{2,5}\s+)?report to the secretary of state\b", re.I)


def examination_report(lines: list[Line]) -> Line | None:
    """The cover line of a planning inspector's report on the examination of a plan, or on an appeal or
    order for the Secretary of State, if the paper is one (an appeal decision names its inspector too,
    but is headed "Appeal Decision"; the Secretary of State's decision letter is a letter)."""
    cover = [ln for ln in lines[:15] if ln.within(1)]
    if any(_APPOINTED_INSPECTOR.search(ln.text) for ln in cover):
        return next((ln for ln in cover if _EXAMINATION.match(ln.text.strip()) or TO_SECRETARY_OF_STATE.match(ln.text.strip())), None)
    return None


# A cover line that only says who wrote the paper ("Report by the" / "Example Public Health Research Unit"),
# as a study's does: not a committee's cover, which says who the report is to or what meeting it is for.
_AUTHORED = re.compile(r"^(?:report|prepared|produced|written|compiled)\s+(?:by|of|from)\b", re.I)
_TO_A_MEETING = re.compile(r"^(?:report\s+to\b|(?:to|date of meeting|meeting date|meeting|committee|cabinet|decision maker|subject)\s*:)", re.I)


def _authored_only(lines: list[Line]) -> bool:
    """Whether the cover's only report-cover line names the paper's author, and nothing names a meeting."""
    head = lines[:20]
    return any(_AUTHORED.match(ln.text.strip()) for ln in head) and not any(_TO_A_MEETING.match(ln.text.strip()) for ln in head)


def letter_close(lines: list[Line], page_count: int | None, tail: int = 6) -> Line | None:
    """A letter's complimentary close ("Yours sincerely, ...") among the paper's last `tail` lines, on its
    last page: the close of the paper itself, not a letter bound into a report (those are read only in part)."""
    for ln in lines[-tail:]:
        if _CLOSE.match(ln.text) and (page_count is None or ln.sheet is None or ln.sheet == page_count):
            return ln
    return None


def meeting_record(lines: list[Line]) -> Line | None:
    """The title of a note of a meeting ("Proposed RPZ Meeting Report"), if the paper opens with one
    and lists who attended; not a report to a committee ("Report to ...", "Subject: ...")."""
    title = next((ln for ln in lines[:3] if MEETING_RECORD.search(ln.text) and len(ln.text.split()) <= 12
                  and not _REPORT_COVER.search(ln.text) and ln.within(1)), None)
    if title is None or any(re.match(rf"{REPORT_OF_OR_TO}|(?:from|to|subject)\s*:", ln.text, re.I) for ln in lines[:20]):
        return None
    return title if any(_ATTENDED.match(ln.text) for ln in lines[:30]) else None


def public_business(lines: list[Line]) -> Line | None:
    """The heading of a meeting's public questions, statements or petitions ("Public Questions and
    Mayor's Responses" over "Friday 27 March 2026"), if the paper is one."""
    public = next((ln for ln in lines[:3] if _PUBLIC_BUSINESS.match(ln.text)), None)
    return public if public is not None and any(_MEETING_DAY.search(ln.text) or _DAY_ALONE.match(ln.text.strip()) for ln in lines[:6]) else None


# The meeting's day on its own line, under the heading ("17 September 2019").
_DAY_ALONE = re.compile(rf"^\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_NAME})\s+(?:19|20)\d{{2}}$", re.I)


def _line_with(lines: list[Line], rx: re.Pattern[str]) -> Line | None:
    return next((ln for ln in lines if rx.search(ln.text)), None)


def _after_council(text: str) -> str:
    """A line without the council's name that opens it, run on into the paper's heading ("Example Community
    Council Minutes of a Meeting held on ..."): the heading is what says what the paper is."""
    names = council_names(text)
    if names and text.startswith(names[0]) and re.match(r"\s+minutes?\s+of\b", text[len(names[0]):], re.I):
        return text[len(names[0]):].strip()
    return text
