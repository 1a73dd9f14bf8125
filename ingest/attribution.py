"""Attribution stage: who wrote the story, whose story it is, and whether this page is a copy.

Evidence of syndication comes from the text (credit lines, wire datelines, agency bylines) and
from metadata (a canonical on another site, JSON-LD `isBasedOn` / `sourceOrganization` / a
publisher other than the site, `original-source` meta tags). Each piece is recorded with its
kind. Evidence that points at the site's own publisher (a wire's story on the wire's own site)
is no evidence at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html
from trafilatura.metadata import extract_author

from ingest.bylines import (
    ACCOUNT,
    BY_WORD,
    Byline,
    find_byline,
    is_person_name,
    parse_byline,
)
from ingest.credits import find_credits, notes_outside
from ingest.metadata import PageMeta, ld_names, ld_people, ld_text
from ingest.publishers import Publisher, Registry, name_key
from ingest.record import Evidence
from ingest.urls import registered_domain, resolve, same_site, site_domain

ORIGINAL_META = ("original-source", "syndication-source", "original-url", "dc.source",
                 "citation_original_url")
PASTED_WITHIN = 3
"""How many opening paragraphs may hold a pasted byline (after a standfirst, an image credit)."""
AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author",
               "byl")


@dataclass(slots=True)
class Attribution:
    """The attribution stage's result."""

    paragraphs: list[str]
    """The story text with credit lines removed."""
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    original_publisher: str | None = None
    original_url: str | None = None
    is_syndicated: bool = False
    evidence: list[Evidence] = field(default_factory=list)


def _own_names(meta: PageMeta, site_name: str | None, own: Publisher | None) -> set[str]:
    names = {site_name or ""}
    if own is not None:
        names |= {own.name, *own.aliases}
    return {name_key(n) for n in names if n and name_key(n)}


def _metadata_evidence(meta: PageMeta, url: str, foreign_canonical: str | None,
                       registry: Registry, own: set[str]) -> tuple[list[Evidence], str | None]:
    """Evidence from metadata, and the original's URL when it is named."""
    found: list[Evidence] = []
    original_url = None

    def add(kind: str, text: str, pub: Publisher | None, link: str | None = None) -> None:
        nonlocal original_url
        name = pub.name if pub else None
        if name_key(name or text) in own or (link and same_site(link, url)):
            return
        found.append(Evidence(kind, text, name))
        original_url = original_url or link

    if foreign_canonical:
        add("canonical", foreign_canonical, registry.for_host(site_domain(foreign_canonical)),
            foreign_canonical)
    article = meta.article or {}
    based = article.get("isBasedOn") or article.get("isBasedOnUrl")
    if based:
        link = resolve(url, ld_text(based))
        names = ld_names(based) if isinstance(based, dict) else []
        pub = registry.for_host(site_domain(link)) if link else None
        pub = pub or (registry.lookup(names[0]) if names else None)
        add("json-ld", f"isBasedOn: {link or ld_text(based)}", pub, link)
    for key in ("sourceOrganization", "publisher"):
        for name in ld_names(article.get(key)):
            pub = registry.lookup(name)
            if key == "sourceOrganization" or pub is not None:
                add("json-ld", f"{key}: {name}", pub)
    for key in ORIGINAL_META:
        value = meta.first(key)
        if value:
            link = resolve(url, value) if "/" in value else None
            pub = registry.for_host(site_domain(link)) if link else registry.lookup(value)
            add("meta", f"{key}: {value}", pub, link)
    return found, original_url


def _declared_authors(meta: PageMeta, registry: Registry, own: set[str]) -> list[str]:
    """The people the JSON-LD names as authors, else those of the author meta tags (the
    JSON-LD's names may all be account slugs such as "jane.roe", or organisations)."""
    article = meta.article or {}
    meta_names = meta.meta.get(AUTHOR_META[0], []) or [
        v for key in AUTHOR_META[1:] for v in meta.meta.get(key, [])]
    return (_people_named(ld_people(article.get("author") or article.get("creator")),
                          registry, own)
            or _people_named(meta_names, registry, own))


def _people_named(names: list[str], registry: Registry, own: set[str]) -> list[str]:
    found: list[str] = []
    for raw in names:
        if raw.startswith(("http://", "https://")):
            continue
        for person in parse_byline(raw, registry, own).people:
            if person not in found:
                found.append(person)
    return found


def _pasted_byline(paragraphs: list[str], registry: Registry,
                   own: set[str]) -> tuple[str, Byline] | None:
    """A byline pasted as one of the story's opening lines ("By Jane Doe and John Roe,
    Bloomberg", "Eine Kolumne von Nils Pickert"): short, opening with a byline word, and
    naming a person first, which a sentence that merely starts with "De" or "Von" does not."""
    for paragraph in paragraphs[:PASTED_WITHIN]:
        if len(paragraph.split()) > 14 or not BY_WORD.match(paragraph):
            continue
        candidate = parse_byline(paragraph, registry, own)
        if candidate.people and (candidate.text or "").startswith(candidate.people[0]):
            return paragraph, candidate
    return None


def _without_printed_byline(paragraphs: list[str], byline: Byline) -> list[str]:
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
                           r"bianji|xiaobian|submitted-by|posted-by|journalist", re.IGNORECASE)
"""What every kind of author markup trafilatura's `extract_author` looks for has in its
id, class, itemprop, data-testid, data-component or rel."""
MARKUP_ATTRIBUTES = ("id", "class", "itemprop", "data-testid", "data-component", "rel")


def has_author_markup(page: lxml_html.HtmlElement) -> bool:
    """True when some element could be author markup (or is an <author> element)."""
    for node in page.iter():
        if node.tag == "author" or (node.attrib and AUTHOR_MARKUP.search(
                " ".join(node.get(name, "") for name in MARKUP_ATTRIBUTES))):
            return True
    return False


def _marked_up_authors(page: lxml_html.HtmlElement, registry: Registry,
                       own: set[str]) -> list[str]:
    """Last resort: names anywhere in the page's author markup that trafilatura knows
    (rel=author, the author classes and attributes of many CMSs); people only."""
    if not has_author_markup(page):
        return []  # spares trafilatura's copy of the whole page and its XPath searches
    found = extract_author(page) or ""
    return [p for name in found.split(";") for p in parse_byline(name, registry, own).people]


def attribute(*, region: lxml_html.HtmlElement, meta: PageMeta, paragraphs: list[str],
              dropped: list[str], url: str, site_name: str | None,
              foreign_canonical: str | None, registry: Registry,
              feed_author: str | None = None) -> Attribution:
    """Run the attribution stage."""
    own_pub = registry.for_host(site_domain(url))
    own = _own_names(meta, site_name, own_pub)
    notes = notes_outside(region, paragraphs)
    credits = [c for c in find_credits(paragraphs, dropped + notes, registry)
               if name_key(c.publisher.name if c.publisher else c.name or "") not in own]
    credit_lines = {c.line for c in credits if c.kind == "credit-line"}
    result = Attribution(paragraphs=[p for p in paragraphs if p not in credit_lines])
    result.evidence = [Evidence(c.kind, c.line, c.publisher.name if c.publisher else c.name)
                       for c in credits]

    found = _pasted_byline(result.paragraphs, registry, own)
    pasted = found[1] if found else None
    if found:
        result.paragraphs = [p for p in result.paragraphs if p != found[0]]
    byline = find_byline(region, registry, own)
    result.byline = byline.text
    result.paragraphs = _without_printed_byline(result.paragraphs, byline)
    for source in (b for b in (pasted, byline) if b is not None):
        for agency in source.agencies:
            if name_key(agency.name) not in own:
                result.evidence.append(Evidence("byline", source.text or "", agency.name))

    meta_evidence, result.original_url = _metadata_evidence(
        meta, url, foreign_canonical, registry, own)
    result.evidence += meta_evidence
    result.is_syndicated = bool(result.evidence)
    credited = next((e.publisher for e in result.evidence if e.publisher), None)
    if result.is_syndicated:
        result.original_publisher = credited or registered_domain(
            result.original_url or url)
    else:
        ld_pub = ld_names((meta.article or {}).get("publisher"))
        result.original_publisher = (own_pub.name if own_pub else None) or (
            ld_pub[0] if ld_pub else site_name)

    # Authors: a pasted byline names the story's writers; otherwise structured data, then the
    # visible byline, then the feed entry's author, then author markup anywhere on the page.
    # On a copy, a byline that is a site account (an author-archive link on a republishing
    # site) names who uploaded it, not who wrote it; an account uploads as one person, so a
    # byline naming several people credits the writers.
    uploader = (result.is_syndicated and byline.account_link and not byline.agencies
                and len(byline.people) == 1)
    if pasted is not None:
        result.authors = pasted.people
    elif not uploader:
        result.authors = (_fuller(_declared_authors(meta, registry, own), byline.people)
                          or parse_byline(feed_author or "", registry, own).people
                          or _marked_up_authors(region.getroottree().getroot(), registry,
                                                own))
    result.authors = [a for a in result.authors if is_person_name(a) and not ACCOUNT.match(a)]
    return result
