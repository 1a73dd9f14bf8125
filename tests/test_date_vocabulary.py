"""The date vocabulary (`data/vocabulary/dates.toml`), one test per language: the labels of
published and updated dates, the words around a date's time, the days' names and the word for
today in class names; and story sentences holding the same words, which are no date line.
"""

from __future__ import annotations

import pytest

from ingest.core.vocabulary import load, written_date
from ingest.extract.clean import is_chrome_line, is_timestamp_line
from ingest.extract.dates import ENGLISH_MONTHS, PUBLISHED_LABEL, text_dates
from ingest.extract.page_date import DATE_WIDGETS
from ingest.extract.regions import CHROME_HINTS
from tests.vocabulary_checks import check_vocabulary

KINDS = {
    "published", "updated", "as_of", "on", "at", "clock", "of", "ordinals", "weekdays", "today",
    "months",
}
"""The kinds dates.toml's header describes."""

EXAMPLES: dict[str, dict[str, list[str]]] = {
    # timestamps: lines that only date the page (chrome); published: short texts whose date is
    # the publication's; updated: whose date is the last change's; times: dates written with
    # their time, read whole; today: class names of a today-widget; story: sentences with the
    # same words, which are story text.
    "en": {"timestamps": ["Published 18 November 2019", "Last updated: 13 July 2020",
                          "Updated on June 5, 2024 at 2:30 pm", "Posted June 5th, 2024",
                          "First Published on Nov 20, 2019 01:38 pm", "Monday, June 5, 2024"],
           "published": ["Published on June 5, 2024 by Jane Roe"],
           "updated": ["Jane Roe | Updated June 5, 2024", "Modified: 2024-06-05"],
           "times": ["June 5, 2024 at 2:30 pm", "June 5th, 2024"],
           "today": ["header-today"],
           "story": ["Published in 1998, the book sold two million copies by June 5, 2024.",
                     "Updated figures released on June 5, 2024 showed prices rose 3%.",
                     "Monday, June 5, 2024 was the hottest day on record, officials said."]},
    "de": {"timestamps": ["Veröffentlicht am 13. Mai 2026 um 15:44", "Stand: 22.04.2024, 06:00 Uhr",
                          "Erschienen am 30.04.2024", "Letzte Änderung 14.02.2019",
                          "Erstellt am: 01.11.2023", "Freitag, 18. Oktober 2019"],
           "published": ["Veröffentlicht am 13. Mai 2026"],
           "updated": ["Zuletzt aktualisiert am 5. Juni 2024", "Letzte Aktualisierung: 28.01.2022"],
           "times": ["13. Mai 2026 um 15:44 Uhr"],
           "today": ["datum-heute"],
           "story": ["Veröffentlicht wurde der Bericht am 13. Mai 2026, sagte die Sprecherin.",
                     "Stand der Ermittlungen am 22.04.2024 war, dass niemand verletzt wurde."]},
    "fr": {"timestamps": ["Publié le 5 juin 2024 à 14h30", "Mis à jour le 5 juin 2024"],
           "published": ["Publié le 5 juin 2024"],
           "updated": ["Article mis à jour le 7 janvier 2020"],
           "times": ["5 juin 2024 à 14h30"],
           "today": ["date-aujourd-hui", "aujourdhui"],
           "story": ["Publié le 5 juin 2024, le rapport a suscité de vives critiques au Sénat."]},
    "es": {"timestamps": ["Publicado el 5 de junio de 2024", "Actualizado: 27/04/2022 00:00",
                          "Viernes, 05/06/2024"],
           "published": ["Publicado el 5 de junio de 2024"],
           "updated": ["Actualizado el 5 de junio de 2024 a las 14:30"],
           "times": ["5 de junio de 2024 a las 14:30"],
           "today": ["fecha-hoy"],
           "story": ["Publicado el 5 de junio de 2024, el informe fue criticado en el Senado."]},
    "pt": {"timestamps": ["Publicado em 5 de junho de 2024", "Atualizado em 05/06/2024 14:30"],
           "published": ["Publicado em 5 de junho de 2024"],
           "updated": ["Atualizada em 5 de junho de 2024"],
           "times": ["5 de junho de 2024 às 14h30"],
           "today": ["data-hoje"],
           "story": ["Atualizado em 5 de junho de 2024, o cadastro mostra 300 famílias."]},
    "it": {"timestamps": ["Pubblicato il 5 giugno 2024", "Aggiornato il 05/06/2024"],
           "published": ["Pubblicato il 5 giugno 2024"],
           "updated": ["Aggiornato il 5 giugno 2024"],
           "times": [],
           "today": ["data-oggi"],
           "story": ["Pubblicato il 5 giugno 2024, il rapporto ha diviso la maggioranza."]},
    "nl": {"timestamps": ["Gepubliceerd op 5 juni 2024"],
           "published": ["Gepubliceerd op 5 juni 2024"],
           "updated": [], "times": [], "today": [],
           "story": ["Gepubliceerd op 5 juni 2024 werd het rapport door iedereen gelezen."]},
    "pl": {"timestamps": ["Opublikowano: 5 czerwca 2024"],
           "published": ["Opublikowano: 5 czerwca 2024"],
           "updated": [], "times": [], "today": [],
           "story": ["Opublikowano 5 czerwca 2024 raport, który wywołał burzę w Sejmie."]},
    "sv": {"timestamps": [], "published": [], "updated": [], "today": [],
           "times": ["5 juni 2024 kl. 14.30", "5 juni 2024 kl 14.30"], "story": []},
    "da": {"timestamps": [], "published": [], "updated": [], "today": [],
           "times": ["5. juni 2024 kl. 14.30"], "story": []},
    "no": {"timestamps": [], "published": [], "updated": [], "today": [],
           "times": ["5. juni 2024 kl. 14.30"], "story": []},
}


def test_the_vocabulary_loads_with_known_kinds() -> None:
    vocabulary = check_vocabulary("dates", EXAMPLES, KINDS)
    assert set(vocabulary["en"]["months"]) and len(vocabulary["en"]["months"]) == 12
    assert (ENGLISH_MONTHS["sept"], ENGLISH_MONTHS["may"], ENGLISH_MONTHS["dec"]) == (9, 5, 12)


def test_every_language_has_examples_of_each_of_its_kinds() -> None:
    checks = {"published": "published", "updated": "updated", "at": "times", "today": "today",
              "weekdays": "timestamps", "as_of": "timestamps"}
    for language, kinds in load("dates").items():
        for kind, examples in checks.items():
            if kind in kinds:
                assert EXAMPLES[language][examples], (language, kind)


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_date_lines_are_chrome(language: str) -> None:
    for line in EXAMPLES[language]["timestamps"]:
        assert is_chrome_line(line), line


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_story_sentences_with_the_same_words_are_no_date_line(language: str) -> None:
    for line in EXAMPLES[language]["story"]:
        assert not is_timestamp_line(line), line
        assert not is_chrome_line(line), line


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_labels_say_which_date_it_is(language: str) -> None:
    for text in EXAMPLES[language]["published"]:
        assert PUBLISHED_LABEL.match(text), text
        assert [update for _, update in text_dates(text)] == [False], text
    for text in EXAMPLES[language]["updated"]:
        assert not PUBLISHED_LABEL.match(text), text
        assert [update for _, update in text_dates(text)] == [True], text


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_a_date_is_read_with_its_time(language: str) -> None:
    for written in EXAMPLES[language]["times"]:
        assert written_date().fullmatch(written), written
        assert [date for date, _ in text_dates(f"Posted {written} | Jane Roe")] == [written]


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_a_today_widget_is_no_story_date(language: str) -> None:
    for name in EXAMPLES[language]["today"]:
        assert DATE_WIDGETS.search(name) and CHROME_HINTS.search(name), name
        assert not DATE_WIDGETS.search(f"{name}x"), name
