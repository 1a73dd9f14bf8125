"""Where things sit on a page: the article region versus site chrome.

A date or a name means different things in the header's today-widget, a sidebar list and the
story's byline. These helpers answer "is this node part of the story?" from the page's
structure (landmark elements and the class/id vocabulary templates use, whose words are
`data/vocabulary/markup.toml`'s), never from one site's wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass

from lxml import html as lxml_html

from ingest.core.vocabulary import class_words, phrases

MARKUP = "markup"
"""The class and id words of templates: `data/vocabulary/markup.toml`."""
CHROME_TAGS = {"nav", "aside", "form", "noscript"}
PAGE_CHROME_TAGS = {"header", "footer"}
"""Chrome only at page level: an article's own <header> holds its headline and byline."""
STORY_TAGS = {"article", "main"}
CHROME_HINTS = re.compile(
    rf"(?:^|[-_\s])(?:{class_words(MARKUP, 'chrome', 'other_stories', 'page_dates')}|"
    rf"{class_words('dates', 'today')})(?:$|[-_\s])",
    re.IGNORECASE,
)
"""A whole word of a class name or id that names chrome ("site-footer", "date-heute")."""
BYLINE_HINTS = re.compile(
    rf"{class_words(MARKUP, 'byline')}|(?:^|\s){class_words(MARKUP, 'byline_classes')}(?:$|\s)",
    re.IGNORECASE)
"""Class names of bylines, the bare "by" and "byl" of terse templates included (a whole class
name: "step-by-step" is none)."""
META_HINTS = re.compile(class_words(MARKUP, "meta"), re.IGNORECASE)
HIDDEN_HINTS = re.compile(class_words(MARKUP, "hidden"), re.IGNORECASE)
"""Classes that hide an element from sight but not from screen readers."""
HOME_HREF = re.compile(r"^(?:\.?/|.*//[^/?#]+/?)$")
"""A link to a site's home page: "/", or an address with no path ("https://host/")."""


CLOSING = frozenset(",.;:!?)]}")
OPENING = frozenset("([{")
UNSPACED = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
"""Characters of scripts written without spaces between words (Chinese, Japanese kana and
kanji, their full-width punctuation): an element boundary between two is no word break.
A Latin word set in such text may have spaces around it, or not; the page's own stay."""


def joined_text(node: lxml_html.HtmlElement) -> str:
    """The node's text with its elements' texts kept apart ("By<a>Jane Roe</a>" reads
    "By Jane Roe", not "ByJane Roe"), but not where punctuation meets an element ("reported
    by <a>Bloomberg</a>." reads "Bloomberg.", not "Bloomberg ."). Spaces the page itself puts
    before punctuation (French "Quoi ?") stay, and so does its white space. Chinese and
    Japanese text runs on across elements ("<a>気象庁</a>は" reads "気象庁は")."""
    if not len(node):  # no child elements: the node's own text, as it stands
        return node.text or ""
    text = ""
    for piece in node.itertext():
        if (text and piece and not text[-1].isspace() and not piece[0].isspace()
                and text[-1] not in OPENING and piece[0] not in CLOSING
                and not (UNSPACED.match(text[-1]) and UNSPACED.match(piece[0]))):
            text += " "
        text += piece
    return text


def spaced_text(node: lxml_html.HtmlElement) -> str:
    """`joined_text` with its white space collapsed to single spaces."""
    return " ".join(joined_text(node).split())


STATE_PREFIX = re.compile(rf"^{class_words(MARKUP, 'states')}-", re.IGNORECASE)


def hints(node: lxml_html.HtmlElement) -> str:
    """The node's class and id, the vocabulary templates use to name their parts.

    State modifiers ("has-sidebar", "no-comments") describe the page, not the node, and the
    classes of <html> and <body> describe the whole page, so neither counts.
    """
    if node.tag in ("html", "body"):
        return ""
    tokens = f"{node.get('class', '')} {node.get('id', '')}".split()
    return " ".join(t for t in tokens if not STATE_PREFIX.match(t))


def is_chrome(node: lxml_html.HtmlElement) -> bool:
    """True when the node or one of its ancestors is site chrome."""
    chain = [node, *node.iterancestors()]
    in_story = False
    for node in reversed(chain):  # outermost first, so we know whether we are inside a story
        if _is_chrome_here(node, in_story):
            return True
        in_story = in_story or node.tag in STORY_TAGS
    return False


STORY_BODY = (".//*[@itemprop='articleBody' or "
              + " or ".join(f"contains(@class, '{w}')" for w in phrases(MARKUP, "story_body"))
              + "]")
"""The containers templates name as the story's body."""


def _is_chrome_here(node: lxml_html.HtmlElement, in_story: bool) -> bool:
    tag = node.tag if isinstance(node.tag, str) else ""
    if CHROME_HINTS.search(hints(node)):
        # Blogger wraps every post in a "widget Blog": a chrome name around the story's body
        # container names a page region, not chrome.
        return not node.xpath(STORY_BODY)
    return bool((tag in CHROME_TAGS and not _story_meta_box(node, in_story))
                or (tag in PAGE_CHROME_TAGS and not in_story))


def _story_meta_box(node: lxml_html.HtmlElement, in_story: bool) -> bool:
    """True for an <aside> inside the story that its class names as the story's byline or
    date box ("meta", "byline"): templates set the author, date and source beside the text."""
    return in_story and node.tag == "aside" and bool(META_HINTS.search(hints(node)))


def _chrome_roots(root: lxml_html.HtmlElement,
                  spare: Callable[[lxml_html.HtmlElement], bool] | None = None,
                  ) -> Iterator[lxml_html.HtmlElement]:
    """The outermost chrome elements below `root`, in one top-down pass; a chrome-looking
    element that `spare` accepts is searched like any other."""
    stack = [(child, root.tag in STORY_TAGS) for child in reversed(root)]
    while stack:
        node, in_story = stack.pop()
        if not isinstance(node.tag, str):
            continue
        if _is_chrome_here(node, in_story) and not (spare and spare(node)):
            yield node
            continue
        inner = in_story or node.tag in STORY_TAGS
        stack.extend((child, inner) for child in reversed(node))


def without_chrome(tree: lxml_html.HtmlElement, story: Iterable[str] = ()
                   ) -> lxml_html.HtmlElement:
    """A copy of the page with site chrome (navigation, sidebars, widgets, footers) removed,
    for tools that search the whole page, such as htmldate.

    A chrome-named element that holds one of the `story` lines (the headline, a sentence of
    the story) is no chrome but a misnamed wrapper (a blog platform's "widget" around the
    post, a "sidebar" layout class, a page header around the headline block), so only the
    chrome inside it goes.
    """
    copy = deepcopy(tree)
    lines = [" ".join(line.split()) for line in story if line.strip()]

    def holds_story(node: lxml_html.HtmlElement) -> bool:
        text = " ".join(node.text_content().split())
        return any(line in text for line in lines)

    for node in list(_chrome_roots(copy, holds_story)):
        node.drop_tree()
    return copy


def is_masthead(node: lxml_html.HtmlElement) -> bool:
    """True for a heading that is only a link to the home page: blog themes set the site's
    name as the page's first <h1>, above the post's own heading."""
    links = node.findall(".//a")
    return (len(links) == 1 and bool(HOME_HREF.match(links[0].get("href", "").strip()))
            and links[0].text_content().split() == node.text_content().split())


def headline_node(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The story's headline element: the first <h1> outside chrome that a reader sees and
    that is not the site's name; else a post heading linking to its own page (rel=bookmark,
    the permalink of classic blog themes)."""
    for node in tree.iter("h1"):
        if (not is_chrome(node) and node.text_content().strip() and not is_masthead(node)
                and not HIDDEN_HINTS.search(hints(node))):
            return node
    for node in tree.xpath("//h2[.//a[@rel='bookmark']] | //h3[.//a[@rel='bookmark']]"):
        if not is_chrome(node) and node.text_content().strip():
            return node
    return None


CRUMB_HINTS = re.compile(class_words(MARKUP, "breadcrumbs"), re.IGNORECASE)


def crumb_heading(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """An <h1> set as the last step of the breadcrumb trail, where some templates put the
    page's own title: it names the story but does not locate it, the trail being chrome."""
    for node in tree.iter("h1"):
        if node.text_content().strip() and any(
                CRUMB_HINTS.search(hints(a)) for a in node.iterancestors()):
            return node
    return None


def article_region(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The smallest element holding the headline and the body paragraphs.

    Pages without an <h1> fall back to the first <article>, then <main>, then <body>.
    """
    head = headline_node(tree)
    if head is not None:
        node = head.getparent()
        while node is not None:
            if node.tag == "article" or len(node.findall(".//p")) >= 3:
                return node
            node = node.getparent()
    for tag in ("article", "main", "body"):
        found = tree.find(f".//{tag}")
        if found is not None:
            return found
    return tree


@dataclass(frozen=True, slots=True, eq=False)
class StoryRegion:
    """The article region of one page and every element of site chrome inside it (the chrome
    roots and all they hold), mapped once where the pipeline finds the region and handed to
    each stage that must leave chrome out, so a node is tested with one look-up rather than a
    walk up its ancestors, and no stage depends on another having mapped it first."""

    root: lxml_html.HtmlElement
    chrome: frozenset[lxml_html.HtmlElement]

    @classmethod
    def of(cls, root: lxml_html.HtmlElement) -> StoryRegion:
        return cls(root, frozenset(node for top in _chrome_roots(root) for node in top.iter()))

    def nodes(self, search: str | Callable[[lxml_html.HtmlElement], list[lxml_html.HtmlElement]]
              ) -> list[lxml_html.HtmlElement]:
        """Nodes of the region that `search` (an XPath, or a function of the region's root)
        finds, those in chrome left out."""
        found = self.root.xpath(search) if isinstance(search, str) else search(self.root)
        return [node for node in found if node not in self.chrome] if self.chrome else found
