"""Credit lines (`ingest.attribution.credits`) on their own, against the shipped registry:
what a line credits, the names and outlet lists inside it, a credit closing the last
paragraph, and the notes and credit elements around a small story written for these tests.
The vocabulary's wordings, language by language, are tested in tests/test_credit_vocabulary.py.
"""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from ingest.attribution.credits import (
    Line,
    bare_outlets,
    clean_name,
    credit_elements,
    node_links,
    notes_after,
    notes_outside,
    outlets,
    read_credit,
    segments,
    trailing_credit,
)
from ingest.core.publishers import Registry, load_registry
from ingest.extract.regions import StoryRegion

STORY = ["The council voted on Tuesday to approve the new bridge after a long debate.",
         "The mayor said work would begin in the spring and take two years."]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.mark.parametrize(("line", "cue", "publisher"), [
    ("Source: National Public Radio", "label", "NPR"),
    ("This story first appeared on ProPublica", "phrase", "ProPublica"),
    ("(c) 2024 The Associated Press", "copyright", "Associated Press"),
    ("Quelle: dpa", "label", "dpa"),
    ("Dieser Artikel erschien zuerst bei ZEIT ONLINE.", "phrase", "Die Zeit"),
    ("Source : AFP", "label", "AFP"),
    ("Cet article a été publié initialement sur The Conversation.", "phrase",
     "The Conversation"),
    ("Fuente: EFE", "label", "EFE"),
    ("Este artículo fue publicado originalmente en El País.", "phrase", "El País"),
    ("— Reuters", "bare", "Reuters"),
])
def test_read_credit_names_the_credited_outlet(line: str, cue: str, publisher: str,
                                               registry: Registry) -> None:
    credit = read_credit(line, registry)
    assert credit is not None
    assert (credit.cue, credit.publishers[0].name, credit.line) == (cue, publisher, line)


@pytest.mark.parametrize("line", [
    "Source: a study in Nature",
    "The minister told Reuters on Tuesday that the talks had failed.",
    "Read the original article",
])
def test_read_credit_finds_no_credit_in_a_source_a_mention_or_a_bare_label(
        line: str, registry: Registry) -> None:
    assert read_credit(line, registry) is None


def test_a_label_credits_through_its_link_and_outlets_alone_only_where_allowed(
        registry: Registry) -> None:
    """"Read the original article" says whose only by its link; "Reuters" alone credits the
    story only as a paragraph of its own (`bare`), not beside it."""
    assert read_credit("Read the original article", registry, linked=True).cue == "link"
    assert read_credit("Reuters", registry).cue == "bare"
    assert read_credit("Reuters", registry, bare=False) is None


def test_a_contribution_is_read_as_such(registry: Registry) -> None:
    credit = read_credit("Reuters contributed to this report.", registry)
    assert (credit.cue, credit.publishers) == ("contribution", ())


@pytest.mark.parametrize(("raw", "name"), [
    ("the Guardian", "Guardian"),
    ('"Hanoi Observer"', "Hanoi Observer"),
    ("Slate.com website", "Slate.com"),
    ("in der EMOTION 10/22", None),
    ("and has been republished here", None),
    ("June 5, 2024", None),  # a date, not the outlet "June"
])
def test_clean_name(raw: str, name: str | None) -> None:
    """An outlet's name without its quotes, article or "website"; no name for a clause, an
    issue number or a date."""
    assert clean_name(raw) == name


@pytest.mark.parametrize(("text", "names"), [
    ("AP and Reuters", ["Associated Press", "Reuters"]),
    ("dpa/AFP", ["dpa", "AFP"]),
    ("EFE y AFP", ["EFE", "AFP"]),
    ("npr.org", ["NPR"]),
    ("Deutsche Presse-Agentur (dpa)", ["dpa"]),
    ("Reuters, 2024", ["Reuters"]),
    ("Reuters and a friend", None),
])
def test_outlets_lists_known_outlets_or_nothing(text: str, names: list[str] | None,
                                                registry: Registry) -> None:
    found = outlets(text, registry)
    assert (found and [p.name for p in found]) == names


@pytest.mark.parametrize(("line", "names"), [
    ("— Reuters", ["Reuters"]),
    ("(AFP)", ["AFP"]),
    ("https://www.reuters.com/world/bridge-approved", None),
])
def test_bare_outlets_are_names_alone_not_an_address(line: str, names: list[str] | None,
                                                      registry: Registry) -> None:
    found = bare_outlets(line, registry)
    assert (found and [p.name for p in found]) == names


@pytest.mark.parametrize(("paragraph", "kept", "publisher"), [
    ("The ministry said talks would resume. This article first appeared on NPR.",
     "The ministry said talks would resume.", "NPR"),
    ("The talks resumed on Tuesday. (AFP)", "The talks resumed on Tuesday.", "AFP"),
    ("The talks resumed on Tuesday. — Reuters", "The talks resumed on Tuesday.", "Reuters"),
])
def test_trailing_credit_cuts_a_credit_off_the_last_paragraph(
        paragraph: str, kept: str, publisher: str, registry: Registry) -> None:
    found = trailing_credit(paragraph, registry)
    assert found is not None
    assert (found[0], found[1].publishers[0].name) == (kept, publisher)


@pytest.mark.parametrize("paragraph", [
    "The talks resumed on Tuesday, officials told Reuters.",
    "The talks resumed on Tuesday. Reuters contributed to this report.",
    "The talks resumed on Tuesday. Reuters",
])
def test_trailing_credit_leaves_mentions_contributions_and_unmarked_names(
        paragraph: str, registry: Registry) -> None:
    """An outlet's name alone closing a paragraph counts only in brackets or after a dash."""
    assert trailing_credit(paragraph, registry) is None


def test_segments_split_a_meta_line() -> None:
    line = Line("By admin | Source: Reuters | June 5", ("https://www.reuters.com/x",), "note")
    assert [s.text for s in segments(line)] == [line.text, "By admin", "Source: Reuters",
                                                "June 5"]
    assert {s.links for s in segments(line)} == {line.links}
    assert segments(Line("Source: Reuters")) == [Line("Source: Reuters")]


def test_node_links_are_the_absolute_addresses_once() -> None:
    node = lxml_html.fragment_fromstring(
        '<p>Source: <a href="https://www.npr.org/x">NPR</a> <a href="/local">here</a> '
        '<a href="https://www.npr.org/x">again</a></p>')
    assert node_links(node) == ("https://www.npr.org/x",)


def region_of(markup: str) -> lxml_html.HtmlElement:
    tree = lxml_html.document_fromstring(f"<html><body>{markup}</body></html>")
    return tree.find(".//article")


def test_notes_outside_are_the_short_lines_before_or_after_the_story_text() -> None:
    """A footer note after the story counts; a chart's source between its paragraphs and a
    photo's credit do not."""
    region = region_of(
        f"<article><p>{STORY[0]}</p><div class='chart'>Source: Reuters</div><p>{STORY[1]}</p>"
        "<div class='note'>News source: <a href='https://www.cnbc.com/x'>CNBC</a></div>"
        "<div>Photo: Jane Doe / AFP</div></article>")
    assert notes_outside(StoryRegion.of(region), STORY) == [
        Line("News source: CNBC", ("https://www.cnbc.com/x",), "note")]


def test_notes_after_read_the_box_after_the_article_up_to_chrome() -> None:
    region = region_of(f"<main><article><p>{STORY[0]}</p></article>"
                       "<div class='box'><p>Source: AFP</p></div>"
                       "<div class='sidebar'><p>Source: Reuters</p></div></main>")
    assert [line.text for line in notes_after(region)] == ["Source: AFP"]
    chrome_first = region_of(f"<main><article><p>{STORY[0]}</p></article>"
                             "<aside><p>Source: Reuters</p></aside></main>")
    assert notes_after(chrome_first) == []


def test_credit_elements_are_named_as_the_source_but_not_a_pictures() -> None:
    region = region_of(
        f"<article><p>{STORY[0]}</p><figure><img src='a.jpg'>"
        "<span class='source'>Reuters</span></figure>"
        "<p class='article-source'>Quelle: dpa</p></article>")
    assert credit_elements(region) == [Line("Quelle: dpa", (), "element")]


def test_leaf_blocks_are_the_line_elements_without_blocks_inside() -> None:
    """`leaf_blocks` finds what `.//*[self::p or ...][not(.//p or ...)]` finds, in order."""
    from lxml import etree

    from ingest.attribution.credits import leaf_blocks
    from ingest.pipeline import parse_html

    page = parse_html("""<html><body><article><div><p>One <span>two</span></p>
        <section><small>Source: AFP</small><div></div></section><footer><cite>c</cite>
        </footer></div><span><b>bold</b></span><div>text<section><p>deep</p></section></div>
        </article></body></html>""")
    article = page.find(".//article")
    tags = "self::p or self::div or self::section or self::footer or self::small or "
    xpath = f"*[{tags}self::cite or self::span][not(.//p or .//div or .//section or .//footer)]"
    assert leaf_blocks(article) == etree.XPath(".//" + xpath)(article)
    assert leaf_blocks(article, itself=True) == etree.XPath("descendant-or-self::" + xpath)(
        article)
    small = article.find(".//small")
    assert leaf_blocks(small, itself=True) == [small] and leaf_blocks(small) == []
