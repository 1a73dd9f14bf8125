"""The fetched page: what every entry point (spider, `ingest fetch`, `ingest extract`) hands
to `ingest.pipeline.process`.

It is a plain value with no Scrapy or httpx types in it, so the core stays independent of how
the bytes were obtained.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ingest.core.errors import IngestError

MAX_BYTES = 10 * 1024 * 1024
"""Pages larger than this are refused (DESIGN.md default); fetchers apply the same cap."""


@dataclass(frozen=True, slots=True)
class Page:
    """One HTTP response (or saved file) as fetched."""

    url: str
    """The URL that was requested."""
    body: bytes
    """The response body, undecoded."""
    final_url: str | None = None
    """The URL after redirects; `url` when there were none."""
    status: int = 200
    """HTTP status of the final response."""
    headers: Mapping[str, str] = field(default_factory=dict)
    """Response headers, names lower-cased."""
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    """When the response arrived (timezone-aware)."""
    source: str | None = None
    """Name of the `sources.toml` entry that led here, or None for ad hoc fetches."""
    hints: Mapping[str, Any] = field(default_factory=dict)
    """Evidence found outside the page, e.g. a feed entry's title, author and date."""

    @property
    def effective_url(self) -> str:
        return self.final_url or self.url

    def header(self, name: str) -> str | None:
        """A response header, whatever the case of its name."""
        name = name.lower()
        for key, value in self.headers.items():
            if key.lower() == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class PageFailure:
    """A page that could not be fetched at all (after retries): a `failures` row to be."""

    url: str
    error: IngestError
