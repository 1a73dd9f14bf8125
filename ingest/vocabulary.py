"""Word lists that users and translators edit: `data/vocabulary/<list>.toml`, keyed by language.

Each file has one table per language (`[en]`, `[de]`, ...), and each table lists phrases by
kind. A phrase is written as a reader sees it, in a small template language, so that adding a
language or a wording needs no regular expressions:

- words match case-insensitively, a space matches any run of white space (before an optional
  group, none: "저작권자 [©]" reads "저작권자©"), and punctuation may have white space around it
  or not ("Source:" matches "Source :" and "Source:");
- `(a|b)` is a choice, `[a|b]` an optional choice (`[originally]`);
- `{name}` is the slot of the credited outlet, `{title}` any short run of text (a post's
  title), `{year}` a year, `{date}` a short date ("5 June", "June 5, 2024", "05.06.2024").

Lines are matched after `normalise`: Unicode NFKC (full-width colons and brackets become
ASCII), "(c)" and "ⓒ" become "©", curly quotes straight ones.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

from ingest.errors import ConfigError
from ingest.publishers import DATA_DIR

VOCABULARY_DIR = DATA_DIR / "vocabulary"
SLOTS = {
    "name": r"(?P<{group}>[^\n]{{1,120}}?)",
    "title": r"[^\n]{1,200}?",
    "year": r"(?:19|20)\d\d",
    "date": r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}|"
            r"\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?(?:,?\s+(?:de\s+)?(?:19|20)\d\d)?|"
            r"[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?)",
}
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                         "»": '"', "\u00a0": " ", "\u202f": " ", "\u200b": ""})
_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff"
          "\u0e31-\u0e4e")
"""Combining marks (Indic vowel signs, Arabic vowels): part of a word, though not `\\w`."""
_TOKEN = re.compile(rf"\{{(\w+)\}}|([()\[\]|])|(\s+)|([^\w\s{_MARKS}])|((?:\w|[{_MARKS}])+)")


def normalise(line: str) -> str:
    """The form lines are matched in (see the module docstring)."""
    line = re.sub(r"\((?:c|C)\)|ⓒ|Ⓒ", "©", line)
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


@lru_cache(maxsize=64)
def pattern(name: str, kind: str, head: str = "", tail: str = "") -> re.Pattern[str]:
    """One case-insensitive regular expression for all phrases of a kind, between `head` and
    `tail` (raw regular expressions the caller anchors with). Each phrase's outlet slot is its
    own group (`slot_0`, `slot_1`...): read it with `slot`."""
    choices = "|".join(f"(?:{compile_phrase(p, f'slot_{n}')})"
                       for n, p in enumerate(phrases(name, kind))) or "(?!)"
    return re.compile(f"{head}(?:{choices}){tail}", re.IGNORECASE)


def slot(match: re.Match[str]) -> str | None:
    """The outlet's name a `pattern` match captured, if its phrase has a slot."""
    return next((v for k, v in match.groupdict().items()
                 if v is not None and k.startswith("slot_")), None)
