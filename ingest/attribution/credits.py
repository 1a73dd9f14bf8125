"""Syndication credit lines: the sentences with which a page says whose story it is.

"Source: National Public Radio", "This article originally appeared on The Conversation",
"Copyright 2024 NPR", "Fuente: EFE", "The post ... appeared first on Site", "— Reuters". A credit
is a line of its own at the edge of the story, in a note beside it or in a credit element, and
its wording comes from `data/vocabulary/credits.toml` (one table per language). Mentions inside
sentences ("told Reuters", "according to the Associated Press", "as first reported by
Bloomberg") are not credits, since every wording must match a whole line, and "X contributed
to this report" keeps a story original.

This module reads what a line says; the attribution stage decides whether it names another
outlet than the site itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

from ingest.core.publishers import Publisher, Registry, host_of
from ingest.core.vocabulary import (
    alternation,
    normalise,
    pattern,
    slot,
    slot_start,
    written_date,
)
from ingest.extract.captions import is_photo_credit
from ingest.extract.regions import StoryRegion, hints, is_chrome, spaced_text

VOCABULARY = "credits"
TEXT_DATE = written_date()
LINE_WORDS = 45
"""Longest line read as a credit: a feed footer quotes the post's title."""
BARE_WORDS = 8
"""Longest line that credits by naming outlets alone ("— Reuters", "(AFP)", "dpa/AFP/lnw")."""
NOTE_WORDS = 35
"""Longest line outside the story text read as a note: a credit is a short line, a
syndicated-feed disclaimer a sentence of 20 to 30 words."""
LINE_TAGS = ("p", "div", "section", "footer", "small", "cite", "span")
BLOCK_TAGS = ("p", "div", "section", "footer")


def leaf_blocks(node: lxml_html.HtmlElement, *, itself: bool = False
                ) -> list[lxml_html.HtmlElement]:
    """The elements below `node` (and `node` itself, with `itself`) that hold a line of their
    own: a `LINE_TAGS` element with no `BLOCK_TAGS` element inside, in document order. (The
    XPath form, `.//*[self::p or ...][not(.//p or ...)]`, collects each element's whole
    subtree to say it is not empty: 2.5 times the time on real pages.)"""
    found = node.iter(*LINE_TAGS) if itself else node.iterdescendants(*LINE_TAGS)
    return [n for n in found if next(n.iterdescendants(*BLOCK_TAGS), None) is None]


CREDIT_HINTS = re.compile(
    r"(?:^|[-_\s])(?:source|sources|quelle|fuente|fonte|origin|original|syndicat\w*|"
    r"provider|attribution|republish\w*|reprint|credit-line|article-credit|story-credit)"
    r"(?:$|[-_\s])", re.IGNORECASE)
"""Class names of elements that templates set a story's credit in."""
PICTURE_HINTS = re.compile(r"image|photo|foto|picture|caption|figure|gallery|media|video",
                           re.IGNORECASE)
SEPARATORS = re.compile(r"\s*(?:[,;/|+&、・]|\s(?:and|und|y|et|e|i|en|и|і|та|ve|và|dan|और)\s)\s*",
                        re.IGNORECASE)
"""What stands between outlets credited together ("AP and Reuters", "dpa/AFP", "EFE y AFP")."""
WRAPPING = " \t\"'()[]{}<>.,;:!?-–—|*_/\\·•"
FUNCTION_WORDS = {"the", "a", "an", "der", "die", "das", "dem", "den", "des", "le", "la", "les",
                  "l'", "el", "los", "las", "o", "os", "as", "il", "lo", "gli", "het", "een"}
"""Articles that a sentence puts before an outlet's name ("in der EMOTION", "no o Globo")."""
NAME_NOISE = re.compile(r"\s+(?:website|web site|site|homepage|web page|webpage|"
                        r"news site|newsletter)$", re.IGNORECASE)
PUNCTUATION = r"\s\"'()\[\]{}<>.,;:!?|*_/\\·•…\-–—=。、「」『』【】《》〈〉〔〕※।॥"
"""What may wrap a credit line: punctuation and brackets of every script, not letters or the
vowel signs of Indic scripts (which Python's \\W would take for punctuation)."""
HEAD = rf"^[{PUNCTUATION}]*"
END = rf"[{PUNCTUATION}]*$"
CJK_END = r"(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff])"
"""After a Chinese, Japanese or Korean label the outlet follows with no space ("本文转自澎湃")."""
CJK_DATE = re.compile(r"\d{1,4}\s*[年月]|\d{1,2}\s*日|[월화수목금토일]요일|[月火水木金土日]曜")
"""Dates and weekdays of Chinese, Japanese and Korean ("6月5日", "월요일"), which are no names."""
NAME_WORDS = 6
"""Longest name of an outlet the registry does not know."""


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the page that may be a credit, with the addresses it links to."""

    text: str
    links: tuple[str, ...] = ()
    place: str = "text"
    """text (a paragraph at the story's edge), element (a credit element) or note (a short
    line beside the story, or chrome the cleaning stage set aside)."""


def node_links(node: lxml_html.HtmlElement) -> tuple[str, ...]:
    """The absolute http(s) addresses a node links to (relative ones stay on the site)."""
    hrefs = [node.get("href", "")] if node.tag == "a" else []
    hrefs += [a.get("href", "") for a in node.iter("a")]
    return tuple(dict.fromkeys(h.strip() for h in hrefs if h.strip().startswith(("http://",
                                                                                 "https://"))))


@dataclass(frozen=True, slots=True)
class Credit:
    """What one line says of the story's origin."""

    cue: str
    """phrase (a sentence saying where it first ran), label ("Source: X"), notice (a
    permission or syndicated-feed notice naming nobody), copyright, bare (outlets alone), link
    (a label such as "Read the original article" whose link names the outlet), or
    contribution (help credited, never a copy)."""
    line: str
    publishers: tuple[Publisher, ...] = ()
    """The credited outlets the registry knows, first the one credited first (a label's
    unknown name credits no outlet: "Source: Bureau of Labor Statistics")."""
    name: str | None = None
    """The credited outlet as written (cleaned), for one the registry does not know."""


def _tails() -> str:
    """What may follow a credited name, any number of times: "All rights reserved", "under a
    Creative Commons license", a date (the vocabulary's `tails`)."""
    return rf"(?:[{PUNCTUATION}]+{alternation(VOCABULARY, 'tails')})*"


def _is_tail(text: str, start: int) -> bool:
    """True when what a phrase took for the outlet's name, with the word before it, is a
    tail ("verscheen eerder op zaterdag": a day, no outlet)."""
    tails = pattern(VOCABULARY, "tails", head=HEAD, tail=END)
    before = text[:start].rstrip().rsplit(" ", 1)[-1]
    return bool(tails.match(text[start:]) or tails.match(f"{before} {text[start:]}"))


def strip_tails(text: str) -> str:
    """The line without what may follow a credited name ("All rights reserved", "under a
    Creative Commons license", a date); at most three such clauses."""
    tails = pattern(VOCABULARY, "tails", head=rf"(?:^|[{PUNCTUATION}]+)", tail=END)
    for _ in range(3):
        match = tails.search(text)
        if match is None or match.start() == 0:
            break
        text = text[:match.start()]
    return text.rstrip(" .,;:!|-–—")


def clean_name(raw: str) -> str | None:
    """An outlet's name as a credit wrote it, without what the sentence put around it: quotes,
    an article ("in der EMOTION"), an issue number ("10/22"), "website". None when what is
    left is no name: a date, a clause, more than a few words."""
    name = NAME_NOISE.sub("", raw.strip(WRAPPING))
    if TEXT_DATE.search(name) or CJK_DATE.search(name):
        return None  # "June 5, 2024": read before its day and year go with the issue numbers
    words = name.split()
    while len(words) > 1 and words[0] in FUNCTION_WORDS and not words[1][:1].islower():
        words.pop(0)
    while len(words) > 1 and (re.search(r"\d", words[-1]) or not re.search(r"[^\W\d_]", words[-1])
                              ) and host_of(words[-1]) is None:
        words.pop()  # an issue number ("10/22", "12 / 2013"), a year
    name = " ".join(words).strip(WRAPPING)
    if (not name or len(words) > NAME_WORDS or not re.search(r"[^\W\d_]", name)
            or sum(bool(re.search(r"\d", w)) for w in words) >= 2 or TEXT_DATE.search(name)
            or CJK_DATE.search(name) or re.search(r"[.!?]\s", name)):
        return None
    if " " in name and name[0].islower() and host_of(name) is None:
        return None  # a clause ("and has been republished here"), not a name
    return name


def outlets(text: str, registry: Registry) -> list[Publisher] | None:
    """The outlets `text` lists, all known to the registry ("AP and Reuters", "dpa/AFP",
    "npr.org"); None when any part names something else. A year or date may close the list."""
    text = text.strip(WRAPPING)
    whole = registry.resolve(text)
    if whole is not None:
        return [whole]
    spelled = re.match(r"^(.+?)\s*\(([^()]+)\)?$", text)  # "Deutsche Presse-Agentur (dpa)"
    if spelled and registry.resolve(spelled.group(1)) is not None and registry.resolve(
            spelled.group(1)) == registry.resolve(spelled.group(2)):
        return [registry.resolve(spelled.group(1))]
    found: list[Publisher] = []
    for part in SEPARATORS.split(text):
        part = part.strip(WRAPPING)
        if not part or re.fullmatch(r"(?:19|20)\d\d", part) or TEXT_DATE.fullmatch(part):
            continue
        pub = registry.resolve(part)
        if pub is None:
            return None
        if pub not in found:
            found.append(pub)
    return found or None


def read_credit(line: str, registry: Registry, linked: bool = False,
                bare: bool = True) -> Credit | None:
    """What a whole line says of the story's origin, if it is a credit line at all; `linked`
    when the line links to another page, which a label alone may credit. `bare` allows a line
    of outlets' names alone, which credits the story only as a paragraph of its own or in a
    credit element: beside the story the same line is a photo's credit or a logo's caption."""
    text = normalise(line)
    if not text or len(text.split()) > LINE_WORDS:
        return None
    text = pattern(VOCABULARY, "prefixes", head=HEAD, tail=r"\s*").sub("", text, count=1)
    anchored = {"head": HEAD, "tail": END}
    if linked and pattern(VOCABULARY, "link_labels", **anchored).match(text):
        return Credit("link", line)
    if pattern(VOCABULARY, "notices", **anchored).match(text):
        return Credit("notice", line, tuple(p for _, p in registry.find(text)))
    tailed = {"head": HEAD, "tail": _tails() + END}
    for kind, cue in (("phrases", "phrase"), ("copyright", "copyright")):
        match = pattern(VOCABULARY, kind, **tailed).match(text)
        said = slot(match) or "" if match else ""
        if said and not _is_tail(text, slot_start(match)):
            listed = outlets(said, registry) or outlets(clean_name(said) or "", registry)
            if listed or cue == "copyright" or clean_name(said):
                return Credit(cue, line, tuple(listed or ()), clean_name(said))
    match = pattern(VOCABULARY, "labels", head=HEAD, tail=(
        rf"(?:\s*[:\-–—]\s*|\s+|(?<=:)|{CJK_END})(?P<rest>\S.*?){_tails()}{END}")).match(text)
    listed = outlets(match.group("rest"), registry) if match else None
    if listed:
        return Credit("label", line, tuple(listed), clean_name(match.group("rest")))
    if pattern(VOCABULARY, "contributions", **anchored).match(text):
        return Credit("contribution", line)
    name = clean_name(match.group("rest")) if match else None
    if name:  # an unknown name is no outlet, but may be the site's own
        return Credit("label", line, (), name)
    listed = bare_outlets(text, registry) if bare else None
    if listed:
        return Credit("bare", line, tuple(listed))
    return None


def bare_outlets(line: str, registry: Registry) -> list[Publisher] | None:
    """The outlets a short line names and nothing else ("— Reuters", "(AFP)", "dpa/AFP"); an
    address alone ("https://www.ft.com/...") is a reference, not a credit."""
    text = normalise(line)
    if len(text.split()) > BARE_WORDS or host_of(text.strip(WRAPPING)):
        return None
    return outlets(strip_tails(text), registry)


SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？\"”»])\s+|\s+(?=[(\[][^()\[\]]{1,40}[)\]]\W*$)"
                            r"|\s+(?=[—–]\s*[^\W\d_][^.!?]{0,40}$)")
"""Where a paragraph's last sentence begins, or its closing bracket or dash ("... said.
(AFP)", "... on Tuesday. — Reuters")."""
TRAILING_WORDS = 30


def trailing_credit(paragraph: str, registry: Registry) -> tuple[str, Credit] | None:
    """A credit closing the story's last paragraph rather than standing on a line of its own
    ("... the ministry said. This article first appeared on NPR.", "... on Tuesday. (AFP)"):
    the paragraph without it, and the credit. Outlets' names alone count only in brackets or
    after a dash."""
    parts = SENTENCE_BREAK.split(paragraph.strip())
    if len(parts) < 2 or len(parts[-1].split()) > TRAILING_WORDS:
        return None
    last = parts[-1]
    credit = read_credit(last, registry, bare=bool(re.match(r"^[(\[—–]", last)))
    if credit is None or credit.cue == "contribution":
        return None
    return paragraph.strip()[: paragraph.strip().rfind(last)].rstrip(), credit


def notes_outside(region: StoryRegion, paragraphs: list[str]) -> list[Line]:
    """Short lines of the story region that the text extraction left out and that sit before
    or after the story text: a footer note after the share buttons ("News source: CNBC"), a
    provider label above the story. Lines between story paragraphs (a chart's source) do not
    count, like a mention inside the text, nor do photo credits ("© Reuters / Pool") of
    pictures the captions stage left in place."""
    story = set(paragraphs)
    nodes = region.nodes(leaf_blocks)
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
    return [Line(line(n), node_links(nodes[n]), "note") for n in outside
            if short(n) and line(n) and line(n) not in story
            and len(line(n).split()) <= NOTE_WORDS
            and not is_photo_credit(line(n), after_story=last is not None and n > last)]


AFTER_SIBLINGS = 3
"""How many elements after the story's container may hold its credit."""


def notes_after(region: lxml_html.HtmlElement) -> list[Line]:
    """Short lines just after the story's container, before the next chrome: templates that
    close the <article> and then print "Source: AFP" in a box of their own. The first
    element that holds text ends the search, so a sidebar or another story never counts."""
    node, found = region, []
    for _ in range(2):  # the container's siblings, else its parent's
        siblings = [s for s in node.itersiblings() if isinstance(s.tag, str)][:AFTER_SIBLINGS]
        for sibling in siblings:
            if is_chrome(sibling) or sibling.tag in ("aside", "nav", "footer", "form", "script"):
                return found
            lines = [Line(text, node_links(leaf), "note")
                     for leaf in leaf_blocks(sibling, itself=True)
                     if (text := spaced_text(leaf)) and len(text.split()) <= NOTE_WORDS
                     and not is_photo_credit(text, after_story=True)]
            if spaced_text(sibling):
                return found + lines
        if siblings or node.getparent() is None:
            return found
        node = node.getparent()
    return found


SEGMENTS = re.compile(r"\s+[|•·–—-]\s+|\s*\|\s*")
"""What parts a meta line ("By admin | Source: Reuters | June 5")."""


def segments(line: Line) -> list[Line]:
    """The line, and each part of it when a meta line strings several together."""
    parts = [part.strip() for part in SEGMENTS.split(line.text) if part.strip()]
    return [line] + ([Line(part, line.links, line.place) for part in parts]
                     if len(parts) > 1 else [])


def credit_elements(region: lxml_html.HtmlElement) -> list[Line]:
    """Lines of the elements a template names as the story's credit or source ("source",
    "article-credit", "syndication"), wherever they sit in the story region, site chrome
    included (a "copyright" box under the story), pictures' credits left out."""
    found = []
    for node in region.xpath(".//*[@class or @id]"):
        if not CREDIT_HINTS.search(f"{node.get('class', '')} {node.get('id', '')}"):
            continue
        if PICTURE_HINTS.search(hints(node)) or node.tag in ("figure", "figcaption", "img") or any(
                a.tag in ("figure", "figcaption") or PICTURE_HINTS.search(hints(a))
                for a in node.iterancestors()):
            continue
        text = spaced_text(node)
        if text and len(text.split()) <= NOTE_WORDS and not is_photo_credit(text):
            found.append(Line(text, node_links(node), "element"))
    return found
