"""Reading discovery documents: RSS/Atom feeds and sitemaps, into story links.

Each link keeps what its document says about the story (title, author, date): the date lets
a crawl skip old stories or refetch updated ones, and all of it travels with the page to the
pipeline as evidence (`Page.hints`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from lxml import etree


@dataclass(frozen=True, slots=True)
class Link:
    """A story URL found in a feed or sitemap, with what the document says about it."""

    url: str
    hints: dict[str, str] = field(default_factory=dict)
    """title, author, published, updated (ISO 8601) as the document gives them."""

    @property
    def date(self) -> datetime | None:
        """The newest date the document gives for the story."""
        values = [self.hints[k] for k in ("updated", "published") if self.hints.get(k)]
        parsed = [_parse_iso(v) for v in values]
        return max((p for p in parsed if p), default=None)


def _parse_iso(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _iso(struct: time.struct_time | None) -> str | None:
    if not struct:
        return None
    return datetime(*struct[:6], tzinfo=UTC).isoformat().replace("+00:00", "Z")


def feed_links(body: bytes, base_url: str) -> list[Link]:
    """Entries of an RSS 0.9x/1.0/2.0 or Atom feed (feedparser tolerates broken feeds)."""
    parsed = feedparser.parse(body)
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or next(
            (lk.get("href") for lk in entry.get("links", []) if lk.get("href")), None)
        if not href:
            continue
        hints = {
            "title": entry.get("title"),
            "author": entry.get("author"),
            "published": _iso(entry.get("published_parsed")),
            "updated": _iso(entry.get("updated_parsed")),
        }
        links.append(Link(urljoin(base_url, href.strip()), {k: v for k, v in hints.items() if v}))
    return links


def is_feed(body: bytes) -> bool:
    """True when the body looks like an RSS or Atom document."""
    head = body[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def sitemap_links(body: bytes, base_url: str) -> tuple[bool, list[Link]]:
    """(is_index, links) of a sitemap or sitemap index; Google News tags become hints."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             huge_tree=True)
    root = etree.fromstring(body, parser=parser)
    if root is None:
        return False, []
    is_index = _local(root.tag) == "sitemapindex"
    links = []
    for node in root:
        if _local(node.tag) not in ("url", "sitemap"):
            continue
        values = {_local(child.tag): (child.text or "").strip() for child in node.iter()}
        if not values.get("loc"):
            continue
        hints = {"published": values.get("publication_date"), "updated": values.get("lastmod"),
                 "title": values.get("title")}
        links.append(Link(urljoin(base_url, values["loc"]), {k: v for k, v in hints.items() if v}))
    return is_index, links


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    """The `Sitemap:` lines of a robots.txt."""
    found = []
    for line in body.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            found.append(urljoin(base_url, value.strip()))
    return found
