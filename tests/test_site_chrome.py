"""Site-level boilerplate: a line on many stored pages of a site is that site's chrome."""

from __future__ import annotations

from datetime import UTC, datetime

from ingest.core.page import Page
from ingest.pipeline import process
from ingest.store.database import SITE_CHROME_PAGES, Store
from ingest.store.site_chrome import SiteChrome
from tests.pages import STORY, story_html

PLUG = ("The Courier is an independent, reader-supported newsroom that has covered Harlow "
        "County and its towns since 1911.")
WHEN = datetime(2024, 5, 8, tzinfo=UTC)


def page(n: int, host: str = "www.courier.example") -> Page:
    paragraphs = [f"Story {n} opens here. {p}" for p in STORY] + [PLUG]
    html = story_html(f"Council story number {n}", paragraphs)
    return Page(url=f"https://{host}/news/{n}.html", body=html.encode(), fetched_at=WHEN)


def test_a_line_repeated_across_a_sites_pages_becomes_chrome() -> None:
    store = Store(None)
    chrome = SiteChrome(store, refresh_every=1)
    first = process(chrome.annotate(page(0)))
    assert PLUG in first.text  # one page: nothing to learn from yet
    store.save([(first, None)])
    for n in range(1, SITE_CHROME_PAGES):
        store.save([(process(chrome.annotate(page(n))), None)])
    learned = process(chrome.annotate(page(99)))
    assert PLUG not in learned.text
    assert learned.text.startswith("Story 99 opens here.")
    elsewhere = process(chrome.annotate(page(99, host="www.other.example")))
    assert PLUG in elsewhere.text


def test_story_sentences_are_never_site_chrome() -> None:
    store = Store(None)
    for n in range(SITE_CHROME_PAGES + 2):
        store.save([(process(page(n)), None)])
    chrome = store.site_chrome("courier.example")
    assert len(chrome) == 1  # the plug, and no story paragraph
