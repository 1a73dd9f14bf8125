"""Extraction stage: the story's headline, body paragraphs and photo credits from the page.

trafilatura (without its metadata pass, with links kept and its minimum size lowered) finds
the main text, with its recall mode as the fallback for a short text; captions are lifted out
of the tree first (their credits kept), and the standfirst or the article element's paragraphs
are put back where trafilatura dropped them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import use_config

from ingest.core.urls import resolve, site_domain
from ingest.extract.bylines import BY_WORD
from ingest.extract.captions import credit_from_caption
from ingest.extract.metadata import PageMeta, ld_names, ld_text
from ingest.extract.regions import (
    StoryRegion,
    crumb_heading,
    headline_node,
    hints,
    is_chrome,
    is_masthead,
    spaced_text,
)
from ingest.extract.titles import (
    choose_title,
    headline_forms,
    headline_texts,
    site_from_title,
    tidy,
)
from ingest.extract.trafilatura_xpaths import speed_up_trafilatura

CAPTION_CANDIDATES = etree.XPath(
    "//figcaption | //*[contains(@class, 'caption') or contains(@class, 'credit')]")
CAPTION_MAX_CHARS = 400
"""A "caption" element longer than this (in XPath's normalize-space characters) is a block
of the page that carries the word in a class name, not a caption."""
XML_SPACE = re.compile(r"[ \t\r\n]+")
BLOCK_TAGS = {"p", "head", "quote", "item", "row", "code"}
FALLBACK_SHARE = 0.5
FALLBACK_MIN_WORDS = 150
"""fill_from_article's thresholds, chosen on the dev corpus (0.4, 0.5, 0.6 tried)."""
STANDFIRST_MIN_CHARS = 40
"""A description and a paragraph that agree on this many leading characters (of their words)
are the same standfirst; descriptions are often the standfirst cut short."""
WORD = re.compile(r"\w+")
STANDFIRST_WORDS = (8, 80)
"""The length of a standfirst, in words: a sentence or three, never the story."""
LEAD_HINTS = re.compile(r"(?:^|[-_\s])(?:lead|lede|intro|introduction|standfirst|excerpt|"
                        r"summary|dek|abstract)(?:$|[-_\s])", re.IGNORECASE)
LINK_LINE_MAX_WORDS = 12
LINK_LINE_SHARE = 0.8
"""is_link_line's thresholds, chosen on the dev corpus (shares 0.6, 0.8, 0.95 and 6, 12, 16
words tried): headlines run to about a dozen words, sentences end with punctuation."""
SENTENCE_END = re.compile(r"[.!?…:。！？]['\"”’»)\]]*$")
ADDRESS = re.compile(r"://|www\.|@")
speed_up_trafilatura()
TRAFILATURA_CONFIG = use_config()
# Below this many characters trafilatura swaps its result for a fallback extractor's, which on
# short stories (briefs, Chinese or Japanese text) returns headline, byline and body as one
# blob. 100 instead of 250 keeps the structured result; the dev-corpus scores do not move.
TRAFILATURA_CONFIG["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "100"


@dataclass(slots=True)
class Extracted:
    """What the extraction stage found on the page, before cleaning."""

    title: str | None
    paragraphs: list[str]
    image_credits: list[str] = field(default_factory=list)
    site_name: str | None = None
    link_share: float = 0.0
    """Share of the main text that is link text: high on section pages and link lists."""
    linked_paragraphs: int = 0
    """Paragraphs that are mostly a link (a headline pointing elsewhere, with its teaser)."""
    link_lines: set[str] = field(default_factory=set)
    """Short paragraphs that are a link and no sentence: headlines of other stories, menu
    entries, "Comments"; the cleaning stage drops them."""
    headlines: list[str] = field(default_factory=list)
    """The title and every other form in which the page states its headline (see
    `titles.headline_forms`); the cleaning stage drops a line of the text that repeats one."""
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The absolute addresses each paragraph links to: a credit line's link names the
    original."""


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)


def is_caption(node: lxml_html.HtmlElement) -> bool:
    """A <figcaption>; an element whose class says caption, short and holding no heading; or
    one whose class says credit, inside a <figure> or naming an image's or photo's credit.
    (Tested here on one search's candidates: three XPath searches of the whole page for the
    class words took twice as long.)"""
    if node.tag == "figcaption":
        return True
    names = node.get("class", "")
    if "caption" in names and next(node.iterdescendants("h1", "h2", "h3"), None) is None and (
            len(XML_SPACE.sub(" ", node.text_content()).strip(" \t\r\n"))
            < CAPTION_MAX_CHARS):
        return True
    return "credit" in names and ("image-credit" in names or "photo-credit" in names
                                  or next(node.iterancestors("figure"), None) is not None)


def lift_captions(tree: lxml_html.HtmlElement) -> list[str]:
    """Remove captions from the tree, returning the photo credits of those in the story."""
    credits = []
    for node in [node for node in CAPTION_CANDIDATES(tree) if is_caption(node)]:  # then drop
        if node.getparent() is None:
            continue  # already removed with an enclosing caption
        credit = credit_from_caption(node.text_content())
        if credit is None and "credit" in node.get("class", "").lower():
            credit = " ".join(node.text_content().split()) or None
        if credit and not is_chrome(node):
            credits.append(credit)
        node.drop_tree()
    return _unique(credits)


BLOCK_ELEMENTS = {"div", "p", "table", "ul", "ol", "dl", "figure", "blockquote", "section",
                  "article", "header", "footer", "aside", "nav", "form", "center",
                  "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr"}
LOOSE_TEXT_CHARS = 40
"""Text this long standing loose after a block is a paragraph of its own, not a stray word."""


def wrap_loose_text(tree: lxml_html.HtmlElement) -> None:
    """Put text that stands loose after a picture's block ("<div class=photo><img>Foto: dpa
    </div>The lead ...<br><br>", as older pages write their paragraphs) into a paragraph of
    its own, with the inline elements that continue it: trafilatura drops such text with the
    block before it, so a photo credit before the lead took the lead with it. (Loose text
    after other blocks, such as a live blog's entries, trafilatura reads as it is; wrapping it
    changes which part of the page it takes for the story.)"""
    for node in list(tree.iter(*BLOCK_ELEMENTS)):
        parent = node.getparent()
        if (parent is None or len((node.tail or "").strip()) < LOOSE_TEXT_CHARS
                or next(node.iter("img"), None) is None):
            continue
        paragraph = lxml_html.Element("p")
        paragraph.text, node.tail = node.tail, None
        sibling = node.getnext()
        while (sibling is not None and sibling.tag not in BLOCK_ELEMENTS
               and not (sibling.tag == "br" and _breaks_paragraph(sibling))):
            following = sibling.getnext()
            paragraph.append(sibling)  # moves it, with its tail
            sibling = following
        node.addnext(paragraph)


def _breaks_paragraph(br: lxml_html.HtmlElement) -> bool:
    """True for the first of two <br>s in a row (nothing but white space between them)."""
    following = br.getnext()
    return following is not None and following.tag == "br" and not (br.tail or "").strip()


def _blocks(body: lxml_html.HtmlElement,
            url: str) -> Iterator[tuple[str, str, int, tuple[str, ...]]]:
    """The outermost text blocks of trafilatura's result: tag, text, characters in links and
    the absolute addresses linked (resolved against `url` here, for the few blocks that hold
    links, rather than by trafilatura for every link of the page)."""
    for node in body.iter():
        if node.tag in BLOCK_TAGS and not any(a.tag in BLOCK_TAGS for a in node.iterancestors()):
            text = spaced_text(node)
            if text:
                refs = list(node.iter("ref"))
                targets = tuple(t for ref in refs if (t := resolve(url, ref.get("target"))))
                yield node.tag, text, sum(len(" ".join(ref.itertext()).strip())
                                          for ref in refs), targets


def is_link_line(text: str, in_links: int) -> bool:
    """True for a short paragraph that is nearly all link text and does not end a sentence: it
    points to another page (a headline, a section, a "Comments" button) rather than telling
    the story. A written-out address (URL, e-mail) is a reference, and stays; so does a byline
    whose names link to the authors' pages ("Von: Anna Berg, Jonas Weil"), for attribution."""
    return (in_links >= LINK_LINE_SHARE * len(text) and len(text.split()) <= LINK_LINE_MAX_WORDS
            and not SENTENCE_END.search(text) and not ADDRESS.search(text)
            and not BY_WORD.match(text))


SHORT_TEXT = 250
"""trafilatura's own MIN_EXTRACTED_SIZE: a text shorter than this may be all that the tuned
call found of a story that its default call, in recall mode and with its fallback extractors,
finds whole (a paywall's preview written as bare text, a story without <p> elements)."""


def _trafilatura(tree: lxml_html.HtmlElement, url: str,
                 recall: bool) -> list[tuple[str, str, int, tuple[str, ...]]]:
    """trafilatura's text blocks of the page; `recall`: its default configuration in recall
    mode, fallback extractors and all."""
    doc = trafilatura.bare_extraction(
        tree, url=None, with_metadata=False, include_comments=False, include_tables=True,
        include_images=False, include_links=True, deduplicate=False, favor_recall=recall,
        config=None if recall else TRAFILATURA_CONFIG,
    )
    if doc is None or doc.body is None:
        return []
    blocks = list(_blocks(doc.body, url))
    while blocks and blocks[-1][0] == "head":
        blocks.pop()  # a heading that closes the text introduces what trafilatura cut: chrome
    return blocks


def _length(blocks: list[tuple[str, str, int, tuple[str, ...]]]) -> int:
    return sum(len(text) for _, text, _, _ in blocks)


def extract_body(tree: lxml_html.HtmlElement, url: str, extracted: Extracted) -> None:
    """Fill `extracted` with trafilatura's main text (as paragraphs) and link statistics. A
    short or empty text is replaced by what
    trafilatura's recall mode finds when that is at least twice as long (`SHORT_TEXT`) and
    in paragraphs: one block is its fallback extractors' blob of the whole page's text,
    menus and all."""
    blocks = _trafilatura(tree, url, recall=False)
    if _length(blocks) < SHORT_TEXT:
        fuller = _trafilatura(tree, url, recall=True)
        if len(fuller) > 1 and _length(fuller) >= 2 * max(_length(blocks), 1):
            blocks = fuller
    for _, text, in_links, targets in blocks:
        extracted.paragraphs.append(text)
        extracted.linked_paragraphs += in_links >= 0.3 * len(text)
        if is_link_line(text, in_links):
            extracted.link_lines.add(text)
        if targets:
            extracted.links[text] = targets
    total = _length(blocks)
    extracted.link_share = sum(links for _, _, links, _ in blocks) / total if total else 0.0


def fill_from_article(extracted: Extracted, region: StoryRegion) -> None:
    """When trafilatura kept less than half of what the article element holds (it sometimes
    stops at the first of several text containers), take the article's own paragraphs."""
    paragraphs = [text for node in region.nodes(".//p")
                  if (text := " ".join(node.text_content().split()))]
    there = sum(len(p.split()) for p in paragraphs)
    have = sum(len(p.split()) for p in extracted.paragraphs)
    if there >= FALLBACK_MIN_WORDS and have < FALLBACK_SHARE * there:
        extracted.paragraphs = paragraphs


def _words(text: str) -> str:
    """The text's words alone, so that spacing and punctuation do not hide a match."""
    return " ".join(WORD.findall(text))


def _holds_blocks(node: lxml_html.HtmlElement) -> bool:
    return node.find(".//p") is not None or node.find(".//div") is not None


def _is_lead_sized(node: lxml_html.HtmlElement, words: str) -> bool:
    """A block of its own short text: a sentence or three, no paragraphs inside, not mostly
    links (a block of links is a menu or another story's teaser)."""
    linked = _words(" ".join(a.text_content() for a in node.iter("a")))
    return (STANDFIRST_WORDS[0] <= words.count(" ") + 1 <= STANDFIRST_WORDS[1]
            and not _holds_blocks(node) and len(linked) <= len(words) / 2)


def is_standfirst(node: lxml_html.HtmlElement, words: str, declared: str) -> bool:
    """A lead-sized block that the page declares as its description, or whose class names it
    the lead ("lead", "intro", "standfirst", "excerpt", ...). "teaser" is not such a name: it
    as often labels another story's teaser."""
    if not _is_lead_sized(node, words):
        return False
    if declared and words[:STANDFIRST_MIN_CHARS] == declared:
        return True
    return bool(LEAD_HINTS.search(hints(node)))


def add_standfirst(extracted: Extracted, region: StoryRegion,
                   head: lxml_html.HtmlElement | None, description: str | None) -> None:
    """Put back the standfirst when trafilatura dropped it: it sits under the headline, in
    the article's <header> or a block named as the lead, outside the body container
    trafilatura settles on. Only a block between the headline and the text counts. A block
    the text already holds is found whatever the spacing: in Chinese or Japanese text the
    spaces around a linked word differ from one copy to the other."""
    declared = _words(description or "")[:STANDFIRST_MIN_CHARS]
    if len(declared) < STANDFIRST_MIN_CHARS:
        declared = ""
    have = "".join(WORD.findall(" ".join(extracted.paragraphs)))
    blocks = set(region.nodes(".//p | .//div"))
    below_head = head is None
    for node in region.root.iter():
        below_head = below_head or node is head
        if node not in blocks or not below_head or (node.tag != "p" and _holds_blocks(node)):
            continue  # a container is neither the lead nor where the text begins
        words = _words(node.text_content())
        if words.replace(" ", "") in have:
            if node.tag == "p" and words.count(" ") >= STANDFIRST_WORDS[0]:
                return  # the text has begun: a lead comes before it
        elif is_standfirst(node, words, declared):
            extracted.paragraphs.insert(0, " ".join(node.text_content().split()))
            return


def extract(tree: lxml_html.HtmlElement, url: str, meta: PageMeta,
            region: StoryRegion | None = None) -> Extracted:
    """Run the extraction stage on a parsed page (the tree is modified); `region` is the
    article region, for the fallback when trafilatura misses most of it."""
    head = headline_node(tree)
    shown = head if head is not None else crumb_heading(tree)
    h1s = headline_texts(shown) if shown is not None else []
    h1 = h1s[0] if h1s else None
    extracted = Extracted(title=None, paragraphs=[], image_credits=lift_captions(tree))
    wrap_loose_text(tree)
    extract_body(tree, url, extracted)
    if region is not None:
        fill_from_article(extracted, region)
        add_standfirst(extracted, region, head, meta.first("og:description", "description"))
    article = meta.article or {}
    headline, social = ld_text(article.get("headline")), meta.first("og:title", "twitter:title")
    declared = [headline, social]
    host = site_domain(url)
    publisher = ld_names(article.get("publisher"))
    extracted.site_name = (
        meta.first("og:site_name", "application-name", "apple-mobile-web-app-title")
        or (publisher[0] if publisher else None)
        or next((tidy(node.text_content()) for node in tree.iter("h1") if is_masthead(node)), None)
        or site_from_title(meta.title_tag, h1, declared))
    sites = [extracted.site_name or "", host]
    extracted.title = choose_title(headline, social, h1s, meta.title_tag, sites)
    extracted.headlines = [
        *([extracted.title] if extracted.title else []),
        *headline_forms(headline, social, h1s, meta.title_tag, sites)]
    return extracted
