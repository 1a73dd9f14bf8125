"""Who the page's own site is, so that a page naming itself is never taken for a copy.

A site names itself everywhere: its copyright footer, its organisation in JSON-LD
(`sourceOrganization`, `publisher`), `dc.source`, a feed footer ("The post ... appeared first
on Site"), a canonical on a sister domain (businessinsider.com and businessinsider.de), a print
edition ("first appeared in EMOTION 10/22" on emotion.de). The site is known from its domain,
the names it gives itself (og:site_name, application-name, its WebSite JSON-LD) and the
registry, and a name is the site's when its letters are the domain's ("FOXBusiness" on
foxbusiness.com, "The Globe and Mail" on theglobeandmail.com).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ingest.core.publishers import Publisher, Registry, host_of, name_key
from ingest.core.urls import registered_domain, same_site, site_domain
from ingest.extract.bylines import is_person_name
from ingest.extract.metadata import PageMeta, ld_names, ld_text, ld_types

STEM_MIN = 5
"""Shortest domain stem that may name a site by the beginning of a longer name ("heise" in
"heise online", "businessinsider" in "Business Insider Deutschland"): shorter ones are
initialisms and words that begin too many other names."""
HOST_PREFIXES = re.compile(r"^(?:www\d?|m|mobile|amp)\.")
PERSON_KEYS = ("author", "creator", "publisher", "founder", "copyrightHolder")
"""Where a JSON-LD object names a person the site may be named after (a blog's owner is the
WebSite's `publisher` in what the most common WordPress SEO plugin writes)."""


def declared_people(meta: PageMeta) -> set[str]:
    """The names of the people the page's JSON-LD describes, as objects of their own or under
    the keys that name a person, when they read as a person's full name: a site set up as a
    "Person" under its own one-word name ("Makronom") is no writer's blog."""
    people = {n for obj in meta.jsonld if "person" in ld_types(obj) for n in ld_names(obj)}
    for obj in meta.jsonld:
        for key in PERSON_KEYS:
            values = obj.get(key)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, dict) and "person" in ld_types(value):
                    people |= set(ld_names(value))
    return {name_key(n) for n in people if len(n.split()) > 1 and is_person_name(n)}


def letters(text: str) -> str:
    """A name's letters and digits alone, case-folded, a leading "the" dropped: the form in
    which "The Globe and Mail" and theglobeandmail.com agree."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"^the[\s.-]+", "", text.strip())
    return "".join(re.findall(r"[^\W_]", text))


def domain_stems(host: str) -> set[str]:
    """The letters a host's name is made of, without its public suffix: "jamaica.gleaner.com"
    and "jamaica-gleaner.com" both give "jamaicagleaner", "www.bbc.co.uk" gives "bbc"."""
    host = HOST_PREFIXES.sub("", host.lower())
    registered = registered_domain(f"http://{host}/")
    label = registered.partition(".")[0]
    suffix = registered[len(label):]
    stems = {letters(label.removeprefix("the"))}
    if host.endswith(suffix) and host != registered:
        stems.add(letters(host[: len(host) - len(suffix)]))
    return {s for s in stems if s}


@dataclass(slots=True)
class SiteIdentity:
    """The page's own site: its address, its names and its registry entry."""

    url: str
    publisher: Publisher | None
    registry: Registry
    keys: set[str] = field(default_factory=set)
    """`name_key`s of the names the site gives itself."""
    stems: set[str] = field(default_factory=set)
    """`letters` of those names and of the site's domain."""
    domain_stems: set[str] = field(default_factory=set)
    """`letters` of the site's domain names, which a longer name may begin with."""
    personal: bool = False
    """The site is named after a person its JSON-LD describes (a writer's own blog, "Jane
    Doe"): that name in a byline is its author, not the site's desk."""

    @classmethod
    def of_page(cls, url: str, meta: PageMeta, site_name: str | None,
                registry: Registry) -> SiteIdentity:
        """The identity a page declares, from its URL, head and structured data."""
        own = registry.for_host(site_domain(url))
        names = [site_name or "", *(meta.meta.get("og:site_name", [])),
                 *(meta.meta.get("application-name", []))]
        for obj in meta.jsonld:
            link = ld_text(obj.get("url"))
            if "website" in ld_types(obj) and (not link or same_site(link, url)):
                names += ld_names(obj)
        if own is not None:
            names += [own.name, *own.aliases]
        identity = cls(url=url, publisher=own, registry=registry)
        identity.keys = {name_key(n) for n in names if name_key(n)}
        identity.personal = own is None and bool(identity.keys & declared_people(meta))
        identity.domain_stems = domain_stems(site_domain(url))
        if own is not None:
            for domain in own.domains:
                identity.domain_stems |= domain_stems(domain)
        identity.stems = {letters(n) for n in names if letters(n)} | identity.domain_stems
        return identity

    def owns_url(self, link: str) -> bool:
        """True for an address on the site, a sister domain of it (the same name under another
        suffix) or another domain of its registry entry."""
        if same_site(link, self.url):
            return True
        host = site_domain(link)
        other = self.registry.for_host(host)
        if other is not None and self.publisher is not None:
            return other == self.publisher
        return any(len(stem) >= STEM_MIN for stem in domain_stems(host) & self.domain_stems)

    def __contains__(self, name: object) -> bool:
        """`name in site`: the name is exactly one the site goes by (for bylines, where a
        person's name may begin like the site's domain); on a site named after its writer
        (`personal`), no byline name is the site's."""
        return isinstance(name, str) and not self.personal and self.is_named(name, loose=False)

    def is_named(self, name: str, loose: bool = True) -> bool:
        """True when `name` is one the site goes by, or a domain or URL of the site's;
        `loose` also takes a longer name that begins with the domain's ("heise online")."""
        host = host_of(name)
        if host is not None:
            return self.owns_url(f"http://{host}/")
        if name_key(name) in self.keys:
            return True
        key = letters(name)
        if not key:
            return False
        return key in self.stems or (loose and any(
            len(stem) >= STEM_MIN and key.startswith(stem) for stem in self.domain_stems))

    def is_self(self, publisher: Publisher | None = None, name: str | None = None) -> bool:
        """True when a credit to `publisher` (or to `name`) credits the site itself."""
        if publisher is not None:
            return publisher == self.publisher or any(
                self.is_named(n) for n in (publisher.name, *publisher.aliases)) or any(
                self.owns_url(f"http://{d}/") for d in publisher.domains)
        return bool(name) and self.is_named(name or "")
