"""The byline stage (`ingest.extract.bylines`) on its own: people, roles and agencies in a
printed byline, what reads as a person's name, and the byline element of a small page.
The per-language vocabulary has its own test (tests/test_byline_vocabulary.py); these check
how the parser puts the pieces together, against the shipped registry."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from ingest.core.publishers import Registry, load_registry, name_key
from ingest.extract.bylines import Byline, find_byline, is_person_name, parse_byline
from ingest.extract.regions import StoryRegion

STORY = "<p>The council voted on Tuesday to approve the new bridge after a long debate.</p>"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def parsed(text: str, registry: Registry) -> tuple[list[str], list[str]]:
    byline = parse_byline(text, registry)
    return byline.people, [agency.name for agency in byline.agencies]


@pytest.mark.parametrize(("text", "people"), [
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("Von Anna Berg und Jonas Weil", ["Anna Berg", "Jonas Weil"]),
    ("Par Claire Martin et Paul Durand", ["Claire Martin", "Paul Durand"]),
    ("Por Ana Gómez y Luis Ortega", ["Ana Gómez", "Luis Ortega"]),
    ("By Jane Doe, John Roe and Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
    ("By Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
])
def test_by_words_go_and_joiners_split_the_names(text: str, people: list[str],
                                                 registry: Registry) -> None:
    assert parsed(text, registry) == (people, [])


@pytest.mark.parametrize(("text", "person"), [
    ("By Tom Hale, Staff Writer", "Tom Hale"),
    ("By Maria Lopez, Senior Correspondent", "Maria Lopez"),
    ("Von Anna Berg, Chefredakteurin", "Anna Berg"),
])
def test_a_role_after_the_name_is_dropped(text: str, person: str, registry: Registry) -> None:
    assert parsed(text, registry) == ([person], [])


def test_the_printed_byline_loses_its_by_word_and_ends_at_the_date(registry: Registry) -> None:
    byline = parse_byline("By Jane Doe | Published June 5, 2024", registry)
    assert (byline.text, byline.people) == ("Jane Doe", ["Jane Doe"])


@pytest.mark.parametrize(("text", "people", "agencies"), [
    ("By Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"], ["Reuters"]),
    ("By Jane Doe, Associated Press", ["Jane Doe"], ["Associated Press"]),
    ("Jane Doe (AFP)", ["Jane Doe"], ["AFP"]),
    ("Von Anna Berg, dpa", ["Anna Berg"], ["dpa"]),
    ("Associated Press", [], ["Associated Press"]),
])
def test_an_agency_is_an_outlet_not_a_person(text: str, people: list[str],
                                             agencies: list[str], registry: Registry) -> None:
    assert parsed(text, registry) == (people, agencies)


def test_the_sites_own_name_is_noted_but_named_as_no_one(registry: Registry) -> None:
    byline = parse_byline("By Jane Doe and John Roe, Hanoi Observer", registry,
                          own={name_key("Hanoi Observer")})
    assert (byline.people, byline.agencies, byline.own) == (["Jane Doe", "John Roe"], [], True)


@pytest.mark.parametrize("text", ["Image: Jane Doe", "Source: Reuters", "By admin",
                                  "Sponsored Content", "By Hanoi Observer Staff"])
def test_other_labels_accounts_and_desks_name_no_one(text: str, registry: Registry) -> None:
    assert parse_byline(text, registry).people == []


def test_a_byline_in_capitals_is_split_at_its_joiner(registry: Registry) -> None:
    assert parse_byline("BY JANE DOE AND JOHN ROE", registry).people == ["JANE DOE",
                                                                        "JOHN ROE"]


def test_a_writer_for_an_outlet_is_still_the_writer(registry: Registry) -> None:
    assert parse_byline("By Jane Doe for Hanoi Observer", registry).people == ["Jane Doe"]


@pytest.mark.parametrize("name", ["Jan van der Berg", "María de la Cruz", "Ursula von der Leyen",
                                  "Charles de Gaulle", "Leonardo da Vinci", "Kofi Annan"])
def test_names_with_particles_are_names(name: str) -> None:
    assert is_person_name(name)


@pytest.mark.parametrize("text", ["Sponsored Content", "All Posts", "Staff Writer",
                                  "Senior Correspondent", "jane doe", "Jane van",
                                  "Jane Doe 2024", "jane@riverton.example"])
def test_labels_roles_and_malformed_names_are_no_names(text: str) -> None:
    """Lower case, a particle ending the name, digits or an address: no one's name."""
    assert not is_person_name(text)
    assert not is_person_name(text, alone=True)


@pytest.mark.parametrize(("word", "alone"), [("NASA", False), ("BBC", False), ("Jane", True)])
def test_one_word_is_a_name_only_as_a_whole_field_and_never_an_acronym(word: str,
                                                                       alone: bool) -> None:
    """A piece of a split byline needs two words; a whole author field may be a first name,
    but a word in capitals is an acronym."""
    assert is_person_name(word) is False
    assert is_person_name(word, alone=True) is alone


def byline_of(body: str, registry: Registry, own: frozenset[str] = frozenset()) -> Byline:
    tree = lxml_html.document_fromstring(f"<html><body>{body}</body></html>")
    return find_byline(StoryRegion.of(tree.find(".//article")), registry, own)


def test_find_byline_reads_the_byline_element(registry: Registry) -> None:
    byline = byline_of(f'<article><h1>Council votes</h1><div class="byline">By Jane Doe</div>'
                       f"{STORY}</article>", registry)
    assert (byline.text, byline.people, byline.account_link) == ("Jane Doe", ["Jane Doe"], False)


def test_find_byline_skips_a_photographers_credit_and_chrome(registry: Registry) -> None:
    """An image's author and a related story's byline in an <aside> are not the story's."""
    byline = byline_of(
        '<article><h1>Council votes</h1><div class="image-author">Max Payne</div>'
        '<aside class="related"><div class="author">By Lee Chan</div></aside>'
        f'{STORY}<p class="byline">Von Anna Berg und Jonas Weil</p></article>', registry)
    assert byline.people == ["Anna Berg", "Jonas Weil"]


def test_find_byline_takes_each_linked_author_and_notes_the_archive_link(
        registry: Registry) -> None:
    """Two author links printed with no separator ("Jane DoeJohn Roe") are two people."""
    byline = byline_of(
        '<article><h1>Council votes</h1><div class="byline">By '
        '<a rel="author" href="/author/jane-doe">Jane Doe</a>'
        '<a rel="author" href="/author/john-roe">John Roe</a></div>'
        f"{STORY}</article>", registry)
    assert (byline.people, byline.text, byline.account_link) == (
        ["Jane Doe", "John Roe"], "Jane Doe, John Roe", True)


def test_find_byline_passes_an_agency_back_and_finds_nothing_without_a_byline(
        registry: Registry) -> None:
    agency = byline_of(f'<article><h1>Council votes</h1><span itemprop="author">'
                       f"Associated Press</span>{STORY}</article>", registry)
    assert (agency.people, [a.name for a in agency.agencies]) == ([], ["Associated Press"])
    nothing = byline_of(f'<article><h1>Council votes</h1><div class="step-by-step">Jane Doe'
                        f"</div>{STORY}</article>", registry)
    assert (nothing.text, nothing.people) == (None, [])
