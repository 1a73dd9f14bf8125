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


COPYRIGHT_NOTICE = re.compile(r"^\W*(?:(?:copyright\b|©|\(c\))\s*)+(?:19|20)\d\d\b", re.IGNORECASE)
"""A copyright notice with its year ("© 2024 The Associated Press. All rights reserved.",
"Copyright © 2024 ..."): the story's or the site's, not a photo's credit, though it reads
like one."""
COPYRIGHT_LINE = re.compile(r"^\W*(?:copyright\b|©|\(c\))(?!.*(?:\s/|/\s|\|))", re.IGNORECASE)
"""A copyright line naming one holder ("© Reuters", not "© Reuters / Pool"): after the
story, it is the story's."""


def is_photo_credit(line: str, after_story: bool = False) -> bool:
    """True for a photo's credit (`is_credit_line`): above or beside the story "© 2012
    APA/AP" credits a picture, but after its last paragraph a copyright line ("© 2024 The
    Associated Press. All rights reserved.", "© Reuters") is the story's."""
    return is_credit_line(line) and not (
        after_story and (COPYRIGHT_NOTICE.match(line) or COPYRIGHT_LINE.match(line)))

