"""The one record every page becomes: `Article`.

Field names and meanings are the contract of DESIGN.md ("The record"); the database columns,
`--json` output and every export use exactly these names. A change of fields bumps
`SCHEMA_VERSION` and adds a migration in `ingest.store.database`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 2
"""Version of the record schema, stored in every row. 2: `published_at` and `modified_at` keep
the page's own offset, and `published_date` holds the page's own day."""
JSON_SCHEMA_PATH = Path(__file__).parents[1] / "schema" / "article.schema.json"
"""The record as a JSON Schema (draft 2020-12), shipped in the package for dataset users."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """One observation that shows a page republishes another outlet's story."""

    kind: str
    """credit-line, credit-link, dateline, byline, canonical, json-ld, meta or near-duplicate."""
    text: str
    """What was seen: the credit line, the canonical URL, the JSON-LD value..."""
    publisher: str | None = None
    """Canonical publisher name it points to, when known."""


@dataclass(frozen=True, slots=True)
class Article:
    """A clean news story record (one row of `articles`)."""

    id: str
    """Stable id: a hash of `canonical_url`, so refetching a story updates its row."""
    url: str
    """The fetched URL after redirects."""
    canonical_url: str
    """The page's same-site rel=canonical (else the fetched URL), tracking parameters removed."""
    source: str | None
    """Name from `sources.toml`, or None for ad hoc fetches."""
    site_name: str | None
    """Name of the site the page was on (og:site_name, JSON-LD publisher or the domain)."""
    site_domain: str
    """Registered host of the page, without `www.`."""
    title: str | None
    """Headline, without the " - Site Name" suffix."""
    text: str
    """Story body: paragraphs separated by a blank line; no chrome, credits or captions."""
    byline: str | None
    """The byline as printed, "by" removed (may name an uploader rather than an author)."""
    authors: list[str]
    """Names of the people who wrote the story (never uploader accounts or agencies)."""
    original_publisher: str | None
    """Canonical name of the outlet whose story this is (the credited one for copies)."""
    original_url: str | None
    """URL of the original when the page names it."""
    is_syndicated: bool
    """True when the story is another outlet's."""
    syndication_evidence: list[Evidence]
    """What showed the page is a copy."""
    published_at: str | None
    """Publication time, ISO 8601 with the offset the page wrote ("2022-05-03T21:36:00-03:00";
    Z for UTC; no offset when the page gave none); a date alone when only the day is known;
    None if unknown."""
    published_at_source: str | None
    """Where `published_at` came from: json-ld, meta, time-element, url, byline-text,
    dateline, feed or htmldate."""
    published_at_raw: str | None
    """The value as the page wrote it, for checking the normalisation."""
    published_date: str | None
    """The page's own day of publication, YYYY-MM-DD: exact for filtering and grouping by day,
    where converting `published_at` to UTC would move a late-evening story to the next day."""
    modified_at: str | None
    """Last modification time, ISO 8601 with the page's offset, or None."""
    language: str | None
    """BCP 47 language code."""
    image_credits: list[str]
    """Photo credit lines, labels such as "Photo:" removed."""
    word_count: int
    """Words in `text`."""
    content_hash: str
    """Hash of the normalised text: equal for exact copies."""
    cluster_id: str | None
    """Id shared by copies of one story; assigned by the store."""
    fetched_at: str
    """When the page was fetched, ISO 8601 UTC."""
    first_seen_at: str
    """When the story was first stored (kept across refetches by the store)."""
    schema_version: int = SCHEMA_VERSION
    """Version of this schema the record was written with."""

    def to_dict(self) -> dict[str, Any]:
        """The record as the database and exports see it (plain JSON types), its lists
        copied. Built field by field: `asdict` deep-copies every value, which cost the store
        a sixth of a millisecond per record."""
        row = {name: getattr(self, name) for name in FIELDS}
        row.update(authors=list(self.authors), image_credits=list(self.image_credits),
                   syndication_evidence=[asdict(e) for e in self.syndication_evidence])
        return row


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article))
"""Column order of the `articles` table and of exports."""
