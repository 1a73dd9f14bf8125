"""The credit vocabulary (`data/vocabulary/credits.toml`), one test per language: lines that
must read as credits (with the outlet they name) and lines that must not.

The registry here is written into the test, so that the examples do not depend on the shipped
registry's contents: each language's outlets in their own script.
"""

from __future__ import annotations

import pytest

from ingest.credits import read_credit, strip_tails
from ingest.publishers import Registry, parse_registry
from ingest.vocabulary import compile_phrase, load

REGISTRY = """
[[publisher]]
name = "NPR"
aliases = ["National Public Radio"]
domains = ["npr.org"]
[[publisher]]
name = "Associated Press"
aliases = ["AP", "The Associated Press"]
domains = ["apnews.com"]
kind = "agency"
[[publisher]]
name = "Reuters"
aliases = ["路透社", "ロイター", "로이터", "Рейтер", "رويترز", "रॉयटर्स"]
domains = ["reuters.com"]
kind = "agency"
[[publisher]]
name = "AFP"
aliases = ["Agence France-Presse", "法新社", "AFP通信", "Франс Пресс", "فرانس برس"]
domains = ["afp.com"]
kind = "agency"
[[publisher]]
name = "The Conversation"
domains = ["theconversation.com"]
kind = "nonprofit"
[[publisher]]
name = "dpa"
aliases = ["Deutsche Presse-Agentur"]
domains = ["dpa.com"]
kind = "agency"
[[publisher]]
name = "EFE"
aliases = ["Agencia EFE"]
domains = ["efe.com"]
kind = "agency"
[[publisher]]
name = "Agência Brasil"
domains = ["agenciabrasil.ebc.com.br"]
kind = "agency"
[[publisher]]
name = "ANSA"
domains = ["ansa.it"]
kind = "agency"
[[publisher]]
name = "ANP"
domains = ["anp.nl"]
kind = "agency"
[[publisher]]
name = "TASS"
aliases = ["ТАСС"]
domains = ["tass.ru"]
kind = "agency"
[[publisher]]
name = "Ukrinform"
aliases = ["Укрінформ"]
domains = ["ukrinform.ua"]
kind = "agency"
[[publisher]]
name = "PAP"
aliases = ["Polska Agencja Prasowa"]
domains = ["pap.pl"]
kind = "agency"
[[publisher]]
name = "Anadolu Agency"
aliases = ["Anadolu Ajansı", "AA", "الأناضول"]
domains = ["aa.com.tr"]
kind = "agency"
[[publisher]]
name = "Xinhua"
aliases = ["新华社", "新華社"]
domains = ["news.cn"]
kind = "agency"
[[publisher]]
name = "Kyodo News"
aliases = ["共同通信", "共同通信社"]
domains = ["kyodonews.jp"]
kind = "agency"
[[publisher]]
name = "Yonhap"
aliases = ["연합뉴스"]
domains = ["yna.co.kr"]
kind = "agency"
[[publisher]]
name = "Vietnam News Agency"
aliases = ["TTXVN", "Thông tấn xã Việt Nam"]
domains = ["vnanet.vn"]
kind = "agency"
[[publisher]]
name = "Antara"
aliases = ["ANTARA", "Kantor Berita Antara"]
domains = ["antaranews.com"]
kind = "agency"
[[publisher]]
name = "PTI"
aliases = ["Press Trust of India", "भाषा", "पीटीआई"]
domains = ["ptinews.com"]
kind = "agency"
[[publisher]]
name = "BBC"
aliases = ["BBC News"]
domains = ["bbc.com", "bbc.co.uk"]
kind = "broadcaster"
"""

EXAMPLES: dict[str, dict[str, list]] = {
    "en": {
        "credits": [
            ("Source: National Public Radio", "label", "NPR"),
            ("News source: Agence France-Presse", "label", "AFP"),
            ("Via AP", "label", "Associated Press"),
            ("Courtesy of The Conversation.", "label", "The Conversation"),
            ("Source: AP, Reuters", "label", "Associated Press"),
            ("Source: npr.org", "label", "NPR"),
            ("This article originally appeared on The Conversation.", "phrase",
             "The Conversation"),
            ("This story was first published by Press Trust of India.", "phrase", "PTI"),
            ("Originally published by Futurism. Read the original article.", "phrase",
             "Futurism"),
            ("This article was originally published on coolimba and has been republished here "
             "with permission.", "phrase", "coolimba"),
            ("This article is republished from The Conversation under a Creative Commons "
             "license. Read the original article.", "phrase", "The Conversation"),
            ("Republished with permission from Radio Free Asia.", "phrase", "Radio Free Asia"),
            ("The post Ten ways to save on groceries appeared first on Family Budget Blog.",
             "phrase", "Family Budget Blog"),
            ("Read the original article on BBC.", "phrase", "BBC"),
            ("Copyright 2019 NPR. To see more, visit https://www.npr.org.", "copyright", "NPR"),
            ("© 2024 The Associated Press. All rights reserved. This material may not be "
             "published, broadcast, rewritten or redistributed without permission.",
             "copyright", "Associated Press"),
            ("(c) Reuters 2024", "copyright", "Reuters"),
            ("Reprinted with permission.", "notice", None),
            ("(Except for the headline, this story has not been edited by Daily Planet staff "
             "and is published from a syndicated feed.)", "notice", None),
            ("— Reuters", "bare", "Reuters"),
            ("(AFP)", "bare", "AFP"),
            ("AP and Reuters", "bare", "Associated Press"),
        ],
        "not_credits": [
            "The minister told Reuters on Tuesday that the talks had failed.",
            "According to the Associated Press, three people were hurt.",
            "Source: Bureau of Labor Statistics",
            "Source: Reuters calculations",
            "First Published on Nov 20, 2019 01:38 pm",
            "The story was first reported by Bloomberg, which said the deal was close.",
            "In an interview with NPR, she said she would run again.",
            "Reuters reported the deal earlier this week, citing two people familiar with it.",
        ],
        "contributions": [
            "The Associated Press contributed to this report.",
            "(With inputs from PTI)",
        ],
    },
}


@pytest.fixture(scope="module")
def registry() -> Registry:
    return parse_registry(REGISTRY, "test registry")


def _credited(line: str, registry: Registry) -> tuple[str, str | None] | None:
    credit = read_credit(line, registry)
    if credit is None:
        return None
    return credit.cue, credit.publishers[0].name if credit.publishers else credit.name


def test_every_language_of_the_vocabulary_has_examples() -> None:
    assert set(load("credits")) == set(EXAMPLES)
    for language, kinds in load("credits").items():
        assert kinds.get("labels") and kinds.get("phrases") and kinds.get("copyright"), language


def test_every_phrase_compiles() -> None:
    for language, kinds in load("credits").items():
        for kind, phrases in kinds.items():
            for phrase in phrases:
                assert compile_phrase(phrase), (language, kind, phrase)


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_credit_lines(language: str, registry: Registry) -> None:
    for line, cue, outlet in EXAMPLES[language]["credits"]:
        assert _credited(line, registry) == (cue, outlet), line


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_prose_and_other_sources_are_no_credit(language: str, registry: Registry) -> None:
    for line in EXAMPLES[language]["not_credits"]:
        assert _credited(line, registry) is None, line


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_contributions_are_no_credit(language: str, registry: Registry) -> None:
    for line in EXAMPLES[language]["contributions"]:
        assert _credited(line, registry) == ("contribution", None), line


def test_tails_leave_the_name() -> None:
    assert strip_tails("© 2024 The Associated Press. All rights reserved.") == (
        "© 2024 The Associated Press")
    assert strip_tails("Source: EFE, June 5, 2024") == "Source: EFE"
