"""Pages that once broke the pipeline (found running it over real news pages), made small."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.core.errors import ExtractError
from ingest.core.page import Page
from ingest.pipeline import process
from tests.pages import STORY, story_html

URL = "https://www.countycourier.example/news/water-board-pumps"
WHEN = datetime(2024, 5, 8, tzinfo=UTC)


def record(html: str | bytes, url: str = URL) -> dict:
    body = html.encode("utf-8") if isinstance(html, str) else html
    return process(Page(url=url, body=body, fetched_at=WHEN)).to_dict()


def test_xhtml_with_an_xml_declaration() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + story_html()
    assert record(html)["title"] == "Water board approves reservoir pump replacement"


def test_empty_datetime_attribute_is_ignored() -> None:
    html = story_html(extra_head="").replace(
        "<div class=\"byline\">", '<time itemprop="datePublished" datetime=""></time>'
        '<div class="byline">')
    assert record(html)["published_at"] == "2024-05-07T18:30:00Z"


def test_short_japanese_story_is_counted_by_characters() -> None:
    paragraphs = [
        "市議会は火曜日、老朽化した東部貯水池のポンプを交換する計画を全会一致で承認した。"
        "技術者たちは十年近く前から故障の増加を警告しており、夏の需要期を前に対応を急いでいた。",
        "議長は、四百万ドルの費用は料金の値上げではなく積立金から支払われると述べ、"
        "工事は今年の夏の終わりまでに始まる可能性があると説明した。市の担当者も同意した。",
        "会合で発言した住民の多くは計画を支持したが、なぜ修理にこれほど時間がかかったのか、"
        "新しいポンプが届く前に古いポンプが故障しないのかと問う声もあった。",
    ]
    html = story_html("貯水池のポンプ交換を承認", paragraphs).replace('lang="en"', 'lang="ja"')
    result = record(html)
    assert result["text"] == "\n\n".join(paragraphs)
    assert result["word_count"] == sum(len(p) for p in paragraphs)
    assert result["language"] == "ja"


def test_many_inline_links_do_not_make_a_listing() -> None:
    linked = [f'<a href="/related/{n}">{p[:30]}</a>{p[30:]}' for n, p in enumerate(STORY * 2)]
    html = story_html(paragraphs=linked).replace("article:published_time", "x-time")
    assert record(html)["word_count"] == 96


def test_dates_told_in_the_story_or_shown_by_a_widget_are_not_the_publication_date() -> None:
    paragraphs = [*STORY, "Troops have stayed in the region since the September 11, 2001 "
                  "attacks, and officials said in 2005 that the mission would end."]
    html = (story_html(paragraphs=paragraphs)
            .replace('<meta property="article:published_time" content="2024-05-07T18:30:00Z">',
                     "")
            .replace("<header>", '<header><div class="heute">Mittwoch, 17. April 2024</div>'))
    result = record(html)
    assert result["published_at"] is None


def test_title_entities_escaped_twice_are_decoded() -> None:
    html = story_html("Plan &amp;amp; budget").replace(
        "<title>", '<meta property="og:title" content="R&amp;uuml;ckbau &amp;#039;jetzt&amp;#039;">'
        "<title>")
    assert record(html.replace("<h1>Plan &amp;amp; budget</h1>", ""))["title"] == \
        "Rückbau 'jetzt'"


def test_author_known_only_from_author_markup_outside_the_article() -> None:
    html = story_html(byline="").replace(
        "<footer>", '<footer><div class="author-box"><a rel="author" href="/u/ana">'
        "Ana Lopez</a></div>")
    assert record(html)["authors"] == ["Ana Lopez"]


def test_article_paragraphs_replace_a_result_that_misses_most_of_the_article() -> None:
    from lxml import html as lxml_html

    from ingest.extract.body import Extracted, fill_from_article
    from ingest.extract.regions import StoryRegion

    paragraphs = [f"Paragraph {n} of the story, " + STORY[n % 3] for n in range(6)]
    region = StoryRegion.of(lxml_html.fromstring(
        "<article><h1>T</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) +
        "<div class='share'><p>Share this story with your friends today</p></div></article>"))
    partial = Extracted(title="T", paragraphs=paragraphs[:1])
    fill_from_article(partial, region)
    assert partial.paragraphs == paragraphs
    complete = Extracted(title="T", paragraphs=paragraphs[:4])
    fill_from_article(complete, region)
    assert complete.paragraphs == paragraphs[:4]


def test_timestamp_lines_are_not_story_text() -> None:
    from ingest.extract.clean import is_chrome_line

    assert is_chrome_line("Stand: 22.04.2024, 06:00 Uhr")
    assert is_chrome_line("Updated March 3, 2024 at 10:15 am EST")
    assert not is_chrome_line("Published in 2024, the report said costs rose.")
    assert not is_chrome_line("Updated guidance will follow next week, officials said.")


def test_feed_entry_author_and_title_fill_what_the_page_lacks() -> None:
    html = story_html(byline="").replace("<h1>Water board approves reservoir pump replacement"
                                         "</h1>", "")
    html = html.replace("<title>Water board approves reservoir pump replacement | County "
                        "Courier</title>", "")
    page = Page(url=URL, body=html.encode(), fetched_at=WHEN,
                hints={"author": "Jane Roe", "title": "Pumps approved"})
    result = process(page).to_dict()
    assert result["authors"] == ["Jane Roe"]
    assert result["title"] == "Pumps approved"


def _undated(paragraphs: list[str] | None = None) -> str:
    return story_html(paragraphs=paragraphs).replace(
        '<meta property="article:published_time" content="2024-05-07T18:30:00Z">', "")


def test_a_published_line_in_the_story_dates_it() -> None:
    html = _undated([*STORY, "Veröffentlicht am 16.08.2019"])
    assert record(html)["published_at"] == "2019-08-16"


def test_a_single_date_published_declaration_counts_even_in_the_footer() -> None:
    html = _undated().replace("<footer>", '<footer><time itemprop="datePublished" '
                              'datetime="2020-01-27">27.01.2020</time>')
    result = record(html)
    assert (result["published_at"], result["published_at_source"]) == ("2020-01-27",
                                                                       "time-element")


def test_the_first_of_the_month_written_in_full_is_a_date() -> None:
    html = _undated().replace('<div class="byline">', "<em>01.11.2023 11:35</em>"
                              '<div class="byline">')
    assert record(html)["published_at"] == "2023-11-01"


def test_soft_hyphens_and_zero_width_spaces_are_no_part_of_a_word() -> None:
    """German sites hyphenate for layout ("Mit&shy;tel&shy;al&shy;ter"): the stored words
    are whole, in the title and the text, whether written as entities or characters."""
    html = story_html(title="Pum&shy;pen er\u00adsetzt",
                      paragraphs=[f"Im Mit&shy;tel&shy;al\u00adter\u200b stand hier {p}"
                                  for p in STORY])
    result = record(html)
    assert result["title"] == "Pumpen ersetzt"
    assert result["text"].startswith("Im Mittelalter stand hier The county")


def test_markup_nested_too_deep_to_parse_is_a_failure_not_a_menu() -> None:
    """libxml2 stops at 2,048 levels: the rest of the page, story and all, is lost, and what
    is left (menus, counters) must not be stored as its text."""
    html = ('<html><body><ul class="menu"><li><a href="/">Home</a></li></ul>'
            '<div class="stats">0 comment 69 views</div>' + "<div>" * 3000
            + "".join(f"<p>{p}</p>" for p in STORY) + "</body></html>")
    with pytest.raises(ExtractError, match="nested too deep") as failure:
        record(html)
    assert failure.value.reason == "unparseable"


def test_a_lead_written_loose_after_a_photo_block_is_kept() -> None:
    """Older pages write a paragraph as text after the photo's block, not in a <p>."""
    lead = ("The county water board voted on Tuesday to replace the aging pumps at the east "
            "reservoir, a project engineers have urged for nearly a decade.")
    html = story_html(paragraphs=STORY[1:]).replace(
        '<div class="byline">By Jordan Ellis</div>',
        '<div class="byline">By Jordan Ellis</div><div class="photo"><img src="/pump.jpg">'
        f"<br>Photo: Jane Roe/AP</div>{lead}<br><br>")
    result = record(html)
    assert result["text"].startswith(lead)
    assert "Jane Roe" not in result["text"] and result["image_credits"] == ["Jane Roe/AP"]


def test_a_story_the_tuned_extraction_misses_is_taken_from_trafilaturas_recall_mode() -> None:
    """A template that puts the story in an <aside>: trafilatura's tuned call leaves it out,
    its recall mode does not."""
    html = story_html().replace("<article>", "<aside>").replace("</article>", "</aside>")
    assert record(html)["text"].split("\n\n") == STORY
