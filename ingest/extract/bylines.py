"""Bylines: the visible "by" line, and the people in it.

A byline mixes people, roles ("Staff Writer"), outlets ("Red River Gazette"), agencies
("Associated Press") and sometimes site accounts ("admin", "Metro Desk"). Only people become
`authors`; agencies are passed back as publishers; the rest is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field

from lxml import html as lxml_html

from ingest.core.publishers import UNSPACED, Publisher, Registry, name_key
from ingest.core.vocabulary import compile_phrase, normalise, pattern, phrases, slot
from ingest.extract.regions import BYLINE_HINTS, StoryRegion, hints, spaced_text


def _any_of(kind: str) -> str:
    """A regular expression for any of the byline vocabulary's phrases of `kind` as whole
    words (anywhere in a word in scripts written without spaces)."""
    spaced = [compile_phrase(p) for p in phrases("bylines", kind) if not UNSPACED.search(p)]
    unspaced = [compile_phrase(p) for p in phrases("bylines", kind) if UNSPACED.search(p)]
    return (rf"(?:(?<!\w)(?:{'|'.join(spaced) or '(?!)'})(?!\w)"
            rf"|{'|'.join(unspaced) or '(?!)'})")


BY_WORD = re.compile(rf"^\s*(?:{_any_of('by')}[:：\s]+|{_any_of('labels')}\s*)",
                     re.IGNORECASE)
"""What opens a byline: "By" or its translations, after the kind of piece ("Eine Kolumne
von"), or a label ("Text & Fotos:", "Autorin:"): `by` and `labels` of
data/vocabulary/bylines.toml."""
OTHER_LABEL = re.compile(r"^\(?[^\W\d_][^:：]{0,24}[:：]\s")
"""A label that is no byline's ("Image:", "Bild:", "Source:"): what follows credits no author."""
SEGMENT_BREAK = re.compile(rf"\s*(?:[|•·\n]|\s[-–—]\s|{_any_of('dated')}|"
                           rf"\s{_any_of('writing_for')}\s|"
                           rf"{_any_of('weekdays')}\.?,?(?=\s*\d))\s*", re.IGNORECASE)
"""What ends a byline's names: a separator, the date's label ("| Published", "Aktualisiert"),
the outlet written for ("Jane Roe for the Observer") or a day's name before a date ("Fr, 18.
Oktober 2019")."""
JOINERS = re.compile(rf"\s*(?:[,;/]|{_any_of('joiners')})\s*")
"""What stands between two names: a comma, or "and" in a language, in lower case ("Ed Cara",
"Dan Evon" and "Sarah E. Needleman" hold the Italian, Indonesian and Spanish words)."""
CAPITAL_JOINERS = re.compile(JOINERS.pattern, re.IGNORECASE)
"""The same, in a byline set in capitals ("BY JANE DOE AND JOHN ROE"), where case tells
nothing."""
ROLE_WORDS = re.compile(f"{_any_of('roles')}|{_any_of('outlet_words')}", re.IGNORECASE)
"""Job titles and outlets' words: a name holding one is a role or an outlet's."""
ENDINGS = "|".join(map(re.escape, phrases("bylines", "organisation_endings")))
ORGANISATION = re.compile(
    rf"{_any_of('organisations')}|\w*(?:{ENDINGS})\b|^{_any_of('leading')}\s", re.IGNORECASE)
"""What marks an organisation: kinds of body and legal forms, compounds ending in one
("Bundesverband"), and an opening article ("Die Grünen", "The Conversation"), which no
person's name has."""
ACCOUNT = re.compile(rf"^(?:{_any_of('accounts')}|\w*admin\w*|user\d*|member\d*)$",
                     re.IGNORECASE)
"""A whole author field that names a site account or the newsroom ("admin", "Redaktion",
"wpadmin", "user42")."""
DESKS = pattern("bylines", "desks", head=r"^\s*", tail=r"\s*$")
"""An outlet's desk named as the author ("Redazione ANSA", "Reuters staff"): the outlet's."""
INTERFACE = re.compile(rf"^\s*{_any_of('interface')}\s*$", re.IGNORECASE)
"""Interface labels an author field catches ("All posts", "View profile")."""
NOT_NAMES = {normalise(p).casefold() for p in phrases("bylines", "not_names")}
"""Single words an author field holds that name no writer."""


INITIALS = re.compile(r"\s*\([^()]{1,12}\)\s*$")
"""A name's trailing short tag in brackets: an editor's initials ("Jane Roe (jro)") or a place."""
PARTICLES = {"de", "da", "do", "dos", "van", "von", "der", "den", "del", "della", "di", "la", "le",
             "al", "el", "bin", "ibn", "ter", "zu", "y", "du", "st."}
PICTURE_HINTS = re.compile(r"image|photo|foto|picture|caption|figure|gallery|media-credit",
                           re.IGNORECASE)
"""Classes of a photo's credit ("article__image-author"): a photographer or a picture agency,
never the story's byline."""
ACCOUNT_PATH = re.compile(r"/(?:author|authors|user|users|members?|profile)/", re.IGNORECASE)


@dataclass(slots=True)
class Byline:
    """A byline as printed, and what it names."""

    text: str | None = None
    """The byline as printed, "by" removed."""
    people: list[str] = field(default_factory=list)
    agencies: list[Publisher] = field(default_factory=list)
    account_link: bool = False
    """True when the name links to the site's own author archive (a CMS account)."""
    own: bool = False
    """True when the byline names the site itself ("Le Figaro et AFP", "Staff, Daily Star"):
    an agency beside it supplied material, the story is the site's."""


SINGLE_NAME = re.compile(r"[^\W\d_][^\W\d_'’-]{2,24}")
"""A name of one word: a writer's first name or handle ("Steffi", "gizzmo", "Kay"). Shorter
words, three letters not written as a name and words in capitals are initials, a desk's code
or an acronym ("DT", "cpm", "ERBOL")."""


def is_account(text: str) -> bool:
    """True when `text` names a site account, the newsroom or an outlet's desk ("admin",
    "Redaktion", "Metro Desk", "Reuters staff"), not a person."""
    return bool(ACCOUNT.match(text) or DESKS.match(text))


def is_person_name(text: str, alone: bool = False) -> bool:
    """True when `text` looks like a person's name: 2-5 capitalised words, no role, outlet,
    organisation or interface label (names in scripts without case, often written without
    spaces, may be one word). `alone`: the text is a whole author field or byline, not a piece
    of one split at "and" or commas, so a single word may be a writer's first name or handle
    ("Steffi", "gizzmo") rather than a piece of an organisation's name ("Kirche und Leben");
    a word in capitals is an acronym ("ERBOL"), not a name."""
    words = text.split()
    caseless = not any(ch.isupper() or ch.islower() for ch in text)
    if is_account(text) or INTERFACE.match(text) or ROLE_WORDS.search(text) or (
            ORGANISATION.search(text)):
        return False
    if alone and len(words) == 1 and not caseless and SINGLE_NAME.fullmatch(text):
        return not (text.isupper() or (len(text) == 3 and not text.istitle())
                    or text.casefold() in NOT_NAMES or BY_WORD.match(f"{text} "))
    if not (1 if UNSPACED.search(text) else 2) <= len(words) <= 5 or len(text) > 60 or re.search(
            r"\d|@|:", text):
        return False
    # particles join the parts of a name, they never end one ("Autorenseite von")
    return caseless or (all(w[0].isupper() or w.lower() in PARTICLES for w in words)
                        and words[-1][0].isupper())


def parse_byline(text: str, registry: Registry, own: Container[str] = frozenset()) -> Byline:
    """Split a byline into people and outlets; `own` holds the `name_key`s of the site's own
    names, which are noted (`Byline.own`) but neither person nor outlet. People come from
    the byline's first segment; outlets from any ("Jane Roe | Reuters", "记者 张三 (新华社)")."""
    printed = " ".join(BY_WORD.sub("", " ".join(text.split())).split())
    head = next((s for s in SEGMENT_BREAK.split(printed) if re.search(r"[^\W\d_]", s)), "")
    result = Byline(text=head.strip(" ,|") or None)
    if OTHER_LABEL.match(BY_WORD.sub("", head)) or INTERFACE.match(head) or ACCOUNT.match(head):
        return result
    names = pattern("credits", "reporter").sub(" ", printed)
    for match, pub in registry.find(names):  # 新华社记者张三: no word breaks to split on
        if UNSPACED.search(match.group(0)):
            names = names.replace(match.group(0), " ")
            if pub not in result.agencies:
                result.agencies.append(pub)
    segments = [s for s in SEGMENT_BREAK.split(names) if re.search(r"[^\W\d_]", s)]
    for n, segment in enumerate(segments):
        joiners = CAPITAL_JOINERS if segment.isupper() else JOINERS
        parts = [p for p in joiners.split(BY_WORD.sub("", segment)) if p.strip(" .,:;()")]
        for part in parts:
            tag = INITIALS.search(part)  # "Claire Martin (AFP)": an agency's, not initials
            wire = registry.lookup(tag.group(0).strip(" ()")) if tag else None
            if wire is not None and wire.wire:  # "(taz)" may be Tarek Aziz's initials
                _add(result.agencies, wire)
            part = INITIALS.sub("", part).strip(" .,:;()（）")
            desk = DESKS.match(part)  # "Redazione ANSA", "Reuters staff"
            outlet = desk and slot(desk)
            if outlet and registry.lookup(outlet):
                part = outlet
            if not part:
                continue
            if name_key(part) in own:
                result.own = True
                continue
            pub = registry.lookup(part)
            if pub is not None:
                _add(result.agencies, pub)
            elif n == 0 and is_person_name(part, alone=len(parts) == 1) and (
                    part not in result.people):
                result.people.append(part)
    return result


def _add(agencies: list[Publisher], pub: Publisher | None) -> None:
    if pub is not None and pub not in agencies:
        agencies.append(pub)


def _linked_people(node: lxml_html.HtmlElement, own: Container[str]) -> list[str]:
    """The people a byline links to as authors (rel=author, an author-archive URL), each name
    its own link: exact where the printed text runs several names together ("Jane Roe John Doe"
    from two author blocks). Other links in a byline (a section, a topic) do not count."""
    names: list[str] = []
    for link in node.iter("a"):
        if not ("author" in link.get("rel", "") or ACCOUNT_PATH.search(link.get("href", ""))):
            continue
        name = spaced_text(link)
        if is_person_name(name) and name_key(name) not in own and name not in names:
            names.append(name)
    return names


def find_byline(region: StoryRegion, registry: Registry,
                own: Container[str] = frozenset()) -> Byline:
    """The story's visible byline: the first short author/byline element in the article."""
    xpath = ".//*[@rel='author' or @itemprop='author' or @class or @id]"
    for node in region.nodes(xpath):
        marked = node.get("rel") == "author" or node.get("itemprop") == "author"
        if not (marked or BYLINE_HINTS.search(hints(node))) or PICTURE_HINTS.search(hints(node)):
            continue
        text = spaced_text(node)
        if not 2 <= len(text) <= 160:
            continue
        byline = parse_byline(text, registry, own)
        linked = _linked_people(node, own)
        if len(linked) >= 2:
            byline.people = linked
            byline.text = ", ".join(linked)
        hrefs = [a.get("href", "") for a in node.iter("a")]
        if node.tag == "a":
            hrefs.append(node.get("href", ""))
        byline.account_link = any(ACCOUNT_PATH.search(h) for h in hrefs)
        if byline.people or byline.agencies or is_account(byline.text or ""):
            return byline
    return Byline()
