"""Cleaning stage: residue of site chrome that survives boilerplate removal.

trafilatura keeps whatever sits inside the article container, and content farms put counters,
share prompts, "read more" boxes and credits there. Each rule below describes a kind of line
(its shape), so it holds across templates and languages. Dropped lines are returned, not lost:
the attribution stage still reads them for credit lines such as "Copyright 2024 NPR".
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from ingest.core.fingerprint import line_hash
from ingest.extract.captions import (
    COPYRIGHT_LINE,
    COPYRIGHT_NOTICE,
    credit_from_caption,
    is_photo_credit,
)
from ingest.extract.dates import TEXT_DATE

COUNTER = r"\d[\d.,]*\s*[kKmM]?\s*(?:comments?|views?|shares?|likes?|reads?|kommentare?|" \
    r"comentarios?|commentaires?|aufrufe|visitas|vues)"
MINUTES = r"min(?:ute|uten|utos|uti)?s?\.?"
READING_TIME = rf"(?:\d+\s*{MINUTES}\s*(?:read|reading|lesezeit|de lectura|de lecture|" \
    r"de leitura|di lettura)|(?:reading time|lesezeit|lectura|temps de lecture|" \
    rf"tempo de leitura|tempo di lettura)\s*:?\s*\d+\s*{MINUTES})"
"""'3 min read', '3 Minuten Lesezeit', 'Lesezeit: 3 Min.', 'Lectura: 4 minutos'."""
ENGAGEMENT = re.compile(
    rf"^(?:(?:{COUNTER}|{READING_TIME}|leave a comment|no comments?)"
    r"[\s|·•,]*)+$",
    re.IGNORECASE,
)
PROMPT = re.compile(
    r"^(?:share(?: this(?: article| story)?)?|share on \w+|click to share.*|follow us.*|"
    r"comments?|don['’]?t miss|tell us what you think|"
    r"(?:like|liked|enjoy|enjoyed) this (?:story|article|post)\?.{0,80}|"
    r"(?:read|see) (?:more|also|next)|related(?: articles?| stories| posts)?|"
    r"(?:you may|you might) also like|recommended(?: for you)?|more from .{1,40}|"
    r"(?:related|more|read more|read also|also read|see also|watch|listen|recommended|"
    r"also on [^:]{1,40}|mehr zum thema|mehr dazu|siehe auch|auch interessant|"
    r"lesen sie (?:auch|mehr)|veja também|leia(?: mais| também)?|lea(?: más| también)?|"
    r"lee(?: más| también)|lire aussi|à lire aussi|lire la suite|leggi anche|leggi|"
    r"czytaj (?:też|także|więcej)|zobacz (?:też|także)|przeczytaj|(?:le|te) puede interesar|"
    r"vea también|ver también|mehr themen|zum weiterlesen)\s*:.{0,200}|"
    r"dowiedz się więcej|lire la suite|leggi anche|zobacz więcej|mehr erfahren|"
    r"lesen sie auch.{0,200}|mehr zum thema|weiterlesen|"
    r"leia (?:mais|também).{0,200}|lea también.{0,200}|lire aussi.{0,200}|advertisement|"
    r"anzeige|publicidad|sign up for .{0,80}newsletter.*|subscribe to .{0,80}|"
    r"sign up (?:for|to) (?:our|get|receive) .{0,150}|"
    r"sign up\b.{0,150}\b(?:newsletters?|inbox|news|updates|alerts|deals)\b.{0,150}|"
    r".{0,80}\b(?:in|to|into|on) your inbox\b.{0,80}|"
    r"by (?:submitting|signing up|subscribing|registering)\W+(?:your?|to)\b.{0,250}|"
    r"join (?:our (?:commenting|discussion|conversation|community)|the (?:conversation|discussion))"
    r"\b.{0,100}|"
    r"(?:\S+\s+){0,3}newsletter|thanks? (?:you )?for (?:signing up|subscribing).{0,80}|"
    r"(?:notas|noticias) relacionadas|artículos relacionados|weitere artikel(?: zum thema)?|"
    r"empfohlene (?:beiträge|artikel)|mehr themen|zum weiterlesen|"
    r"(?:print|email|facebook|twitter|x|whatsapp|linkedin|pinterest|telegram|reddit)"
    r"(?:\s*[|/,·•]?\s*(?:print|email|facebook|twitter|x|whatsapp|linkedin|pinterest|"
    r"telegram|reddit))*)\s*(?:[:»›>]|\.{1,3}|…)?$",
    re.IGNORECASE,
)
BREADCRUMB = re.compile(r"^(?:home|start|startseite|inicio|accueil)\s*[»›>/|]\s*.+", re.IGNORECASE)
CLOSING_LINES = 2
"""The lines at the text's end where a copyright line is the story's, not a photo's."""
RIGHTS = re.compile(r"(?:\ball rights? reserved|\balle rechte vorbehalten|"
                    r"\btodos los derechos reservados|\btous droits réservés)\W*$", re.IGNORECASE)
SIGNATURE = re.compile(r"^\(?[^\W\d_]{1,6}(?:\s?/\s?[^\W\d_.]{1,8}){1,3}\)?\.?$")
"""An editors' signature closing an agency story: "aja/PAP", "(dpa/lno)", "AFP/red"."""
CONTRIBUTED = re.compile(r"\b(?:contributed|contributing) to this (?:report|story|article)\b|"
                         r"\bcontributed reporting\b", re.IGNORECASE)
"""A contribution line ("Reuters contributed to this report") credits help, not authorship."""
SCRIPT = re.compile(r"^(?:[!(]\s*)?function\s*\w*\s*\([^)]*\)\s*\{.*[;})]$")
"""Script code printed as text (an ad loader's "!function(n){...}(document);"): a line that
opens with a function and its body, which no sentence does."""
WEEKDAY_DATE = re.compile(
    r"^(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|domingo)"
    r",?\s+)?(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\w+\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4})$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Cleaned:
    """Paragraphs kept as story text, lines dropped as chrome, credits found in the text."""

    paragraphs: list[str]
    dropped: list[str] = field(default_factory=list)
    """Every line set aside: chrome, and the photo credits below."""
    image_credits: list[str] = field(default_factory=list)
    photo_lines: set[str] = field(default_factory=set)
    """The dropped lines that credit a photo: they credit no story."""


DATE_LABEL = re.compile(
    r"^(?:stand|updated|last updated|published|posted|veröffentlicht|aktualisiert|erstellt|"
    r"letzte änderung|letzte aktualisierung|zuletzt (?:aktualisiert|geändert)|"
    r"publicado|actualizado|atualizado|publié|mis à jour|pubblicato|aggiornato)\b\W*"
    r"(?:on|am|el|em|le|il)?\W*",
    re.IGNORECASE,
)
LEFTOVER = re.compile(r"^[\W_]*(?:(?:uhr|h|at|um|,|\|)\W*)*$", re.IGNORECASE)


def is_timestamp_line(line: str) -> bool:
    """A line that only dates the page ("Stand: 22.04.2024, 06:00 Uhr", "Updated 3 March")."""
    label = DATE_LABEL.match(line)
    if not label:
        return False
    rest = TEXT_DATE.sub(" ", line[label.end():])
    return bool(LEFTOVER.match(rest)) and rest != line[label.end():]


def is_chrome_line(line: str) -> bool:
    """True when a whole line is site chrome rather than story text."""
    short = len(line.split()) <= 25
    return bool(
        ENGAGEMENT.match(line)
        or PROMPT.match(line)
        or WEEKDAY_DATE.match(line)
        or (short and BREADCRUMB.match(line))
        or (short and (RIGHTS.search(line) or COPYRIGHT_NOTICE.match(line)
                       or COPYRIGHT_LINE.match(line)))
        or (short and CONTRIBUTED.search(line))
        or SIGNATURE.match(line)
        or SCRIPT.match(line)
        or (short and is_timestamp_line(line))
    )


def _letters(line: str) -> str:
    """A line's words run together, so that the headline repeated in the text is found
    whatever its spacing and punctuation (an <h1> whose elements run together, "Kicker" and
    "Headline" as "KickerHeadline", other quotation marks)."""
    return "".join(re.findall(r"\w+", line.casefold()))


def clean(paragraphs: list[str], headlines: Collection[str] = (),
          site_chrome: Collection[str] = (), link_lines: Collection[str] = ()) -> Cleaned:
    """Split paragraphs into story text, chrome and photo credits.

    `headlines` are the forms in which the page states its headline: a line that repeats one
    of them, word for word, is no story text.
    `site_chrome` holds the `line_hash` of lines the store has seen on many pages of this
    site: a site's own boilerplate, whatever its wording. `link_lines` are the paragraphs the
    extraction stage found to be links to elsewhere (see `extract.is_link_line`).
    """
    result = Cleaned(paragraphs=[])
    seen: set[str] = set()
    repeats = {letters for line in headlines if (letters := _letters(line))}
    closing = set(paragraphs[-CLOSING_LINES:])
    for line in paragraphs:
        if line in seen or line in link_lines or _letters(line) in repeats or (
                site_chrome and line_hash(line) in site_chrome):
            result.dropped.append(line)  # repeated headline, duplicate, link, site chrome
        elif is_photo_credit(line, after_story=line in closing):
            result.dropped.append(line)
            result.photo_lines.add(line)
            result.image_credits.append(credit_from_caption(line) or line)
        elif is_chrome_line(line):
            result.dropped.append(line)
        else:
            result.paragraphs.append(line)
        seen.add(line)
    return result
