"""Photo captions and credits.

Captions are not story text, and a photo credit ("Name/Agency via Getty Images", "Photo: Name /
AFP") is not an author or a syndication credit: it belongs in `image_credits`. The patterns
below are the labelling conventions of news photography, not any one site's strings.
"""

from __future__ import annotations

import re

LABEL = re.compile(
    r"(?:^|[\s(\[|.;])(?:photo(?:graph)?s?|pictures?|images?|foto(?:s|grafie)?|bild(?:er)?|"
    r"imagen|imagem|credit|crédit|crédito|source\s+photo)(?:\s+credit)?"
    r"(?:\s*[:©]|\s+(?:by|von|de|por|par|di)\b)\s*"
    r"(?P<credit>[^()\[\]]{2,120}?)\s*[)\]]?\s*$",
    re.IGNORECASE,
)
COPYRIGHT = re.compile(r"(?:^|[\s(])(?:©|\(c\))\s*(?P<credit>[^()]{2,80}?)\s*\)?\s*$",
                       re.IGNORECASE)
AGENCY_MARK = (r"(?:\bvia\s+getty\s+images|\bgetty\s+images|\bshutterstock|"
               r"\bAP\s+Photo\b[^.]*|\bimago\b[^.]*|\bpicture[- ]alliance\b[^.]*|/\s*(?:AFP|AP|"
               r"Reuters|EPA|dpa|Xinhua|ANSA|EFE|Anadolu|Bloomberg|Sputnik)\b[^.]*)")
AGENCY_TAIL = re.compile(rf"(?P<credit>[^.!?]{{0,100}}?{AGENCY_MARK})\s*\.?\s*$", re.IGNORECASE)
HAS_AGENCY = re.compile(AGENCY_MARK, re.IGNORECASE)
"""AGENCY_TAIL tries its lazy run at every position of a line, about a millisecond for a
sentence; the mark alone is found in microseconds, so only lines that hold one are tried."""


def credit_from_caption(caption: str) -> str | None:
    """The photo credit inside a caption, without its label; None when there is none."""
    text = " ".join(caption.split())
    for pattern in (LABEL, COPYRIGHT, AGENCY_TAIL):
        if pattern is AGENCY_TAIL and not HAS_AGENCY.search(text):
            break
        match = pattern.search(text)
        if match:
            credit = match.group("credit").strip(" .;,|-–—:()[]")
            if credit:
                return credit
    return None


def is_credit_line(line: str) -> bool:
    """True when a whole text line is a photo credit (a credit left in the body by the CMS)."""
    text = " ".join(line.split())
    if not text or len(text.split()) > 14:
        return False
    credit = credit_from_caption(text)
    if credit is None:
        return False
    before = text[: text.find(credit)]
    return not re.search(r"[.!?]\s", before)
