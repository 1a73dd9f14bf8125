"""Authors from structured data, bylines and author markup, on small pages written for each
kind of case (each was seen on real sites, written here from scratch)."""

from __future__ import annotations

import json

import pytest

from ingest.extract.bylines import is_person_name
from tests.test_pipeline_edges import record


def page(head: str = "", byline: str = "", after: str = "") -> str:
    """A story page with `head` in its head, `byline` under its headline and `after` after
    the story (where author boxes and tag lists sit)."""
    story = "\n".join(
        f"<p>Paragraph {n} of the story tells the board's decision on the reservoir pumps, "
        f"what it costs and when the work begins, in enough words to be a story.</p>"
        for n in range(1, 5))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Pumps replaced | County Courier</title>
<meta property="article:published_time" content="2024-05-07T18:30:00Z">{head}</head>
<body><article><h1>Pumps replaced</h1>{byline}{story}{after}</article></body></html>"""


def ld(*objects: dict) -> str:
    return ('<script type="application/ld+json">'
            + json.dumps({"@context": "https://schema.org", "@graph": list(objects)})
            + "</script>")


def test_an_author_given_by_reference_into_the_graph_is_followed() -> None:
    """What the most common WordPress SEO plugin writes: the article's author is an @id."""
    html = page(ld({"@type": "Article", "headline": "Pumps replaced",
                    "author": {"@id": "https://courier.example/#/schema/person/abc"}},
                   {"@type": "Person", "@id": "https://courier.example/#/schema/person/abc",
                    "name": "Doris Schuppe"}))
    assert record(html)["authors"] == ["Doris Schuppe"]


def test_a_blog_that_is_its_authors_names_a_person_typed_also_as_organisation() -> None:
    html = page(ld({"@type": "BlogPosting", "headline": "Pumps replaced",
                    "author": {"@type": ["Person", "Organization"], "name": "Andreas Kalt"}}))
    assert record(html)["authors"] == ["Andreas Kalt"]


def test_an_organisation_as_author_is_no_person() -> None:
    html = page(ld({"@type": "NewsArticle", "headline": "Pumps replaced",
                    "author": {"@type": "Organization", "name": "County Courier"}}))
    assert record(html)["authors"] == []


def test_a_blog_named_after_its_writer_keeps_the_writer_as_author() -> None:
    """The site calls itself by the writer's name (og:site_name, a Person publishing the
    WebSite): the byline's name is the writer's, not the site's desk."""
    html = page('<meta property="og:site_name" content="Jane Doe">'
                + ld({"@type": "WebSite", "name": "Jane Doe",
                      "publisher": {"@id": "https://janedoe.example/#person"}},
                     {"@type": "Person", "@id": "https://janedoe.example/#person",
                      "name": "Jane Doe"}),
                byline='<p class="byline">By Jane Doe</p>')
    assert record(html, "https://janedoe.example/2024/05/pumps")["authors"] == ["Jane Doe"]


def test_a_site_set_up_as_a_person_under_its_one_word_name_is_no_author() -> None:
    """An SEO plugin's "Person" named like the site ("Makronom") is the site, not a writer."""
    html = page('<meta property="og:site_name" content="Courier">'
                + ld({"@type": "WebSite", "name": "Courier",
                      "publisher": {"@type": "Person", "name": "Courier"}}),
                byline='<p class="byline">By Courier</p>')
    assert record(html)["authors"] == []


def test_the_web_pages_author_counts_when_no_article_is_described() -> None:
    html = page(ld({"@type": "WebPage", "name": "Pumps replaced",
                    "author": {"@id": "https://courier.example/#/schema/person/f"}},
                   {"@type": "Person", "@id": "https://courier.example/#/schema/person/f",
                    "name": "Florina Ionescu"}),
                after='<div class="about"><span class="author">Kate May</span></div>')
    assert record(html)["authors"] == ["Florina Ionescu"]


def test_an_article_header_classed_as_a_caption_keeps_its_byline() -> None:
    """A site that calls its headline block "caption": it holds the headline, so it is no
    photo's caption, and the author list inside it stays."""
    html = page().replace(
        "<h1>Pumps replaced</h1>",
        '<div class="caption"><h1>Pumps replaced</h1>'
        '<ul class="author"><li>Stefan Loibl</li></ul></div>')
    assert record(html)["authors"] == ["Stefan Loibl"]


def test_a_list_of_one_word_tags_in_author_markup_is_no_author_list() -> None:
    tags = " / ".join(f'<a rel="tag" href="/t/{t}">{t}</a>'
                      for t in ("Photovoltaik", "Solarthermie", "Speicher"))
    html = page(after=f'<div class="post-meta"><span class="author">{tags}</span></div>')
    assert record(html)["authors"] == []


@pytest.mark.parametrize(("field", "authors"), [
    ("gizzmo", ["gizzmo"]), ("Steffi", ["Steffi"]), ("Kay", ["Kay"]),
    ("DT", []), ("cpm", []), ("ERBOL", []), ("admin", []), ("wpadmin", []),
    ("Agencies", []), ("Redaktion", []), ("Staff Writer", [])])
def test_a_whole_author_field_of_one_word_is_a_writers_handle(field: str,
                                                              authors: list[str]) -> None:
    html = page(f'<meta name="author" content="{field}">')
    assert record(html)["authors"] == authors


def test_one_word_of_a_split_byline_is_no_name() -> None:
    """"Kirche und Leben" split at "und" leaves two words that are no one's names."""
    assert record(page(byline='<div class="byline">Von Kirche und Leben</div>'))[
        "authors"] == []


@pytest.mark.parametrize("name", ["Rana Das", "Les Moonves", "Carlos Las Heras", "Tom Daily",
                                  "Ludwig van Beethoven", "Bruce Y. Lee", "Ed Cara"])
def test_names_holding_common_words_are_names(name: str) -> None:
    assert is_person_name(name)


@pytest.mark.parametrize("text", ["Autorenseite von", "The Conversation", "Die Grünen",
                                  "Daily Star", "Metro Desk", "Bundesverband Solarwirtschaft"])
def test_organisations_and_label_remains_are_no_names(text: str) -> None:
    assert not is_person_name(text)


def test_a_weekday_before_the_date_ends_the_bylines_name() -> None:
    html = page(byline='<div class="author vcard">Von Tomas Spahn Fr, 18. Oktober 2019</div>')
    assert record(html)["authors"] == ["Tomas Spahn"]
