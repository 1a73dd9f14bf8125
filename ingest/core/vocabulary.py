"""Word lists that users and translators edit: `data/vocabulary/<list>.toml`, keyed by language.

Each file has one table per language (`[en]`, `[de]`, ...), and each table lists phrases by
kind. A phrase is written as a reader sees it, in a small template language, so that adding a
language or a wording needs no regular expressions:

- words match case-insensitively, a space matches any run of white space (before an optional
  group, none: "저작권자 [©]" reads "저작권자©"), and punctuation may have white space around it
  or not ("Source:" matches "Source :" and "Source:");
- `(a|b)` is a choice, `[a|b]` an optional choice (`[originally]`);
- `{name}` is the slot of the credited outlet, `{title}` any run of text up to what the
  phrase needs after it (a post's title, which may hold the phrase's own words), `{site}` a
  short one (a site's, a section's or a network's name: "More from {site}"), `{year}` a
  year, `{date}` a short date ("5 June", "June 5, 2024", "05.06.2024").

Lines are matched after `normalise`: Unicode NFKC (full-width colons and brackets become
ASCII), "(c)" and "ⓒ" become "©", curly quotes straight ones, Arabic short vowels dropped.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

from ingest.core.errors import ConfigError
from ingest.core.publishers import DATA_DIR

VOCABULARY_DIR = DATA_DIR / "vocabulary"
SLOTS = {
    "name": r"(?P<{group}>[^\n]{{1,120}}?)",
    "title": r"[^\n]{1,200}",
    "site": r"[^\n]{1,40}",
    "year": r"(?:19|20)\d\d",
    "date": r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}|"
            r"\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?(?:,?\s+(?:de\s+)?(?:19|20)\d\d)?|"
            r"[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?)",
}
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                         "»": '"', "\u00a0": " ", "\u202f": " ", "\u200b": ""})
_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0963"
          "\u0966-\u0dff\u0e31-\u0e4e")
"""Combining marks (Indic vowel signs, Arabic vowels): part of a word, though not `\\w`
(the Devanagari dandas । ॥ are punctuation)."""
_TOKEN = re.compile(rf"\{{(\w+)\}}|([()\[\]|])|(\s+)|([^\w\s{_MARKS}])|((?:\w|[{_MARKS}])+)")


ARABIC_VOWELS = re.compile("[\u064b-\u065f\u0670]")
"""Arabic short-vowel marks, written in some texts ("نُشر") and not in others ("نشر")."""


def normalise(line: str) -> str:
    """The form lines are matched in (see the module docstring)."""
    line = ARABIC_VOWELS.sub("", re.sub(r"\((?:c|C)\)|ⓒ|Ⓒ", "©", line))
    line = unicodedata.normalize("NFKC", line).translate(_QUOTES)
    return " ".join(line.split())


_INNER_GROUP = re.compile(r"([(\[])([^()\[\]]*\|[^()\[\]]*)([)\]])")


def _longest_first(template: str) -> str:
    """The template with each innermost choice's alternatives longest first, so that "(w|w
    serwisie)" tries "w serwisie" before settling for "w" and a shorter outlet's name."""
    def order(match: re.Match[str]) -> str:
        choices = sorted(match.group(2).split("|"), key=len, reverse=True)
        return f"{match.group(1)}{'|'.join(choices)}{match.group(3)}"
    return _INNER_GROUP.sub(order, template)


def compile_phrase(template: str, group: str = "name") -> str:
    """A phrase template (see the module docstring) as a regular expression, unanchored; the
    outlet's slot is the named group `group`."""
    out: list[str] = []
    stack: list[str] = []
    template = _longest_first(template)
    for token in _TOKEN.finditer(template):
        slot, bracket, space, mark, word = token.groups()
        if slot:
            if slot not in SLOTS:
                raise ValueError(f"unknown slot {{{slot}}} in {template!r}")
            out.append(SLOTS[slot].format(group=group) if slot == "name" else SLOTS[slot])
        elif bracket in ("(", "["):
            stack.append(bracket)
            out.append("(?:")
        elif bracket in (")", "]"):
            if not stack or stack.pop() != ("(" if bracket == ")" else "["):
                raise ValueError(f"unbalanced {bracket!r} in {template!r}")
            out.append(")?" if bracket == "]" else ")")
        elif bracket == "|":
            out.append("|")
        elif space:
            # before an optional group its own space may be all ("저작권자 [©]" reads "저작권자©")
            loose = template.startswith("[", token.end()) or (out and out[-1].endswith(r"\s*"))
            out.append(r"\s*" if loose else r"\s+")
        elif mark:
            if mark in "?*+" and out and out[-1] in (")", ")?"):
                raise ValueError(f"{mark!r} after a choice in {template!r}: write [a|b] for an "
                                 "optional choice")
            if out and out[-1] == r"\s+":
                out[-1] = r"\s*"
            out.append(rf"\s*{re.escape(mark)}\s*")
        else:
            out.append(re.escape(word))
    if stack:
        raise ValueError(f"unbalanced {stack[-1]!r} in {template!r}")
    # An optional group between two spaces leaves both: the second may match nothing.
    pattern = "".join(out).replace(r")?\s+", r")?\s*")
    return pattern


@lru_cache(maxsize=16)
def load(name: str, folder: Path = VOCABULARY_DIR) -> dict[str, dict[str, list[str]]]:
    """language -> kind -> phrases of `data/vocabulary/<name>.toml`; ConfigError names the file
    and what is wrong. Read once per process."""
    path = folder / f"{name}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read vocabulary: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    for language, kinds in data.items():
        if not isinstance(kinds, dict):
            raise ConfigError(f"{path}: [{language}] must be a table of phrase lists")
        for kind, phrases in kinds.items():
            if not (isinstance(phrases, list) and all(isinstance(p, str) and p.strip()
                                                      for p in phrases)):
                raise ConfigError(f"{path}: {language}.{kind} must be a list of phrases")
            for phrase in phrases:
                try:
                    compile_phrase(phrase)
                except ValueError as exc:
                    raise ConfigError(f"{path}: {language}.{kind}: {exc}") from None
    return data


def phrases(name: str, kind: str) -> list[str]:
    """Every language's phrases of one kind, longest first (so that the fullest wording of a
    line is the one matched)."""
    found = {p for kinds in load(name).values() for p in kinds.get(kind, ())}
    return sorted(found, key=lambda p: (-len(p), p))


DIGIT = re.compile(r"\d")


def _skip_optional(rest: str) -> str:
    rest = rest.lstrip()
    while rest.startswith("[") and "]" in rest:
        rest = rest[rest.index("]") + 1:].lstrip()
    return rest


def _needles(template: str) -> tuple[str, ...] | None:
    """What a line must hold for a phrase whose first required part is a slot ("{name}
    contributed to this report", "[on] {date}") to match: the first word or mark that must
    follow the slot, each alternative's where it is a choice ("" for "a digit", which every
    date has); () when nothing can be told; None for a phrase that opens with a word.

    A regular expression would try such a slot at every length of every line; these phrases
    are tried only on lines that hold their needle."""
    rest, slots = _skip_optional(template), []
    while rest.startswith("{") and "}" in rest:
        slots.append(rest[1: rest.index("}")])
        rest = _skip_optional(rest[rest.index("}") + 1:])
    if not slots:
        return None
    if not rest:
        return ("",) if {"date", "year"} & set(slots) else ()
    if rest[0] == "(" and ")" in rest:
        choices = rest[1: rest.index(")")].split("|")
        return tuple(normalise(c).split(" ")[0].casefold() for c in choices if c.strip())
    word = re.match(r"[^\s\[(]+", rest)
    return (normalise(word.group(0)).casefold(),) if word else ()


class Phrases:
    """One kind's phrases as regular expressions between `head` and `tail`: one for the
    phrases that open with a word, and one for each phrase that opens with a slot, tried only
    on lines that hold its needle (see `_needles`) and compiled the first time a line does.

    A slotted phrase's expression carries the whole `tail` (for credits, every wording that may
    follow an outlet's name): compiled up front, the slotted phrases of all languages took
    0.3 s of every run's start, most of them for scripts its pages never hold."""

    def __init__(self, templates: list[str], head: str, tail: str) -> None:
        self.head, self.tail = head, tail
        self.worded = self._compile([t for t in templates if _needles(t) is None])
        self.always: list[str] = []
        self.by_needle: dict[str, list[str]] = {}
        self._slot_patterns: dict[str, re.Pattern[str]] = {}
        for template in templates:
            needles = _needles(template)
            if needles is None:
                continue
            if not needles:
                self.always.append(template)
            for needle in needles:
                self.by_needle.setdefault(needle, []).append(template)

    def _compile(self, group: list[str]) -> re.Pattern[str]:
        choices = "|".join(f"(?:{compile_phrase(t, f'slot_{n}')})"
                           for n, t in enumerate(group)) or "(?!)"
        return re.compile(f"{self.head}(?:{choices}){self.tail}", re.IGNORECASE)

    def _slot_pattern(self, template: str) -> re.Pattern[str]:
        rx = self._slot_patterns.get(template)
        if rx is None:
            rx = self._slot_patterns[template] = self._compile([template])
        return rx

    def _slotted(self, text: str) -> list[re.Pattern[str]]:
        folded = text.casefold()
        found = dict.fromkeys(self.always)
        for needle, group in self.by_needle.items():
            if (needle in folded) if needle else DIGIT.search(text):
                found.update(dict.fromkeys(group))
        return [self._slot_pattern(template) for template in found]

    def match(self, text: str) -> re.Match[str] | None:
        """The first phrase matching at the start of `text`."""
        for rx in [self.worded, *self._slotted(text)]:
            found = rx.match(text)
            if found:
                return found
        return None

    def search(self, text: str) -> re.Match[str] | None:
        """The phrase match that starts first in `text`."""
        found = [m for rx in [self.worded, *self._slotted(text)] if (m := rx.search(text))]
        return min(found, key=lambda m: m.start()) if found else None

    def sub(self, replacement: str, text: str, count: int = 0) -> str:
        """`text` with the phrases replaced (at most `count` times each, 0 for all)."""
        for rx in [self.worded, *self._slotted(text)]:
            text = rx.sub(replacement, text, count=count)
        return text


@lru_cache(maxsize=64)
def alternation(name: str, *kinds: str) -> str:
    """All phrases of the kinds as one regular expression group, longest first, for use inside
    another (the phrases must have no `{name}` slot); a group that matches nothing when the
    vocabulary has none."""
    found = sorted({p for kind in kinds for p in phrases(name, kind)}, key=lambda p: (-len(p), p))
    if not found:
        return "(?!)"
    return "(?:" + "|".join(f"(?:{compile_phrase(p)})" for p in found) + ")"


@lru_cache(maxsize=64)
def class_words(name: str, *kinds: str) -> str:
    """The words of the kinds as templates write them in class names and ids, as one regular
    expression group: each word as written, a final "*" any ending ("advert*"), an apostrophe
    a hyphen or nothing ("aujourd'hui": "aujourd-hui", "aujourdhui"). The caller says where a
    word may stand (a whole word of a class name, or any part of one)."""
    def one(word: str) -> str:
        stem = word.removesuffix("*")
        literal = "-?".join(re.escape(part) for part in stem.split("'"))
        return literal + (r"\w*" if word != stem else "")

    found = sorted({w for kind in kinds for w in phrases(name, kind)}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(map(one, found)) + ")" if found else "(?!)"


@lru_cache(maxsize=1)
def written_date() -> re.Pattern[str]:
    """A date as it is written for readers, with its time if one follows: "5 June 2024", "5 de
    junio de 2024", "June 5th, 2024", "2024-06-05", "05.06.2024", "13. Mai 2026 um 15:44 Uhr",
    "June 5, 2024 at 2:30 p.m. EDT". Any word of three letters or more may be the month's (the
    names of all languages' months are dateparser's); the words around the day and the time
    are `data/vocabulary/dates.toml`'s, matched in lower case as written."""
    month = r"[^\W\d_]{3,}\.?"
    of, ordinal = alternation("dates", "of"), alternation("dates", "ordinals")
    time = (rf"(?:,?\s*(?:{alternation('dates', 'at')}|-|–|\|)?\s*\d{{1,2}}[:.h]\d{{2}}"
            rf"(?::\d{{2}})?\s*(?i:[ap]\.?\s?m\.?|{alternation('dates', 'clock')})?\s*"
            r"(?:\(?[A-Z]{2,5}\)?(?![\w])|[+-]\d{2}:?\d{2})?)?")
    return re.compile(
        rf"(?:\d{{1,2}}\.?\s+(?:{of}\s+)?{month},?\s+(?:{of}\s+)?\d{{4}}"
        rf"|{month}\s+\d{{1,2}}{ordinal}?,?\s+\d{{4}}"
        rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}){time}")


@lru_cache(maxsize=64)
def pattern(name: str, kind: str, head: str = "", tail: str = "") -> Phrases:
    """All phrases of a kind, between `head` and `tail` (raw regular expressions the caller
    anchors with), matched case-insensitively. Each phrase's outlet slot is a group of its own
    (`slot_0`, `slot_1`...): read it with `slot`."""
    return Phrases(phrases(name, kind), head, tail)


def slot(match: re.Match[str]) -> str | None:
    """The outlet's name a `pattern` match captured, if its phrase has a slot."""
    return next((v for k, v in match.groupdict().items()
                 if v is not None and k.startswith("slot_")), None)


def slot_start(match: re.Match[str]) -> int:
    """Where the outlet's name a `pattern` match captured begins (-1 without a slot)."""
    return next((match.start(k) for k, v in match.groupdict().items()
                 if v is not None and k.startswith("slot_")), -1)
