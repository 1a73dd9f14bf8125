"""The single processing path: a fetched `Page` in, one `Article` out.

Every entry point (the Scrapy pipelines, `ingest fetch`, `ingest extract`, imports) calls
`process`, so a page becomes the same record however it arrived. The stages run in the order
of DESIGN.md: extract -> clean -> dates -> attribution -> fingerprint; each lives in its own
module and can be tested alone.
"""

from __future__ import annotations

import re
from datetime import UTC

from lxml import etree
from lxml import html as lxml_html

from ingest.attribution.attribute import attribute
from ingest.core.clock import day_of
from ingest.core.decode import decode_html
from ingest.core.errors import ExtractError, IngestError
from ingest.core.fingerprint import content_hash, word_count
from ingest.core.page import MAX_BYTES, Page
from ingest.core.publishers import Registry, load_registry
from ingest.core.record import Article
from ingest.core.stages import StageClock
from ingest.core.urls import article_id, canonical_url, clean_url, site_domain
from ingest.extract import dates
from ingest.extract.body import Extracted, extract
from ingest.extract.clean import clean
from ingest.extract.language import page_language, writes_month_first
from ingest.extract.metadata import PageMeta, read_metadata
from ingest.extract.page_date import page_date
from ingest.extract.regions import StoryRegion, article_region

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
MIN_WORDS = 10
"""A page whose story text is shorter than this holds no article (a form, a stub, a menu)."""
LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage"}


def is_listing(meta: PageMeta, content: Extracted) -> bool:
    """True for a page that lists stories (a section front) rather than telling one.

    Either its JSON-LD says so (a CollectionPage and no article), or, with no article metadata
    at all, its main text is a run of linked headlines with teasers: at least five paragraphs,
    nearly all mostly link text. Articles with many inline links stay articles.
    """
    if (meta.article is not None or meta.first("og:type") in ("article", "video.other")
            or meta.first("article:published_time")):
        return False
    kinds = {str(t).lower() for obj in meta.jsonld for t in (
        obj.get("@type") if isinstance(obj.get("@type"), list) else [obj.get("@type")])}
    if kinds & LISTING_TYPES and content.link_share > 0.2:
        return True
    count = len(content.paragraphs)
    return (content.linked_paragraphs >= 5 and content.linked_paragraphs >= 0.8 * count
            and content.link_share >= 0.4)


INVISIBLE = re.compile(r"\u00ad|\u200b|\u2060|\ufeff|&shy;|&#173;|&#x[aA][dD];|&#8203;|&#x200[bB];")
"""Characters that only break or join words for layout (soft hyphens, zero-width spaces, word
joiners), as characters or entities: "Mit&shy;tel&shy;al&shy;ter" is "Mittelalter" in every
field, and a search for the word finds it."""
ELEMENTS = etree.ElementDefaultClassLookup(element=lxml_html.HtmlElement)
"""Every element an `HtmlElement` (text_content, drop_tree), looked up in C: lxml.html's own
parser picks a class per element in a Python method, called for each of the millions of
element proxies trafilatura and the stages create (about 1 ms of a page's 30, measured on
real pages by bench/real_pages.py). Its form and input classes are never needed here."""


def parse_html(text: str) -> lxml_html.HtmlElement:
    """Parse decoded HTML leniently; ExtractError when nothing can be parsed."""
    text = XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input that declares one
    text = INVISIBLE.sub("", text)
    try:
        parser = etree.HTMLParser(huge_tree=True, remove_comments=True)
        parser.set_element_class_lookup(ELEMENTS)
        tree = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError("unparseable", str(exc) or "no markup") from None
    if any(error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log):
        # libxml2 stops at 2,048 levels of nesting and drops the rest of the page: what
        # is left is the page's top (menus, counters), never its story
        raise ExtractError("unparseable", "markup nested too deep to parse (over 2,048 "
                                          "levels, such as thousands of unclosed <div>s)")
    return tree


def _publication_date(tree: lxml_html.HtmlElement, url: str, page: Page,
                      candidates: list[dates.Candidate], story: list[str], title: str | None,
                      language: str | None, month_first: bool) -> dates.Dates:
    """The structured candidates plus the story's datelines; htmldate's search of the page
    only when they give nothing."""
    reading = {"fetched_at": page.fetched_at, "languages": [language] if language else None,
               "tz": page.hints.get("timezone"), "month_first": month_first}
    candidates = candidates + dates.datelines(story)
    found = dates.choose(candidates, **reading)
    if found.published_at is None:
        fallback = page_date(tree, url, page.fetched_at, story, title)
        if fallback is not None:
            found = dates.choose([*candidates, fallback], **reading)
    return found


def process(page: Page, registry: Registry | None = None, *, max_bytes: int = MAX_BYTES,
            clock: StageClock | None = None) -> Article:
    """Turn one fetched page into a clean record, or raise an `IngestError` saying why not.

    `clock`, when given, receives the seconds each stage took."""
    if len(page.body) > max_bytes:
        raise ExtractError("too_large", f"{len(page.body):,} bytes (limit {max_bytes:,})")
    clock = clock or StageClock()
    registry = registry or load_registry()
    with clock("parse"):
        tree = parse_html(decode_html(page.body, page.header("content-type")))
    with clock("metadata"):
        url = clean_url(page.effective_url)
        meta = read_metadata(tree)
        canonical, foreign_canonical = canonical_url(url, meta.canonical)
        language = page_language(meta, page.header("content-language"))
        month_first = writes_month_first(meta, page.header("content-language"),
                                         site_domain(url))
        region = StoryRegion.of(article_region(tree))
    with clock("dates"):
        candidates = dates.collect(meta, region, url, page.hints.get("published"))
    with clock("extract"):
        content = extract(tree, url, meta, region)
        cleaned = clean(content.paragraphs, content.headlines, page.hints.get("site_chrome", ()),
                        content.link_lines)
    with clock("dates"):
        found = _publication_date(tree, url, page, candidates, cleaned.paragraphs,
                                  content.title, language, month_first)
    with clock("attribution"):
        chrome = [line for line in cleaned.dropped if line not in cleaned.photo_lines]
        credit = attribute(region=region, meta=meta, paragraphs=cleaned.paragraphs,
                           dropped=chrome, url=url, site_name=content.site_name,
                           foreign_canonical=foreign_canonical, registry=registry,
                           feed_author=page.hints.get("author"), extracted=content.paragraphs,
                           links=content.links)
    text = "\n\n".join(credit.paragraphs)
    words = word_count(text)
    if words < MIN_WORDS:
        raise ExtractError("no_text", f"{words} words of story text")
    if is_listing(meta, content):
        raise ExtractError("listing", f"a list of stories, not one "
                                      f"({content.linked_paragraphs} linked headlines)")

    fetched_at = page.fetched_at.astimezone(UTC).replace(microsecond=0)
    fetched = fetched_at.isoformat().replace("+00:00", "Z")
    return Article(
        id=article_id(canonical), url=url, canonical_url=canonical, source=page.source,
        site_name=content.site_name, site_domain=site_domain(url),
        title=content.title or page.hints.get("title"),
        text=text, byline=credit.byline, authors=credit.authors,
        original_publisher=credit.original_publisher, original_url=credit.original_url,
        is_syndicated=credit.is_syndicated, syndication_evidence=credit.evidence,
        published_at=found.published_at, published_at_source=found.published_at_source,
        published_at_raw=found.published_at_raw,
        published_date=day_of(found.published_at), modified_at=found.modified_at,
        language=language, image_credits=list(dict.fromkeys(
            content.image_credits + cleaned.image_credits)),
        word_count=words, content_hash=content_hash(text), cluster_id=None,
        fetched_at=fetched, first_seen_at=fetched,
    )


Outcome = tuple[Article | IngestError, dict[str, float]]
"""A page's record or failure, and the seconds its stages took."""


def process_safely(page: Page) -> Outcome:
    """`process`, with failures returned rather than raised (and bugs contained), and the
    stage times alongside.

    A top-level function, so process pools (the crawl's, `ingest import`'s) can pickle it.
    """
    clock = StageClock()
    try:
        return process(page, clock=clock), dict(clock.seconds)
    except IngestError as exc:
        return exc, dict(clock.seconds)
    except Exception as exc:  # a bug must cost one page, not the run
        return ExtractError("internal_error", f"{type(exc).__name__}: {exc}"), {}
