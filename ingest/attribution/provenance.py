"""Syndication evidence in a page's structured metadata.

A copy may say whose story it is only in its head: a rel=canonical on the original's site,
JSON-LD `isBasedOn`, `sourceOrganization`, `publisher`, `copyrightHolder` or an organisation
as `author`, meta tags `original-source`, `syndication-source`, `dc.source`,
`article:publisher`. Each counts only when it names a news outlet other than the site itself:
sites name their own organisation in all of these, a sister domain in their canonical, a
study in `isBasedOn` and a journal issue in `dc.source`. A name the registry does not know
counts only with an address on another site, since a bare name ("Security", a desk of the
site) does not say it is a news outlet.
"""

from __future__ import annotations

from typing import Any

from ingest.attribution.site_identity import SiteIdentity
from ingest.core.publishers import Publisher, Registry, host_of
from ingest.core.record import Evidence
from ingest.core.urls import registered_domain, resolve, same_site
from ingest.extract.bylines import parse_byline
from ingest.extract.metadata import ORGANISATION_TYPES, PageMeta, ld_names, ld_text, ld_types

ORIGINAL_META = ("original-source", "syndication-source", "original-url", "dc.source",
                 "dcterms.source", "article:publisher")
SOCIAL_HOSTS = ("facebook.com", "twitter.com", "x.com", "instagram.com", "linkedin.com")
"""`article:publisher` is usually the site's page on a social network: its path names it."""
ORGANISATION_KEYS = ("sourceOrganization", "publisher", "copyrightHolder", "provider")


class Provenance:
    """Collects the evidence of one page's metadata (see the module docstring)."""

    def __init__(self, url: str, meta: PageMeta, site: SiteIdentity, registry: Registry) -> None:
        self.url, self.meta, self.site, self.registry = url, meta, site, registry
        self.evidence: list[Evidence] = []
        self.original_url: str | None = None

    def _outlet(self, name: str | None, link: str | None) -> tuple[bool, str | None]:
        """(counts, publisher name) for an outlet named by `name` and/or `link`."""
        pub: Publisher | None = None
        if link is not None:
            if self.site.owns_url(link):
                return False, None
            pub = self.registry.for_host(host_of(link))
        pub = pub or (self.registry.resolve(name) if name else None)
        if pub is not None:
            return pub.news and not self.site.is_self(pub), pub.name
        if name and self.site.is_self(name=name):
            return False, None
        if link is not None:
            return True, name or registered_domain(link)
        return False, None

    def add(self, kind: str, text: str, name: str | None, link: str | None,
            original: bool = False) -> None:
        """Record `text` as evidence when the outlet it names is another news outlet; an
        outlet the registry does not know counts only by the address of the `original` (an
        organisation's address says nothing of whether it is a news outlet)."""
        counts, publisher = self._outlet(name, link)
        if counts and (original or self.registry.resolve(publisher) is not None):
            self.evidence.append(Evidence(kind, text, publisher))
            if original and link:
                self.original_url = self.original_url or link

    def canonical(self, foreign: str | None) -> None:
        """A canonical on another site, unless the page's og:url agrees with it (the page is
        the canonical site's own, reached through another address: a redirect, a moved
        site, a mirror with its original head)."""
        declared = resolve(self.url, self.meta.first("og:url"))
        if foreign and not (declared and same_site(declared, foreign)):
            self.add("canonical", foreign, None, foreign, original=True)

    def json_ld(self) -> None:
        """The article's JSON-LD: what it is based on, whose organisation it names."""
        article = self.meta.article or {}
        for item in _items(article.get("isBasedOn") or article.get("isBasedOnUrl")):
            link = resolve(self.url, ld_text(item.get("url") or item.get("@id"))
                           if isinstance(item, dict) else str(item))
            names = ld_names(item) if isinstance(item, dict) else []
            publisher = ld_names(item.get("publisher")) if isinstance(item, dict) else []
            self.add("json-ld", f"isBasedOn: {link or (names or [''])[0]}",
                     (publisher or names or [None])[0], link, original=True)
        for key in ORGANISATION_KEYS:
            for item in _items(article.get(key)):
                self._organisation(key, item)
        for item in _items(article.get("author")):
            if isinstance(item, dict) and ld_types(item) & ORGANISATION_TYPES:
                self._organisation("author", item)
            else:
                for name in ld_names(item):
                    self._agency_author(name)

    def _organisation(self, key: str, item: Any) -> None:
        for name in ld_names(item) or [None]:
            link = None
            if isinstance(item, dict):
                link = resolve(self.url, ld_text(item.get("url") or item.get("@id")))
            elif isinstance(item, str) and host_of(item):
                name, link = None, resolve(self.url, item)
            if name or link:
                self.add("json-ld", f"{key}: {name or link}", name, link)

    def _agency_author(self, name: str) -> None:
        """A person-typed author that is an agency ("Associated Press"), unless the byline
        names the site with it ("Le Figaro et AFP": the site's story, with agency copy)."""
        byline = parse_byline(name, self.registry, self.site)
        if byline.agencies and not byline.own:
            for agency in byline.agencies:
                self.add("json-ld", f"author: {name}", agency.name, None)

    def meta_tags(self) -> None:
        """`original-source` and kin: an address of the original, or an outlet's name."""
        for key in ORIGINAL_META:
            for value in self.meta.meta.get(key, ())[:1]:
                value = value.strip()
                host = host_of(value)
                link = resolve(self.url, value) if host else None
                name = None if host else value
                if link and any(host == s or host.endswith("." + s) for s in SOCIAL_HOSTS):
                    name, link = link.rstrip("/").rsplit("/", 1)[-1], None
                if name or link:
                    self.add("meta", f"{key}: {value}", name, link,
                             original=key != "article:publisher")


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def metadata_evidence(url: str, meta: PageMeta, foreign_canonical: str | None,
                      site: SiteIdentity, registry: Registry) -> tuple[list[Evidence], str | None]:
    """The evidence of the page's metadata, and the original's URL when it names one."""
    found = Provenance(url, meta, site, registry)
    found.canonical(foreign_canonical)
    found.json_ld()
    found.meta_tags()
    return found.evidence, found.original_url
