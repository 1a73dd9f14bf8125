"""The headline, reconciled from the places a page states it.

JSON-LD `headline`, `og:title`, the visible `<h1>` and `<title>` usually agree up to a site-name
suffix (" - Hanoi Observer", "| The Riverton Ledger") or a kicker. The visible `<h1>` wins when a
declared title confirms it; otherwise the declared title with its site name stripped.
"""

from __future__ import annotations

import html
import re

SEPARATORS = re.compile(r"\s+(?:[-|–—·•»:/]|::)\s+")


def tidy(text: str) -> str:
    """A title as displayed: entities decoded (some CMSs escape meta values twice) and runs
    of ordinary white space collapsed; an ideographic space stays, as in the headline."""
    return re.sub(r"[ \t\r\n\f\v\u00a0]+", " ", html.unescape(text)).strip()


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def strip_site_name(title: str, site_names: list[str]) -> str:
    """The title without a leading or trailing part that names the site."""
    parts = SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    keys = {_key(name) for name in site_names if name and _key(name)}

    def is_site(part: str) -> bool:
        key = _key(part)
        return bool(key) and any(key == k or key in k or k in key for k in keys)

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    if len(parts) == len(SEPARATORS.split(title)):
        return title
    # Rejoin with the original separators: find the span the kept parts cover.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip()


def choose_title(
    declared: list[str | None], h1: str | None, title_tag: str | None, site_names: list[str]
) -> str | None:
    """Pick the headline from declared titles (JSON-LD, og:title...), the <h1> and <title>."""
    cleaned = [strip_site_name(tidy(t), site_names) for t in declared if t and t.strip()]
    if title_tag:
        cleaned.append(strip_site_name(tidy(title_tag), site_names))
    if h1:
        h1_key = _key(h1)
        if not cleaned or any(_key(t) == h1_key or _key(t).startswith(h1_key) for t in cleaned):
            return h1
    for title in cleaned:
        if h1 and _key(h1) and _key(h1) in _key(title):
            return h1
    return cleaned[0] if cleaned else h1


def site_from_title(title_tag: str | None, headlines: list[str | None]) -> str | None:
    """The site name a <title> adds to the headline ("Headline - Site" -> "Site")."""
    if not title_tag:
        return None
    parts = SEPARATORS.split(title_tag)
    keys = {_key(h) for h in headlines if h and _key(h)}
    if len(parts) < 2 or not keys:
        return None
    if _key(parts[0]) in keys or any(k.startswith(_key(parts[0])) for k in keys):
        return parts[-1].strip() or None
    if _key(parts[-1]) in keys:
        return parts[0].strip() or None
    return None
