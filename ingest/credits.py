"""Syndication credit lines: the sentences with which a page says whose story it is.

"Source: National Public Radio", "This article originally appeared on The Conversation",
"Copyright 2024 NPR", "Fuente: EFE", "WASHINGTON (AP) —". A credit is a line of its own at the
edge of the story (or a dateline opening it), and it names a publisher. Mentions inside
sentences ("told Reuters", "according to the Associated Press", "as first reported by
Bloomberg") are not credits, and "X contributed to this report" keeps a story original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

from ingest.captions import is_credit_line
from ingest.clean import CONTRIBUTED
from ingest.page_regions import spaced_text, story_nodes
from ingest.publishers import Publisher, Registry

_NAME = r"(?P<name>[^\n]{2,80}?)"
_END = r"(?:,?\s+(?:under|with|through|as part of)\b[^\n]*)?\s*[.!]?\s*$"
"""A credit's end, past a clause after the name ("... from The Conversation under a Creative
Commons license")."""
LABELLED = re.compile(
    rf"^(?:(?:news|story|article|content|original|wire)\s+sources?|sources?|"
    rf"original (?:article|story)|quelle|nachrichtenquelle|fuente(?: original)?|"
    rf"fonte(?: original)?|source de l'article|source originale|fonti|bron|kilde|källa|lähde|"
    rf"źródło|provided by|syndicated from|via|"
    rf"copyright|©|\(c\))\s*[:：]?\s*(?:\d{{4}}\s*)?(?:[,-]\s*)?{_NAME}"
    r"(?:[.,]?\s*all rights reserved)?\s*[.!]?\s*$",
    re.IGNORECASE,
)
"""Labelled credits: they count only when the name is a known publisher (a chart's "Source:
Bureau of Labor Statistics" or a site's own copyright footer is no credit)."""
PHRASED = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"^(?:this|the) (?:article|story|post|piece|report|content)\b[^.]{{0,60}}?\b"
        rf"(?:originally|first|previously)\b[^.]{{0,40}}?\b(?:on|in|by|at|from|with)\s+"
        rf"{_NAME}{_END}",
        rf"^(?:originally|first) (?:published|appeared|posted|ran)\b[^.]{{0,40}}?\b"
        rf"(?:on|in|by|at)\s+{_NAME}{_END}",
        rf"^(?:this (?:article|story) (?:is|was) )?(?:re(?:published|printed|posted)|shared)"
        rf"\s+(?:with (?:kind )?permission\s+)?(?:from|of|by)\s+{_NAME}{_END}",
        rf"^(?:dieser (?:artikel|beitrag|text) (?:ist|erschien) (?:zuerst|ursprünglich)\s+"
        rf"(?:bei|in|auf|im)|este art[ií]culo (?:fue|se) publicad[oa]? originalmente (?:en|por)"
        rf"|este artigo foi publicado originalmente (?:no|na|em|pel[oa])|cet article a "
        rf"(?:d'abord|initialement) été publié (?:sur|dans|par))\s+{_NAME}{_END}",
        rf"^(?:mit freundlicher genehmigung (?:von|der|des)|con permiso de)\s+{_NAME}{_END}",
        rf"^(?:read|see|view) the original (?:article|story|post|report|version)?\s*"
        rf"(?:on|at|in|from)\s+{_NAME}{_END}",
        rf"^(?:lesen sie den (?:original|ursprünglichen )artikel (?:auf|bei|in)|lea el artículo "
        rf"original en|leia o artigo original (?:no|na|em)|lire l'article original (?:sur|dans)|"
        rf"leggi l'articolo originale su)\s+{_NAME}{_END}",
        rf"^(?:publicad[oa] originalmente|originalmente publicad[oa]|publié (?:initialement|à "
        rf"l'origine|d'abord)|initialement publié|zuerst erschienen|ursprünglich (?:erschienen|"
        rf"veröffentlicht)|pubblicato (?:originariamente|originalmente|per la prima volta))\s*"
        rf"(?:en|em|no|na|por|pel[oa]|sur|dans|par|bei|in|auf|im|von|su|da|:)\s+{_NAME}{_END}",
    )
]
"""Phrased credits: the wording itself says the story is another outlet's."""
DATELINE = re.compile(r"^[^\W\d_][^()\n]{0,60}?\((?P<name>[^()]{2,40})\)\s*[-—–]\s", re.UNICODE)
NOTE_WORDS = 20
"""Longest line outside the story text read as a note (a credit is a short line)."""
LEAF_BLOCKS = (".//*[self::p or self::div or self::section or self::footer or self::small or "
               "self::cite][not(.//p or .//div or .//section or .//footer)]")
PERMISSION = re.compile(r"^(?:republished|reprinted|reproduced) with (?:kind )?permission\b",
                        re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Credit:
    """A credit found in the text."""

    kind: str
    """credit-line (a line of its own, removed from the text) or dateline (kept)."""
    line: str
    publisher: Publisher | None
    name: str | None
    """The credited name as written, for publishers not in the registry."""


def _named(text: str, registry: Registry) -> tuple[Publisher | None, str | None]:
    found = registry.find(text)
    if found:
        return found[0][1], found[0][0].group(0)
    return None, None


def _qualified(name: str, said: str) -> bool:
    """True when a word runs on from the publisher's name ("Source: Reuters calculations",
    "Quelle: dpa-Grafik"): the line credits a chart or an analysis, not the story. Lists
    ("AP, Reuters", "dpa/lnw") and clauses after a comma are not run-ons."""
    after = name[name.find(said) + len(said):] if said else ""
    return bool(re.match(r"(?:\s+|-)[^\W\d_]", after))


def credit_in_line(line: str, registry: Registry) -> Credit | None:
    """The credit a whole line gives, if it is one."""
    if len(line.split()) > 30 or CONTRIBUTED.search(line):
        return None
    text = line.strip()
    match = LABELLED.match(text)
    if match:
        name = match.group("name").strip(" .,;:")
        pub, said = _named(name, registry)
        if pub is not None and not _qualified(name, said or ""):
            return Credit("credit-line", line, pub, name)
    match = next((m for p in PHRASED if (m := p.match(text))), None)
    if match:
        name = match.group("name").strip(" .,;:")
        pub, _ = _named(name, registry)
        if pub is not None or len(name.split()) <= 6:
            return Credit("credit-line", line, pub, name)
    if PERMISSION.match(line.strip()):
        pub, name = _named(line, registry)
        return Credit("credit-line", line, pub, name)
    return None


def dateline_credit(line: str, registry: Registry) -> Credit | None:
    """A wire dateline opening the story: "WASHINGTON (AP) — ..."."""
    match = DATELINE.match(line)
    if not match:
        return None
    pub = registry.lookup(match.group("name"))
    return Credit("dateline", match.group(0).strip(), pub, match.group("name")) if pub else None


def notes_outside(region: lxml_html.HtmlElement, paragraphs: list[str]) -> list[str]:
    """Short lines of the story region that the text extraction left out and that sit before
    or after the story text: a footer note after the share buttons ("News source: CNBC"), a
    provider label above the story. Lines between story paragraphs (a chart's source) do not
    count, like a mention inside the text, nor do photo credits ("© Reuters / Pool") of
    pictures the captions stage left in place."""
    story = set(paragraphs)
    nodes = story_nodes(region, LEAF_BLOCKS)
    lines: dict[int, str] = {}

    def line(n: int) -> str:
        if n not in lines:
            lines[n] = spaced_text(nodes[n])
        return lines[n]

    def short(n: int) -> bool:  # spaced text has at least the words text_content has
        return len(nodes[n].text_content().split()) <= NOTE_WORDS

    first = next((n for n in range(len(nodes)) if line(n) in story), None)
    last = next((n for n in reversed(range(len(nodes))) if line(n) in story), None)
    outside = [n for n in range(len(nodes)) if first is None or not first < n < last]
    return [line(n) for n in outside
            if short(n) and line(n) and line(n) not in story
            and len(line(n).split()) <= NOTE_WORDS and not is_credit_line(line(n))]


def find_credits(paragraphs: list[str], dropped: list[str], registry: Registry,
                 edge: int = 3) -> list[Credit]:
    """Credits at the edges of the story (first and last `edge` paragraphs) and in chrome lines
    the cleaning stage set aside (footer notes, copyright lines)."""
    edges = paragraphs[:edge] + paragraphs[-edge:] if len(paragraphs) > 2 * edge else paragraphs
    credits = []
    for line in dict.fromkeys(edges + dropped):
        credit = credit_in_line(line, registry)
        if credit is not None:
            credits.append(credit)
    if paragraphs:
        credit = dateline_credit(paragraphs[0], registry)
        if credit is not None:
            credits.append(credit)
    return credits
