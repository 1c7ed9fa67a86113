"""Make a synthetic corpus of council papers from the real paragraphs of the seed corpus.

Every sentence comes from the seeds in corpus/ (.txt and .md): paragraphs, numbered items,
lettered sub-items, bullets, headings and the 2011 letter's table of areas. They are shuffled
into new papers with varied dates (2005-2024), bodies and layouts:

- plain hard-wrapped text reports: numbered paragraphs, lettered sub-items, stand-alone
  headings, page breaks as runs of 3+ blank lines (like 2020-02-26-overview-of-childrens-services.txt);
- Markdown reports and letters: `#` headings, `- ` bullets, the converter's HTML table cells;
- PDFs drawn with reportlab like the two seed PDFs: running "Agenda Item N" header, "Page N"
  footer, bold headings, numbered paragraphs, and (letters) a bordered two-column table of area
  heading + bullets drawn as thin filled rectangles, rows cut by page breaks left open at the top;
- agenda packs (Markdown): the front agenda lists items as `# 4. Title` + `(Pages 9 - 18)`, then
  the minutes and the reports follow with `# Page N` / `# Page N Agenda Item K` markers.

About 10% of the files belong to a series (listed with `series:` in OUT_DIR/manifest.yaml; the
members of a series share part of their content, so the linker has something to follow) and a
few are duplicates (a report published as .txt and again as an item of an agenda pack).

The output depends only on N, --seed, --pdf-share and the seed files.

    python scripts/synth_corpus.py 200 /tmp/synth200 --seed 1 --pdf-share 0.4
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The package's own owners of ids, dates and labels: the synthetic papers are named, dated and
# read back the way the build names, dates and reads real ones.
from ingest.document.infer import long_date  # noqa: E402
from ingest.document.metadata.dates import DMY  # noqa: E402
from ingest.document.numbering import Label, parse_label  # noqa: E402
from ingest.textutil import slugify as _slugify  # noqa: E402

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MARKER = ".synth-corpus"  # marks a folder this script wrote, so --force may clear it

BODIES = [
    "Children, Education & Communities Policy & Scrutiny Committee",
    "Corporate Parenting Board",
    "Executive",
    "Health and Wellbeing Board",
    "Learning and Culture Policy and Scrutiny Committee",
    "Audit and Governance Committee",
    "Children and Young People's Safeguarding Partnership Board",
    "Customer and Corporate Services Scrutiny Management Committee",
    "Young People's Scrutiny Panel",
]
AUTHORS = [
    "Assistant Director Children's Services",
    "Corporate Director of Children, Education and Communities",
    "Head of Quality Assurance and Principal Social Worker",
    "Director of Public Health",
    "Service Manager, Independent Reviewing Service",
    "Head of Children's Social Care",
    "Scrutiny Officer",
]
PEOPLE = ["Pete", "Jon", "Amanda", "Maxine", "Niall", "Sophie", "Eoin", "Charlie"]
SURNAMES = ["Dwyer", "Stonehouse", "Hatton", "Squire", "McVeigh", "Wright", "Sweeney", "Hook"]
TOPICS = [
    "Overview of Children's Services", "Quality Assurance and Safeguarding Overview",
    "Children in Care Sufficiency Strategy", "Care Leavers Local Offer", "Fostering Service Update",
    "Missing and Child Exploitation Update", "Social Work Workforce Development",
    "Early Help Strategy", "Children's Social Care Improvement Plan", "Permanence and Adoption Update",
    "Young People's Mental Wellbeing", "Front Door and MASH Review", "Corporate Parenting Strategy",
    "Independent Reviewing Service Update", "Special Educational Needs and Disabilities Update",
    "Youth Justice Plan", "Voice of the Child Report", "Placement Stability Report",
    "Children's Services Performance Report", "Edge of Care Services Review",
]
QUALIFIERS = ["", "", "Progress Report", "Annual Update", "Interim Report", "Six Month Update",
              "Review of Progress", "Briefing", "Scrutiny Review", "Position Statement"]
SECTION_HEADINGS = ["Background", "Analysis", "Consultation", "Options", "Implications", "Current position",
                    "Progress since the last report", "Key findings", "Areas for consideration",
                    "Recommendations", "Key risks we face", "Our improvement priorities for the next 12 months",
                    "Strengths", "Actions"]
ANNUAL_TOPICS = ["Independent Reviewing Officer (IRO)", "Fostering Service", "Virtual School",
                 "Local Safeguarding Children Board", "Adoption Service", "Private Fostering"]
REVIEW_KINDS = ["Safeguarding Peer Review", "Children in Care Peer Review", "Help and Protection Peer Review",
                "Care Leavers Peer Challenge", "Early Help Peer Review", "Corporate Parenting Peer Review"]

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_BAD = re.compile(r"@|\(Pages?\b|Agenda Item|\bPage \d|https?:|www\.|\bTel\b|\bEmail\b|\t|\||minutes of the meeting|"
                  r"register(?:ing)? to speak|Democracy Officer|webcast|this agenda|"
                  # A reporting period belongs to its own report: elsewhere it would re-date the paper.
                  r"period from", re.I)
# Headings that belong to an agenda's own furniture, not to a report.
_AGENDA_HEADINGS = re.compile(r"^(agenda|summary|declarations|public participation|filming|work plan|urgent business|"
                              r"democracy officer|contact|minutes|overview of children)|committee|board$", re.I)
_BAD_START = re.compile(r"^(Dear|Resolved|Reason|Yours|Minutes|Cllr|Councillors?|Present|Apologies|Date|Time|Venue|To:)\b")


# ---------------------------------------------------------------------------- seed pool


@dataclass
class Pool:
    paragraphs: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    subitems: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    table_bullets: list[str] = field(default_factory=list)


def _clean(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("**", "").replace("&amp;", "&").replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"').replace("–", "-").replace("—", "-")
    text = re.sub(r"(?<!\w)\*|\*(?!\w)", "", text)
    text = re.sub(r"^[·•▪]\s*", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def _ascii_ok(text: str) -> bool:
    return sum(1 for c in text if ord(c) < 128) >= 0.97 * len(text)


def _is_heading(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= 10 and text[:1].isupper() and text[-1] not in ".,;:!?"
            and not DMY.fullmatch(text) and not any(ch.isdigit() for ch in text[:3]))


def _label(text: str) -> tuple[Label | None, str]:
    """The printed label at the start of `text` as segmentation reads it, and the text after it."""
    label = parse_label(text.strip())
    return label, (label.rest if label else text)


def _lettered(label: Label | None) -> bool:
    """A lettered sub-item ("a.", "(b)", "c)"), not a paragraph number or a numeral."""
    return label is not None and "alpha" in label.style


def _units(path: Path) -> list[tuple[str, str]]:
    """(kind of unit, cleaned text): kind is para | sub | bullet | heading."""
    raw = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    out: list[tuple[str, str]] = []
    if path.suffix == ".txt":
        for block in re.split(r"\n\s*\n", raw):
            lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
            if not lines:
                continue
            joined = re.sub(r"(\w)- (\w)", r"\1\2", " ".join(lines))
            text = _clean(joined)
            label, rest = _label(text)
            if label:
                out.append(("sub" if _lettered(label) else "para", rest))
            elif _is_heading(text):
                out.append(("heading", text))
            else:
                out.append(("para", text))
        return out
    for line in raw.split("\n"):
        if not line.strip() or "\t" in line or line.lstrip().startswith(("<p>", "<ul", "--")):
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            rest = _label(_clean(m.group(2)))[1]
            out.append(("heading" if _is_heading(rest) else "para", rest))
            continue
        m = re.match(r"^(\s*)[-*+]\s+(.*)$", line)
        if m:
            text = _clean(m.group(2))
            label, rest = _label(text)
            out.append(("sub" if _lettered(label) else "para", rest) if label else ("bullet", text))
            continue
        out.append(("para", _label(_clean(line))[1]))
    return out


def load_pool(seed_dir: Path) -> Pool:
    pool = Pool()
    seen: set[str] = set()
    files = sorted(p for p in seed_dir.iterdir() if p.suffix in (".txt", ".md") and p.name.lower() not in ("readme.md",))
    if not files:
        sys.exit(f"no .txt or .md seed files in {seed_dir}")
    for path in files:
        raw = path.read_text(encoding="utf-8", errors="replace")
        # The converter's HTML table cells (the 2011 letter): area headings and their bullets.
        for area in re.findall(r"<p><b>(.*?)</b></p>\t", raw):
            a = _clean(area)
            if 2 <= len(a.split()) <= 8 and a not in pool.areas:
                pool.areas.append(a)
        for li in re.findall(r"<li>(.*?)</li>", raw):
            t = _clean(li)
            if len(t.split()) >= 6 and t.endswith(".") and t not in seen and _ascii_ok(t):
                seen.add(t)
                pool.table_bullets.append(t)
        for kind, text in _units(path):
            if not text or text in seen or not _ascii_ok(text) or _BAD.search(text) or _BAD_START.match(text):
                continue
            words = len(text.split())
            if kind == "heading":
                if _is_heading(text) and not _AGENDA_HEADINGS.search(text):
                    pool.headings.append(text)
            elif kind == "sub" and 3 <= words <= 60:
                pool.subitems.append(text)
            elif kind == "bullet" and 4 <= words <= 60 and text[:1].isupper():
                pool.bullets.append(text)
            elif kind in ("para", "bullet") and words >= 12 and text[:1].isupper() and text[-1] in ".?)\"'":
                pool.paragraphs.append(text)
                pool.sentences += [s for s in _SENT.split(text) if len(s.split()) >= 6 and s[-1] in ".?"]
            else:
                continue
            seen.add(text)
    pool.headings = sorted(set(pool.headings), key=pool.headings.index)
    if not pool.areas:
        pool.areas = ["Leadership, accountability and culture", "Effective practice", "Capacity and capability"]
    if not pool.table_bullets:
        pool.table_bullets = list(pool.bullets)
    if len(pool.paragraphs) < 20:
        sys.exit(f"only {len(pool.paragraphs)} usable paragraphs in {seed_dir}; need the seed corpus")
    return pool


# ---------------------------------------------------------------------------- paper model


@dataclass
class Para:
    text: str
    subs: list[str] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    paras: list[Para] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    intro: str | None = None  # a sentence before a table
    table: list[tuple[str, list[str]]] | None = None


@dataclass
class Paper:
    kind: str  # committee report | peer-review letter | annual report
    title: str
    date: dt.date
    body: str
    author: str
    sections: list[Section]
    addressee: str = ""
    signoff: str = ""
    period: tuple[dt.date, dt.date] | None = None
    item: int | None = None  # agenda item number printed in the running header


def slugify(text: str) -> str:
    """The build's own slug (`ingest.textutil.slugify`), at the length the ids here use."""
    return _slugify(text, 70)


def say_date(d: dt.date) -> str:
    """A date as papers print it, "30 January 2025" (`ingest.document.infer.long_date`)."""
    return long_date(d.isoformat())


class Writer:
    """Draws paragraphs from the pool (and, for a series, from the series' shared pool)."""

    def __init__(self, pool: Pool, rng: random.Random, shared: Pool | None = None, share: float = 0.0):
        self.pool, self.rng, self.shared, self.share = pool, rng, shared, share

    def _src(self) -> Pool:
        return self.shared if self.shared is not None and self.rng.random() < self.share else self.pool

    def paragraph(self) -> str:
        src = self._src()
        if self.rng.random() < 0.65 or len(src.sentences) < 4:
            return self.rng.choice(src.paragraphs)
        return " ".join(self.rng.sample(src.sentences, self.rng.randint(2, 4)))

    def subitem(self) -> str:
        src = self._src()
        return self.rng.choice(src.subitems or src.bullets)

    def bullet(self) -> str:
        src = self._src()
        return self.rng.choice(src.bullets or src.subitems)

    def numbered(self) -> Para:
        p = Para(self.paragraph())
        if self.rng.random() < 0.15:
            p.text = p.text.rstrip(".") + ", in particular:"
            p.subs = [self.subitem() for _ in range(self.rng.randint(2, 5))]
        return p

    def table(self, rows: int) -> list[tuple[str, list[str]]]:
        areas = self.rng.sample(self.pool.areas, min(rows, len(self.pool.areas)))
        src = self._src()
        tb = src.table_bullets or self.pool.table_bullets
        return [(a, self.rng.sample(tb, min(len(tb), self.rng.randint(2, 5)))) for a in areas]


def make_report(w: Writer, title: str, date: dt.date, body: str, size: int) -> Paper:
    rng = w.rng
    sections = [Section("Summary", [Para(w.paragraph()) for _ in range(rng.randint(1, 2))])]
    heads = rng.sample(SECTION_HEADINGS, min(len(SECTION_HEADINGS), rng.randint(3, 6)))
    extra = rng.sample(w.pool.headings, min(len(w.pool.headings), rng.randint(0, 3)))
    order = ["Background", *[h for h in heads + extra if h != "Background"]]
    left = max(len(order), size)
    for i, head in enumerate(order):
        n = max(1, round(left / (len(order) - i) + rng.uniform(-1.5, 1.5)))
        left -= n
        sec = Section(head, [w.numbered() for _ in range(n)])
        if rng.random() < 0.2:
            sec.bullets = [w.bullet() for _ in range(rng.randint(2, 5))]
        sections.append(sec)
    sections.append(Section("Contact Details", []))
    return Paper("committee report", title, date, body, rng.choice(AUTHORS), sections)


def make_letter(w: Writer, title: str, date: dt.date, body: str, size: int) -> Paper:
    rng = w.rng
    intro = [Para(w.paragraph()) for _ in range(rng.randint(2, 4))]
    sections = [
        Section("", intro),
        Section("Overall strengths", bullets=[w.bullet() for _ in range(rng.randint(4, 8))]),
        Section("Areas for Consideration", bullets=[w.bullet() for _ in range(rng.randint(3, 6))]),
        Section("", intro="The table below highlights the good practice noted by the peer review team.",
                table=w.table(rng.randint(3, 6))),
        Section("", intro="The table below highlights areas the Peer Review Team felt would benefit from further consideration.",
                table=w.table(rng.randint(2, 4))),
        Section("Agreed priorities", [Para(w.paragraph()) for _ in range(max(2, size // 6))]),
    ]
    name = f"{rng.choice(PEOPLE)}"
    return Paper("peer-review letter", title, date, body, "", sections, addressee=name,
                 signoff=f"{rng.choice(PEOPLE)} {rng.choice(SURNAMES)}\nHead of Safeguarding Programme, {body}")


def make_annual(w: Writer, title: str, date: dt.date, body: str, size: int) -> Paper:
    rng = w.rng
    start = dt.date(date.year - 1, 4, 1)
    heads = ["Introduction and Purpose of the Annual Report", "Reporting Period",
             *rng.sample(w.pool.headings, min(len(w.pool.headings), rng.randint(3, 6))), "Priorities for the coming year"]
    sections = []
    left = size
    for i, h in enumerate(heads):
        n = max(1, round(left / (len(heads) - i)))
        left -= n
        paras = [w.numbered() for _ in range(n)]
        if h == "Reporting Period":
            paras[0] = Para(f"This report covers the period from {say_date(start)} to {say_date(date)}.")
        sections.append(Section(h, paras))
    return Paper("annual report", title, date, body, rng.choice(AUTHORS), sections, period=(start, date))


# ---------------------------------------------------------------------------- renderers: text


def _wrap(text: str, width: int = 74, indent: str = "") -> list[str]:
    return [ln + " " for ln in textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent,
                                              break_on_hyphens=False)]


def render_txt(p: Paper, rng: random.Random) -> str:
    """Hard-wrapped text as a converter leaves it: one blank line between paragraphs, a run of
    blank (or space-only) lines where the page broke."""
    blocks: list[list[str]] = []
    cover = [p.body] if len(p.body) < 60 or rng.random() < 0.5 else _wrap(p.body, 46)
    blocks += [[c.rstrip() + " " for c in cover], [say_date(p.date) + " "], [" "], [f"Report of the {p.author}  "], [" "], [p.title + "  "]]
    n = 0
    for sec in p.sections:
        if sec.heading:
            blocks.append([sec.heading + " "])
        if sec.heading == "Contact Details":
            blocks.append([f"Author: {rng.choice(PEOPLE)} {rng.choice(SURNAMES)}, {p.author} "])
            continue
        for sub_n, para in enumerate(sec.paras):
            label, n = _para_label(p, p.sections.index(sec), sub_n, n)
            blocks.append(_wrap(f"{label} {para.text}"))
            for j, s in enumerate(para.subs):
                blocks.append(_wrap(f"{'abcdefghij'[j]}. {s}"))
        for b in sec.bullets:
            blocks.append(_wrap(b))
        if sec.table:
            for area, items in sec.table:
                blocks.append([area + " "])
                for it in items:
                    blocks.append(_wrap(it))
    out: list[str] = ["", " ", "", " ", ""]
    lines_on_page = 0
    page_len = rng.randint(38, 48)
    for blk in blocks:
        if lines_on_page + len(blk) > page_len:
            out += ["", "", " ", "", " ", "", ""]
            lines_on_page = 0
        out += blk + [""]
        lines_on_page += len(blk) + 1
    return "\n".join(out) + "\n"


def _para_label(p: Paper, section_index: int, sub_n: int, n: int) -> tuple[str, int]:
    """The printed label of a paragraph and the running count: "7.3" in annual reports, else "12."."""
    if p.kind == "annual report":
        return f"{section_index + 1}.{sub_n + 1}", n
    return f"{n + 1}.", n + 1


def _md_report_lines(p: Paper, rng: random.Random, style: int) -> list[str]:
    out = [f"# {p.body}", "", f"**{say_date(p.date)}** ", "", f"Report of the {p.author}", "", f"#### **{p.title}**", ""]
    n = 0
    for si, sec in enumerate(p.sections):
        if sec.heading:
            if p.kind == "annual report":
                out += [f"## {si + 1}. {sec.heading}", ""]
            else:
                out += [f"# {'**' + sec.heading + '**' if rng.random() < 0.3 else sec.heading}", ""]
        if sec.heading == "Contact Details":
            out += [f"Author: {rng.choice(PEOPLE)} {rng.choice(SURNAMES)}, {p.author}", ""]
            continue
        for sub_n, para in enumerate(sec.paras):
            label, n = _para_label(p, si, sub_n, n)
            out.append(f"- {label} {para.text}" if style == 0 else f"{label} {para.text}")
            if style == 1:
                out.append("")
            for j, s in enumerate(para.subs):
                out.append(f"  - {'abcdefghij'[j]}. {s}")
            if para.subs and style == 1:
                out.append("")
        if sec.bullets:
            out.append("")
            out += [f"- {b}" for b in sec.bullets]
        out.append("")
    return out


def _md_letter_lines(p: Paper, rng: random.Random) -> list[str]:
    out = ["", f"{p.addressee} {rng.choice(SURNAMES)}  ", "Director of Children's Services  ", "City of York Council  ",
           "West Offices  ", "Station Rise  ", "York  ", "YO1 6GA", "", say_date(p.date), "", f"Dear {p.addressee}", ""]
    for sec in p.sections:
        if sec.heading:
            out += [f"## **{sec.heading}**", ""]
        for para in sec.paras:
            out += [para.text, ""]
        if sec.bullets:
            out += [f"- {b}" for b in sec.bullets] + [""]
        if sec.table:
            out += [sec.intro or "", ""]
            for area, items in sec.table:
                lis = " ".join(f"<li>• {it}</li>" for it in items)
                out.append(f"<p><b>{area}</b></p>\t<ul style=\"list-style-type: none\"> {lis} </ul>")
            out += ["", ""]
    out += ["Yours sincerely", "", *p.signoff.split("\n"), ""]
    return out


def render_md(p: Paper, rng: random.Random) -> str:
    lines = _md_letter_lines(p, rng) if p.kind == "peer-review letter" else _md_report_lines(p, rng, rng.randint(0, 1))
    return "\n".join(["", "", *lines]) + "\n"


# ---------------------------------------------------------------------------- renderer: PDF

PAGE_W, PAGE_H = 595.0, 842.0


class PdfWriter:
    """A small typesetter on a reportlab canvas, drawing the way the seed PDFs are drawn."""

    def __init__(self, path: Path, paper: Paper, first_page: int, rng: random.Random):
        from reportlab.pdfgen import canvas

        self.c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
        self.c.setTitle(paper.title)
        self.paper = paper
        self.page = first_page
        self.size = 12.0 if paper.kind != "peer-review letter" else 11.0
        self.lead = round(self.size * 1.17, 1)
        self.left, self.right = 72.0, 523.0
        self.top, self.bottom = PAGE_H - 78.0, 80.0
        self.y = self.top
        self.letter = paper.kind == "peer-review letter"
        self.rng = rng
        self.started = False

    # -- page furniture
    def _furniture(self) -> None:
        c = self.c
        if self.paper.item is not None and not self.letter:
            c.setFont("Helvetica", 11)
            c.drawRightString(540, PAGE_H - 39, f"Agenda Item {self.paper.item}")
        c.setFont("Helvetica", 10 if not self.letter else 9)
        c.drawCentredString(PAGE_W / 2, 32, f"Page {self.page}" if not self.letter else str(self.page))

    def new_page(self) -> None:
        if self.started:
            self._furniture()
            self.c.showPage()
            self.page += 1
        self.started = True
        self.y = self.top

    def _fits(self, h: float) -> bool:
        return self.y - h >= self.bottom

    def _wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        words, lines, cur = text.split(), [], ""
        for wd in words:
            trial = f"{cur} {wd}" if cur else wd
            if stringWidth(trial, font, size) <= width or not cur:
                cur = trial
            else:
                lines.append(cur)
                cur = wd
        if cur:
            lines.append(cur)
        return lines

    def text_block(self, text: str, x: float | None = None, bold: bool = False, gap: float | None = None,
                   size: float | None = None) -> None:
        x = self.left if x is None else x
        size = size or self.size
        font = "Helvetica-Bold" if bold else "Helvetica"
        lines = self._wrap(text, font, size, self.right - x)
        if not self.started:
            self.new_page()
        # Headings are kept with the next line; paragraphs may break across pages.
        if bold and not self._fits(self.lead * (len(lines) + 2)):
            self.new_page()
        for ln in lines:
            if not self._fits(self.lead):
                self.new_page()
            self.c.setFont(font, size)
            self.c.drawString(x, self.y - size, ln)
            self.y -= self.lead
        self.y -= self.lead * 0.6 if gap is None else gap

    def _edge(self, x0: float, top: float, x1: float, bottom: float) -> None:
        # Borders are thin filled rectangles (y measured down from the top, as pdfplumber does).
        self.c.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top, stroke=0, fill=1)

    def table(self, rows: list[tuple[str, list[str]]]) -> None:
        """Two bordered columns: the area in bold on the left, its bullets on the right."""
        xs = (63.0, 195.0, 533.0)
        pitch, size = 12.0, 10.5
        if not self.started:
            self.new_page()
        for area, items in rows:
            left = self._wrap(area, "Helvetica-Bold", size, xs[1] - xs[0] - 8)
            right: list[tuple[str, bool]] = []  # (line, starts a new bullet)
            for it in items:
                for k, ln in enumerate(self._wrap(it, "Helvetica", size, xs[2] - xs[1] - 20)):
                    right.append((ln, k == 0))
            if not self._fits(pitch * 3 + 8):
                self.new_page()
            seg_top = PAGE_H - self.y
            self._edge(xs[0], seg_top, xs[2], seg_top + 0.7)
            li = 0
            cur = seg_top + 4
            for ri, (ln, first) in enumerate(right):
                extra = 6.0 if first and ri else 0.0
                if PAGE_H - (cur + extra + pitch) < self.bottom:
                    self._close_segment(xs, seg_top, cur + 3)
                    self.new_page()
                    seg_top = PAGE_H - self.y  # no top edge: the row goes on from the last page
                    cur = seg_top + 4
                    extra = 0.0
                cur += extra
                self.c.setFont("Helvetica", size)
                self.c.drawString(xs[1] + 15, PAGE_H - cur - size, ln)
                if li < len(left):
                    self.c.setFont("Helvetica-Bold", size)
                    self.c.drawString(xs[0] + 4, PAGE_H - cur - size, left[li])
                    li += 1
                cur += pitch
            while li < len(left):
                self.c.setFont("Helvetica-Bold", size)
                self.c.drawString(xs[0] + 4, PAGE_H - cur - size, left[li])
                li += 1
                cur += pitch
            self._close_segment(xs, seg_top, cur + 4)
            self.y = PAGE_H - (cur + 4)
        self.y -= self.lead

    def _close_segment(self, xs: tuple[float, ...], top: float, bottom: float) -> None:
        for x in xs:
            self._edge(x, top, x + 0.7, bottom)
        self._edge(xs[0], bottom - 0.7, xs[-1], bottom)

    def finish(self) -> int:
        self._furniture()
        self.c.showPage()
        self.c.save()
        return self.page


def render_pdf(p: Paper, path: Path, first_page: int, rng: random.Random) -> int:
    w = PdfWriter(path, p, first_page, rng)
    if p.kind == "peer-review letter":
        for ln in [f"{p.addressee} {rng.choice(SURNAMES)}", "Director of Children's Services", "City of York Council",
                   "West Offices", "Station Rise", "York", "YO1 6GA"]:
            w.text_block(ln, gap=0)
        w.y -= w.lead
        w.text_block(say_date(p.date))
        w.text_block(f"Dear {p.addressee}")
        for sec in p.sections:
            if sec.heading:
                w.text_block(sec.heading, bold=True, size=12.9 if sec.heading == "Overall strengths" else None)
            for para in sec.paras:
                w.text_block(para.text)
            for b in sec.bullets:
                w.text_block(b, x=w.left + 18, gap=2)
            if sec.table:
                w.text_block(sec.intro or "")
                w.table(sec.table)
        w.text_block("Yours sincerely")
        for ln in p.signoff.split("\n"):
            w.text_block(ln, gap=0)
        return w.finish()
    w.text_block(p.body, bold=True)
    w.text_block(say_date(p.date))
    w.text_block(f"Report of the {p.author}")
    w.text_block(p.title, bold=True)
    n = 0
    for si, sec in enumerate(p.sections):
        if sec.heading:
            w.text_block(sec.heading, bold=True)
        if sec.heading == "Contact Details":
            w.text_block(f"Author: {rng.choice(PEOPLE)} {rng.choice(SURNAMES)}, {p.author}")
            continue
        for sub_n, para in enumerate(sec.paras):
            if p.kind == "annual report":
                label = f"{si + 1}.{sub_n + 1}"
            else:
                n += 1
                label = f"{n}."
            w.text_block(f"{label} {para.text}")
            for j, s in enumerate(para.subs):
                w.text_block(f"{'abcdefghij'[j]}. {s}", x=w.left + 18)
        for b in sec.bullets:
            w.text_block(b, x=w.left + 18, gap=3)
    return w.finish()


# ---------------------------------------------------------------------------- agenda packs


def _paged(lines: list[str], first_page: int, item: int | None, chars_per_page: int = 1900) -> tuple[list[str], int]:
    """Put `# Page N` markers into a report's Markdown lines; returns the lines and the last page."""
    out = [f"# Page {first_page} Agenda Item {item}" if item is not None else f"# Page {first_page}", ""]
    page, used = first_page, 0
    for ln in lines:
        if used > chars_per_page and ln == "":
            page += 1
            used = 0
            out += ["", f"# Page {page}", ""]
        out.append(ln)
        used += len(ln)
    return out, page


def make_pack(pool: Pool, rng: random.Random, date: dt.date, body: str, reports: list[Paper],
              minutes_date: dt.date) -> str:
    w = Writer(pool, rng)
    front = [
        "", "", "", f"# Notice of a public meeting of {body}", "",
        f"**To:** Councillors {', '.join(rng.sample(SURNAMES, 4))} (Chair), {rng.choice(SURNAMES)} (Vice-Chair)", "",
        f"**Date:** {WEEKDAYS[date.weekday()]}, {say_date(date)}", "", "**Time:** 5.30 pm", "",
        "**Venue:** The Thornton Room - Ground Floor, West Offices (G039)", "", "# AGENDA", "",
        "#### 1. Declarations of Interest", "", "At this point, Members are asked to declare:", "",
        "- any personal interests not included on the Register of Interests", "- any prejudicial interests or",
        "- any disclosable pecuniary interests", "", "which they may have in respect of business on this agenda", "",
    ]
    # Minutes of the last meeting (item 2), then the reports from item 4 on.
    minutes: list[str] = [
        "City of York Council\tCommittee Minutes", f"Meeting\t{body}", f"Date\t{say_date(minutes_date)}",
        f"Present\tCouncillors {', '.join(rng.sample(SURNAMES, 5))}", "",
    ]
    no = rng.randint(20, 80)
    minutes += [f"#### {no}. Declarations of Interest", "", "Members were asked to declare, at this point in the "
                "meeting, any personal interests, not included on the Register of Interests, or any prejudicial or "
                "disclosable pecuniary interests they may have in respect of business on the agenda. None were declared.", "",
                f"#### {no + 1}. Minutes", "", "Resolved: That the minutes of the last meeting of the Committee be "
                "approved as a correct record and then signed by the Chair.", "",
                f"# {no + 2}. Public Participation", "", "It was reported that there had been no registrations to speak "
                "at the meeting under the Council's Public Participation Scheme.", ""]
    no += 3
    for _ in range(rng.randint(7, 10)):
        minutes += [f"# {no}. {rng.choice(TOPICS)}", "", w.paragraph(), ""]
        if rng.random() < 0.7:
            minutes += [f"- {w.bullet()}" for _ in range(rng.randint(3, 6))] + [""]
        minutes += [w.paragraph(), "", "Resolved: That the report be noted.", "",
                    "Reason: To keep the Committee updated.", ""]
        no += 1
    minutes += [f"Cllr {rng.choice(SURNAMES)}, Chair [The meeting started at 5.30 pm and finished at 7.25 pm].", ""]
    body_lines, last = _paged(minutes, 1, 2)
    front += ["2. Minutes (Pages 1 - %d)" % last, "",
              f"To approve and sign the minutes of the meeting held on {say_date(minutes_date)}.", "",
              "# 3. Public Participation", "",
              "At this point in the meeting members of the public who have registered to speak can do so. "
              f"The deadline for registering is 5.00pm on {WEEKDAYS[(date - dt.timedelta(days=1)).weekday()]} "
              f"{say_date(date - dt.timedelta(days=1))}.", "",
              "To register to speak please contact the Democracy Officer for the meeting, on the details at the foot of the agenda.", "",
              "# Filming, Recording or Webcasting Meetings", "",
              "Please note that, subject to available resources, this meeting will be filmed and webcast, or recorded, "
              "including any registered public speakers who have given their permission.", "",
              "Residents are welcome to photograph, film or record Councillors and Officers at all meetings open to "
              "the press and public. This includes the use of social media reporting, i.e. tweeting.", "",
              "The Council's protocol on Webcasting, Filming & Recording of Meetings ensures that these practices are "
              "carried out in a manner both respectful to the conduct of the meeting and all those present.", ""]
    page = last + 1
    items: list[tuple[int, Paper, int, int]] = []
    for k, rep in enumerate(reports):
        rep.item = 4 + k
        lines, end = _paged(_md_report_lines(rep, rng, 0), page, rep.item)
        body_lines += ["", "", *lines]
        items.append((rep.item, rep, page, end))
        page = end + 1
    for no_, rep, a, b in items:
        front += [f"# {no_}. {rep.title}", "", f"(Pages {a} - {b})", "", rep.sections[0].paras[0].text, ""]
    front += [f"# {4 + len(reports)}. Urgent Business", "",
              "Any other business which the Chair considers urgent under the Local Government Act 1972.", "",
              "# **Democracy Officer**", "", f"{rng.choice(PEOPLE)} {rng.choice(SURNAMES)}", "Contact details:", "",
              "- Telephone (01904) 551031", "", "For more information about any of the following please contact "
              "the Democratic Services Officer responsible for servicing this meeting:", "",
              "- Registering to speak", "- Business of the meeting", "- Any special arrangements",
              "- Copies of reports and", "- For receiving reports in other formats", "",
              "Contact details are set out above.", "", "**T** (01904) 551550", "", "", ""]
    return "\n".join(front + body_lines) + "\n"


# ---------------------------------------------------------------------------- the plan


@dataclass
class Slot:
    kind: str  # report | letter | annual | pack | dup
    fmt: str  # txt | md | pdf
    series: str | None = None


def _rand_date(rng: random.Random, lo: int = 2005, hi: int = 2024) -> dt.date:
    start, end = dt.date(lo, 1, 1), dt.date(hi, 12, 31)
    d = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
    while d.weekday() >= 5:  # meetings and letters fall on weekdays
        d += dt.timedelta(days=1)
    return d if d <= end else d - dt.timedelta(days=7)


class Titles:
    """Keeps (date, title) pairs unique so inferred ids never collide by accident."""

    def __init__(self) -> None:
        self.used: set[tuple[dt.date, str]] = set()
        self.meetings: set[tuple[dt.date, str]] = set()

    def take(self, rng: random.Random, date: dt.date, base: str | None = None) -> str:
        for attempt in range(200):
            title = base or " ".join(x for x in (rng.choice(TOPICS), rng.choice(QUALIFIERS)) if x)
            if attempt > 20:
                title = f"{title} ({rng.choice(['North', 'South', 'East', 'West', 'City'])} {attempt})"
            if (date, slugify(title)) not in self.used:
                self.used.add((date, slugify(title)))
                return title
            base = None
        raise RuntimeError("could not find a unique title")


def generate(n: int, out: Path, seed: int, pdf_share: float, seed_dir: Path) -> dict[str, int]:
    pool = load_pool(seed_dir)
    master = random.Random(f"plan:{seed}")
    n_pack = max(1, round(n * 0.06)) if n >= 10 else 0
    n_dup = min(n_pack, max(1, round(n * 0.02))) if n_pack else 0
    n_stand = n - n_pack - n_dup
    n_pdf = min(n_stand, round(n * pdf_share))
    fmts = ["pdf"] * n_pdf + [("txt", "md")[i % 2] for i in range(n_stand - n_pdf)]
    master.shuffle(fmts)
    kinds = [master.choices(["report", "letter", "annual"], [0.72, 0.13, 0.15])[0] for _ in range(n_stand)]
    for i, f in enumerate(fmts):  # plain text cannot carry a letter's tables and bullets
        if f == "txt" and kinds[i] == "letter":
            kinds[i] = "report"
    slots = [Slot(k, f) for k, f in zip(kinds, fmts)]
    # Series: about 10% of all files, in runs of 3-6, one kind per series.
    n_series = round(n * 0.10)
    series_defs: list[tuple[str, str, list[int]]] = []
    free = list(range(len(slots)))
    master.shuffle(free)
    s_no = 0
    while n_series >= 2 and free:
        size = min(n_series, master.randint(3, 6), len(free))
        if size < 2:
            break
        members = [free.pop() for _ in range(size)]
        kind = master.choice(["letter", "annual", "report"])
        s_no += 1
        s_topic = master.choice({"letter": REVIEW_KINDS, "annual": ANNUAL_TOPICS, "report": TOPICS}[kind])
        s_name = f"{slugify(s_topic)}-{s_no}"
        for m in members:
            slots[m].kind = kind if not (kind == "letter" and slots[m].fmt == "txt") else "report"
            slots[m].series = s_name
        series_defs.append((s_name, s_topic, members))
        n_series -= size

    out.mkdir(parents=True, exist_ok=True)
    titles = Titles()
    manifest: list[dict[str, str]] = []
    counts = {"pdf": 0, "txt": 0, "md": 0, "pack": 0, "pack_items": 0, "dup": 0, "series": 0, "pdf_pages": 0}

    # Series members: spaced a year or so apart, sharing part of their content.
    series_of: dict[int, tuple[str, dt.date, str, str, Pool]] = {}
    for s_name, s_topic, members in series_defs:
        rng = random.Random(f"series:{seed}:{s_name}")
        start = _rand_date(rng, 2005, 2024 - len(members))
        body = rng.choice(BODIES)
        shared = Pool(paragraphs=rng.sample(pool.paragraphs, min(40, len(pool.paragraphs))),
                      sentences=rng.sample(pool.sentences, min(80, len(pool.sentences))),
                      subitems=rng.sample(pool.subitems, min(20, len(pool.subitems))),
                      bullets=rng.sample(pool.bullets, min(30, len(pool.bullets))),
                      table_bullets=rng.sample(pool.table_bullets, min(25, len(pool.table_bullets))))
        for k, m in enumerate(members):
            d = start + dt.timedelta(days=365 * k + rng.randint(-40, 40))
            while d.weekday() >= 5:
                d += dt.timedelta(days=1)
            series_of[m] = (s_name, d, body, s_topic, shared)

    for i, slot in enumerate(slots):
        rng = random.Random(f"doc:{seed}:{i}")
        name: str | None
        topic: str | None
        if i in series_of:
            name, date, body, topic, shared = series_of[i]
            w = Writer(pool, rng, shared, 0.6)
        else:
            date, body, topic, name = _rand_date(rng), rng.choice(BODIES), None, None
            w = Writer(pool, rng)
        size = max(6, int(rng.lognormvariate(3.2, 0.45)))
        if slot.kind == "letter":
            title = titles.take(rng, date, f"Children's Services {topic or rng.choice(REVIEW_KINDS)}")
            paper = make_letter(w, title, date, "LG Improvement and Development peer review team", size)
        elif slot.kind == "annual":
            label = topic or rng.choice(ANNUAL_TOPICS)
            title = titles.take(rng, date, f"{label} Annual Report {date.year - 1}-{str(date.year)[2:]}")
            paper = make_annual(w, title, date, body, size)
        else:
            title = titles.take(rng, date, f"{topic}: {date.year} update" if topic else None)
            paper = make_report(w, title, date, body, size)
            if rng.random() < 0.5:
                paper.item = rng.randint(4, 9)
        fname = f"{date.isoformat()}-{slugify(title)}.{slot.fmt}"
        if slot.fmt == "pdf":
            counts["pdf_pages"] += render_pdf(paper, out / fname, 1, rng)
        elif slot.fmt == "txt":
            (out / fname).write_text(render_txt(paper, rng), encoding="utf-8")
        else:
            (out / fname).write_text(render_md(paper, rng), encoding="utf-8")
        counts[slot.fmt] += 1
        if name:
            counts["series"] += 1
            doc_id = f"{date.isoformat()}-{slugify(title)}"
            kind = {"letter": "peer-review letter", "annual": "annual report"}.get(slot.kind, "committee report")
            entry = {"file": fname, "id": doc_id[:100].strip("-"), "title": title, "date": date.isoformat(),
                     "kind": kind, "body": paper.body, "series": name}
            if paper.period:
                entry["period"] = f"{paper.period[0].isoformat()}/{paper.period[1].isoformat()}"
            manifest.append(entry)

    # Agenda packs, some with one report also published on its own as .txt (a duplicate).
    minutes_dates: set[dt.date] = set()
    for k in range(n_pack):
        rng = random.Random(f"pack:{seed}:{k}")
        body = rng.choice(BODIES)
        while True:
            date = _rand_date(rng)
            mdate = date - dt.timedelta(days=rng.randint(21, 60))
            if (date, body) not in titles.meetings and mdate not in minutes_dates:
                break
        titles.meetings.add((date, body))
        minutes_dates.add(mdate)
        titles.take(rng, date, f"Agenda pack: {body}")
        reports = []
        for _ in range(rng.randint(2, 4)):
            title = titles.take(rng, date)
            reports.append(make_report(Writer(pool, rng), title, date, body, max(6, int(rng.lognormvariate(2.9, 0.4)))))
        fname = f"{date.isoformat()}-{slugify(body)}-agenda-pack.md"
        (out / fname).write_text(make_pack(pool, rng, date, body, reports, mdate), encoding="utf-8")
        counts["pack"] += 1
        counts["pack_items"] += len(reports) + 1  # the reports and the minutes
        if k < n_dup:
            rep = reports[0]
            (out / f"{date.isoformat()}-{slugify(rep.title)}.txt").write_text(render_txt(rep, rng), encoding="utf-8")
            counts["dup"] += 1

    lines = ["# Synthetic corpus made by scripts/synth_corpus.py from the seed papers' own paragraphs.",
             f"# n={n} seed={seed} pdf_share={pdf_share}; only the papers in a series are listed.",
             "publisher: City of York Council", 'site_title: "Synthetic council papers (benchmark)"', "", "documents:"]
    for e in manifest:
        lines.append(f"  - file: {e['file']}")
        for key in ("id", "title", "date", "kind", "body", "series", "period"):
            if key in e:
                lines.append(f"    {key}: {_yaml_str(e[key])}")
    (out / "manifest.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # What a correct build should give: every file a document, every pack item one more, each
    # duplicate merged into its pack item. Kept in a hidden file, which the pipeline ignores.
    counts["expected_documents"] = n + counts["pack_items"] - counts["dup"]
    counts["series_docs"] = counts.pop("series")
    (out / MARKER).write_text(json.dumps({"n": n, "seed": seed, "pdf_share": pdf_share, **counts}, indent=1) + "\n",
                              encoding="utf-8")
    return counts


def _yaml_str(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of files to write")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pdf-share", type=float, default=0.4, help="share of files that are PDFs (default 0.4)")
    ap.add_argument("--seeds", type=Path, default=ROOT / "corpus", help="folder of seed papers (default: corpus/)")
    ap.add_argument("--force", action="store_true", help="clear OUT_DIR first if this script wrote it")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    if args.out_dir.exists() and any(args.out_dir.iterdir()):
        if not (args.force and (args.out_dir / MARKER).is_file()):
            ap.error(f"{args.out_dir} is not empty (use --force to replace a corpus this script wrote)")
        shutil.rmtree(args.out_dir)
    counts = generate(args.n, args.out_dir, args.seed, args.pdf_share, args.seeds)
    print(f"wrote {args.n} files to {args.out_dir}: {counts['pdf']} PDF ({counts['pdf_pages']} pages), "
          f"{counts['txt']} .txt, {counts['md']} .md reports, {counts['pack']} agenda packs, "
          f"{counts['dup']} duplicates, {counts['series_docs']} in series; "
          f"a correct build gives {counts['expected_documents']} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
