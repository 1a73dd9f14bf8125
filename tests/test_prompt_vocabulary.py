"""The reader-prompt vocabulary (`data/vocabulary/prompts.toml`), one test per language: lines of
site chrome that the cleaning stage must set aside (prompts, teaser labels, counters, rights
lines, breadcrumbs) and story sentences holding the same words, which it must keep.
"""

from __future__ import annotations

import pytest

from ingest.extract.clean import clean, is_chrome_line
from tests.vocabulary_checks import check_vocabulary

KINDS = {
    "prompts", "labels", "leads", "inbox", "box_titles", "buttons", "counted", "minutes",
    "reading", "reading_labels", "comment_links", "rights", "contributed", "home",
}
"""The kinds prompts.toml's header describes, which ingest/extract/clean.py reads."""

EXAMPLES: dict[str, tuple[list[str], list[str]]] = {
    # language: ([chrome lines], [story sentences with the same words])
    "en": (["Read more", "Share this story", "Share on Facebook", "Advertisement", "Comments",
            "Don't miss", "Related stories: Council votes on the budget",
            "READ NEXT: Storm heads for the coast, says weather service", "Watch:",
            "You may also like...", "More from Politics", "Also on NBC News: Flood warning",
            "Follow us on Twitter and Facebook for the latest news.",
            "Subscribe to the Morning Review newsletter",
            "Sign up for breaking news, reviews, opinion, top tech deals, and more.",
            "Sign Up: Stay on top of the latest breaking film and TV news!",
            "Get the day's top headlines delivered to your inbox every morning.",
            "By subscribing, you agree to our terms of use.", "Join our commenting forum",
            "Thanks for signing up!", "Enjoyed this article? Share it with a friend!",
            "Our Daily Newsletter", "Facebook | Twitter | Email", "12 comments",
            "1.2k views · 3 min read", "Reading time: 5 mins", "Leave a comment",
            "Example Media Group, all rights reserved.",
            "Jane Roe contributed to this report.", "Keith Bradsher contributed reporting.",
            "Home » Politics » Council"],
           ["Read more about the council's plan in the report released Tuesday, officials said.",
            "Share prices fell 3% on Monday after the company missed its forecast.",
            "More from the interview will air on Sunday, the network said in a statement.",
            "Related talks between the two leaders are expected to resume next week in Geneva.",
            "Watch parties were held across the city as the final began on Sunday evening.",
            "The mayor said 300 views had been submitted to the consultation by Friday.",
            "Residents who want to sign up for the program must apply by June 5, officials said.",
            "She wrote about the decision to close the plant in her weekly newsletter.",
            "All rights to the land were reserved for the tribe under the 1868 treaty.",
            "Home sales fell for a third month in May, the realtors' association said.",
            "Comments made by the minister on Tuesday drew sharp criticism."]),
    "de": (["Lesen Sie auch: Sturm trifft die Küste", "Lesen Sie auch", "Mehr zum Thema",
            "Auch interessant", "Weiterlesen:", "Anzeige", "Weitere Artikel zum Thema",
            "Empfohlene Beiträge", "0 Kommentare", "3 Minuten Lesezeit", "Lesezeit: 2 Min.",
            "Beispiel Verlag GmbH, alle Rechte vorbehalten.", "Startseite › Politik › Wahl"],
           ["Mehr zum Thema Rente will die Ministerin im Herbst vorlegen, sagte sie am Dienstag.",
            "Anzeige gegen den Bürgermeister wurde am Montag erstattet, teilte die Polizei mit.",
            "Auch interessant fanden die Forscher, dass die Werte im Winter stiegen.",
            "Start der Bauarbeiten ist im Mai, sagte der Sprecher der Stadt.",
            "Alle Rechte an dem Grundstück bleiben vorbehalten, bis das Gericht entscheidet."]),
    "fr": (["Lire aussi : La tempête frappe la côte", "À lire aussi", "Lire la suite",
            "12 commentaires", "5 min de lecture", "Temps de lecture : 4 minutes",
            "Le Journal, tous droits réservés", "Accueil > Politique > Élections"],
           ["Lire la suite de ce rapport prendra des semaines aux enquêteurs, a-t-il dit.",
            "Accueil des réfugiés : la mairie ouvre un gymnase pour l'hiver.",
            "Les commentaires du ministre ont suscité de vives critiques mardi."]),
    "es": (["Lea también: La tormenta golpea la costa", "Le puede interesar: Nuevo plan de obras",
            "Lea más", "Publicidad", "Noticias relacionadas", "Artículos relacionados",
            "12 comentarios", "Lectura: 4 minutos", "4 minutos de lectura",
            "Inicio / Política / Elecciones", "Todos los derechos reservados."],
           ["Lea el informe completo quien quiera entender la crisis, dijo el ministro.",
            "Publicidad engañosa fue la acusación de la fiscalía contra la empresa el martes.",
            "Inicio de clases se retrasa una semana en la capital, informó el ministerio."]),
    "pt": (["Leia mais: Tempestade atinge a costa", "Leia também", "Veja também:",
            "Tempo de leitura: 3 minutos", "3 min de leitura", "1.200 visitas"],
           ["Veja também o que disse o ministro na entrevista coletiva desta terça-feira.",
            "Leia o relatório quem quiser entender a crise, disse o ministro.",
            "As visitas ao museu caíram 12% em maio, segundo a prefeitura."]),
    "it": (["Leggi anche: La tempesta colpisce la costa", "Leggi anche", "Leggi:",
            "Tempo di lettura: 3 minuti", "3 min di lettura"],
           ["Leggi anche il rapporto della commissione, ha detto il ministro ai giornalisti.",
            "Leggi più severe sono state approvate dal parlamento martedì."]),
    "pl": (["Czytaj więcej", "Czytaj też: Burza uderza w wybrzeże", "Zobacz także:",
            "Dowiedz się więcej", "Zobacz więcej", "Przeczytaj"],
           ["Dowiedz się więcej o planie rady z raportu opublikowanego we wtorek, mówią urzędnicy.",
            "Zobacz więcej zdjęć mogli goście wystawy, którą otwarto w sobotę w Krakowie."]),
}


def test_the_vocabulary_loads_with_known_kinds() -> None:
    check_vocabulary("prompts", EXAMPLES, KINDS)


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_prompts_are_chrome(language: str) -> None:
    chrome, _ = EXAMPLES[language]
    for line in chrome:
        assert is_chrome_line(line), line


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_story_sentences_with_the_same_words_stay(language: str) -> None:
    _, story = EXAMPLES[language]
    for line in story:
        assert not is_chrome_line(line), line
    assert clean(story).paragraphs == story


def test_a_teaser_label_takes_a_title_of_up_to_200_characters() -> None:
    assert is_chrome_line("Read also:" + "x" * 200)
    assert not is_chrome_line("Read also:" + "x" * 201)
    assert not is_chrome_line("More from " + "x" * 41)
