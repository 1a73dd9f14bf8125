"""Reading dates: shortcuts give what the slow general path gives, times keep the page's
own clock, numeric dates follow the page's locale, and htmldate has the last word."""

from __future__ import annotations

from datetime import UTC, date, datetime

import dateparser
import pytest

from ingest.core.clock import day_of, format_date
from ingest.core.page import Page
from ingest.extract.dates import parse_date
from ingest.extract.language import writes_month_first
from ingest.extract.metadata import PageMeta
from ingest.pipeline import process

FETCHED = datetime(2026, 11, 28, 12, tzinfo=UTC)


@pytest.mark.parametrize("text", ["June 16, 2024", "16 June 2024", "Sept. 3, 2021",
                                  "Dec 31 1999", "MAY 5, 2020", "3 mar. 2022"])
def test_written_days_read_as_dateparser_reads_them(text: str) -> None:
    slow = dateparser.parse(text, languages=["en"], settings={"PREFER_DATES_FROM": "past"})
    assert parse_date(text, fetched_at=FETCHED) == slow.date()


@pytest.mark.parametrize(("text", "languages", "expected"), [
    ("3. Mai 2024", ["de"], date(2024, 5, 3)),  # not English: dateparser with the page's language
    ("Feb 30, 2024", None, None),  # no such day
    ("June 16, 2024 10:30 am", None, datetime(2024, 6, 16, 10, 30)),  # no offset written
])
def test_other_dates_still_reach_dateparser(text: str, languages: list[str] | None,
                                            expected: object) -> None:
    assert parse_date(text, fetched_at=FETCHED, languages=languages) == expected


# --- the page's own clock ---------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "tz", "written"), [
    ("2022-05-03T21:36:00-03:00", None, "2022-05-03T21:36:00-03:00"),  # not the UTC next day
    ("2022-05-03T21:36:00Z", None, "2022-05-03T21:36:00Z"),
    ("2022-05-03T21:36:00", None, "2022-05-03T21:36:00"),  # no offset written, none invented
    ("2022-05-03T21:36:00", "America/Sao_Paulo", "2022-05-03T21:36:00-03:00"),  # the source's
    ("2022-05-03", None, "2022-05-03"),
    ("May 3, 2022 9:36 PM EDT", None, "2022-05-03T21:36:00-04:00"),
    ("3. Mai 2022, 21:36 Uhr", "Europe/Berlin", "2022-05-03T21:36:00+02:00"),
    ("Tue, 03 May 2022 21:36:00 -0300", None, "2022-05-03T21:36:00-03:00"),
])
def test_times_keep_the_offset_the_page_wrote(raw: str, tz: str | None, written: str) -> None:
    value = parse_date(raw, fetched_at=FETCHED, languages=["en", "de"], tz=tz)
    assert format_date(value) == written
    assert day_of(format_date(value)) == written[:10]


def test_a_relative_time_is_an_instant_of_the_fetch() -> None:
    assert format_date(parse_date("2 hours ago", fetched_at=FETCHED)) == "2026-11-28T10:00:00Z"


@pytest.mark.parametrize(("lang", "host", "month_first"), [
    ("en-US", "news.example", True), ("en", "news.example", True), ("en-GB", "x.co.uk", False),
    ("de", "x.de", False), (None, "news.com", True), (None, "zeitung.de", False),
    (None, "diario.es", False), (None, "news.us", True), (None, "", True),
])
def test_numeric_dates_follow_the_pages_language_and_country(
        lang: str | None, host: str, month_first: bool) -> None:
    meta = PageMeta(lang=lang)
    assert writes_month_first(meta, host=host) is month_first


# --- htmldate as the last word ------------------------------------------------------------------

def _page(body: str, head: str = "") -> str:
    return (f"<html><head><title>Ferry returns</title>{head}</head><body>{body}</body></html>")


STORY = "".join(f"<p>{s}</p>" for s in [
    "The river ferry returned to service on Monday after three months of repairs to its hull "
    "and engines, the harbour office said.",
    "Commuters who had taken a long detour by road welcomed the return, and the first crossing "
    "of the morning was full within minutes.",
    "The operator said the timetable would stay as it was before the repairs, with a crossing "
    "every twenty minutes during the day.",
])


def test_a_date_only_htmldate_finds_is_kept() -> None:
    """The only date stands in the page's footer, which the search without chrome leaves
    out: htmldate's search of the whole page still finds it."""
    html = _page(f"<article><h1>Ferry returns</h1>{STORY}</article><footer><p>Copyright © "
                 "19.12.2019 - 12:14 h by Harbour Office</p></footer>")
    record = process(Page(url="https://harbour.example/news/ferry", body=html.encode(),
                          fetched_at=FETCHED))
    assert (record.published_at, record.published_at_source) == ("2019-12-19", "htmldate")


def test_the_crawl_day_of_a_widget_is_refused() -> None:
    html = _page('<div class="top-bar"><span class="today-date">Saturday, November 28, 2026'
                 f"</span></div><article><h1>Ferry returns</h1>{STORY}</article>")
    record = process(Page(url="https://harbour.example/news/ferry", body=html.encode(),
                          fetched_at=FETCHED))
    assert record.published_at is None and record.published_date is None


@pytest.mark.parametrize("elsewhere", [
    '<header class="amp-head"><a href="/">Harbour News</a> <span class="head-date">'
    "04/02/2024</span></header>",
    '<header id="header"><div class="header-date">Thursday, June 16, 2022</div></header>',
    '<aside><h2>More stories</h2><ul><li><a href="/news/bridge">Bridge repairs</a> '
    "<small>(Apr 11, 2021)</small></li></ul></aside>",
    '<div class="more"><ul><li><a href="/news/bridge">Bridge repairs</a> <small>(Jan 10, '
    "2022)</small></li></ul></div>",
    '<p>Read the original article on <a href="https://paper.example/2019/11/19/ferry.html">'
    "the Paper</a>.</p>",
], ids=["site-header", "header-today", "aside-list", "list-of-links", "link-elsewhere"])
def test_days_of_the_site_header_other_stories_and_other_sites_are_not_the_storys(
        elsewhere: str) -> None:
    """A page that dates its story nowhere: the site header's today-date, a list of other
    stories and a link to another site's dated address are no publication date."""
    html = _page(f"{elsewhere}<article><h1>Ferry returns</h1>{STORY}</article>"
                 if "<header" in elsewhere else
                 f"<article><h1>Ferry returns</h1>{STORY}{elsewhere}</article>")
    record = process(Page(url="https://harbour.example/news/ferry", body=html.encode(),
                          fetched_at=FETCHED))
    assert record.published_at is None, record.published_at_source
