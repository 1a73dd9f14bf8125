"""Last resort for the publication date: htmldate's search of the whole page.

When no candidate of the story's own dates it (`ingest.extract.dates`), htmldate ranks the
page's dates well, once the dates that cannot be this story's are out of its way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import deepcopy
from datetime import datetime, timedelta
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml import html as lxml_html

from ingest.core.vocabulary import class_words
from ingest.extract.dates import EARLIEST, SHORT_LINE_WORDS, TEXT_BLOCKS, Candidate, warm_up
from ingest.extract.regions import hints, without_chrome


def page_date(tree: lxml_html.HtmlElement, url: str, fetched_at: datetime,
              story: Iterable[str] = (), headline: str | None = None) -> Candidate | None:
    """Last resort: htmldate's search of the page without what cannot be this story's date:
    site chrome (a header's today-widget, a sidebar's list), link and image addresses (an
    upload folder's /2024/06/, a linked story's date) and the story's own sentences (the
    dates of the events it tells); when that finds nothing, htmldate's own search of the whole
    page, which ranks the page's dates well (on the dev corpus' pages where nothing else gave
    a date, it was right on 3 of 3 of the half the rules were not tuned on), unless it finds
    the day of the crawl: on a page that states no date of its own, that is a today-widget's.
    A bare year or month ("in 2005") is no publication day."""
    found = _htmldate(_without_story_dates(tree, story, headline), url, fetched_at)
    if found is not None:
        return found
    found = _htmldate(_without_other_dates(tree, url), url, fetched_at)
    crawl_days = {(fetched_at + timedelta(days=d)).date().isoformat() for d in (-1, 0, 1)}
    return found if found is not None and found.raw not in crawl_days else None


DATE_WIDGETS = re.compile(
    rf"(?:^|[-_\s])(?:{class_words('markup', 'page_dates', 'other_stories', 'date_widgets')}|"
    rf"{class_words('dates', 'today')})(?:$|[-_\s])", re.IGNORECASE)
"""Elements whose dates are not the story's: a today-widget, lists of other stories (their
class names' words are `data/vocabulary/markup.toml`'s and `dates.toml`'s `today`)."""


OTHER_DAYS_XPATH = ("//aside | //nav | //header[not(.//h1)] | //li[.//a]"
                    " | //*[@class or @id][not(.//h1)]")
"""Where a page shows other days than its story's: sidebars, menus, the site's header (its
today-date; an article's own header holds the headline), list items that link to other
stories ("Startup hub draws applicants (Apr 11, 2021)"), and the elements `DATE_WIDGETS`
names."""


def _without_other_dates(tree: lxml_html.HtmlElement, url: str) -> lxml_html.HtmlElement:
    """A copy of the whole page without the elements that show other days' dates (see
    `OTHER_DAYS_XPATH`) and without its links' addresses on other sites (a link to the
    original story dates that story); footers, comments and the head stay, which htmldate
    weighs itself."""
    copy = deepcopy(tree)
    for node in copy.xpath(OTHER_DAYS_XPATH):
        if node.getparent() is not None and (
                node.tag in ("aside", "nav", "header", "li")
                or DATE_WIDGETS.search(hints(node))):
            node.drop_tree()
    host = urlsplit(url).hostname
    for link in copy.iterfind(".//a[@href]"):
        if urlsplit(urljoin(url, link.get("href", ""))).hostname != host:
            del link.attrib["href"]
    return copy


def _without_story_dates(tree: lxml_html.HtmlElement, story: Iterable[str],
                         headline: str | None) -> lxml_html.HtmlElement:
    """A copy of the page without chrome, addresses and the story's own sentences."""
    sentences = {" ".join(p.split()) for p in story}
    copy = without_chrome(tree, [headline or "", max(sentences, key=len, default="")])
    for node in list(copy.iter()):
        for attribute in ("href", "src", "srcset", "data-src"):
            node.attrib.pop(attribute, None)
        if node.tag in TEXT_BLOCKS and node.getparent() is not None:
            text = " ".join(node.text_content().split())
            if text in sentences or len(text.split()) > SHORT_LINE_WORDS:
                node.drop_tree()
    return copy


def _htmldate(tree: lxml_html.HtmlElement, url: str, fetched_at: datetime) -> Candidate | None:
    warm_up()  # the saved locale patterns, before htmldate's search may need them
    found = find_date(tree, url=url, original_date=True,
                      extensive_search=True, outputformat="%Y-%m-%d",
                      min_date=EARLIEST.isoformat(),
                      max_date=(fetched_at + timedelta(days=1)).date().isoformat())
    if not found or (found.endswith("-01") and not _written_as_day(tree, found)):
        return None  # htmldate fills the day of a bare year or month with the 1st
    return Candidate("htmldate", found)


def _written_as_day(tree: lxml_html.HtmlElement, iso_day: str) -> bool:
    """True when the page writes this 1st-of-the-month as a full date (01.02.2022, 2022-02-01,
    2/1/2022, "1 February 2022", "February 1, 2022")."""
    year, month, _ = iso_day.split("-")
    text = " ".join(tree.text_content().split())
    m = str(int(month))
    pattern = (rf"(?<!\d)(?:0?1[./]0?{m}[./]{year}|{year}-{month}-01|0?{m}/0?1/{year})(?!\d)"
               rf"|\b1(?:st|er|\.)?\s+[^\W\d_]{{3,}}\.?,?\s+{year}\b"
               rf"|\b[^\W\d_]{{3,}}\.?\s+1(?:st)?,?\s+{year}\b")
    return re.search(pattern, text) is not None
