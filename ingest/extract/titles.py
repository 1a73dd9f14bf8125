"""The headline, reconciled from the places a page states it.

JSON-LD `headline`, `og:title`, the visible `<h1>` and `<title>` usually agree up to a site-name
suffix (" - Hanoi Observer", "| The Riverton Ledger") or a kicker. The visible `<h1>` wins when a
declared title confirms it; otherwise the declared title with its site name stripped.
"""

from __future__ import annotations

import html
import re
from copy import deepcopy

from lxml import html as lxml_html

from ingest.extract.regions import HIDDEN_HINTS, hints, joined_text

SEPARATORS = re.compile(r"\s+(?:[-|–—·•»:/]|::)\s+")
KICKER_TAGS = {"span", "small", "div", "p", "strong", "b"}
"""Elements a kicker sits in at the start of a headline; not <em>, <i>, <q> or <a>, which
mark a work's name, a quote or a link within the headline's own words."""


def tidy(text: str) -> str:
    """A title as displayed: entities decoded (some CMSs escape meta values twice) and runs
    of ordinary white space collapsed; an ideographic space stays, as in the headline."""
    return re.sub(r"[ \t\r\n\f\v\u00a0]+", " ", html.unescape(text)).strip()


def headline_texts(node: lxml_html.HtmlElement) -> list[str]:
    """What an <h1> shows, its elements' texts kept apart (a kicker in its own element reads
    "Kicker: Headline", not "Kicker:Headline"), without words only screen readers get
    ("Headline:"; a hidden separator stays); then, if it starts with a kicker (a leading
    element naming a topic or a rubric, "Exclusive:"), the headline without it. The declared
    titles decide which."""
    node = deepcopy(node)
    for hidden in [n for n in node.iterdescendants() if HIDDEN_HINTS.search(hints(n))]:
        if re.search(r"\w", hidden.text_content()):
            hidden.drop_tree()
    text = tidy(joined_text(node))
    root = node
    while len(root) == 1 and not (root.text or "").strip() and not (root[0].tail or "").strip():
        root = root[0]
    first = root[0] if len(root) and not (root.text or "").strip() else None
    if first is None or first.tag not in KICKER_TAGS:
        return [text]
    kicker = tidy(joined_text(first))
    rest = tidy(joined_text(root))[len(kicker):].lstrip(" :|/-–—")
    return [text, rest] if re.search(r"\w", rest) else [text]


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu"}


def _domain_words(host: str) -> list[str]:
    """The words of a host's own name ("foren.leichtathletik-berlin.de" -> leichtathletik,
    berlin), which a site's name in a <title> usually spells out."""
    labels = [label for label in host.casefold().split(".")[:-1] if label not in SECOND_LEVEL]
    return [_key(word) for word in labels[-1].split("-") if len(word) > 2] if labels else []


SITE_KEY_MIN = 5
"""Shortest site name found inside a longer part ("Observer" in "Hanoi Observer Online"):
a shorter one ("NOS", "BBC") must be the whole part, or it cuts headlines that merely
contain its letters ("Nostalgia returns...")."""


def _names_site(part: str, site: str) -> bool:
    """Whether a title part's letters (`_key`) name the site whose key is `site`."""
    shorter, longer = sorted((part, site), key=len)
    return part == site or (len(shorter) >= SITE_KEY_MIN and shorter in longer)


def _spells_domain(key: str, words: list[str]) -> bool:
    """Whether a title part's letters hold every word of the site's domain name, one of them
    long enough to be told from an ordinary word's letters ("cdu-fraktion-erfurt" in "CDU-
    Fraktion im Erfurter Stadtrat"; "nos" alone names no part but "NOS")."""
    if not words:
        return False
    if not any(len(word) >= SITE_KEY_MIN for word in words):
        return key == "".join(words)
    return all(word in key for word in words)


def strip_site_name(title: str, site_names: list[str]) -> str:
    """The title without a leading or trailing part that names the site."""
    parts = SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    keys = {_key(name) for name in site_names if name and _key(name)}
    domain_words = [_domain_words(name) for name in site_names if name and " " not in name]

    def is_site(part: str) -> bool:
        key = _key(part)
        return bool(key) and (any(_names_site(key, k) for k in keys) or any(
            _spells_domain(key, words) for words in domain_words))

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


def _spans(title: str) -> set[str]:
    """The keys of every run of consecutive parts of a title cut at its separators."""
    parts = [_key(part) for part in SEPARATORS.split(title)]
    return {"".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}


def confirms(title: str, stripped: str, h1: str) -> bool:
    """True when a declared title states the <h1>: the same words, perhaps with a kicker
    before them or more after them once its site name is cut off, or the <h1> as a run of its
    parts between separators (a section, a kicker or a site name the site names did not catch
    around it). A few words from the middle of a title are a topic label set as the <h1>
    ("Tsunami warning"), not the headline."""
    h1_key, key = _key(h1), _key(stripped)
    return bool(h1_key) and (key.startswith(h1_key) or key.endswith(h1_key)
                             or h1_key in _spans(title))


def _content_words(text: str) -> set[str]:
    """A title's words of four letters or more: the words two titles about one story share,
    where any two titles may share "the", "for" or "und"."""
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 3}


def _titles(headline: str | None, social: str | None, title_tag: str | None) -> list[str]:
    return [tidy(t) for t in [headline, social, title_tag] if t and t.strip()]


def headline_forms(
    headline: str | None, social: str | None, h1s: list[str], title_tag: str | None,
    site_names: list[str],
) -> list[str]:
    """Every form in which the page states its headline: the <h1> with and without its
    kicker, the declared titles and <title>, with and without a site name. A line of the text
    in any of these forms is the headline repeated, whichever form `choose_title` picked."""
    titles = _titles(headline, social, title_tag)
    return [*h1s, *titles, *(strip_site_name(t, site_names) for t in titles)]


KICKER_MARK = re.compile(r"\s*[:|/–—-]\s*")


def _kicker_set_off(h1s: list[str], cleaned: list[str]) -> str:
    """The <h1> as shown, or, when its kicker element runs on into the headline with no
    mark between them ("<span>Kicker</span>Headline", set apart by styling alone), the
    declared title that writes the same words with the mark ("Kicker / Headline")."""
    if len(h1s) < 2:
        return h1s[0]
    shown, rest = h1s
    kicker = shown[: len(shown) - len(rest)].strip()
    if not re.search(r"\w$", kicker):
        return shown
    for title in cleaned:
        mark = title[len(kicker): len(title) - len(rest)]
        if title.startswith(kicker) and title.endswith(rest) and KICKER_MARK.fullmatch(mark):
            return title
    return shown


def choose_title(
    headline: str | None, social: str | None, h1s: list[str], title_tag: str | None,
    site_names: list[str],
) -> str | None:
    """Pick the headline from the JSON-LD headline, the social title (og:title...), the <h1>
    (as shown, then without its kicker) and <title>.

    An <h1> that no declared title confirms still wins over og:title and <title> when it is
    about the same story (they share a word) and no JSON-LD headline is declared: those two
    are often rewritten for sharing and search ("Best X 2024 >> Compare now"), while the
    visible headline is the one the story carries. A JSON-LD headline is the story's own
    declaration and stands."""
    titles = _titles(headline, social, title_tag)
    cleaned = [strip_site_name(t, site_names) for t in titles]
    site_keys = {_key(name) for name in site_names if name}
    h1s = [h1 for h1 in h1s if _key(h1) not in site_keys]  # a logo's <h1> names the site
    for h1 in h1s:
        if any(map(confirms, titles, cleaned, [h1] * len(titles))):
            return _kicker_set_off(h1s, cleaned) if h1 is h1s[0] else h1
    if h1s and not headline and any(_content_words(h1s[0]) & _content_words(t) for t in titles):
        return h1s[0]
    return cleaned[0] if cleaned else next(iter(h1s), None)


def _sites_around(title_tag: str, keys: set[str]) -> list[str]:
    """What the <title> holds after or before a run of its parts that is a headline."""
    parts = [_key(part) for part in SEPARATORS.split(title_tag)]
    sites = []
    for n, cut in enumerate(SEPARATORS.finditer(title_tag), start=1):
        if "".join(parts[:n]) in keys:
            sites.append(title_tag[cut.end():])
        if "".join(parts[n:]) in keys:
            sites.append(title_tag[: cut.start()])
    return sites


def site_from_title(
    title_tag: str | None, h1: str | None, declared: list[str | None]
) -> str | None:
    """The site name a <title> adds to the headline ("Headline - Site" -> "Site"), or puts
    before it. A part of the visible headline is no site name ("Headline - Its second half")."""
    if not title_tag:
        return None
    keys = {_key(h) for h in [h1, *declared] if h and _key(h)}
    sites = _sites_around(title_tag, keys)
    parts = SEPARATORS.split(title_tag)
    if not sites and len(parts) > 1 and any(k.startswith(_key(parts[0])) for k in keys):
        sites = [parts[-1]]  # the <title> shortens the headline
    site = sites[0].strip() if sites else None
    return None if not site or (h1 and _key(site) in _key(h1)) else site
