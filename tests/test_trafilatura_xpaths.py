"""The faster equivalents of trafilatura's regular-expression XPath searches return exactly
what the expressions return."""

from __future__ import annotations

import importlib
from copy import deepcopy
from pathlib import Path

import pytest
import trafilatura
from lxml import etree

from ingest.extract.trafilatura_xpaths import (
    BASIC_CLEAN,
    EQUIVALENTS,
    Equivalent,
    equivalent_of,
    speed_up_trafilatura,
)
from ingest.pipeline import parse_html

REGEXP = {"re": "http://exslt.org/regular-expressions"}

# One element for each clause of each expression, and the attribute orders that decide
# `@id|@class` and `@id|@style` (the first attribute on the element wins).
CLAUSES = """<html><body>
<div id="x1" class="cookie-jar">id first: no cookie</div>
<div class="cookie-jar" id="x2">class first: cookie</div>
<div id="" class="cookie">empty id first</div>
<section id="mvp-post-add-box"><h1>appended</h1></section>
<aside class="infinite-scroll"><h1>the story</h1></aside>
<div class="infiniteScroll">no h1 inside</div>
<div id="infinite-scroll"><p>next</p></div>
<section class="x elementor-share-buttons">share</section>
<div id="comments">comments</div><div id="commentary">commentary</div>
<details id="comol-3">old comments</details><section class="post-comments">c</section>
<ol class="comment-list"><li>a</li></ol><ul id="disqus_thread"><li>b</li></ul>
<ul id="Comments"><li>c</li></ul><ol><li>plain</li></ol>
<list class="commentlist">converted list</list>
<span data-lp-replacement-content="1">x</span><div role="Navigation">nav</div>
<div role="navigation">nav</div><p data-component="MostPopularStories">popular</p>
<div id="share-box">s</div><div class="byline">b</div><span class=" ad ">ad</span>
<div class="meta-data">m</div><item class="related">r</item><p class="">empty class</p>
<div class="comments-title">t</div><div id="reply-3" class="x">r</div>
<div class="x" id="reply-4">class first: not a reply</div>
<b id="xhidden" style="color: red">hidden by id</b><b style="visibility: hidden" id="y">s</b>
<i id="y" style="visibility: hidden">id first</i><em style="display:none">n</em>
<em style="display: none">n</em><strong id="reader-comments">r</strong>
<u class="a hidden">h</u><u class="noprint">np</u><u aria-hidden="true">ah</u>
<u aria-hidden="false">shown</u><a class="title" href="/">t</a><a class="date">d</a>
<span id="comment-list">l</span><span class="print-only">p</span>
<div data-component="FigureBlock">f</div><div class="quote-box">q</div>
<div class="site-footer">f</div><div id="footer2">f</div><div class="x" id="footer">f</div>
<fencedframe>f</fencedframe><footer>f</footer><script>1</script><style>p{}</style>
<svg><path d="M0"/></svg><template>t</template>
<span class="Cookie-Banner">case-blind</span><p id="OneTrust-sdk">vendor</p>
<section><div class="post">first post</div><div class="entry">second: not first</div></section>
<main><div itemprop="articleBody">b</div></main><article id="articleContent">c</article>
<div id="art-content"><div class="article__body">nested</div></div>
<div role="article">r</div><div id="story">s</div><section class="cell">c</section>
<div class="Fulltext">f</div><div class="article main">a</div><div id="primary-col">p</div>
<div id="content">c</div><div id="Main-Content">m</div><div class="Page-Content">p</div>
<div class="MAIN-CONTENT">upper: no</div><span class="Teaser-box">t</span><p id="teaser">t</p>
<a rel="author" href="/a">A</a><div id="author">A</div><p class="author">A</p>
<span itemprop="author name">A</span><strong class="authorName">A</strong>
<address class="x"><rel>me</rel></address><link data-testid="AuthorCard"/><author>A</author>
<div class="byline">b</div><h3 class="posted-by">p</h3><h4 id="zuozhe">z</h4>
<p itemprop="author">i</p><b data-component="BylineBlock">b</b><i class="writer">w</i>
<em id="Author-box">a</em>
<p>plain paragraph</p><div>plain div</div>
</body></html>"""

TEST_PAGES = sorted([*Path(__file__).parent.rglob("*.html"),
                     *(Path(__file__).parents[1] / "ingest" / "data" / "demo").rglob("*.html")])


def _same(equivalent: Equivalent, tree: etree._Element) -> None:
    expected = etree.XPath(equivalent.expression, namespaces=REGEXP)(tree)
    assert equivalent(tree) == expected, equivalent.expression[:60]


@pytest.mark.parametrize("equivalent", EQUIVALENTS, ids=lambda e: e.expression[:40])
def test_each_clause_is_found_as_the_expression_finds_it(equivalent: Equivalent) -> None:
    tree = parse_html(CLAUSES)
    _same(equivalent, tree)
    _same(equivalent, tree.find("body"))  # `.//` its descendants, `//` the whole page
    _same(equivalent, deepcopy(tree.find("body")))  # as trafilatura's copies are searched


def test_the_clauses_page_reaches_every_equivalent() -> None:
    tree = parse_html(CLAUSES)
    assert all(equivalent(tree) for equivalent in EQUIVALENTS)


def test_attribute_order_decides_the_first_of_two() -> None:
    """`contains(@class|@id, 'footer')` reads the class of <div class="x" id="footer">."""
    tree = parse_html(CLAUSES)
    cleaned = {node.get("id") for node in BASIC_CLEAN(tree)}
    assert "footer2" in cleaned and "footer" not in cleaned


def test_the_test_and_demo_pages_give_the_same_elements() -> None:
    assert len(TEST_PAGES) > 50
    for page in TEST_PAGES:
        tree = parse_html(page.read_text(encoding="utf-8", errors="replace"))
        for equivalent in EQUIVALENTS:
            _same(equivalent, tree)


def test_a_changed_expression_keeps_its_own_search() -> None:
    changed = etree.XPath(".//*[self::div][re:test(@id, 'comment')]", namespaces=REGEXP)
    assert equivalent_of(changed) is None
    spaced = BASIC_CLEAN.expression.replace(".//", "\n  .//")  # outside its quoted strings
    assert equivalent_of(etree.XPath(spaced, namespaces=REGEXP)) is BASIC_CLEAN
    quoted = BASIC_CLEAN.expression.replace("|notice", "| notice")  # a pattern's own space
    assert equivalent_of(etree.XPath(quoted, namespaces=REGEXP)) is None


def test_trafilatura_reads_the_equivalents() -> None:
    """With trafilatura 2.3.1 every expression is replaced (a later release that changes one
    keeps its own); and speeding it up twice changes nothing more."""
    xpaths = importlib.import_module("trafilatura.xpaths")
    baseline = importlib.import_module("trafilatura.baseline")
    searches = [*xpaths.RAW_TREE_PRUNE_XPATH, *xpaths.REMOVE_COMMENTS_XPATH,
                *xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH, *xpaths.OVERALL_DISCARD_XPATH,
                *xpaths.AUTHOR_DISCARD_XPATHS, *xpaths.BODY_XPATH, *xpaths.TEASER_DISCARD_XPATH,
                *xpaths.AUTHOR_XPATHS, baseline.BASIC_CLEAN_XPATH]
    in_place = [search for search in searches if isinstance(search, Equivalent)]
    if trafilatura.__version__ == "2.3.1":
        assert sorted(map(id, in_place)) == sorted(map(id, EQUIVALENTS))
    assert speed_up_trafilatura() == 0
