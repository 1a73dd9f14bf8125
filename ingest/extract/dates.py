"""Dates stage: when the story was published and last modified, normalised to UTC.

Evidence is ranked by how deliberately the page states it: JSON-LD, then meta tags, then a
`<time>` element in the story, then a date written in the byline, then the feed entry, then a
generic meta date (Dublin Core's), then the URL path, then the story's dateline; a stated date
on the URL's day goes first. Machine
formats (ISO 8601, RFC 822) are parsed directly; dateparser, which is slow when it must guess,
only sees short human-written dates, with the page language as a hint and `fetched_at` as the
base for relative dates ("2 hours ago"). When the page states no date, htmldate searches it
with the chrome removed. Dates in site chrome (a header today-widget, a sidebar list) are never
read, and impossible dates (before 1995, after the fetch) are dropped. The words around the
dates ("Published", "Aktualisiert am", "a las") are `data/vocabulary/dates.toml`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser
from dateparser.timezone_parser import pop_tz_offset_from_string
from htmldate.extractors import get_external_parser

from ingest.core.clock import format_date
from ingest.core.vocabulary import alternation, class_words, load, written_date
from ingest.extract import locale_cache
from ingest.extract.metadata import PageMeta, ld_text
from ingest.extract.regions import META_HINTS, StoryRegion, hints

EARLIEST = date(1995, 1, 1)
SHORT_LINE_WORDS = 25
"""Longer paragraphs are story text, not a dateline or a byline."""
TEXT_BLOCKS = {"p", "li", "blockquote", "h2", "h3", "h4", "h5", "h6", "figcaption"}
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "dc.date.issued",
    "dcterms.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
    "citation_publication_date",
)
DATED_META = ("dc.date", "dcterms.date", "date")
"""Dublin Core's undifferentiated date: "a point in the lifecycle of the resource", which content
systems fill with the page's last change as often as with its publication. Weaker evidence
than a date the story itself shows."""
MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "dcterms.modified", "last-modified",
)
VOCABULARY = "dates"
"""The words around dates: `data/vocabulary/dates.toml`."""
TEXT_DATE = written_date()
"""A date written for readers, with its time ("5 June 2024 at 14:30"), from the vocabulary."""
HAS_TIME = re.compile(rf"\d{{1,2}}(?::|h)\d{{2}}|\d{{1,2}}\.\d{{2}}\s*"
                      rf"{alternation(VOCABULARY, 'clock')}\b", re.IGNORECASE)
TIME_WORDS = re.compile(rf"\b{alternation(VOCABULARY, 'at', 'clock')}\b\.?", re.IGNORECASE)
"""The words around a time ("at", "um", "Uhr"), which dateparser is better without."""
UPDATE_WORDS = re.compile(
    rf"{alternation(VOCABULARY, 'updated')}\W*{alternation(VOCABULARY, 'on')}?\W*$",
    re.IGNORECASE,
)
"""The label of an update just before a date ("Updated on", "Aktualisiert am")."""
UPDATED_HINTS = re.compile(
    rf"{class_words('markup', 'updated')}|{alternation(VOCABULARY, 'updated')}", re.IGNORECASE)
"""What marks a <time> element's date as the last change: its class, itemprop or label."""
PUBLISHED_LABEL = re.compile(rf"^{alternation(VOCABULARY, 'published')}\b", re.IGNORECASE)
"""A short line that says when the story was published, wherever the template put it."""
DATELINE = re.compile(
    rf"^(?:[^\W\d][^\d|,–—]{{0,40}}[|,–—]\s*){{0,2}}({TEXT_DATE.pattern})"
    r"\s*(?:$|[|–—:•·(„“\"«-])",
)
"""A story paragraph that opens with a date, after at most a place ("Wiesbaden, 11. November
2021", "24. April 2020 | Press releases", "01.02.2022 „Der Arbeitsmarkt ..."): a press
release's or a report's dateline. The date must stand apart from the sentence that follows."""
DATELINE_PARAGRAPHS = 3
WRITTEN_SOURCES = {"byline-text", "dateline"}
"""Sources whose dates are written for readers, in the page's own conventions."""
URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)"
)
URL_NUMERIC_DATE = re.compile(r"[/_-](\d{1,2})([-_.])(\d{1,2})\2((?:19|20)\d{2})(?=[/_.-]|$)")
"""A day and month before the year in a URL (/29-10-2021, /23-01-2022-title, _22.04.2020_)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One date the page states, with where it was found."""

    source: str
    """json-ld, meta, time-element, byline-text, feed, url, dateline or htmldate."""
    raw: str
    modified: bool = False


@dataclass(frozen=True, slots=True)
class Dates:
    """The dates stage's result, as record fields."""

    published_at: str | None = None
    published_at_source: str | None = None
    published_at_raw: str | None = None
    modified_at: str | None = None


ENGLISH_MONTHS = {name: number
                  for number, names in enumerate(load(VOCABULARY)["en"]["months"], start=1)
                  for name in re.findall(r"\w+", names.casefold())}
"""The months' names and abbreviations (the vocabulary's, in their order) -> number."""
WRITTEN_DAY = re.compile(r"(?:(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})|(?P<day2>\d{1,2})\s+"
                         r"(?P<month2>[A-Za-z]{3,9})\.?),?\s+(?P<year>\d{4})")
""""June 16, 2024" and "16 June 2024": the commonest written dates, read without dateparser,
which takes milliseconds to try its languages on them."""


def _written_day(text: str) -> date | None:
    match = WRITTEN_DAY.fullmatch(text)
    if match is None:
        return None
    month = ENGLISH_MONTHS.get((match["month"] or match["month2"]).lower())
    try:
        return date(int(match["year"]), month, int(match["day"] or match["day2"]))
    except (TypeError, ValueError):  # not an English month name, or no such day
        return None


def _zone(name: str | None) -> timezone | ZoneInfo:
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def parse_date(
    raw: str, *, fetched_at: datetime, languages: list[str] | None = None, tz: str | None = None,
    month_first: bool = True,
) -> datetime | date | None:
    """A stated date in the page's own clock: a datetime with the offset the page wrote (or
    the source's time zone `tz`), a naive datetime when neither is known, a date when no time
    is given; None if unreadable. A relative date ("2 hours ago") is an instant of the fetch's
    clock. A slashed date (02/10/2020) is read month first unless `month_first` is False.
    """
    text = " ".join(raw.split())
    if not text:
        return None
    zone = _zone(tz) if tz else None
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            value = datetime.fromisoformat(text.replace(" ", "T", 1))
            return value if value.tzinfo or zone is None else value.replace(tzinfo=zone)
        except ValueError:
            pass
    if re.match(r"(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d", text):
        try:
            value = parsedate_to_datetime(text)
            return value if value.tzinfo or zone is None else value.replace(tzinfo=zone)
        except (TypeError, ValueError, IndexError):
            pass
    written = _written_day(text)
    if written is not None:
        return written
    clean = re.sub(r"\b([ap])\.\s?m\.", r"\1m", text, flags=re.IGNORECASE)
    clean = TIME_WORDS.sub(" ", clean)
    written_zone = pop_tz_offset_from_string(clean)[1] is not None
    settings = {
        "RELATIVE_BASE": fetched_at.astimezone(zone or UTC).replace(tzinfo=None),
        "RETURN_AS_TIMEZONE_AWARE": True, "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "MDY" if "/" in clean and month_first else "DMY",
    }
    if not written_zone:  # a zone the text names is read as written; else the source's
        settings["TIMEZONE"] = str(zone or UTC)
    langs = list(dict.fromkeys([*(languages or []), "en"]))
    try:
        value = dateparser.parse(clean, languages=langs, settings=settings)
    except (ValueError, OverflowError):
        return None
    if value is None:
        return None
    relative = not re.search(r"\d{4}", text)
    if not (relative or HAS_TIME.search(text)):
        return value.date()
    if relative or zone is not None or written_zone:
        return value
    return value.replace(tzinfo=None)  # a time the page wrote without saying where


def _plausible(value: datetime | date, fetched_at: datetime) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST <= day <= (fetched_at + timedelta(days=1)).date()


def text_dates(text: str) -> list[tuple[str, bool]]:
    """Dates written in a short text (a byline, a dateline): (date text, is_update)."""
    found = []
    for match in TEXT_DATE.finditer(text):
        before = text[max(0, match.start() - 30): match.start()]
        found.append((match.group(0).strip(" ,|-–"), bool(UPDATE_WORDS.search(before))))
    return found


def collect(meta: PageMeta, region: StoryRegion, url: str,
            feed_date: str | None = None) -> list[Candidate]:
    """Every date the page states about the story, best evidence first."""
    found: list[Candidate] = []
    article = meta.article or {}
    for key, modified in (("datePublished", False), ("dateCreated", False),
                          ("dateModified", True)):
        value = ld_text(article.get(key))
        if value:
            found.append(Candidate("json-ld", value, modified))
    for names, modified in ((PUBLISHED_META, False), (MODIFIED_META, True)):
        value = meta.first(*names)
        if value:
            found.append(Candidate("meta", value, modified))
    for node in region.nodes(".//time[@datetime] | .//*[@itemprop][@datetime or @content]"):
        prop = (node.get("itemprop") or "").lower()
        if node.tag != "time" and prop not in ("datepublished", "datemodified"):
            continue
        value = (node.get("datetime") or node.get("content") or "").strip()
        if not value:
            continue
        label = f"{hints(node)} {prop} {node.text_content()}"
        modified = bool(UPDATED_HINTS.search(label))
        found.append(Candidate("time-element", value, modified))
    for node in region.nodes(".//*[@class or @id] | .//p"):
        if node.tag != "p" and not META_HINTS.search(hints(node)):
            continue  # before its text: a container's text is the whole story
        text = " ".join(node.text_content().split())
        labelled = node.tag == "p" and PUBLISHED_LABEL.match(text)
        if (labelled or META_HINTS.search(hints(node))) and 0 < len(text) <= 200:
            for value, modified in text_dates(text):
                found.append(Candidate("byline-text", value, modified))
    if not any(c.source == "time-element" and not c.modified for c in found):
        declared = region.root.getroottree().getroot().xpath(
            "//*[@itemprop='datePublished'][@datetime or @content]")
        if len(declared) == 1:  # one explicit declaration, even if the template put it low
            value = (declared[0].get("datetime") or declared[0].get("content") or "").strip()
            if value:
                found.append(Candidate("time-element", value))
    if feed_date:
        found.append(Candidate("feed", feed_date))
    dated = meta.first(*DATED_META)
    if dated:
        found.append(Candidate("meta", dated))
    day = url_day(url)
    if day:
        found.append(Candidate("url", day))
    return found


def url_day(url: str) -> str | None:
    """The day a URL path states, as YYYY-MM-DD: year first (/2021/10/29/), else day and month
    before the year in the order that is beyond doubt (29-10-2021 or 10-29-2021: one of the
    two numbers is over 12; 02-03-2021 could be either and says nothing)."""
    match = URL_DATE.search(url)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = URL_NUMERIC_DATE.search(url)
        if match is None:
            return None
        first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if (first > 12) == (second > 12):
            return None
        day, month = (first, second) if first > 12 else (second, first)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def datelines(paragraphs: Iterable[str]) -> list[Candidate]:
    """The dateline among the story's first paragraphs, if one opens with a date."""
    found = []
    for paragraph in list(paragraphs)[:DATELINE_PARAGRAPHS]:
        match = DATELINE.match(" ".join(paragraph.split()))
        if match:
            found.append(Candidate("dateline", match.group(1).strip(" ,|-–")))
    return found[:1]


@cache
def warm_up() -> None:
    """Load the date parsers' locale data now rather than in the middle of a page, once per
    process (and once for all the workers a fork server starts).

    htmldate's extensive search hands undecided strings to dateparser with no language, which
    loads every locale and compiles its patterns on first use: about a second, or an eighth of
    that with the locales and patterns an earlier run saved (`locale_cache`)."""
    loaded = locale_cache.load()
    get_external_parser().get_date_data("warm 1 up 2020")
    if not loaded:
        locale_cache.save()


def _day(value: datetime | date | None) -> str | None:
    """The calendar day of a value in the offset it was written in."""
    if value is None:
        return None
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def url_corroborated_first(candidates: list[Candidate],
                           read: Callable[[Candidate], datetime | date | None],
                           ) -> list[Candidate]:
    """The candidates with the first published date on the URL's day moved to the front.

    A date in the URL path is minted when the story first goes out, so a stated date that
    falls on it is the story's own: the byline's local time rather than metadata written in
    UTC (which may fall on the next day), the story's dateline rather than a related item's.
    Without such agreement the order of evidence stands.
    """
    url = next((c for c in candidates if c.source == "url"), None)
    if url is None:
        return candidates
    for cand in candidates:
        if cand is not url and not cand.modified and _day(read(cand)) == url.raw:
            return [cand, *(c for c in candidates if c is not cand)]
    return candidates


def choose(candidates: list[Candidate], *, fetched_at: datetime,
           languages: list[str] | None = None, tz: str | None = None,
           month_first: bool = True) -> Dates:
    """The best published and modified dates among the candidates.

    A slashed date the page writes for readers follows the page's locale (`month_first`); one
    in a machine field (a meta tag) keeps the US order of the software that wrote it."""

    @cache
    def read(cand: Candidate) -> datetime | date | None:
        value = parse_date(cand.raw, fetched_at=fetched_at, languages=languages, tz=tz,
                           month_first=month_first or cand.source not in WRITTEN_SOURCES)
        return value if value is not None and _plausible(value, fetched_at) else None

    ordered = url_corroborated_first(candidates, read)
    published = next((c for c in ordered if not c.modified and read(c) is not None), None)
    modified = next((read(c) for c in ordered if c.modified and read(c) is not None), None)
    modified_at = format_date(modified) if modified is not None else None
    if published is None:
        return Dates(modified_at=modified_at)
    return Dates(
        published_at=format_date(read(published)), published_at_source=published.source,
        published_at_raw=published.raw, modified_at=modified_at,
    )
