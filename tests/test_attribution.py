"""The attribution stage (`ingest.attribution.attribute.attribute`) on its own: the cleaned
story text of a tiny page goes in, and whether the page is a copy, whose, and what is left
of the text come out. The whole pipeline on full pages is tested in
tests/test_syndication_pages.py; the pages here are a headline and three paragraphs."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from ingest.attribution.attribute import Attribution, attribute
from ingest.core.publishers import Registry, load_registry
from ingest.extract.metadata import read_metadata
from ingest.extract.regions import StoryRegion, article_region

URL = "https://www.rivertonledger.example/news/bridge"
SITE = "Riverton Ledger"
STORY = [
    "The council voted on Tuesday to approve the new bridge over the Red River, ending a decade "
    "of debate.",
    "Mayor Lan Nguyen said construction would begin in the spring and take about two years.",
    "Residents who spoke at the meeting mostly supported the plan, though several asked about "
    "the cost.",
]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def attributed(paragraphs: list[str], registry: Registry, *, byline: str = "",
               after: str = "", dropped: tuple[str, ...] = (), url: str = URL,
               site_name: str = SITE) -> Attribution:
    """`attribute` on a page whose story is `paragraphs` (the text as cleaned), with `byline`
    under the headline and `after` below the story, `dropped` what cleaning set aside."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    tree = lxml_html.document_fromstring(
        f'<html><head><title>Bridge approved | {site_name}</title><meta property='
        f'"og:site_name" content="{site_name}"></head><body><article><h1>Bridge approved</h1>'
        f"{byline}{body}{after}</article></body></html>")
    region = StoryRegion.of(article_region(tree))
    return attribute(region=region, meta=read_metadata(tree), paragraphs=list(paragraphs),
                     dropped=list(dropped), url=url, site_name=site_name,
                     foreign_canonical=None, registry=registry,
                     extracted=[*paragraphs, *dropped])


def evidence(result: Attribution) -> list[tuple[str, str | None]]:
    return [(e.kind, e.publisher) for e in result.evidence]


@pytest.mark.parametrize(("line", "publisher"), [
    ("Source: NPR", "NPR"),
    ("Quelle: dpa", "dpa"),
    ("Source : AFP", "AFP"),
    ("Fuente: EFE", "EFE"),
    ("This article originally appeared on ProPublica.", "ProPublica"),
])
def test_a_closing_credit_line_makes_a_copy_and_leaves_the_text(line: str, publisher: str,
                                                                 registry: Registry) -> None:
    result = attributed([*STORY, line], registry)
    assert (result.is_syndicated, result.original_publisher) == (True, publisher)
    assert evidence(result) == [("credit-line", publisher)]
    assert result.paragraphs == STORY


def test_a_credit_lines_link_is_the_originals_address(registry: Registry) -> None:
    result = attributed(STORY, registry, after=(
        '<p class="note">This article originally appeared on '
        '<a href="https://www.propublica.org/article/bridge">ProPublica</a>.</p>'))
    assert (result.original_publisher, result.original_url) == (
        "ProPublica", "https://www.propublica.org/article/bridge")


def test_a_study_named_as_source_keeps_the_story_original(registry: Registry) -> None:
    """A journal is no news outlet, and "a study in Nature" no credit: the line is the
    story's."""
    line = "Source: a study in Nature"
    result = attributed([*STORY, line], registry)
    assert (result.is_syndicated, result.original_publisher, result.evidence) == (
        False, SITE, [])
    assert result.paragraphs == [*STORY, line]


def test_a_journal_credited_as_source_is_no_copy_but_leaves_the_text(
        registry: Registry) -> None:
    result = attributed([*STORY, "Source: Nature"], registry)
    assert (result.is_syndicated, result.paragraphs) == (False, STORY)


def test_the_sites_own_copyright_leaves_the_text_and_makes_no_copy(registry: Registry) -> None:
    result = attributed([*STORY, f"© 2024 {SITE}. All rights reserved."], registry)
    assert (result.is_syndicated, result.original_publisher, result.paragraphs) == (
        False, SITE, STORY)


def test_a_wires_credit_on_the_wires_own_site_is_no_copy(registry: Registry) -> None:
    result = attributed([*STORY, "Source: Reuters"], registry,
                        url="https://www.reuters.com/world/bridge-approved", site_name="Reuters")
    assert (result.is_syndicated, result.original_publisher, result.paragraphs) == (
        False, "Reuters", STORY)


def test_a_mention_and_a_contribution_keep_the_story_original(registry: Registry) -> None:
    mention = ("The minister told Reuters on Tuesday that the talks had failed, and said he "
               "would resign.")
    result = attributed([*STORY, mention], registry,
                        dropped=("The Associated Press contributed to this report.",))
    assert (result.is_syndicated, result.evidence) == (False, [])
    assert result.paragraphs == [*STORY, mention]


def test_a_credit_closing_the_last_paragraph_is_cut_off_it(registry: Registry) -> None:
    result = attributed([*STORY[:2], STORY[2] + " (AFP)"], registry)
    assert (result.is_syndicated, result.original_publisher) == (True, "AFP")
    assert result.paragraphs == STORY


def test_a_wire_dateline_names_the_original(registry: Registry) -> None:
    result = attributed(["HANOI (Reuters) - " + STORY[0], *STORY[1:]], registry)
    assert evidence(result) == [("dateline", "Reuters")]
    assert result.original_publisher == "Reuters"


def test_an_agency_in_the_byline_makes_a_copy_and_the_writer_its_author(
        registry: Registry) -> None:
    result = attributed(STORY, registry,
                        byline='<div class="byline">By Jane Doe, Associated Press</div>')
    assert evidence(result) == [("byline", "Associated Press")]
    assert (result.authors, result.byline) == (["Jane Doe"], "Jane Doe, Associated Press")


def test_a_credit_line_outranks_a_byline(registry: Registry) -> None:
    """The original publisher is the one the strongest evidence names."""
    result = attributed([*STORY, "Source: NPR"], registry,
                        byline='<div class="byline">By Jane Doe, Associated Press</div>')
    assert {kind for kind, _ in evidence(result)} == {"credit-line", "byline"}
    assert result.original_publisher == "NPR"


def test_an_original_is_published_by_the_site(registry: Registry) -> None:
    result = attributed(STORY, registry, byline='<div class="byline">By Jane Doe</div>')
    assert (result.is_syndicated, result.original_publisher, result.authors) == (
        False, SITE, ["Jane Doe"])
    assert result.paragraphs == STORY
