"""Forms printed as ruled grids whose rows are lettered, as a decision recording form is.

"(a) | Subject: | Opportunities to promote ...", "(b) | Ward:", ..., "(d) | Decision taken | 1.
Initiated ... 2. Residents Parking a. Approve ... b. Approved ...": such a grid is no data table
(it has no header row and each row says something different), and it is cited the way it is
printed: each row a finding labelled with its letter ("d"), each numbered or lettered point
printed inside a row a finding under it ("d 1", "d 2 a"). A form's rows may be cut into several
tables (a page break, a row too tall for the page): a table whose first row carries on the last
form's letters ("(d)" after "(a)"-"(c)") goes on with that form.

A table is read as a form when every row that does not continue the one above opens with a cell
holding only a letter label, the letters in sequence from "a" or from the last form's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.document.items import Levels
from ingest.document.numbering import Label, parse_label, split_inline
from ingest.document.parts import rejoined, then
from ingest.model import Block, Finding, Row
from ingest.textutil import ends_sentence

if TYPE_CHECKING:
    from ingest.document.segment import _State

_LETTERS = ("alpha.", "alpha)", "(alpha)")


@dataclass
class FormReading:
    """Where the reading of a form stands: its last letter, and the row's findings so far."""

    last: Label | None = None
    row: Finding | None = None  # the row's own finding ("Subject: ...", "Decision taken ...")
    point: Finding | None = None  # the last point printed in the row ("2 a")
    levels: Levels = field(default_factory=Levels)


def _cell_label(row: Row, prev: Label | None) -> Label | None:
    """The letter label that is all of the row's first cell ("(d)"), else None. `prev`: the
    row's letter before, so that "(i)" after "(h)" is a letter."""
    if not row.cells:
        return None
    lab = parse_label(f"{row.cells[0].text.strip()} x", prev.text if prev is not None else None)
    return lab if lab is not None and lab.rest == "x" and lab.style in _LETTERS else None


def form_labels(b: Block, last: Label | None) -> list[Label | None] | None:
    """Each row's letter (None for a row that continues the one above) when `b` is a lettered
    form (see the module's notes), else None. `last`: the last letter of the form read before."""
    labels: list[Label | None] = []
    prev = last
    for i, row in enumerate(b.rows):
        lab = _cell_label(row, prev)
        if lab is None:
            if row.continued and labels:
                labels.append(None)
                continue
            return None
        in_turn = prev is not None and prev.style == lab.style and lab.value == prev.value + 1
        if not (in_turn or (i == 0 and lab.value == 1)):
            return None
        labels.append(lab)
        prev = lab
    return labels


def read_form(st: _State, b: Block) -> bool:
    """Findings from a lettered form's rows; False (nothing read) when `b` is not one."""
    form = st.form
    labels = form_labels(b, form.last)
    if labels is None:
        return False
    for row, lab in zip(b.rows, labels):
        if lab is not None:
            st.form = form = FormReading(last=lab)
        letter = form.last.text if form.last is not None else ""
        first: Finding | None = None
        for cell in row.cells[1:]:
            for part in cell.parts:
                if not part.text.strip():
                    continue
                for piece in split_inline(part.text.strip()):
                    f = _piece(st, form, letter, piece, part.page)
                    part.finding_id = part.finding_id or f.id
                    first = first or f
        if first is not None:
            for part in row.cells[0].parts:
                part.finding_id = first.id  # the letter is the finding's label
    return True


def _piece(st: _State, form: FormReading, letter: str, text: str, page: int | None) -> Finding:
    """The finding `text` starts or goes on: a printed point starts one under the row's letter;
    other text goes on with the point or row before it (a line the cell wrapped, "Contractual:"
    between two points), or starts the row's own finding."""
    lab = parse_label(text, form.levels.letter())
    if lab is not None and lab.style != "ref" and lab.rest:
        path = form.levels.place(lab)
        f = st.add("paragraph", " ".join([letter, *path]), lab.rest, page, f"form-{letter}-{'-'.join(path)}")
        form.levels.push(lab, f)
        form.point = f
        return f
    if form.point is None and form.row is None:
        form.row = st.add("paragraph", letter, text, page, f"form-{letter}")
        return form.row
    # In a point, a line the cell wrapped goes on in the sentence ("... Cllr Rob" / "Bryher, to
    # make ..."); in the row's own text, a value follows its key on the line ("Subject: ...")
    # and other pieces are paragraphs ("Decision taken" / "The Policy Committee:").
    if form.point is not None:
        wrapped = not ends_sentence(form.point.text) or text[:1].islower()
        return st.parts.grow(form.point, text, page, rejoined if wrapped else then("\n\n"))
    assert form.row is not None
    on_line = text[:1].islower() or form.row.text.endswith(":")
    return st.parts.grow(form.row, text, page, rejoined if on_line else then("\n\n"))
