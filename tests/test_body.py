"""The extraction stage (`ingest.extract.body`) on its own: captions lifted out with their
credits, loose text wrapped, link lines told from sentences, and the headline, paragraphs and
standfirst of a small story page written for these tests."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from ingest.extract.body import (
    CAPTION_CANDIDATES,
    Extracted,
    add_standfirst,
    extract,
    extract_body,
    is_caption,
    is_link_line,
    lift_captions,
    wrap_loose_text,
)
from ingest.extract.metadata import read_metadata
from ingest.extract.regions import StoryRegion, article_region, headline_node
from ingest.pipeline import parse_html

URL = "https://www.rivertonledger.example/news/bridge"
STORY = [
    "The council voted on Tuesday to approve the new bridge over the Red River, ending a debate "
    "that has divided the town for more than a decade.",
    "Mayor Lan Nguyen said construction would begin in the spring and take about two years, "
    "with the old ferry running until the bridge opens.",
    "Residents who spoke at the meeting mostly supported the plan, though several asked how the "
    "council would pay for the work without raising fees.",
    "The council will publish the final design and the contract in June, after the provincial "
    "government has approved the budget for the project.",
]
LEAD = ("The vote ends ten years of argument over how to cross the river, and the mayor "
        "promised the work will not raise local fees.")


def story_page(paragraphs: list[str] = STORY, lead: str = f'<p class="standfirst">{LEAD}</p>',
               head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council approves Red River bridge - Riverton Ledger</title>
<meta property="og:title" content="Council approves Red River bridge">{head}</head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article><header><h1>Council approves Red River bridge</h1>{lead}
<div class="byline">By Jane Doe</div></header>
<div class="article-body">{body}</div>
</article><footer>© 2024 Riverton Ledger</footer></body></html>"""


def parse(markup: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(markup)


def test_lift_captions_removes_captions_and_returns_their_credits() -> None:
    tree = parse("""<html><body><article><h1>Council votes</h1>
<figure><img src="a.jpg"><figcaption>The old bridge in 2019. Photo: Jane Doe / Reuters</figcaption>
</figure><p>The council voted on Tuesday.</p>
<figure><img src="b.jpg"><figcaption>Residents at the meeting.</figcaption>
<span class="credit">Max Roe</span></figure>
<div class="image-credit">Foto: Anna Berg/dpa</div>
<div class="wp-caption"><img src="c.jpg"><p class="wp-caption-text">A ferry. © Lan Pham</p></div>
</article></body></html>""")
    assert lift_captions(tree) == ["Jane Doe / Reuters", "Max Roe", "Anna Berg/dpa", "Lan Pham"]
    assert not tree.xpath("//figcaption | //*[contains(@class, 'credit')]"
                          " | //*[contains(@class, 'caption')]")
    assert [p.text for p in tree.iter("p")] == ["The council voted on Tuesday."]


def test_lift_captions_removes_a_caption_in_chrome_without_its_credit() -> None:
    """A related story's picture in the sidebar credits nothing of this story."""
    tree = parse("<html><body><article><h1>Council votes</h1><p>The council voted.</p>"
                 "</article><aside class='related'><figure><img src='x.jpg'>"
                 "<figcaption>Photo: Lee Chan / AFP</figcaption></figure></aside></body></html>")
    assert lift_captions(tree) == []
    assert tree.find(".//figcaption") is None


def test_wrap_loose_text_after_a_picture_block_makes_a_paragraph() -> None:
    """The lead written loose after the photo's block, with its inline elements, up to the
    paragraph break (two <br>s)."""
    tree = parse('<html><body><div class="photo"><img src="p.jpg"><br>Photo: Jane Roe/AP</div>'
                 "The water board voted on Tuesday to replace the pumps at the <b>east</b> "
                 "reservoir.<br><br>More loose text that stays as it was written here."
                 "</body></html>")
    wrap_loose_text(tree)
    wrapped = tree.find(".//p")
    assert wrapped is not None and wrapped.getprevious().get("class") == "photo"
    assert wrapped.text_content() == ("The water board voted on Tuesday to replace the pumps "
                                      "at the east reservoir.")


@pytest.mark.parametrize("markup", [
    "<div class='box'>Short note</div>A long loose text after a block without a picture in it.",
    "<div class='photo'><img src='p.jpg'></div>Too short to wrap.",
])
def test_wrap_loose_text_leaves_other_loose_text(markup: str) -> None:
    tree = parse(f"<html><body>{markup}</body></html>")
    wrap_loose_text(tree)
    assert tree.find(".//p") is None


@pytest.mark.parametrize(("text", "in_links", "link_line"), [
    ("Ferry fares to rise in July", 27, True),
    ("Comments", 8, True),
    ("Ferry fares to rise in July.", 28, False),
    ("Ferry fares to rise in July", 5, False),
    ("www.riverton.example/report", 27, False),
    ("Von: Anna Berg, Jonas Weil", 20, False),
    ("One of the many other stories linked from this page that runs past twelve words", 80,
     False),
])
def test_is_link_line(text: str, in_links: int, link_line: bool) -> None:
    """A short, nearly all-link paragraph that ends no sentence points elsewhere; a written
    address and a byline linking to its authors stay."""
    assert is_link_line(text, in_links) is link_line


def test_extract_body_takes_the_paragraphs_in_order_and_their_links() -> None:
    paragraphs = [*STORY[:1], STORY[1] + ' <a href="/news/ferry">The ferry</a> stays.',
                  STORY[2] + ' <a href="https://www.npr.org/report">NPR</a> first reported it.',
                  *STORY[3:]]
    extracted = Extracted(title=None, paragraphs=[])
    extract_body(parse(story_page(paragraphs)), URL, extracted)
    assert extracted.paragraphs[0] == STORY[0] and extracted.paragraphs[-1] == STORY[-1]
    assert len(extracted.paragraphs) == 4
    assert list(extracted.links.values()) == [
        ("https://www.rivertonledger.example/news/ferry",), ("https://www.npr.org/report",)]
    assert 0 < extracted.link_share < 0.1 and extracted.link_lines == set()


def standfirst_case(markup: str, description: str | None = None) -> list[str]:
    """The paragraphs after `add_standfirst`, given the story as trafilatura found it."""
    tree = parse(markup)
    region = StoryRegion.of(article_region(tree))
    extracted = Extracted(title=None, paragraphs=list(STORY))
    add_standfirst(extracted, region, headline_node(tree), description)
    return extracted.paragraphs


def test_add_standfirst_puts_back_a_lead_named_as_such() -> None:
    assert standfirst_case(story_page()) == [LEAD, *STORY]


def test_add_standfirst_puts_back_the_declared_description() -> None:
    """A block with no lead's class counts when the page's description begins with it."""
    markup = story_page(lead=f'<p class="deck-text">{LEAD}</p>')
    assert standfirst_case(markup) == STORY
    assert standfirst_case(markup, LEAD) == [LEAD, *STORY]


def test_add_standfirst_takes_nothing_above_the_headline() -> None:
    markup = story_page(lead="").replace(
        "<header><h1>", f'<header><p class="standfirst">{LEAD}</p><h1>')
    assert standfirst_case(markup) == STORY


def test_extract_reads_headline_site_and_text_with_the_standfirst() -> None:
    markup = story_page(head='<meta property="og:site_name" content="Riverton Ledger">')
    tree = parse(markup)
    region = StoryRegion.of(article_region(tree))
    extracted = extract(tree, URL, read_metadata(tree), region)
    assert extracted.title == "Council approves Red River bridge"
    assert extracted.site_name == "Riverton Ledger"
    assert extracted.paragraphs == [LEAD, *STORY]
    assert "Council approves Red River bridge - Riverton Ledger" in extracted.headlines


def test_extract_names_the_site_from_the_title_when_nothing_declares_it() -> None:
    tree = parse(story_page())
    extracted = extract(tree, URL, read_metadata(tree))
    assert extracted.site_name == "Riverton Ledger"
    assert extracted.paragraphs == STORY  # no region given: no standfirst search


CAPTION_XPATH = (
    "//figcaption | //*[contains(@class, 'caption')][string-length(normalize-space()) < 400]"
    "[not(.//h1 | .//h2 | .//h3)]"
    " | //*[contains(@class, 'credit')][ancestor::figure]"
    " | //*[contains(@class, 'image-credit') or contains(@class, 'photo-credit')]"
)
"""What a caption was, as the one XPath search `is_caption` replaced (three scans of the page)."""


def test_is_caption_picks_what_the_caption_xpath_picked() -> None:
    long = "word " * 100
    tree = parse_html(f"""<html><body><article>
      <figure><img src=a.jpg><figcaption>A <span class="credit">Photo: AP</span></figcaption>
        <div class="image-credit">Jane Roe</div></figure>
      <div class="caption-wrap"><p>Short caption\u00a0text</p></div>
      <div class="story-caption"><h2>Heading</h2><p>not a caption</p></div>
      <div class="caption">{long}</div>
      <div class="caption">{"x" * 398}\t\n y</div>
      <p class="credit">Credit outside a figure</p>
      <span class="photo-credit">Max Roe</span>
      <div class="Caption">Capitalised class</div>
    </article></body></html>""")
    assert [n for n in CAPTION_CANDIDATES(tree) if is_caption(n)] == tree.xpath(CAPTION_XPATH)
    assert len(tree.xpath(CAPTION_XPATH)) == 5  # the 400-character one is no caption
