"""The page's language as a BCP 47 primary tag ("en", "de").

Declared values are trusted in order of how specific to the story they are: JSON-LD
`inLanguage`, the `<html lang>` attribute, `og:locale`, then a Content-Language header or meta.
"""

from __future__ import annotations

import re

from ingest.extract.metadata import PageMeta, ld_text

TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{2,8})*$")


def normalise_tag(value: str | None) -> str | None:
    """"en-US" / "en_GB" / "EN" -> "en"; None for anything that is not a language tag."""
    match = TAG.match((value or "").strip().split(",")[0].strip())
    return match.group(1).lower() if match else None


def _declared_tag(meta: PageMeta, content_language: str | None) -> str | None:
    """The first declared value that is a language tag, as written ("en-GB", "de_DE")."""
    for value in (ld_text((meta.article or {}).get("inLanguage")), meta.lang,
                  meta.first("og:locale", "content-language", "language", "dc.language"),
                  content_language):
        if normalise_tag(value):
            return (value or "").strip().split(",")[0].strip()
    return None


def page_language(meta: PageMeta, content_language: str | None = None) -> str | None:
    """The declared language of the page, if any."""
    return normalise_tag(_declared_tag(meta, content_language))


MONTH_FIRST_COUNTRIES = {"us", "ph", "fm", "mh", "pw"}
"""Countries whose dates are written month first (2/10/2020 for February 10)."""


def writes_month_first(meta: PageMeta, content_language: str | None = None,
                       host: str = "") -> bool:
    """True when the page's locale writes 2/10/2020 for February 10: US English, and English
    of no stated region (the US convention is the common one then). Every other locale, British
    English ("en-GB") included, writes the day first. A page that declares no language follows
    its country's domain (a .de site writes the day first); on a generic domain (.com, .org)
    the US order stands."""
    tag = _declared_tag(meta, content_language)
    if tag is None:
        country = host.rsplit(".", 1)[-1].lower() if "." in host else ""
        return len(country) != 2 or country in MONTH_FIRST_COUNTRIES
    parts = re.split(r"[-_]", tag.lower())
    return parts[0] == "en" and (len(parts) == 1 or parts[1] in MONTH_FIRST_COUNTRIES)
