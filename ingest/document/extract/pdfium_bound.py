"""pdfium's per-character and per-object calls, bound once with bare argument types.

pypdfium2's raw bindings type every handle as a pointer to its own struct, so each call builds
and checks a ctypes pointer for the handle and for every out-argument, and a call that returns
a handle (a page object) wraps it in a new Python object. The fast reader makes several such
calls for every line and one for every object of a page, so here the same C functions are typed
afresh. The per-character calls (several a line) are left untyped: ctypes then converts
nothing but the index (a Python int, passed as a C int), so the text page (`handle`) and each
out-argument (`Doubles`, `Floats`, `pointer_to`) are passed as a `byref` made once. ctypes
copies a `byref`'s address as it is; a `c_void_p` it converts afresh on every call (a new
argument object, its type code looked up), about 330 instructions an argument. Measured with
callgrind, a font size costs 3,500 instructions instead of 6,100 through pypdfium2's binding, and
a character's box 5,200 instead of 6,900 with `c_void_p` arguments.
The page object calls are typed with `c_void_p`, so a page object comes back as an int rather
than a new pointer object. The functions are the library's own, so what they return is the same.
"""

from __future__ import annotations

import ctypes
from ctypes import c_double, c_float, c_int, c_ulong, c_void_p
from typing import Any

import pypdfium2.raw as pdfium_c
from pypdfium2_raw.bindings import _libs

_LIB = _libs["pdfium"]


# What `handle` and `pointer_to` give: a ctypes `byref` (typeshed's private `_CArgObject`).
Ref = Any


def _bind(name: str, restype: Any, *argtypes: Any) -> Any:
    """The library's function `name`, typed afresh (pypdfium2's own binding is left as it is);
    with no `argtypes`, untyped: every argument but an int must then be a ctypes object."""
    at = ctypes.cast(getattr(_LIB, name), c_void_p).value
    if at is None:
        raise ImportError(f"pdfium has no {name}")
    fn = ctypes.CFUNCTYPE(restype, *argtypes)(at)
    if not argtypes:
        fn.argtypes = None  # type: ignore[assignment]  # None: convert by value, the documented default
    return fn


def address(handle: Any) -> int:
    """A pypdfium2 handle (`page.raw`) as the address the page object calls take."""
    return ctypes.cast(handle, c_void_p).value or 0


def handle(raw: Any) -> Ref:
    """A pypdfium2 handle (`textpage.raw`) as the untyped calls take it: its address, as a `byref`
    of the (opaque) memory it points to. It is valid while the handle is open."""
    return ctypes.byref(ctypes.c_char.from_address(address(raw)))


def pointer_to(cell: Any) -> Ref:
    """An out-argument for the calls: the address of a ctypes cell or buffer, as a `byref` (which
    keeps the cell alive)."""
    return ctypes.byref(cell)


class Doubles:
    """Out-arguments of type double*, made once: `at[k]` is the pointer to pass, `v[k]` the cell."""

    def __init__(self, n: int) -> None:
        self.v = [c_double() for _ in range(n)]
        self.at = [pointer_to(x) for x in self.v]


class Floats:
    """Out-arguments of type float*, as `Doubles`."""

    def __init__(self, n: int) -> None:
        self.v = [c_float() for _ in range(n)]
        self.at = [pointer_to(x) for x in self.v]


# Text page calls, untyped: (handle, index, out-pointers...). FPDFText_GetFontInfo's buffer
# length is an unsigned long: pass a c_ulong (`FONT_BUF_LEN`), not an int.
char_origin = _bind("FPDFText_GetCharOrigin", c_int)
char_box = _bind("FPDFText_GetCharBox", c_int)
font_size = _bind("FPDFText_GetFontSize", c_double)
font_info = _bind("FPDFText_GetFontInfo", c_ulong)
char_matrix = _bind("FPDFText_GetMatrix", c_int)
char_angle = _bind("FPDFText_GetCharAngle", c_float)
FONT_BUF_LEN = c_ulong(128)

# Page object calls: a page's objects come back as ints.
count_objects = _bind("FPDFPage_CountObjects", c_int, c_void_p)
get_object = _bind("FPDFPage_GetObject", c_void_p, c_void_p, c_int)
object_type = _bind("FPDFPageObj_GetType", c_int, c_void_p)
object_bounds = _bind("FPDFPageObj_GetBounds", c_int, c_void_p, c_void_p, c_void_p, c_void_p, c_void_p)

PATH, IMAGE, TEXT = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_TEXT
