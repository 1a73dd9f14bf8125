"""The headline stage (`ingest.extract.titles`) on its own: what an <h1> shows, a site's name
cut from a declared title, and which of the page's statements of its headline wins. The
headlines and site names are written for these tests."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from ingest.extract.titles import (
    choose_title,
    headline_forms,
    headline_texts,
    site_from_title,
    strip_site_name,
)

OBSERVER = ["Hanoi Observer", "www.hanoiobserver.example"]
"""The site names `extract` hands on: the site's name, then its host."""


def h1(markup: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(markup)


@pytest.mark.parametrize(("markup", "texts"), [
    ('<h1><span class="kicker">Exclusive:</span> Mayor resigns over bridge</h1>',
     ["Exclusive: Mayor resigns over bridge", "Mayor resigns over bridge"]),
    ('<h1><span class="rubric">Wahl</span>Die SPD verliert in Bremen</h1>',
     ["Wahl Die SPD verliert in Bremen", "Die SPD verliert in Bremen"]),
    ('<h1><a href="/p/1"><small>Politique</small> Le maire démissionne</a></h1>',
     ["Politique Le maire démissionne", "Le maire démissionne"]),
])
def test_a_kicker_in_its_own_element_is_kept_apart_and_offered_without(
        markup: str, texts: list[str]) -> None:
    """The kicker's element ends a word even with no space after it ("Wahl" + "Die"), and the
    headline without the kicker is offered for the declared titles to confirm."""
    assert headline_texts(h1(markup)) == texts


@pytest.mark.parametrize("markup", [
    "<h1><em>Hamlet</em> returns to the Globe</h1>",
    '<h1><a href="/hamlet">Hamlet</a> returns to the Globe</h1>',
    "<h1><i>Hamlet</i> returns to the Globe</h1>",
])
def test_a_works_name_or_a_link_opening_the_headline_is_no_kicker(markup: str) -> None:
    assert headline_texts(h1(markup)) == ["Hamlet returns to the Globe"]


def test_words_for_screen_readers_only_are_left_out() -> None:
    markup = ('<h1><span class="sr-only">Headline:</span> Mayor resigns over bridge'
              '<span class="visually-hidden"> (updated)</span></h1>')
    assert headline_texts(h1(markup)) == ["Mayor resigns over bridge"]


def test_a_hidden_separator_stays() -> None:
    """A screen reader's separator holds no word: removing it would run two words together."""
    markup = '<h1>Mayor resigns<span class="screen-reader-text"> | </span>Hanoi reacts</h1>'
    assert headline_texts(h1(markup)) == ["Mayor resigns | Hanoi reacts"]


@pytest.mark.parametrize(("title", "names", "stripped"), [
    ("Mayor resigns over bridge - Hanoi Observer", OBSERVER, "Mayor resigns over bridge"),
    ("Riverton Ledger | Council approves the budget", ["Riverton Ledger"],
     "Council approves the budget"),
    ("Bürgermeister tritt zurück – Rheinpost", ["Rheinpost"], "Bürgermeister tritt zurück"),
    ("Le maire démissionne · Le Courrier du Lac", ["Le Courrier du Lac"],
     "Le maire démissionne"),
    ("Thị trưởng từ chức - Báo Hà Nội", ["Báo Hà Nội"], "Thị trưởng từ chức"),
    ("Mayor resigns over bridge | Hanoi Observer Online", OBSERVER,
     "Mayor resigns over bridge"),
])
def test_a_site_name_is_cut_from_either_end(title: str, names: list[str], stripped: str) -> None:
    assert strip_site_name(title, names) == stripped


def test_a_site_known_only_by_its_host_is_cut_by_the_hosts_words() -> None:
    """No og:site_name: the host's words ("riverton-ledger") spell the name in the <title>."""
    assert strip_site_name("Council approves the budget - Riverton Ledger",
                           ["", "www.riverton-ledger.co.uk"]) == "Council approves the budget"


@pytest.mark.parametrize("title", [
    "Cross-border trade - what changes in 2025 - Hanoi Observer",
    "Cross-border trade - what changes in 2025 | Hanoi Observer",
])
def test_a_dash_inside_the_headline_stays(title: str) -> None:
    """Only the part naming the site goes; the headline's own dash and words stay."""
    assert strip_site_name(title, OBSERVER) == "Cross-border trade - what changes in 2025"


@pytest.mark.parametrize("title", [
    "Mayor resigns over bridge",
    "Hanoi: city plans a new metro line",
    "Vietnam - Cambodia border talks resume",
])
def test_a_title_naming_no_site_is_left_as_it_is(title: str) -> None:
    assert strip_site_name(title, OBSERVER) == title


def test_a_short_site_name_does_not_cut_a_headline_that_merely_contains_its_letters() -> None:
    """"NOS" (the Dutch broadcaster) is in "NOStalgia" only as letters: the headline stays and
    the section before the site's name is no headline."""
    title = "Nostalgia returns to the cinema - Kultur | NOS"
    assert strip_site_name(title, ["NOS", "nos.nl"]) == "Nostalgia returns to the cinema - Kultur"


@pytest.mark.parametrize(("social", "h1s", "title_tag", "names", "chosen"), [
    ("Mayor resigns over bridge - Hanoi Observer", ["Mayor resigns over bridge"],
     "Mayor resigns over bridge | Hanoi Observer", OBSERVER, "Mayor resigns over bridge"),
    ("Stadtrat beschließt neuen Haushalt | Rheinpost", ["Stadtrat beschließt neuen Haushalt"],
     None, ["Rheinpost"], "Stadtrat beschließt neuen Haushalt"),
    ("Le conseil adopte le budget - Le Courrier du Lac", ["Le conseil adopte le budget"], None,
     ["Le Courrier du Lac"], "Le conseil adopte le budget"),
    ("El pleno aprueba el presupuesto", ["El pleno aprueba el presupuesto"],
     "El pleno aprueba el presupuesto - Diario del Valle", ["Diario del Valle"],
     "El pleno aprueba el presupuesto"),
])
def test_an_h1_the_declared_title_confirms_wins(social: str, h1s: list[str],
                                                 title_tag: str | None, names: list[str],
                                                 chosen: str) -> None:
    assert choose_title(None, social, h1s, title_tag, names) == chosen


def test_the_kicker_goes_when_the_declared_title_has_the_headline_alone() -> None:
    h1s = ["Exclusive: Mayor resigns over bridge", "Mayor resigns over bridge"]
    assert choose_title(None, "Mayor resigns over bridge - Hanoi Observer", h1s, None,
                        OBSERVER) == "Mayor resigns over bridge"


def test_a_kicker_set_off_by_styling_alone_takes_the_declared_titles_mark() -> None:
    """<span>Exclusive</span>Mayor resigns...: the page shows them apart, and og:title writes
    the mark between them."""
    h1s = ["Exclusive Mayor resigns over bridge", "Mayor resigns over bridge"]
    assert choose_title(None, "Exclusive: Mayor resigns over bridge - Hanoi Observer", h1s,
                        None, OBSERVER) == "Exclusive: Mayor resigns over bridge"


def test_an_h1_about_the_same_story_beats_a_search_title_but_not_a_json_ld_headline() -> None:
    """og:title and <title> are rewritten for search and sharing; the JSON-LD headline is the
    story's own declaration."""
    h1s = ["The kettles we tested this winter"]
    search = "Best kettles 2024 >> Compare prices now"
    assert choose_title(None, search, h1s, None, OBSERVER) == h1s[0]
    assert choose_title("Ten kettles, tested", search, h1s, None, OBSERVER) == \
        "Ten kettles, tested"


def test_without_an_h1_the_declared_title_wins_without_its_site_name() -> None:
    assert choose_title(None, None, [], "Mayor resigns over bridge - Hanoi Observer",
                        OBSERVER) == "Mayor resigns over bridge"
    assert choose_title(None, None, [], None, OBSERVER) is None
    assert choose_title(None, None, ["Mayor resigns over bridge"], None, OBSERVER) == \
        "Mayor resigns over bridge"


def test_a_declared_title_is_tidied() -> None:
    """Entities a CMS escaped twice are decoded; runs of white space are one space."""
    assert choose_title(None, "Le maire  démissionne\n&amp; part", [], None, OBSERVER) == \
        "Le maire démissionne & part"


def test_an_h1_that_is_the_sites_name_is_no_headline() -> None:
    """A theme that sets the site's name as a plain <h1> (no link home) and the story's
    headline as an <h2>: the site's name, given in `site_names`, is no headline."""
    assert choose_title(None, "Water board approves pumps", ["Hanoi Observer"],
                        "Water board approves pumps | Hanoi Observer", OBSERVER) == \
        "Water board approves pumps"


def test_headline_forms_hold_every_statement_with_and_without_the_site() -> None:
    forms = headline_forms(None, "Mayor resigns - Hanoi Observer", ["Mayor resigns"],
                           "Mayor resigns | Hanoi Observer", OBSERVER)
    assert set(forms) == {"Mayor resigns", "Mayor resigns - Hanoi Observer",
                          "Mayor resigns | Hanoi Observer"}


@pytest.mark.parametrize(("title_tag", "shown", "site"), [
    ("Mayor resigns over bridge - Hanoi Observer", "Mayor resigns over bridge",
     "Hanoi Observer"),
    ("Riverton Ledger | Council approves the budget", "Council approves the budget",
     "Riverton Ledger"),
    ("Cross-border trade - what changes in 2025", "Cross-border trade - what changes in 2025",
     None),
    (None, "Mayor resigns over bridge", None),
])
def test_site_from_title_is_what_the_title_adds_to_the_headline(
        title_tag: str | None, shown: str, site: str | None) -> None:
    """The second half of a headline with a dash is no site's name."""
    assert site_from_title(title_tag, shown, []) == site
