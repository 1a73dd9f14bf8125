"""URL normalisation: one story is one record, whatever tracking parameters or host spelling
led to it.

courlan does the heavy lifting (it knows the tracking parameters: utm_*, fbclid, gclid...);
this module decides which URL names a story and derives its stable id from it.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import extract_domain, normalize_url


def clean_url(url: str) -> str:
    """The URL with tracking parameters and fragment removed and the host lower-cased; any
    other than an http(s) URL as it was given (a refused `file:///` URL is recorded as is)."""
    if not url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    try:
        cleaned = normalize_url(url.strip(), strict=True)
    except ValueError:
        return url.strip()
    parts = urlsplit(cleaned)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def site_domain(url: str) -> str:
    """The page's host without `www.`: what `site_domain` holds."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def registered_domain(url: str) -> str:
    """The registrable domain (news.bbc.co.uk -> bbc.co.uk, edition.cnn.com -> cnn.com), for
    same-site comparisons. courlan's `fast` guess gets both of those wrong; the public
    suffix list costs about 3 microseconds."""
    return extract_domain(url) or site_domain(url)


def same_site(a: str, b: str) -> bool:
    """True when both URLs belong to one site (www., m., amp. subdomains included)."""
    return registered_domain(a) == registered_domain(b)


def resolve(base: str, href: str | None) -> str | None:
    """`href` made absolute against `base`; None when empty or not http(s)."""
    if not href or not href.strip():
        return None
    absolute = urljoin(base, href.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def canonical_url(fetched_url: str, declared: str | None) -> tuple[str, str | None]:
    """(canonical_url, foreign_canonical) for a page.

    The declared rel=canonical counts only when it is on the page's own site; a canonical on
    another site is evidence that the page is a copy and is returned apart, never used as the
    page's own URL.
    """
    target = resolve(fetched_url, declared)
    if target and same_site(target, fetched_url):
        return clean_url(target), None
    return clean_url(fetched_url), (clean_url(target) if target else None)


def article_id(canonical: str) -> str:
    """Stable id from the canonical URL, blind to the scheme so http/https copies coincide."""
    parts = urlsplit(canonical)
    key = urlunsplit(("", parts.netloc.lower().removeprefix("www."), parts.path, parts.query, ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
