"""The page's language as a BCP 47 primary tag ("en", "de").

Declared values are trusted in order of how specific to the story they are: JSON-LD
`inLanguage`, the `<html lang>` attribute, `og:locale`, then a Content-Language header or meta.
"""

from __future__ import annotations

import re

from ingest.metadata import PageMeta, ld_text

TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{2,8})*$")


def normalise_tag(value: str | None) -> str | None:
    """"en-US" / "en_GB" / "EN" -> "en"; None for anything that is not a language tag."""
    match = TAG.match((value or "").strip().split(",")[0].strip())
    return match.group(1).lower() if match else None


def page_language(meta: PageMeta, content_language: str | None = None) -> str | None:
    """The declared language of the page, if any."""
    for value in (ld_text((meta.article or {}).get("inLanguage")), meta.lang,
                  meta.first("og:locale", "content-language", "language", "dc.language"),
                  content_language):
        tag = normalise_tag(value)
        if tag:
            return tag
    return None
