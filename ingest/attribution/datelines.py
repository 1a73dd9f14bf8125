"""Wire datelines: the agency's mark at the very start of a story.

Agencies open their stories with where, sometimes when, and who: "WASHINGTON (AP) —",
"LONDON, June 5 (Reuters) -", "MADRID, 5 jun (EFE).-", "(ANSA) - ROMA, 5 GIU -",
"МОСКВА, 5 июня. /ТАСС/.", "Jakarta (ANTARA) -", "(서울=연합뉴스)", "【ワシントン共同】",
"新华社北京6月5日电", "МОСКВА, 5 июн — РИА Новости.", "PTI / New Delhi:". A site that runs the
story keeps the mark, so it names the story's original publisher. The forms are structure (a
short place-and-date prefix, brackets, a separator), not words: the agency is any outlet of the
registry, matched in its own script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.core.publishers import Publisher, Registry
from ingest.core.vocabulary import normalise

HEAD_CHARS = 160
"""How far into a paragraph a dateline may reach."""
OPENING_CHARS = 90
"""How far in an agency named without brackets may stand ("МОСКВА, 5 июн — РИА Новости.")."""
PREFIX_WORDS = 7
BRACKETS = re.compile(r"[(\[【〔〈《]([^()\[\]【】〔〕〈〉《》\n]{1,60})[)\]】〕〉》]"
                      r"|/([^/\n]{1,30})/")
"""A bracketed group: "(AP)", "(dpa/AFP)", "[東京 5日 ロイター]", "【ワシントン共同】", "/ТАСС/"."""
SENTENCE_END = re.compile(r"[!?]\s|\.\s+[^\W\d_]{4,}\s[^\W\d_]")
CJK_DISPATCH = re.compile(r"^[^\d\n]{0,24}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*[电電讯訊]")
"""What follows a Chinese agency's name in its dateline: place, date and 电 ("dispatch")."""
LEADING = re.compile(r"^[\W_]*")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline opening the story."""

    text: str
    """The dateline as written ("WASHINGTON (AP) —")."""
    publisher: Publisher


PLACE_PARTICLES = {"de", "do", "da", "dos", "das", "del", "la", "le", "les", "am", "an", "der",
                   "di", "sur", "upon", "on", "en", "im", "au", "aux", "y", "e", "et"}
"""Lower-case words of place names ("Rio de Janeiro", "Frankfurt am Main")."""


def _is_place_and_date(prefix: str) -> bool:
    """True for what may stand before the agency: a place, a date, nothing, but no sentence.
    A lower-case word is a month next to a number ("5 juin", "jun 5"), or a particle of a
    place's name ("Rio de Janeiro")."""
    prefix = prefix.strip()
    words = prefix.split()
    if len(words) > PREFIX_WORDS or SENTENCE_END.search(prefix + " "):
        return False
    for n, word in enumerate(words):
        letters = word.strip(".,;:-—–()")
        if not letters or not letters[0].islower() or letters in PLACE_PARTICLES:
            continue
        beside = words[max(n - 2, 0): n] + words[n + 1: n + 3]  # "5 de junho", "junho de 2024"
        if not any(re.search(r"\d", w) for w in beside):
            return False
    return True


def _in_brackets(head: str, registry: Registry) -> Dateline | None:
    """【ワシントン共同】, (서울=연합뉴스), "WASHINGTON (AP) —", "(ANSA) - ROMA", "/ТАСС/"."""
    for group in BRACKETS.finditer(head):
        inner = 1 if group.group(1) is not None else 2
        if not _is_place_and_date(head[:group.start()]):
            continue
        rest = group.group(inner)
        named = registry.find(rest)
        if not named:
            continue
        for match, _ in named:
            rest = rest.replace(match.group(0), " ")
        if len(rest.strip(" =,.-/")) > 24 or SENTENCE_END.search(rest + " "):
            continue
        end = group.end() + len(re.match(r"^\s*[-—–:.]*", head[group.end():]).group(0))
        return Dateline(head[:end].strip(), named[0][1])
    return None


def find_dateline(paragraph: str, registry: Registry) -> Dateline | None:
    """The dateline opening `paragraph`, if it has one naming an outlet of the registry."""
    head = normalise(paragraph[:HEAD_CHARS])
    found = _in_brackets(head, registry)
    if found is not None:
        return found
    named = registry.find(head[:OPENING_CHARS])
    if not named:
        return None
    match, pub = named[0]
    before, after = head[:match.start()], head[match.end():]
    # 新华社北京6月5日电
    if not LEADING.sub("", before) and CJK_DISPATCH.match(after):
        return Dateline(head[: match.end() + CJK_DISPATCH.match(after).end()], pub)
    # "PTI / New Delhi:", "New Delhi / PTI -"
    slash = re.match(r"^\s*/\s*([^\W\d_][^\n/:—–-]{1,30}?)\s*[:—–-]", after)
    if not LEADING.sub("", before) and slash and _is_place_and_date(slash.group(1)):
        return Dateline(head[: match.end() + slash.end()], pub)
    # "МОСКВА, 5 июн — РИА Новости.", "Jakarta, CNN Indonesia --"
    cut = re.match(r"^(.*?)(\s*(?:[-—–]+|,|/)\s*)$", before)
    if (cut and cut.group(1).strip() and _is_place_and_date(cut.group(1))
            and re.match(r"^\s*(?:[-—–.:]+|$)", after)):
        end = match.end() + len(re.match(r"^\s*[-—–.:]*", after).group(0))
        return Dateline(head[:end].strip(), pub)
    return None
