"""Structured metadata a page declares about itself: JSON-LD, OpenGraph / meta tags,
rel=canonical, the document language.

Read once per page from the parsed tree and handed to the later stages, which weigh it against
what the visible page says. Values are kept as the page wrote them; normalisation happens in
the stage that uses them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
    "liveblogposting", "socialmediaposting", "scholarlyarticle", "techarticle", "report",
}

PAGE_TYPES = {"webpage", "itempage", "collectionpage", "profilepage"}
ORGANISATION_TYPES = {"organization", "newsmediaorganization", "corporation", "ngo",
                      "educationalorganization", "governmentorganization", "brand", "website"}


@dataclass(slots=True)
class PageMeta:
    """What the page's head and structured data say."""

    lang: str | None = None
    title_tag: str | None = None
    canonical: str | None = None
    meta: dict[str, list[str]] = field(default_factory=dict)
    """meta name/property/itemprop (lower-cased) -> contents, in page order."""
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    """Every JSON-LD object, @graph members and nested arrays flattened."""
    article: dict[str, Any] | None = None
    """The JSON-LD object describing the article (NewsArticle and kin), if any."""
    web_page: dict[str, Any] | None = None
    """The JSON-LD WebPage object, which some sites give the author instead of an article."""

    def first(self, *names: str) -> str | None:
        """The first non-empty value among the given meta names, in the order asked."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value.strip():
                    return value.strip()
        return None


def ld_types(obj: dict[str, Any]) -> set[str]:
    """A JSON-LD object's @type values, lower-cased, without their vocabulary's address."""
    kind = obj.get("@type", ())
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower().rsplit("/", 1)[-1] for k in kinds}


def _flatten(value: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(value, list):
        for item in value:
            _flatten(item, out)
    elif isinstance(value, dict):
        out.append(value)
        if "@graph" in value:
            _flatten(value["@graph"], out)
        main = value.get("mainEntity")
        if isinstance(main, (dict, list)):
            _flatten(main, out)


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        # Common breakage: raw control characters (newlines inside strings), trailing commas.
        repaired = re.sub(r"[\x00-\x1f]", " ", text)
        repaired = re.sub(r",\s*([}\]])", r"\1", repaired)
        try:
            return json.loads(repaired)
        except ValueError:
            return None


def ld_names(value: Any) -> list[str]:
    """Names in a JSON-LD author/publisher value: a string, an object, or a list of either."""
    if value is None:
        return []
    if isinstance(value, list):
        return [name for item in value for name in ld_names(item)]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        return [str(name).strip()] if isinstance(name, str) and name.strip() else []
    text = str(value).strip()
    return [text] if text else []


def ld_people(value: Any) -> list[str]:
    """Names in a JSON-LD author value, leaving out the objects typed as organisations (a
    site that credits itself as the author) unless also typed as a person (a blog that is
    its author's: `["Person", "Organization"]`)."""
    items = value if isinstance(value, list) else [value]
    return [name for item in items
            if not (isinstance(item, dict) and ld_types(item) & ORGANISATION_TYPES
                    and "person" not in ld_types(item))
            for name in ld_names(item)]


def ld_text(value: Any) -> str | None:
    """A JSON-LD scalar as a string (first of a list, @value of an object)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("@id") or value.get("url")
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_metadata(tree: lxml_html.HtmlElement) -> PageMeta:
    """Collect the page's declared metadata from its parsed tree."""
    result = PageMeta()
    lang = tree.get("lang") or tree.get("xml:lang")
    if lang:
        result.lang = lang.strip()
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        result.title_tag = " ".join(title.text_content().split())
    for link in tree.iterfind(".//link[@rel]"):
        if "canonical" in link.get("rel", "").lower().split() and link.get("href"):
            result.canonical = link.get("href")
            break
    for node in tree.iterfind(".//meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        content = node.get("content")
        if key and content is not None:
            result.meta.setdefault(key.strip().lower(), []).append(content)
        elif node.get("http-equiv", "").lower() == "content-language" and content:
            result.meta.setdefault("content-language", []).append(content)
    for script in tree.iterfind(".//script[@type]"):
        if script.get("type", "").strip().lower() == "application/ld+json" and script.text:
            _flatten(_load_json(script.text), result.jsonld)
    articles = [obj for obj in result.jsonld if ld_types(obj) & ARTICLE_TYPES]
    ranked = sorted(articles, key=lambda o: ("headline" not in o, "articleBody" not in o))
    result.article = _followed(ranked[0], result.jsonld) if ranked else None
    pages = [obj for obj in result.jsonld if ld_types(obj) & PAGE_TYPES]
    result.web_page = _followed(pages[0], result.jsonld) if pages else None
    return result


REFERENCING_KEYS = ("author", "creator", "publisher", "sourceOrganization", "copyrightHolder",
                    "provider")
"""The article's keys whose values may be given as references into the page's @graph."""


def _followed(article: dict[str, Any], objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The article with the people and organisations it names by reference (`{"@id": ...}`,
    what the most common WordPress SEO plugin writes for the author) replaced by the objects
    of the page's JSON-LD that carry those ids."""
    by_id = {obj["@id"]: obj for obj in objects
             if isinstance(obj.get("@id"), str) and len(obj) > 1}

    def follow(value: Any) -> Any:
        if isinstance(value, list):
            return [follow(item) for item in value]
        if isinstance(value, dict) and set(value) == {"@id"}:
            return by_id.get(value["@id"], value)
        return value

    return {**article, **{key: follow(article[key]) for key in REFERENCING_KEYS if key in article}}
