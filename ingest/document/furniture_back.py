"""Back-page boilerplate and closing contact text, told by its words: a copyright claim or a
map's credit, a reuse licence, an offer of the paper in other formats, and a last line that only
says whom to contact. Read by `furniture_blocks.set_apart`, which decides by where a block sits
(the last pages, the paper's last words) whether these words make it furniture.
"""

from __future__ import annotations

import re

from ingest.textutil import EMAIL, PHONE, WEB

# The reuse licences papers are published under, by name; a copyright line or a licence names one.
LICENCE_NAMES = r"open\s+government\s+licen[cs]e|creative\s+commons"
COPYRIGHT = re.compile(rf"©|\bcopyright\b|{LICENCE_NAMES}", re.I)

# A copyright claim that starts a sentence inside a block, and the reuse licence after it.
CLAIM_INSIDE = re.compile(r"(?<=[.!?])\s*(?=©|copyright\s*©|crown\s+copyright\s+(?:19|20)\d{2}\b)", re.I)
LICENCE = re.compile(rf"{LICENCE_NAMES}|re-?use\s+this\s+information", re.I)


def closing_contact(text: str) -> bool:
    """A paper's last line that only says how to reach its publisher: two ways or more (an
    e-mail address, a telephone number, a web address) in a sentence of a few words that carry
    no figure or date of their own ("If you require further information, please email ... or
    phone ..."), or one way where the sentence asks the reader to get in touch with questions
    ("For further information please contact the team at: ...", "Please contact ... if you have
    any queries"). A single number to call is advice the paper gives ("For advice on a child's
    safety, call ..."), and stays."""
    text = text.rstrip(" .")  # PHONE takes no number a full stop follows (a decimal's)
    ways = sum(1 for kind in (PHONE, EMAIL, WEB) if kind.search(text))
    if not (ways >= 2 or (ways == 1 and ENQUIRY.search(text) and GET_IN_TOUCH.search(text))) or len(text.split()) > 30:
        return False
    rest = WEB.sub(" ", EMAIL.sub(" ", PHONE.sub(" ", text)))
    return len(rest.split()) <= 12 and not re.search(r"\d", rest)


# The paper asks for questions, and says how to send them.
ENQUIRY = re.compile(r"\b(?:further|more)\s+information\b|\benquir(?:y|ies)\b|\bquer(?:y|ies)\b|\bquestions?\b", re.I)
GET_IN_TOUCH = re.compile(r"\b(?:contact|e-?mail|write\s+to)\b", re.I)

# A copyright claim that opens a block ("© Crown copyright 2013", "Copyright © 2024 Example
# Council"), and the credit a map carries ("... © Crown copyright and database right 2025"). Not
# "(c)", which opens the third item of a list far more often than it stands for "©".
COPYRIGHT_OPENS = re.compile(r"^(?:©|copyright\s*©|(?:crown\s+)?copyright\s+(?:©\s*)?(?:19|20)\d{2}\b)", re.I)
_CREDIT = re.compile(r"©.{0,40}\b(?:copyright|database\s+rights?|all\s+rights\s+reserved)\b|\bcopyright\b.{0,40}\bdatabase\s+rights?\b",
                     re.I)


# The paper offered in other formats, as a back page prints it: "If you require this document in
# another language, large print, Moon, Braille, on audio cassette or in electronic format please
# contact us."; "This publication is available in large print and other languages on request".
# It names two formats or more and speaks of the paper itself (this document, a copy of it): a
# plan's action "Consultation materials will be available in easy read and large print" does not.
_FORMAT = re.compile(r"\blarge\s+print\b|\bbraille\b|\baudio\b|\b(?:an)?other\s+languages?\b|\bdifferent\s+(?:languages?|formats?)\b|"
                     r"\beasy\s+read\b|\b(?:alternative|accessible|electronic|other)\s+formats?\b|\bmoon\b|\bBSL\b|\bsign\s+language\b", re.I)
_THIS_PAPER = re.compile(r"\bthis\s+(?:document|publication|information|leaflet|report|guide|plan|booklet|strategy|summary)\b|\ba\s+copy\b", re.I)


def formats_offer(text: str) -> bool:
    """An offer of the paper in other formats (see _FORMAT): back-page boilerplate at its end."""
    return len(text.split()) <= 60 and len({m.group(0).casefold() for m in _FORMAT.finditer(text)}) >= 2 and bool(_THIS_PAPER.search(text))


def copyright_notice(text: str) -> bool:
    """A copyright notice anywhere in the paper, not only on its back page: a block that opens
    with the claim (an inside cover's "© Crown copyright 2013 ... This document may be
    reproduced ..."), or a short credit of a map or a picture ("May contain Ordnance Survey
    data © Crown copyright and database right 2025"). A sentence about copyright ("The council
    holds the copyright in ...") neither opens with the claim nor names a database right.
    Credits set one under another are read as one block ("May contain Ordnance Survey data ...
    May contain Royal Mail data ..."): up to 25 words a credit."""
    if COPYRIGHT_OPENS.match(text):
        return True
    credits = len(_CREDIT.findall(text))
    return credits > 0 and len(text.split()) <= 25 * credits
