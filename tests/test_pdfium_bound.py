"""The fast reader's own bindings of pdfium's calls (`pdfium_bound`) must give exactly what
pypdfium2's bindings give: they are the same C functions, typed more cheaply, and extraction's
output is to be unchanged by them (scripts/dump_extraction.py checks whole papers)."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.document.extract import pdfium_bound as fx

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_bound_text_calls_give_what_pypdfium2_gives() -> None:
    pdf = pdfium.PdfDocument(str(CORPUS / "2011-04-11-safeguarding-peer-review-letter.pdf"))
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        raw, handle = textpage.raw, fx.handle(textpage.raw)
        mine, theirs = fx.Doubles(6), [ctypes.c_double() for _ in range(6)]
        m1, m2 = pdfium_c.FS_MATRIX(), pdfium_c.FS_MATRIX()
        f1, f2 = ctypes.create_string_buffer(128), ctypes.create_string_buffer(128)
        flags1, flags2 = ctypes.c_int(), ctypes.c_int()
        count = pdfium_c.FPDFText_CountChars(raw)
        assert count > 100
        for k in range(count):
            assert fx.font_size(handle, k) == pdfium_c.FPDFText_GetFontSize(raw, k)
            assert fx.char_angle(handle, k) == pdfium_c.FPDFText_GetCharAngle(raw, k)
            fx.char_origin(handle, k, *mine.at[:2])
            pdfium_c.FPDFText_GetCharOrigin(raw, k, *theirs[:2])
            fx.char_box(handle, k, *mine.at[2:])
            pdfium_c.FPDFText_GetCharBox(raw, k, *theirs[2:])
            assert [c.value for c in mine.v] == [c.value for c in theirs]
            assert fx.char_matrix(handle, k, fx.pointer_to(m1)) == pdfium_c.FPDFText_GetMatrix(raw, k, m2)
            assert bytes(m1) == bytes(m2)
            fx.font_info(handle, k, fx.pointer_to(f1), fx.FONT_BUF_LEN, fx.pointer_to(flags1))
            pdfium_c.FPDFText_GetFontInfo(raw, k, f2, 128, flags2)
            assert (f1.value, flags1.value) == (f2.value, flags2.value)
        textpage.close()
        page.close()
    finally:
        pdf.close()


def test_bound_object_calls_give_what_pypdfium2_gives() -> None:
    pdf = pdfium.PdfDocument(str(CORPUS / "2011-04-11-safeguarding-peer-review-letter.pdf"))
    try:
        page = pdf[0]
        raw, at = page.raw, fx.address(page.raw)
        assert fx.count_objects(at) == pdfium_c.FPDFPage_CountObjects(raw) > 0
        mine, theirs = fx.Floats(4), [ctypes.c_float() for _ in range(4)]
        for k in range(fx.count_objects(at)):
            obj, their_obj = fx.get_object(at, k), pdfium_c.FPDFPage_GetObject(raw, k)
            assert obj == fx.address(their_obj)
            assert fx.object_type(obj) == pdfium_c.FPDFPageObj_GetType(their_obj)
            fx.object_bounds(obj, *mine.at)
            pdfium_c.FPDFPageObj_GetBounds(their_obj, *theirs)
            assert [c.value for c in mine.v] == [c.value for c in theirs]
        page.close()
    finally:
        pdf.close()
