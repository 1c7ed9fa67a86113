"""pdfium's per-character and per-object calls, bound once with bare argument types.

pypdfium2's raw bindings type every handle as a pointer to its own struct, so each call builds
and checks a ctypes pointer for the handle and for every out-argument, and a call that returns
a handle (a page object) wraps it in a new Python object. The fast reader makes several such
calls for every line and one for every object of a page, so here the same C functions are typed
with `c_void_p` and plain ints: a handle is passed as its address (`address`), an out-argument
as the address of a buffer made once (`Doubles`, `Floats`), and a page object comes back as an
int. Measured with callgrind, a call costs about a fifth fewer instructions, and reading a page's
objects about half. The functions are the library's own, so what they return is the same.
"""

from __future__ import annotations

import ctypes
from ctypes import c_double, c_float, c_int, c_ulong, c_void_p
from typing import Any

import pypdfium2.raw as pdfium_c
from pypdfium2_raw.bindings import _libs

_LIB = _libs["pdfium"]


def _bind(name: str, restype: Any, *argtypes: Any) -> Any:
    """The library's function `name`, typed afresh (pypdfium2's own binding is left as it is)."""
    at = ctypes.cast(getattr(_LIB, name), c_void_p).value
    if at is None:
        raise ImportError(f"pdfium has no {name}")
    return ctypes.CFUNCTYPE(restype, *argtypes)(at)


def address(handle: Any) -> int:
    """A pypdfium2 handle (`page.raw`, `textpage.raw`) as the address the bound functions take."""
    return ctypes.cast(handle, c_void_p).value or 0


class Doubles:
    """Out-arguments of type double*, made once: `at[k]` is the address to pass, `v[k]` the cell."""

    def __init__(self, n: int) -> None:
        self.v = [c_double() for _ in range(n)]
        self.at = [ctypes.addressof(x) for x in self.v]


class Floats:
    """Out-arguments of type float*, as `Doubles`."""

    def __init__(self, n: int) -> None:
        self.v = [c_float() for _ in range(n)]
        self.at = [ctypes.addressof(x) for x in self.v]


# Text page calls: (textpage, index, ...).
char_origin = _bind("FPDFText_GetCharOrigin", c_int, c_void_p, c_int, c_void_p, c_void_p)
char_box = _bind("FPDFText_GetCharBox", c_int, c_void_p, c_int, c_void_p, c_void_p, c_void_p, c_void_p)
font_size = _bind("FPDFText_GetFontSize", c_double, c_void_p, c_int)
font_info = _bind("FPDFText_GetFontInfo", c_ulong, c_void_p, c_int, c_void_p, c_ulong, c_void_p)
char_matrix = _bind("FPDFText_GetMatrix", c_int, c_void_p, c_int, c_void_p)
char_angle = _bind("FPDFText_GetCharAngle", c_float, c_void_p, c_int)

# Page object calls: a page's objects come back as ints.
count_objects = _bind("FPDFPage_CountObjects", c_int, c_void_p)
get_object = _bind("FPDFPage_GetObject", c_void_p, c_void_p, c_int)
object_type = _bind("FPDFPageObj_GetType", c_int, c_void_p)
object_bounds = _bind("FPDFPageObj_GetBounds", c_int, c_void_p, c_void_p, c_void_p, c_void_p, c_void_p)

PATH, IMAGE, TEXT = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_TEXT
