"""The single processing path: a fetched `Page` in, one `Article` out.

Every entry point (the Scrapy pipelines, `ingest fetch`, `ingest extract`, imports) calls
`process`, so a page becomes the same record however it arrived. The stages run in the order
of DESIGN.md: extract -> clean -> dates -> attribution -> fingerprint; each lives in its own
module and can be tested alone.
"""

from __future__ import annotations

from datetime import UTC

from lxml import etree
from lxml import html as lxml_html

from ingest import dates
from ingest.attribution import attribute
from ingest.clean import clean
from ingest.decode import decode_html
from ingest.errors import ExtractError
from ingest.extract import extract
from ingest.fingerprint import content_hash, word_count
from ingest.language import page_language
from ingest.metadata import read_metadata
from ingest.page import Page
from ingest.page_regions import article_region
from ingest.publishers import Registry, load_registry
from ingest.record import Article
from ingest.urls import article_id, canonical_url, clean_url, site_domain

MAX_BYTES = 10 * 1024 * 1024
"""Pages larger than this are refused (DESIGN.md default); fetchers apply the same cap."""
MIN_WORDS = 25
"""A page whose story text is shorter than this holds no article (a form, a stub)."""
MAX_LINK_SHARE = 0.3
"""A page whose main text is mostly link text is a list of stories (a section front), not one."""


def parse_html(text: str) -> lxml_html.HtmlElement:
    """Parse decoded HTML leniently; ExtractError when nothing can be parsed."""
    try:
        parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True)
        return lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError("unparseable", str(exc) or "no markup") from None


def process(page: Page, registry: Registry | None = None, *, max_bytes: int = MAX_BYTES
            ) -> Article:
    """Turn one fetched page into a clean record, or raise an `IngestError` saying why not."""
    if len(page.body) > max_bytes:
        raise ExtractError("too_large", f"{len(page.body):,} bytes (limit {max_bytes:,})")
    registry = registry or load_registry()
    tree = parse_html(decode_html(page.body, page.header("content-type")))
    url = clean_url(page.effective_url)
    meta = read_metadata(tree)
    canonical, foreign_canonical = canonical_url(url, meta.canonical)
    language = page_language(meta, page.header("content-language"))
    region = article_region(tree)
    candidates = dates.collect(meta, region, url, page.hints.get("published"))

    content = extract(tree, url, meta)
    cleaned = clean(content.paragraphs, content.title)
    found = dates.choose(candidates, fetched_at=page.fetched_at,
                         languages=[language] if language else None, tz=page.hints.get("timezone"))
    credit = attribute(region=region, meta=meta, paragraphs=cleaned.paragraphs,
                       dropped=cleaned.dropped, url=url, site_name=content.site_name,
                       foreign_canonical=foreign_canonical, registry=registry)
    text = "\n\n".join(credit.paragraphs)
    if word_count(text) < MIN_WORDS:
        raise ExtractError("no_text", f"{word_count(text)} words of story text")
    if content.link_share > MAX_LINK_SHARE:
        raise ExtractError("no_text", f"a list of links, not a story "
                                      f"({content.link_share:.0%} of the text is links)")

    fetched_at = page.fetched_at.astimezone(UTC).replace(microsecond=0)
    fetched = fetched_at.isoformat().replace("+00:00", "Z")
    return Article(
        id=article_id(canonical), url=url, canonical_url=canonical, source=page.source,
        site_name=content.site_name, site_domain=site_domain(url), title=content.title,
        text=text, byline=credit.byline, authors=credit.authors,
        original_publisher=credit.original_publisher, original_url=credit.original_url,
        is_syndicated=credit.is_syndicated, syndication_evidence=credit.evidence,
        published_at=found.published_at, published_at_source=found.published_at_source,
        published_at_raw=found.published_at_raw, modified_at=found.modified_at,
        language=language, image_credits=list(dict.fromkeys(
            content.image_credits + cleaned.image_credits)),
        word_count=word_count(text), content_hash=content_hash(text), cluster_id=None,
        fetched_at=fetched, first_seen_at=fetched,
    )
