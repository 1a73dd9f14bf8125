"""The cleaning stage (`ingest.extract.clean.clean`) on its own: chrome lines left inside the
article container are set aside (and returned, for the attribution stage), while story
sentences that only look like chrome stay. Lines written for these tests."""

from __future__ import annotations

import pytest

from ingest.core.fingerprint import line_hash
from ingest.extract.clean import clean

STORY = [
    "The council voted on Tuesday to approve the new bridge over the Red River after a long "
    "debate in the town hall.",
    "Mayor Lan Nguyen said work would start in the spring and take about two years, with the "
    "old ferry running until the bridge opens.",
    "Residents who spoke at the meeting mostly welcomed the plan.",
]


@pytest.mark.parametrize("line", [
    "Read more: Council approves the budget",
    "Sign up for our newsletter",
    "Sign up for our daily newsletter to get the news in your inbox",
    "Share this article",
    "Related: Council approves the budget",
    "Follow us on Twitter",
    "Advertisement",
    "Facebook Twitter WhatsApp Email",
    "Home » News » Local",
    "Lesen Sie auch: Der Stadtrat beschließt den Haushalt",
    "Mehr zum Thema",
    "Anzeige",
    "Lire aussi : Le conseil adopte le budget",
    "Abonnez-vous à notre newsletter",
    "Lea también: El pleno aprueba el presupuesto",
    "Suscríbete a nuestro newsletter",
    "Publicidad",
    "Newsletter abonnieren",
])
def test_prompts_are_dropped(line: str) -> None:
    cleaned = clean([STORY[0], line, *STORY[1:]])
    assert (cleaned.paragraphs, cleaned.dropped) == (STORY, [line])


@pytest.mark.parametrize("line", [
    "0 comments 69 views",
    "1.2k views",
    "3 min read",
    "Leave a comment",
    "0 Kommentare",
    "Lesezeit: 3 Min.",
    "5 Minuten Lesezeit",
    "12 commentaires",
    "4 minutos de lectura",
])
def test_counters_and_reading_times_are_dropped(line: str) -> None:
    cleaned = clean([line, *STORY])
    assert (cleaned.paragraphs, cleaned.dropped) == (STORY, [line])


@pytest.mark.parametrize("line", [
    "Residents gathered on the bank at dawn. Watch: the moment the bridge collapsed was "
    "filmed by a passer-by and shared thousands of times.",
    "March 3, 2024 was the day the council voted to approve the plan, after ten years of "
    "argument.",
    "Sunday, March 3, 2024 was the day it all began for the ferry's crew.",
    "Share prices fell by 3% on Tuesday after the announcement.",
    "Comments from residents were mostly positive, the mayor said.",
    "The newsletter, which goes out weekly, was started in 2019 by two former reporters.",
    "Watch the video below to see how the bridge collapsed.",
    "Sign up to vote by Friday, officials urged residents on Tuesday.",
    ("Watch: the moment the bridge collapsed. The video, filmed by a resident from the "
     "riverbank, was shared thousands of times within the hour."),
    "Related: the council voted 7-2 to approve the plan.",
])
def test_story_text_that_looks_like_a_prompt_stays(line: str) -> None:
    """A prompt's word or a date inside a sentence of the story, or opening one that goes on,
    is story text."""
    paragraphs = [STORY[0], line, *STORY[1:]]
    assert clean(paragraphs).paragraphs == paragraphs


@pytest.mark.parametrize("line", ["March 3, 2024", "Monday, March 3, 2024", "3. März 2024",
                                  "Stand: 22.04.2024, 06:00 Uhr"])
def test_a_line_that_only_dates_the_page_is_dropped(line: str) -> None:
    assert clean([line, *STORY]).paragraphs == STORY


def test_the_headline_repeated_in_the_text_is_dropped_whatever_its_case_and_marks() -> None:
    cleaned = clean(["Mayor resigns over bridge", *STORY],
                    headlines=["Mayor Resigns Over Bridge!", "Mayor resigns - Hanoi Observer"])
    assert (cleaned.paragraphs, cleaned.dropped) == (STORY, ["Mayor resigns over bridge"])


def test_a_repeated_paragraph_is_kept_once() -> None:
    cleaned = clean([*STORY, STORY[0]])
    assert (cleaned.paragraphs, cleaned.dropped) == (STORY, [STORY[0]])


def test_link_lines_and_the_sites_own_boilerplate_are_dropped() -> None:
    """`link_lines` come from the extraction stage, `site_chrome` from the store: lines whose
    wording no rule knows."""
    plug = "Our newsroom is independent and reader-funded."
    cleaned = clean([*STORY, "Ferry fares to rise in July", plug],
                    site_chrome={line_hash(plug)}, link_lines={"Ferry fares to rise in July"})
    assert (cleaned.paragraphs, cleaned.dropped) == (STORY, ["Ferry fares to rise in July", plug])


def test_a_photo_credit_in_the_text_becomes_an_image_credit() -> None:
    cleaned = clean([STORY[0], "Photo: Jane Doe / Reuters", *STORY[1:]])
    assert cleaned.paragraphs == STORY
    assert cleaned.image_credits == ["Jane Doe / Reuters"]
    assert cleaned.photo_lines == {"Photo: Jane Doe / Reuters"}


def test_a_copyright_line_is_a_photos_above_the_story_and_the_storys_at_its_end() -> None:
    """Both leave the text; only the closing one is kept for attribution (not a photo line)."""
    above = clean(["© Reuters", *STORY])
    assert (above.paragraphs, above.image_credits, above.photo_lines) == (
        STORY, ["Reuters"], {"© Reuters"})
    closing = clean([*STORY, "© 2024 The Associated Press. All rights reserved."])
    assert (closing.paragraphs, closing.image_credits, closing.photo_lines) == (STORY, [], set())
    assert closing.dropped == ["© 2024 The Associated Press. All rights reserved."]


@pytest.mark.parametrize("line", ["Reuters contributed to this report.", "(dpa/lno)", "aja/PAP"])
def test_contribution_lines_and_agency_signatures_leave_the_text(line: str) -> None:
    cleaned = clean([*STORY, line])
    assert (cleaned.paragraphs, cleaned.dropped) == (STORY, [line])
