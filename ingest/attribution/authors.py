"""Authors: the people who wrote the story, from the byline, structured data or markup.

Only people become `authors`. A pasted byline ("By Jane Doe and John Roe, Bloomberg") names the
writers; otherwise the structured data, then the visible byline, then the feed entry's author,
then author markup anywhere on the page. On a copy, a byline that is a site account (an
author-archive link on a republishing site) names who uploaded it, not who wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Container

from lxml import etree
from lxml import html as lxml_html
from trafilatura.metadata import extract_author

from ingest.attribution.credits import outlets
from ingest.core.publishers import Registry, name_key
from ingest.extract.bylines import BY_WORD, Byline, is_account, parse_byline
from ingest.extract.metadata import PageMeta, ld_people

PASTED_WITHIN = 3
"""How many opening paragraphs may hold a pasted byline (after a standfirst, an image credit)."""
AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author",
               "byl")


def _declared_authors(meta: PageMeta, registry: Registry, own: Container[str]) -> list[str]:
    """The people the JSON-LD names as authors (the article's, else the web page's), else those
    of the author meta tags (the JSON-LD's names may all be account slugs such as "jane.roe",
    or organisations)."""
    article = meta.article or meta.web_page or {}
    meta_names = meta.meta.get(AUTHOR_META[0], []) or [
        v for key in AUTHOR_META[1:] for v in meta.meta.get(key, [])]
    return (_people_named(ld_people(article.get("author") or article.get("creator")),
                          registry, own)
            or _people_named(meta_names, registry, own))


def _people_named(names: list[str], registry: Registry, own: Container[str]) -> list[str]:
    found: list[str] = []
    for raw in names:
        if raw.startswith(("http://", "https://")):
            continue
        for person in parse_byline(raw, registry, own).people:
            if person not in found:
                found.append(person)
    return found


def pasted_byline(paragraphs: list[str], registry: Registry,
                   own: Container[str]) -> tuple[str, Byline] | None:
    """A byline pasted as one of the story's opening lines ("By Jane Doe and John Roe,
    Bloomberg", "Eine Kolumne von Nils Pickert", "Por Agencia EFE"): short, opening with a
    byline word, and naming a person first or only agencies, which a sentence that merely
    starts with "De" or "Von" does not."""
    for paragraph in paragraphs[:PASTED_WITHIN]:
        if len(paragraph.split()) > 14 or not BY_WORD.match(paragraph):
            continue
        candidate = parse_byline(paragraph, registry, own)
        if candidate.people and (candidate.text or "").startswith(candidate.people[0]):
            return paragraph, candidate
        if not candidate.people and candidate.agencies and outlets(candidate.text or "",
                                                                   registry):
            return paragraph, candidate
    return None


def without_printed_byline(paragraphs: list[str], byline: Byline) -> list[str]:
    """The text without an opening line that only repeats the visible byline ("Por Redacción"
    kept by the extraction as "Redacción"): a byline is no story text, even one naming no
    person."""
    if not byline.text:
        return paragraphs
    return [p for n, p in enumerate(paragraphs)
            if n >= PASTED_WITHIN or BY_WORD.sub("", p).strip() != byline.text]


def _fuller(declared: list[str], printed: list[str]) -> list[str]:
    """Declared authors, unless the visible byline names all of them and more: structured
    data often lists only the first of several writers."""
    keys = {name_key(p) for p in printed}
    if declared and len(printed) > len(declared) and all(name_key(d) in keys for d in declared):
        return printed
    return declared or printed


AUTHOR_MARKUP = re.compile(r"author|byl|bbl|username|screenname|writer|channel-name|zuozhe|"
                           r"bianji|xiaobian|submitted-by|posted-by|journalist")
"""What every kind of author markup trafilatura's `extract_author` looks for has in its
id, class, itemprop, data-testid, data-component or rel (lower-cased)."""
MARKUP_VALUES = etree.XPath("//@id | //@class | //@itemprop | //@data-testid | "
                            "//@data-component | //@rel", smart_strings=False)


def has_author_markup(page: lxml_html.HtmlElement) -> bool:
    """True when some element could be author markup (or is an <author> element). The values
    are searched as one lower-cased string: a case-blind pattern tried element by element
    cost twice as much (1.5 against 0.7 ms a page on real pages)."""
    return (next(page.iter("author"), None) is not None
            or AUTHOR_MARKUP.search(" ".join(MARKUP_VALUES(page)).lower()) is not None)


def _marked_up_authors(page: lxml_html.HtmlElement, registry: Registry,
                       own: Container[str]) -> list[str]:
    """Last resort: names anywhere in the page's author markup that trafilatura knows
    (rel=author, the author classes and attributes of many CMSs); people only."""
    if not has_author_markup(page):
        return []  # spares trafilatura's copy of the whole page and its XPath searches
    names = [name for name in (extract_author(page) or "").split(";") if name.strip()]
    people = [p for name in names for p in parse_byline(name, registry, own).people]
    # one word is a writer's handle when it is the only name; among several, a list of tags
    return people if len(names) == 1 else [p for p in people if len(p.split()) > 1]


def choose_authors(*, meta: PageMeta, byline: Byline, pasted: Byline | None, uploader: bool,
                   feed_author: str | None, page: lxml_html.HtmlElement, registry: Registry,
                   own: Container[str]) -> list[str]:
    """The story's authors, people only, in the order of the module docstring; none when the
    byline names only the account that uploaded a copy (`uploader`)."""
    if pasted is not None:
        authors = pasted.people
    elif uploader:
        authors = []
    else:
        authors = (_fuller(_declared_authors(meta, registry, own), byline.people)
                   or parse_byline(feed_author or "", registry, own).people
                   or _marked_up_authors(page, registry, own))
    return [a for a in authors if not is_account(a)]  # people: `parse_byline` chose them
