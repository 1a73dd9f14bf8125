"""Page regions (`ingest.extract.regions`) on their own: which nodes are site chrome, the
story's nodes without it, and the page copy without it, on small pages written for these
tests."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from ingest.extract.regions import (
    StoryRegion,
    article_region,
    headline_node,
    is_chrome,
    without_chrome,
)

PAGE = """<html><body class="has-sidebar">
<header class="site-header"><a href="/">Riverton Ledger</a>
  <div class="today">Monday, 3 June 2024</div></header>
<nav><a href="/news">News</a></nav>
<main><article>
  <header><h1>Council approves the bridge</h1><p class="byline">By Jane Doe</p></header>
  <aside class="byline-meta"><span class="author">Jane Doe</span><time>June 3, 2024</time></aside>
  <p>The council voted on Tuesday to approve the plan after a long debate.</p>
  <div class="share-buttons"><p>Share this story</p></div>
  <aside class="related"><p>Ferry fares to rise in July</p></aside>
  <p>The mayor said work would begin in the spring.</p>
</article>
<div class="sidebar"><p>Most read</p></div></main>
<footer><p>© Riverton Ledger</p></footer>
</body></html>"""
STORY_LINES = ["By Jane Doe", "The council voted on Tuesday to approve the plan after a long "
               "debate.", "The mayor said work would begin in the spring."]

BLOGGER = """<html><body>
<div class="widget Blog" id="Blog1"><div class="post">
  <h3 class="post-title">Council approves the bridge</h3>
  <div class="post-body entry-content"><p>The council voted on Tuesday to approve the plan.</p>
    <div class="share-buttons"><p>Share this post</p></div></div>
</div></div>
<div class="widget HTML" id="HTML1"><p>Follow us on Facebook</p></div>
</body></html>"""


def page(markup: str = PAGE) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(markup)


def texts(nodes: list[lxml_html.HtmlElement]) -> list[str]:
    return [" ".join(node.text_content().split()) for node in nodes]


def first(tree: lxml_html.HtmlElement, xpath: str) -> lxml_html.HtmlElement:
    return tree.xpath(xpath)[0]


@pytest.mark.parametrize("xpath", [
    "//header[@class='site-header']", "//div[@class='today']", "//nav//a",
    "//div[@class='share-buttons']/p", "//aside[@class='related']/p",
    "//div[@class='sidebar']/p", "/html/body/footer/p",
])
def test_landmarks_and_chrome_names_are_chrome(xpath: str) -> None:
    """Navigation, a page's header and footer, sidebars, share and related boxes, whatever
    they hold, down to their children."""
    assert is_chrome(first(page(), xpath))


@pytest.mark.parametrize("xpath", [
    "//article/header/h1", "//p[@class='byline']", "//aside[@class='byline-meta']//time",
    "//article/p[1]", "/html/body",
])
def test_the_storys_own_header_and_meta_box_are_no_chrome(xpath: str) -> None:
    """An article's <header> holds its headline and byline, and an <aside> inside the story
    named as its byline or date box is the story's; a body class "has-sidebar" describes the
    page, not the node."""
    assert not is_chrome(first(page(), xpath))


def test_an_aside_named_as_a_meta_box_is_chrome_outside_the_story() -> None:
    tree = page("<html><body><aside class='byline-meta'><p>By Lee Chan</p></aside>"
                "<article><h1>Council approves</h1><p>The council voted.</p></article>"
                "</body></html>")
    assert is_chrome(first(tree, "//aside/p"))


def test_story_nodes_leave_out_the_chrome_inside_the_region() -> None:
    tree = page()
    region = article_region(tree)
    assert region.tag == "article"
    mapped = StoryRegion.of(region)
    assert texts(mapped.nodes(".//p")) == STORY_LINES
    assert first(tree, "//div[@class='share-buttons']") in mapped.chrome


def test_without_chrome_is_a_copy_without_the_chrome() -> None:
    tree = page()
    copy = without_chrome(tree)
    assert texts(list(copy.iter("p"))) == STORY_LINES
    assert copy.find(".//nav") is None and copy.find(".//time") is not None
    assert len(list(tree.iter("p"))) == 7  # the page itself is left whole


def test_a_blogger_widget_around_the_post_body_is_no_chrome() -> None:
    """Blogger wraps each post in a "widget Blog": the wrapper names a page region. Chrome
    inside the post and the other widgets are still chrome."""
    tree = page(BLOGGER)
    assert not is_chrome(first(tree, "//h3"))
    assert not is_chrome(first(tree, "//div[contains(@class, 'post-body')]/p"))
    assert is_chrome(first(tree, "//div[@class='share-buttons']/p"))
    assert is_chrome(first(tree, "//div[@id='HTML1']/p"))
    assert texts(StoryRegion.of(tree.find("body")).nodes(".//p")) == [
        "The council voted on Tuesday to approve the plan."]


def test_a_chrome_named_wrapper_holding_a_story_line_keeps_the_story() -> None:
    """A layout class ("sidebar-left") around the headline block: with the story's lines
    given, only the chrome inside it goes."""
    markup = ("<html><body><div class='sidebar-left'><h1>Council approves the bridge</h1>"
              "<p>The council voted on Tuesday to approve the plan.</p>"
              "<div class='related'><p>Ferry fares to rise in July</p></div></div></body></html>")
    assert texts(list(without_chrome(page(markup)).iter("p"))) == []
    kept = without_chrome(page(markup), ["Council approves  the bridge"])
    assert texts(list(kept.iter("p"))) == ["The council voted on Tuesday to approve the plan."]


def test_the_headline_is_the_first_h1_outside_chrome_that_is_not_the_masthead() -> None:
    markup = ("<html><body><div class='menu'><h1>Menu</h1></div>"
              "<h1><a href='/'>Riverton Ledger</a></h1>"
              "<h1 class='sr-only'>Main content</h1>"
              "<article><h1>Council approves the bridge</h1><p>The council voted.</p></article>"
              "</body></html>")
    assert headline_node(page(markup)).text_content() == "Council approves the bridge"


@pytest.mark.xfail(strict=True, reason="is_chrome takes a layout wrapper named "
                   "'content-sidebar-wrap' (Genesis themes) for chrome with the <main> and "
                   "<article> it holds, unless a named body container sits inside")
def test_a_layout_wrapper_named_after_its_sidebar_holds_no_chrome_story() -> None:
    """Such a page loses its headline: `headline_node` finds none, and a page without a
    <title> gets no title at all."""
    markup = ("<html><body><div class='content-sidebar-wrap'><main class='content'><article>"
              "<h1>Council approves the bridge</h1><p>The council voted.</p></article></main>"
              "<aside class='sidebar'><p>Most read</p></aside></div></body></html>")
    tree = page(markup)
    assert not is_chrome(first(tree, "//h1"))
    assert headline_node(tree) is not None
