"""Site-level boilerplate learned from the store, handed to `process` with each page.

A line that stands on many stored pages of one site (a newsletter plug, an about-us blurb, a
standing disclaimer) is that site's chrome, whatever its wording: no list of strings, just
repetition. The store counts lines as records arrive (`Store.site_chrome`); this cache asks it
once per site every few pages and attaches the answer to the page as `hints["site_chrome"]`,
so `process` itself stays a function of the page alone (and runs in worker processes).
"""

from __future__ import annotations

from dataclasses import replace

from ingest.core.page import Page
from ingest.core.urls import site_domain
from ingest.store.database import Store


class SiteChrome:
    """Per-site chrome line hashes, re-read from the store every `refresh_every` pages."""

    def __init__(self, store: Store, refresh_every: int = 25) -> None:
        self.store = store
        self.refresh_every = refresh_every
        self._known: dict[str, tuple[frozenset[str], int]] = {}

    def annotate(self, page: Page) -> Page:
        """The page with its site's known chrome lines attached (unchanged when none)."""
        domain = site_domain(page.effective_url)
        chrome, uses = self._known.get(domain, (frozenset(), self.refresh_every))
        if uses >= self.refresh_every:
            chrome, uses = self.store.site_chrome(domain), 0
        self._known[domain] = (chrome, uses + 1)
        if not chrome:
            return page
        return replace(page, hints={**page.hints, "site_chrome": chrome})
