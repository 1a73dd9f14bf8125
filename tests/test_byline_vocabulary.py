"""The byline vocabulary (`data/vocabulary/bylines.toml`), one test per language: bylines as
printed and the people they name, and author fields that name no one (a role, a desk, an
organisation, an interface label).

The registry is written into the test, so that the examples do not depend on the shipped
registry's contents.
"""

from __future__ import annotations

import pytest

from ingest.core.publishers import Registry, parse_registry
from ingest.core.vocabulary import load
from ingest.extract.bylines import is_person_name, parse_byline
from tests.registries import REGISTRY

EXAMPLES: dict[str, tuple[list[tuple[str, list[str]]], list[str]]] = {
    # language: ([(byline, people)], [author fields that name no person])
    "en": ([("By Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
            ("By Jane Doe for the Riverton Ledger", ["Jane Doe"]),
            ("Written by Tom Daily | Published May 3, 2024", ["Tom Daily"]),
            ("A guest column by Rana Das", ["Rana Das"]),
            ("Story by Les Moonves, Staff Writer", ["Les Moonves"]),
            ("Author: Ed Cara", ["Ed Cara"]),
            ("Jane Roe Fri, 3 May 2024", ["Jane Roe"])],
           ["Staff Writer", "Senior Correspondent", "All posts", "View profile",
            "Sponsored content", "Metro Desk", "The Conversation", "University of Leeds",
            "Editorial Team", "admin", "Anonymous"]),
    "de": ([("Von Anna Berg und Jonas Weil", ["Anna Berg", "Jonas Weil"]),
            ("Eine Kolumne von Nils Pickert", ["Nils Pickert"]),
            ("Blog Beitrag von Margarita Koreneva", ["Margarita Koreneva"]),
            ("Text & Fotos: Lea Wagner", ["Lea Wagner"]),
            ("Tomas Spahn Fr, 18. Oktober 2019", ["Tomas Spahn"]),
            ("Autorin: Birgit Posselt | Aktualisiert am 3. Mai", ["Birgit Posselt"])],
           ["Redaktion", "Chefredakteur", "Die Grünen", "Bundesverband Solarwirtschaft",
            "Autorenseite von", "Alle Beiträge", "Online-Redaktion", "Agenturen"]),
    "fr": ([("Par Claire Martin et Paul Durand", ["Claire Martin", "Paul Durand"]),
            ("Propos recueillis par Julie Petit", ["Julie Petit"]),
            ("Texte et photos : Marc Leroy", ["Marc Leroy"])],
           ["La rédaction", "Envoyé spécial", "Ministère de la Culture", "Tous les articles"]),
    "es": ([("Por Carlos Las Heras y Ana Gómez", ["Carlos Las Heras", "Ana Gómez"]),
            ("Escrito por Gustavo E. Méndez", ["Gustavo E. Méndez"]),
            ("Redacción EFE", [])],
           ["Redacción", "Periodista", "Ayuntamiento de Madrid", "Los Tiempos", "Ver perfil",
            "Cortesía"]),
    "pt": ([("Por João Silva e Maria Souza", ["João Silva", "Maria Souza"]),
            ("Texto e fotos: Pedro Alves", ["Pedro Alves"])],
           ["Redação", "Repórter", "Prefeitura de São Paulo", "Leia mais"]),
    "it": ([("Di Marco Rossi e Giulia Bianchi", ["Marco Rossi", "Giulia Bianchi"]),
            ("A cura di Luca Verdi", ["Luca Verdi"]),
            ("Redazione ANSA", [])],
           ["Redazione", "Giornalista", "Comune di Roma", "Tutti gli articoli"]),
    "nl": ([("Door Jan de Vries en Sanne Bakker", ["Jan de Vries", "Sanne Bakker"])],
           ["Redactie", "Verslaggever", "Gemeente Utrecht", "Alle artikelen"]),
    "sv": ([("Av Erik Lind och Anna Berg", ["Erik Lind", "Anna Berg"])],
           ["Redaktionen", "Reporter", "Alla artiklar"]),
    "da": ([("Af Mette Hansen og Lars Holm", ["Mette Hansen", "Lars Holm"])],
           ["Redaktionen", "Journalist", "Alle artikler"]),
    "no": ([("Av Ingrid Treborg og Marlene Lundberg Holm",
             ["Ingrid Treborg", "Marlene Lundberg Holm"])],
           ["Redaksjonen", "Journalist", "Flere artikler"]),
    "fi": ([("Kirjoittaja: Matti Virtanen ja Liisa Korhonen",
             ["Matti Virtanen", "Liisa Korhonen"])],
           ["Toimitus", "Toimittaja", "Kaikki artikkelit"]),
    "is": ([("Höfundur: Jón Jónsson og Anna Sigurðardóttir",
             ["Jón Jónsson", "Anna Sigurðardóttir"])],
           ["Ritstjórn", "Blaðamaður", "Allar greinar"]),
    "pl": ([("Autor: Jan Kowalski i Anna Nowak", ["Jan Kowalski", "Anna Nowak"])],
           ["Redakcja", "Dziennikarz", "Urząd Miasta", "Wszystkie artykuły"]),
    "cs": ([("Autor: Petr Novák a Jana Svobodová", ["Petr Novák", "Jana Svobodová"])],
           ["Redakce", "Redaktor", "Všechny články"]),
    "ru": ([("Текст Венера Ерофеева", ["Венера Ерофеева"]),
            ("Автор: Иван Петров и Анна Смирнова", ["Иван Петров", "Анна Смирнова"])],
           ["Редакция", "Корреспондент", "Все статьи"]),
    "uk": ([("Автор: Олена Коваль та Іван Шевченко", ["Олена Коваль", "Іван Шевченко"])],
           ["Редакція", "Журналіст", "Усі статті"]),
    "tr": ([("Yazan: Ayşe Yılmaz ve Mehmet Demir", ["Ayşe Yılmaz", "Mehmet Demir"])],
           ["Haber Merkezi", "Muhabir", "Tüm haberleri"]),
    "id": ([("Oleh Budi Santoso dan Siti Rahma", ["Budi Santoso", "Siti Rahma"]),
            ("Dan Evon", ["Dan Evon"])],
           ["Redaksi", "Wartawan", "Baca juga"]),
    "ar": ([("بقلم: محمد علي", ["محمد علي"])],
           ["هيئة التحرير", "مراسل", "اقرأ المزيد"]),
    "hi": ([("लेखक: राहुल शर्मा", ["राहुल शर्मा"])],
           ["डिजिटल डेस्क", "संवाददाता", "और पढ़ें"]),
    "zh": ([("作者：张三", ["张三"]), ("记者 李四", ["李四"])],
           ["编辑部", "责任编辑", "阅读全文"]),
    "ja": ([("文：山田太郎", ["山田太郎"])],
           ["編集部", "記者", "続きを読む"]),
    "ko": ([("글: 홍길동", ["홍길동"])],
           ["편집부", "온라인뉴스팀", "기자의 다른기사"]),
    "vi": ([("Tác giả: Nguyễn Văn An", ["Nguyễn Văn An"])],
           ["Ban biên tập", "Phóng viên", "Xem thêm"]),
}


@pytest.fixture(scope="module")
def registry() -> Registry:
    return parse_registry(REGISTRY, "test registry")


def test_every_language_of_the_vocabulary_has_examples() -> None:
    assert set(load("bylines")) == set(EXAMPLES)


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_bylines_name_their_people(language: str, registry: Registry) -> None:
    bylines, _ = EXAMPLES[language]
    for byline, people in bylines:
        assert parse_byline(byline, registry).people == people, byline


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_roles_desks_organisations_and_labels_are_no_one(language: str,
                                                          registry: Registry) -> None:
    _, nobody = EXAMPLES[language]
    for field in nobody:
        assert not is_person_name(field, alone=True), field
        assert parse_byline(field, registry).people == [], field


@pytest.mark.parametrize(("byline", "agency"), [("Reuters staff", "Reuters"),
                                                ("Redazione ANSA", "ANSA"),
                                                ("Redacción EFE", "EFE")])
def test_an_agency_desk_credits_the_agency(byline: str, agency: str,
                                           registry: Registry) -> None:
    parsed = parse_byline(byline, registry)
    assert (parsed.people, [a.name for a in parsed.agencies]) == ([], [agency])
