"""Measure the build on real council papers against labels written by reading each paper.

Example: python scripts/evaluate_real.py                 (both halves' figures; one row a tuning paper)
         python scripts/evaluate_real.py --errors        (list every miss, for the tuning half only)
         python scripts/evaluate_real.py --json out.json

Labels live in tests/realpapers/labels/ (format and definitions: tests/realpapers/LABELLING.md).
Each names its paper's file: `where: shared` papers are read from ../shared/realpdfs/, `where:
fetched` ones from $INGEST_REALPAPERS (default: ../shared/fetched beside the project; their sources
are in tests/realpapers/SOURCES.tsv). A paper whose file is absent is reported as missing and
left out of the figures. The papers are built by the product's own orchestrator
(`ingest.pipeline.build`, without rendering), all in one corpus as a council would.

The figures, each for the tuning half, the held-out half and both:
- sentences whole: labelled sentences found complete inside one finding;
- page right: of those, the finding's physical page (the PDF's own page) is the labelled one;
- printed page right: of those with a printed page, the finding's printed page is the one printed;
- label right: of those found whose paragraph is numbered, the finding's label ends with the printed one;
- table rows whole: labelled data rows whose cells all sit, in order, in one finding of about a row's size
  (a first cell opening with a printed item label, "i) ...", may have that label in the finding's label);
- short findings: findings of fewer than three words, of all findings;
- furniture as findings: labelled furniture that is (most of) a finding, as whole words: at least half the
  finding's characters are that furniture, or the furniture is a passage of eight words or more
  (also counted by what the label calls it: a cover block, a sign-off, ...; counts only, for the held-out half too);
- broken glyphs: findings holding U+FFFE, U+FFFD or a private-use character;
- papers with no findings;
- metadata: title (holds the title words), date, kind, publisher, each right or not; publisher
  where printed: the same, of the papers whose text layer prints the labelled publisher's name
  (read here with pypdfium2, not by the build: a name only in a logo image, or never given,
  cannot be read, and the issue wants it left out rather than guessed); publisher wrong: papers
  given a publisher other than the labelled one (a publisher left out is not wrong); body: the
  committee or meeting given is the labelled one, and a paper of no committee is given none.
`--errors` never prints the held-out half's misses: no rule is to be written from them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "realpapers" / "labels"
SHARED = ROOT.parent / "shared" / "realpdfs"


COMMITTED = ROOT / "tests" / "realpapers" / "pdfs"


def fetched_dir() -> Path:
    return Path(os.environ.get("INGEST_REALPAPERS", str(ROOT.parent / "shared" / "fetched")))


def paper_file(name: str, where: str) -> Path | None:
    """Where a labelled paper is on this machine, or None. The nine `shared` papers are read
    from ../shared/realpdfs (never copied here); a fetched paper from the repository's own
    tests/realpapers/pdfs/ (the smaller papers, so a fresh clone and CI test them), else from
    $INGEST_REALPAPERS or ../shared/fetched (all of them, with scripts/fetch_realpapers.py)."""
    places = [SHARED / name] if where == "shared" else [COMMITTED / name, fetched_dir() / name]
    return next((p for p in places if p.is_file()), None)


# ------------------------------------------------------------------ text comparison

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                         "\u00a0": " ", "\u2010": "-", "\u2011": "-"})
_BROKEN = re.compile("[\ufffe\ufffd\ue000-\uf8ff]")


def norm(text: str) -> str:
    """Text as compared: NFKC, plain quotes and dashes, one space, case folded."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split()).casefold()


def name_folded(name: str) -> str:
    """A body's name as compared: `norm`ed, with "&" read as "and" ("Manordeilo & Salem" is
    "Manordeilo and Salem"; papers print either, and a label copies the one it saw), and a London
    borough's formal name as its everyday one ("London Borough of Southwark", "Southwark London
    Borough Council" and "Southwark Council" are one council: a cover prints one, a venue another), and
    a place's words joined by hyphens as words apart ("Ferryport-on-Craig" is "Ferryport on Craig": a
    community council's minutes print one in a heading in capitals, the other beside it)."""
    folded = " ".join(re.sub(r"(?<=\w)-(?=\w)", " ", norm(name)).replace("&", " and ").split())
    return _LONDON_BOROUGH.sub(lambda m: f"{m['place'] or m['before']} council", folded)


_LONDON_BOROUGH = re.compile(r"^(?:the )?london borough of (?P<place>.+?)(?: council)?$|^(?P<before>.+?) london borough council$")


def same_name(got: str | None, labelled: object) -> bool:
    return got is not None and name_folded(got) == name_folded(str(labelled))


def same_body(got: str | None, labelled: object) -> bool:
    """Whether the committee or meeting given is the labelled one. A paper with no committee (an
    inspection, a letter, a plan) must be given none: the meetings page would list it under a body
    that is not one. Either may carry the council's name or a trailing "Committee" the other
    leaves off ("Tintern Community Council" / "Community Council", "Amenities, Leisure and Community
    Services" / "... Committee"), as papers print both and labels copy the one they saw."""
    if labelled in (None, ""):
        return got in (None, "")
    if not got:
        return False
    a, b = (_BODY_END.sub("", name_folded(x)) for x in (got, str(labelled)))
    return a == b or a.endswith(f" {b}") or b.endswith(f" {a}")


_BODY_END = re.compile(r"\s+(?:committee|sub-committee|panel|meeting)$")


_LABEL_WORDS = {"para", "paragraph", "minute", "item", "point", "resolution", "row", "bullet", "section", "page", "p", "no"}


def label_tokens(label: str | None) -> list[str]:
    """A label's numbers and letters: "31 d" -> [31, d]; "para. 4" -> [4]; "(ii)" -> [ii]."""
    if not label:
        return []
    toks = re.findall(r"[A-Za-z]+\d*|\d+(?:\.\d+)*", label)
    return [t.casefold() for t in toks if t.casefold() not in _LABEL_WORDS]


def label_right(got: str | None, expected: str) -> bool:
    g, e = label_tokens(got), label_tokens(expected)
    return bool(e) and len(g) >= len(e) and g[-len(e):] == e


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


# ------------------------------------------------------------------ labels and the build


@dataclass
class Paper:
    name: str
    path: Path | None
    half: str
    label: dict[str, Any]


def load_labels(labels_dir: Path = LABELS) -> list[Paper]:
    papers = []
    for f in sorted(labels_dir.glob("*.yaml")):
        label = yaml.safe_load(f.read_text(encoding="utf-8"))
        path = paper_file(label["file"], label.get("where", "fetched"))
        papers.append(Paper(name=label["file"], path=path, half=label["half"], label=label))
    return papers


def build_papers(papers: list[Paper], workdir: Path) -> Any:
    """Build every present paper in one corpus with the product's orchestrator (no rendering)."""
    return build_pdfs([p.path for p in papers if p.path is not None], workdir)


def build_pdfs(pdfs: list[Path], workdir: Path) -> Any:
    """Build these files, copied into `workdir`/corpus, as one corpus (no rendering, no cache)."""
    from ingest.pipeline import BuildOptions, build

    corpus = workdir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for path in pdfs:
        shutil.copyfile(path, corpus / path.name)
    opts = BuildOptions(corpus=corpus, site=workdir / "site", executor="serial", render=False, cache_dir=None)
    return build(opts).corpus


# ------------------------------------------------------------------ scoring


@dataclass
class Score:
    counts: dict[str, list[int]] = field(default_factory=dict)  # figure -> [right, of]
    misses: list[str] = field(default_factory=list)
    # Labelled furniture by what it is (running header, cover block, ...) -> [leaked, of]: counts
    # only, so the held-out half says where it leaks without a word of its text.
    furniture_by_what: dict[str, list[int]] = field(default_factory=dict)

    def add(self, figure: str, right: bool, miss: str | None = None) -> None:
        c = self.counts.setdefault(figure, [0, 0])
        c[0] += int(right)
        c[1] += 1
        # For the figures where lower is better, `right` counts the bad case, and that is the miss.
        if miss and (right if figure in LOWER_IS_BETTER else not right):
            self.misses.append(f"{figure}: {miss}")

    def merge(self, other: Score) -> None:
        for k, (r, n) in other.counts.items():
            c = self.counts.setdefault(k, [0, 0])
            c[0] += r
            c[1] += n
        for k, (r, n) in other.furniture_by_what.items():
            c = self.furniture_by_what.setdefault(k, [0, 0])
            c[0] += r
            c[1] += n

    def share(self, figure: str) -> float | None:
        r, n = self.counts.get(figure, [0, 0])
        return r / n if n else None


FIGURES = ["sentences whole", "page right", "printed page right", "label right", "table rows whole",
           "short findings", "furniture as findings", "broken glyphs", "no findings",
           "title", "date", "kind", "publisher", "publisher where printed", "publisher wrong", "body"]


def score_paper(paper: Paper, corpus: Any) -> Score:
    s = Score()
    docs = [d for d in corpus.documents if any(src.file == paper.name for src in d.sources)]
    own = next((d for d in docs if any(src.file == paper.name and not src.pack for src in d.sources)), None)
    findings = [f for d in docs for f in d.findings]
    normed = [(f, norm(f.text)) for f in findings]
    s.add("no findings", not findings, paper.name)
    for f in findings:
        s.add("short findings", words(f.text) < 3, f"{f.id}: {f.text!r}")
        s.add("broken glyphs", bool(_BROKEN.search(f.text)), f"{f.id}: {f.text[:80]!r}")
    for sent in paper.label.get("sentences") or []:
        want = norm(sent["text"])
        hit = next((f for f, t in normed if want in t), None)
        s.add("sentences whole", hit is not None, f"p{sent.get('pdf_page')} {sent['text'][:90]!r}")
        if hit is None:
            continue
        # The page the sentence starts on: a finding that runs across a page break records where
        # each later page begins in its text (Finding.page_starts).
        at = _text_offset(hit.text, want)
        where = hit.page_at(at)
        got_pdf = where.pdf_page or where.page
        s.add("page right", got_pdf == sent.get("pdf_page"),
              f"{hit.id}: pdf page {got_pdf}, labelled {sent.get('pdf_page')}: {sent['text'][:60]!r}")
        if sent.get("printed_page") not in (None, ""):
            got_printed = where.printed_page if where.printed_page is not None else where.page
            s.add("printed page right", str(got_printed) == str(sent["printed_page"]),
                  f"{hit.id}: printed {got_printed}, labelled {sent['printed_page']}: {sent['text'][:60]!r}")
        if sent.get("label") not in (None, ""):
            s.add("label right", label_right(hit.label, str(sent["label"])),
                  f"{hit.id}: label {hit.label!r}, printed {sent['label']!r}: {sent['text'][:60]!r}")
    for row in paper.label.get("tables") or []:
        s.add("table rows whole", row_is_whole(row, [t for _, t in normed], [f.label for f, _ in normed]), f"p{row.get('pdf_page')} {row.get('cells')}")
    for furn in paper.label.get("furniture") or []:
        want = norm(str(furn["text"]))
        leaked = next((f for f, t in normed if furniture_leak(want, t)), None)
        s.add("furniture as findings", leaked is not None, f"p{furn.get('pdf_page')} {furn['text'][:60]!r} in {leaked.id if leaked else ''}")
        s.furniture_by_what.setdefault(str(furn.get("what")), [0, 0])[0] += int(leaked is not None)
        s.furniture_by_what[str(furn.get("what"))][1] += 1
    meta = paper.label.get("metadata") or {}
    title = own.title if own else ""
    s.add("title", bool(own) and all(norm(w) in norm(title) for w in meta.get("title_words") or [meta.get("title", "?")]),
          f"{title!r}, labelled {meta.get('title')!r}")
    if meta.get("date"):
        s.add("date", bool(own) and own.date == str(meta["date"]), f"{own.date if own else None}, labelled {meta['date']}")
    s.add("kind", bool(own) and own.kind == meta.get("kind"), f"{own.kind if own else None!r}, labelled {meta.get('kind')!r}")
    publisher = getattr(own, "publisher", None) if own else None
    s.add("publisher", same_name(publisher, meta.get("publisher")),
          f"{publisher!r}, labelled {meta.get('publisher')!r}")
    if prints_name(paper, str(meta.get("publisher"))):
        s.add("publisher where printed", same_name(publisher, meta.get("publisher")),
              f"{publisher!r}, labelled {meta.get('publisher')!r} (printed in the paper)")
    # A publisher left out (the paper does not print it) is a miss above; one given wrongly is worse.
    s.add("publisher wrong", publisher is not None and not same_name(publisher, meta.get("publisher")),
          f"{publisher!r}, labelled {meta.get('publisher')!r}")
    body = own.body if own else None
    s.add("body", bool(own) and same_body(body, meta.get("body")), f"{body!r}, labelled {meta.get('body')!r}")
    return s


def _whole(want: str) -> re.Pattern[str]:
    # Whole words only: a page number "2" is not in a finding "22".
    return re.compile(rf"(?<!\w){re.escape(want)}(?!\w)")


def furniture_leak(want: str, finding: str) -> bool:
    """Whether the labelled furniture `want` (normalised) leaked into the normalised `finding`:
    it stands in the finding as whole words, and it is most of the finding (at least half its
    characters), or it is a passage of eight words or more (a back page's licence glued onto the
    last paragraph). A body sentence that says a running header's words ("Part 2 of the Interim
    SA report aims to:"), or two of them ("This is the Non-Technical Summary (NTS) of the
    Interim SA Report."), is the sentence's: each label is measured alone."""
    if not want or want not in finding or not _whole(want).search(finding):
        return False
    return words(want) >= 8 or 2 * len(want) >= len(finding)


def _text_offset(text: str, want: str) -> int:
    """The offset in `text` where the normalised sentence `want` starts (norm folds spaces, so
    the offset is found by normalising ever longer prefixes' lengths: bisect on them)."""
    at = norm(text).find(want)
    lo, hi = 0, len(text)
    while lo < hi:  # the shortest prefix whose normalised form reaches past `at`
        mid = (lo + hi) // 2
        if len(norm(text[:mid])) > at:
            hi = mid
        else:
            lo = mid + 1
    return max(0, lo - 1)


def prints_name(paper: Paper, name: str) -> bool:
    """Whether the paper's text layer holds `name` (case, spacing, quotes and line ends folded).
    Read with pypdfium2 directly, so the figure does not depend on the build's own extraction."""
    if paper.path is None or paper.path.suffix.lower() != ".pdf":
        return False
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(paper.path))
    try:
        pages = []
        for page in pdf:
            tp = page.get_textpage()
            pages.append(tp.get_text_range().replace("\ufffe", ""))
            tp.close()
            page.close()
    finally:
        pdf.close()
    return name_folded(name) in name_folded(" ".join(pages))


# A printed item label opening a row's first cell: "i) Manordeilo Reading Room ...", "(b) ...", "3.2 ...".
# A letter must be closed by its bracket or stop ("A new road" opens with no label); a number need not.
_ITEM_LABEL = re.compile(r"^(?:\(?([ivxlc]+|[a-z])[.)]|\(?(\d+(?:\.\d+)*)[.)]?)\s+(?=\S)", re.I)


def row_is_whole(row: dict[str, Any], texts: list[str], labels: list[str | None] | None = None) -> bool:
    """Whether a labelled table row (its `cells`, `header`) is whole in one of these findings'
    texts (`norm`ed): its cells all there, in order, in a finding of about a row's size. A row
    whose first cell opens with a printed item label ("i) ...") is whole too in a finding that
    carries that label (`labels`, the findings' own, in the same order) and the rest: the
    segmenter moves a printed label into the finding's label, off its text."""
    cells = [norm(str(c)) for c in row.get("cells") or [] if str(c).strip()]
    size = len(" | ".join([*(str(h) for h in row.get("header") or []), *(str(c) for c in row.get("cells") or [])]))
    if any(_in_order(cells, t) and len(t) <= 2 * size + 100 for t in texts):
        return True
    m = _ITEM_LABEL.match(cells[0]) if cells and labels is not None else None
    if not m or labels is None:
        return False
    rest = [cells[0][m.end():], *cells[1:]]
    return any(label_right(got, m.group(1) or m.group(2)) and _in_order(rest, t) and len(t) <= 2 * size + 100
               for got, t in zip(labels, texts))


def _in_order(cells: list[str], text: str) -> bool:
    at = 0
    for c in cells:
        at = text.find(c, at)
        if at < 0:
            return False
        at += len(c)
    return bool(cells)


# ------------------------------------------------------------------ report


LOWER_IS_BETTER = {"short findings", "furniture as findings", "broken glyphs", "no findings", "publisher wrong"}


def evaluate(papers: list[Paper], corpus: Any) -> dict[str, Any]:
    per_paper = {p.name: score_paper(p, corpus) for p in papers if p.path is not None}
    halves: dict[str, Score] = {"tune": Score(), "heldout": Score(), "all": Score()}
    for p in papers:
        if p.path is None:
            continue
        halves[p.half].merge(per_paper[p.name])
        halves["all"].merge(per_paper[p.name])
    return {"papers": per_paper, "halves": halves,
            "missing": [p.name for p in papers if p.path is None],
            "half_of": {p.name: p.half for p in papers}}


def _fmt(score: Score, figure: str) -> str:
    r, n = score.counts.get(figure, [0, 0])
    return f"{r / n:6.3f} ({r}/{n})" if n else "     -"


def print_report(result: dict[str, Any], errors: bool) -> None:
    print("Real papers: " + ", ".join(f"{h} {sum(1 for x in result['half_of'].values() if x == h)}" for h in ("tune", "heldout"))
          + (f"; missing (not on this machine): {', '.join(result['missing'])}" if result["missing"] else ""))
    print(f"\n{'figure':24} {'tuning half':>16} {'held-out half':>16} {'both':>16}")
    for fig in FIGURES:
        mark = " (lower is better)" if fig in LOWER_IS_BETTER else ""
        print(f"{fig:24} " + " ".join(f"{_fmt(result['halves'][h], fig):>16}" for h in ("tune", "heldout", "all")) + mark)
    whats = sorted({w for h in ("tune", "heldout") for w in result["halves"][h].furniture_by_what})
    print("\nfurniture as findings, by what the labels call it (leaked/labelled):")
    for w in whats:
        print(f"  {w:22} " + " ".join(f"{'%d/%d' % tuple(result['halves'][h].furniture_by_what.get(w, [0, 0])):>16}"
                                      for h in ("tune", "heldout", "all")))
    # One row a paper for the tuning half only: the held-out half is read as its totals above, so
    # that no rule is written from one of its papers (seen by accident, a row is hard to unsee).
    print(f"\n{'paper (tuning half)':62} half    sent  page  label table short furn  title date kind publ")
    for name, s in result["papers"].items():
        if result["half_of"][name] != "tune":
            continue
        cols = [s.share(f) for f in ("sentences whole", "page right", "label right", "table rows whole", "short findings", "furniture as findings")]
        meta = ["y" if s.share(f) == 1 else "n" if s.share(f) is not None else "-" for f in ("title", "date", "kind", "publisher")]
        print(f"{name[:62]:62} {result['half_of'][name]:7} " + " ".join("   -  " if c is None else f"{c:5.2f} " for c in cols)
              + "  " + "    ".join(meta))
    if errors:
        for name, s in result["papers"].items():
            if result["half_of"][name] != "tune" or not s.misses:
                continue
            print(f"\n## {name}")
            for m in s.misses:
                if not m.startswith(("short findings", "broken glyphs")) or len(s.misses) < 400:
                    print("  " + m)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--errors", action="store_true", help="list every miss of the tuning half")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("--only", help="only papers whose file name contains this")
    args = ap.parse_args(argv)
    papers = load_labels(args.labels)
    if args.only:
        papers = [p for p in papers if args.only in p.name]
    if not papers:
        print(f"no labels in {args.labels}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_papers(papers, Path(tmp))
    result = evaluate(papers, corpus)
    print_report(result, args.errors)
    if args.json:
        args.json.write_text(json.dumps({h: s.counts for h, s in result["halves"].items()}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
