"""Cleaning stage: residue of site chrome that survives boilerplate removal.

trafilatura keeps whatever sits inside the article container, and content farms put counters,
share prompts, "read more" boxes and credits there. Each rule below describes a kind of line
(its shape), so it holds across templates and languages; their words are the vocabulary's
(`data/vocabulary/prompts.toml`, `dates.toml`). Dropped lines are returned, not lost: the
attribution stage still reads them for credit lines such as "Copyright 2024 NPR".
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from ingest.core.fingerprint import line_hash
from ingest.core.vocabulary import alternation, written_date
from ingest.extract.captions import (
    COPYRIGHT_LINE,
    COPYRIGHT_NOTICE,
    credit_from_caption,
    is_photo_credit,
)

PROMPTS = "prompts"
"""The words of chrome lines: `data/vocabulary/prompts.toml`; a date's are `dates.toml`'s."""


def _words(*kinds: str) -> str:
    return alternation(PROMPTS, *kinds)


COUNTER = rf"\d[\d.,]*\s*[kKmM]?\s*{_words('counted')}"
MINUTES = rf"{_words('minutes')}\.?"
READING_TIME = (rf"(?:\d+\s*{MINUTES}\s*{_words('reading')}|"
                rf"{_words('reading_labels')}\s*:?\s*\d+\s*{MINUTES})")
"""'3 min read', '3 Minuten Lesezeit', 'Lesezeit: 3 Min.', 'Lectura: 4 minutos'."""
ENGAGEMENT = re.compile(
    rf"^(?:(?:{COUNTER}|{READING_TIME}|{_words('comment_links')})[\s|·•,]*)+$", re.IGNORECASE)
BUTTONS = _words("buttons")
PROMPT = re.compile(
    rf"^(?:{_words('prompts')}|{_words('labels')}(?:\s*:.{{0,200}})?|{_words('leads')}.{{0,250}}|"
    rf".{{0,80}}\b{_words('inbox')}\b.{{0,80}}|(?:\S+\s+){{0,3}}{_words('box_titles')}|"
    rf"{BUTTONS}(?:\s*[|/,·•]?\s*{BUTTONS})*)\s*(?:[:»›>]|\.{{1,3}}|…)?$",
    re.IGNORECASE,
)
"""A line that is only a reader prompt (see prompts.toml's kinds)."""
LABELLED = re.compile(rf"^{_words('labels')}\s*:\s*(?P<rest>.+)$", re.IGNORECASE)
SENTENCE_WORDS = 6
"""Words after a label ("Watch:", "Related:") from which a lower-case run ending in a full
stop is the story's own sentence, not a teaser's headline."""


def is_story_sentence_after_label(line: str) -> bool:
    """"Related: the council voted 7-2 to approve the plan." is the story's sentence: after
    the colon it goes on in lower case and ends as a sentence does; a teaser is a headline
    ("Related: Council votes on plan"), capitalised and without a full stop."""
    labelled = LABELLED.match(line)
    rest = labelled.group("rest").strip() if labelled else ""
    return (rest[:1].islower() and rest[-1:] in ".!?"
            and len(rest.split()) >= SENTENCE_WORDS)
BREADCRUMB = re.compile(rf"^{_words('home')}\s*[»›>/|]\s*.+", re.IGNORECASE)
CLOSING_LINES = 2
"""The lines at the text's end where a copyright line is the story's, not a photo's."""
RIGHTS = re.compile(rf"\b{_words('rights')}\W*$", re.IGNORECASE)
SIGNATURE = re.compile(r"^\(?[^\W\d_]{1,6}(?:\s?/\s?[^\W\d_.]{1,8}){1,3}\)?\.?$")
"""An editors' signature closing an agency story: "aja/PAP", "(dpa/lno)", "AFP/red"."""
CONTRIBUTED = re.compile(rf"\b{_words('contributed')}\b", re.IGNORECASE)
"""A contribution line ("Reuters contributed to this report") credits help, not authorship."""
SCRIPT = re.compile(r"^(?:[!(]\s*)?function\s*\w*\s*\([^)]*\)\s*\{.*[;})]$")
"""Script code printed as text (an ad loader's "!function(n){...}(document);"): a line that
opens with a function and its body, which no sentence does."""
WEEKDAY_DATE = re.compile(
    rf"^(?:{alternation('dates', 'weekdays')},?\s+)?(?:\w+\.?\s+\d{{1,2}},?\s+\d{{4}}|"
    r"\d{1,2}\.?\s+\w+\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})$",
    re.IGNORECASE,
)
TEXT_DATE = written_date()


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
    rf"^{alternation('dates', 'published', 'updated', 'as_of')}\b\W*"
    rf"{alternation('dates', 'on')}?\W*",
    re.IGNORECASE,
)
"""A date's label ("Published", "Stand:", "Mis à jour le") opening a line."""
LEFTOVER = re.compile(rf"^[\W_]*(?:(?:{alternation('dates', 'at', 'clock')}|,|\|)\W*)*$",
                      re.IGNORECASE)
"""What may be left of a timestamp line besides its label and its date: "um", "Uhr"."""


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
        or (PROMPT.match(line) and not is_story_sentence_after_label(line))
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
