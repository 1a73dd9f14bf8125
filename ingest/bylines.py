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

from ingest.page_regions import BYLINE_HINTS, hints, spaced_text, story_nodes
from ingest.publishers import UNSPACED, Publisher, Registry, name_key
from ingest.vocabulary import pattern

BY_WORD = re.compile(
    r"^\s*(?:(?:(?:(?:an?|eine?|blog|guest|gast)\s*)?(?:text|artikel|beitrag|kolumne|column|"
    r"article|story|post|essay|kommentar|commentary|analys[ie]s|analyse)\s+)?"
    r"(?:by|von|por|par|di|door|av|de|oleh|written by|posted by|authors?|auteur|autore|"
    r"autor(?:in|en)?(?:/autor(?:in)?)?)[:：\s]+|(?:(?:text|texte|words|interview|reporting|"
    r"story)(?:\s*(?:&|and|und|y|et)\s*(?:fotos?|photos?))?|redaktion)\s*[:：]\s*)",
    re.IGNORECASE)
"""What opens a byline: "By" or its translations, after the kind of piece ("Eine Kolumne
von"), or a label ("Text & Fotos:", "Autorin:")."""
OTHER_LABEL = re.compile(r"^\(?[^\W\d_][^:：]{0,24}[:：]\s")
"""A label that is no byline's ("Image:", "Bild:", "Source:"): what follows credits no author."""
SEGMENT_BREAK = re.compile(r"\s*(?:[|•·\n]|\s[-–—]\s|\b(?:published|updated|posted|veröffentlicht|"
                           r"aktualisiert|publicado|actualizado|atualizado)\b)\s*", re.IGNORECASE)
JOINERS = re.compile(r"\s*(?:,|;|/|\band\b|&|\bund\b|\by\b|\be\b|\bet\b|\bog\b|\boch\b)\s*")
ROLE_WORDS = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|columnist|contributor|contributing|analyst|"
    r"producer|photographer|staff|bureau|chief|senior|intern|special|journalist|"
    r"redakteur\w*|korrespondent\w*|autor\w*|periodista|redactor\w*|repórter|desk|team|"
    r"newsroom|news|gazette|post|times|herald|tribune|journal|daily|press|media|observer|"
    r"ledger|chronicle|wire|agency|online|magazine|radio|tv|network)\b",
    re.IGNORECASE,
)
ORGANISATION = re.compile(
    r"\b(?:gmbh|inc|ltd|llc|corp|e\.\s?v|co\.?\s?kg|(?-i:AG|SA|S\.A)|university|universit[äa]t|"
    r"institute|foundation|association|society|council|committee|department|ministry|company|"
    r"group|club|the|die|das|les|los|las|\w*(?:verlag|verband|verein|institut|stiftung|"
    r"ministerium|gesellschaft|fraktion|partei|zeitung|nachrichten|akademie))\b",
    re.IGNORECASE,
)
"""Words that mark an organisation: legal forms, kinds of body, German compounds ending in one
("Bundesverband"), and a leading article ("Die Grünen"), which no person's name has."""
ACCOUNT = re.compile(
    r"^(?:(?:super\s)?admin(?:istrator)?|super\suser|editor(?:ial)?|editors|staff|newsdesk|"
    r"webdesk|desk|team|guest|redaktion|redacci[oó]n|reda[cç][aã]o|r[ée]daction|redazione|user\d*|.+\s(?:desk|staff|"
    r"team|newsroom|editors|reporters))$",
    re.IGNORECASE,
)
DESK = re.compile(
    r"^(?:(?:redazione|redacci[oó]n|reda[cç][aã]o|r[ée]daction|redaktion|newsroom|news desk|"
    r"staff|desk)\s+(?P<after>.+)|(?P<before>.+?)\s+(?:staff|desk|newsroom|team|redaktion|"
    r"redazione|editors|reporters|bureau|wire))$", re.IGNORECASE)
"""An outlet's desk named as the author ("Redazione ANSA", "Reuters staff"): the outlet's."""
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


def is_person_name(text: str) -> bool:
    """True when `text` looks like a person's name: 2-5 capitalised words, no role or outlet
    (names in scripts without case, often written without spaces, may be one word)."""
    words = text.split()
    caseless = not any(ch.isupper() or ch.islower() for ch in text)
    if not (1 if caseless else 2) <= len(words) <= 5 or len(text) > 60 or re.search(
            r"\d|@|:", text):
        return False
    if ACCOUNT.match(text) or ROLE_WORDS.search(text) or ORGANISATION.search(text):
        return False
    return all(w[0].isupper() or w.lower() in PARTICLES for w in words) or caseless


def parse_byline(text: str, registry: Registry, own: Container[str] = frozenset()) -> Byline:
    """Split a byline into people and outlets; `own` holds the `name_key`s of the site's own
    names, which are noted (`Byline.own`) but neither person nor outlet. People come from
    the byline's first segment; outlets from any ("Jane Roe | Reuters", "记者 张三 (新华社)")."""
    printed = " ".join(BY_WORD.sub("", " ".join(text.split())).split())
    head = next((s for s in SEGMENT_BREAK.split(printed) if re.search(r"[^\W\d_]", s)), "")
    result = Byline(text=head.strip(" ,|") or None)
    if OTHER_LABEL.match(BY_WORD.sub("", head)):
        return result
    names = pattern("credits", "reporter").sub(" ", printed)
    for match, pub in registry.find(names):  # 新华社记者张三: no word breaks to split on
        if UNSPACED.search(match.group(0)):
            names = names.replace(match.group(0), " ")
            if pub not in result.agencies:
                result.agencies.append(pub)
    segments = [s for s in SEGMENT_BREAK.split(names) if re.search(r"[^\W\d_]", s)]
    for n, segment in enumerate(segments):
        for part in JOINERS.split(BY_WORD.sub("", segment)):
            tag = INITIALS.search(part)  # "Claire Martin (AFP)": an agency's, not initials
            wire = registry.lookup(tag.group(0).strip(" ()")) if tag else None
            if wire is not None and wire.wire:  # "(taz)" may be Tarek Aziz's initials
                _add(result.agencies, wire)
            part = INITIALS.sub("", part).strip(" .,:;()（）")
            desk = DESK.match(part)  # "Redazione ANSA", "Reuters staff"
            outlet = desk and (desk.group("after") or desk.group("before"))
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
            elif n == 0 and is_person_name(part) and part not in result.people:
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


def find_byline(region: lxml_html.HtmlElement, registry: Registry,
                own: Container[str] = frozenset()) -> Byline:
    """The story's visible byline: the first short author/byline element in the article."""
    xpath = ".//*[@rel='author' or @itemprop='author' or @class or @id]"
    for node in story_nodes(region, xpath):
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
        if byline.people or byline.agencies or ACCOUNT.match(byline.text or ""):
            return byline
    return Byline()
