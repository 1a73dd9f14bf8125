"""The publisher registry: the shipped file, look-ups, `find()` and the loader's refusals."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ingest.core.errors import ConfigError
from ingest.core.publishers import (
    DEFAULT_PATH,
    NEWS_KINDS,
    NON_NEWS_KINDS,
    Registry,
    literal_alternation,
    load_registry,
    parse_registry,
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


# --- the shipped registry --------------------------------------------------------------------


def test_shipped_registry_loads(registry: Registry) -> None:
    assert len(registry.publishers) >= 60
    raw = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    for entry in raw["publisher"]:
        assert entry.get("kind") in NEWS_KINDS + NON_NEWS_KINDS, entry["name"]
        assert "wire" not in entry, entry["name"]  # the older spelling of kind = "agency"


def test_lookup(registry: Registry) -> None:
    assert registry.lookup("National Public Radio").name == "NPR"
    assert registry.lookup("the associated press").name == "Associated Press"
    assert registry.lookup("AP").name == "Associated Press"
    assert registry.lookup("  Reuters. ").name == "Reuters"
    assert registry.lookup("Nobody Press") is None
    assert registry.lookup(None) is None
    assert registry.lookup("") is None


def test_for_host(registry: Registry) -> None:
    assert registry.for_host("www.npr.org").name == "NPR"
    assert registry.for_host("news.bbc.co.uk").name == "BBC"
    assert registry.for_host("APNEWS.COM").name == "Associated Press"
    assert registry.for_host("example.com") is None
    assert registry.for_host("") is None
    assert registry.for_host(None) is None


def test_find_short_names_only_as_written(registry: Registry) -> None:
    found = registry.find("WASHINGTON (AP) — The Senate voted on Tuesday.")
    assert [(m.group(0), p.name) for m, p in found] == [("AP", "Associated Press")]
    assert registry.find("a map of the apple orchard") == []
    assert registry.find("ap reported") == []


def test_find_long_names_in_any_case(registry: Registry) -> None:
    found = registry.find("Reporting by the associated press and REUTERS.")
    assert [p.name for _, p in found] == ["Associated Press", "Reuters"]
    match = found[0][0]
    assert match.group(0).lower() == "the associated press"
    found = registry.find("Source: National Public Radio")
    assert [p.name for _, p in found] == ["NPR"]


# --- parse_registry's refusals ---------------------------------------------------------------

TWO_PUBLISHERS = """\
# test registry
[[publisher]]
name = "Alpha Daily"
aliases = ["Shared Name", "Alpha"]
domains = ["shared.example", "alpha.example"]

[[publisher]]
name = "Beta Gazette"
aliases = ["{alias}"]
domains = ["{domain}"]
"""


def test_parse_valid_registry() -> None:
    registry = parse_registry(
        TWO_PUBLISHERS.format(alias="Beta", domain="beta.example"), "test.toml")
    assert [p.name for p in registry.publishers] == ["Alpha Daily", "Beta Gazette"]
    assert registry.lookup("shared name").name == "Alpha Daily"
    assert registry.for_host("www.beta.example").name == "Beta Gazette"
    assert registry.publishers[0].wire is False
    assert registry.publishers[0].kind == "newspaper"  # the kind when none is given


def test_duplicate_alias_names_file_line_and_both_publishers() -> None:
    raw = TWO_PUBLISHERS.format(alias="Shared Name", domain="beta.example")
    with pytest.raises(ConfigError) as info:
        parse_registry(raw, "my-publishers.toml")
    message = str(info.value)
    assert "my-publishers.toml:9:" in message  # the duplicate's line, not the original's
    assert "Alpha Daily" in message and "Beta Gazette" in message
    assert "Shared Name" in message
    assert "\n" not in message


def test_duplicate_alias_differing_only_in_case_and_the() -> None:
    raw = TWO_PUBLISHERS.format(alias="the shared name", domain="beta.example")
    with pytest.raises(ConfigError) as info:
        parse_registry(raw, "my-publishers.toml")
    assert "my-publishers.toml:9:" in str(info.value)


def test_duplicate_domain_names_file_line_and_both_publishers() -> None:
    raw = TWO_PUBLISHERS.format(alias="Beta", domain="shared.example")
    with pytest.raises(ConfigError) as info:
        parse_registry(raw, "my-publishers.toml")
    message = str(info.value)
    assert "my-publishers.toml:10:" in message
    assert "Alpha Daily" in message and "Beta Gazette" in message
    assert "shared.example" in message


def test_duplicate_name_is_refused() -> None:
    raw = TWO_PUBLISHERS.format(alias="Beta", domain="beta.example")
    raw += '\n[[publisher]]\nname = "Alpha Daily"\n'
    with pytest.raises(ConfigError) as info:
        parse_registry(raw, "p.toml")
    assert "p.toml:13:" in str(info.value)


def test_toml_syntax_error_names_the_line() -> None:
    raw = '[[publisher]]\nname = "Alpha"\naliases = ["A",\nwire = maybe\n'
    with pytest.raises(ConfigError) as info:
        parse_registry(raw, "broken.toml")
    message = str(info.value)
    assert message.startswith("broken.toml: ")
    assert "line 4" in message


def test_publisher_without_name_is_refused() -> None:
    raw = '[[publisher]]\nname = "Alpha"\n\n[[publisher]]\naliases = ["Nameless"]\n'
    with pytest.raises(ConfigError, match=r"p\.toml: .*no name"):
        parse_registry(raw, "p.toml")
    with pytest.raises(ConfigError, match="no name"):
        parse_registry('[[publisher]]\nname = "  "\n', "p.toml")


def test_load_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "publishers.toml"
    with pytest.raises(ConfigError) as info:
        load_registry(missing)
    message = str(info.value)
    assert str(missing) in message
    assert "\n" not in message


def test_load_registry_from_path(tmp_path: Path) -> None:
    path = tmp_path / "publishers.toml"
    path.write_text('[[publisher]]\nname = "Gamma Post"\nwire = true\n', encoding="utf-8")
    registry = load_registry(path)
    assert registry.lookup("gamma post").wire is True


def test_alias_repeating_own_name_is_fine() -> None:
    raw = '[[publisher]]\nname = "NPR"\naliases = ["npr", "The NPR"]\ndomains = ["npr.org"]\n'
    assert parse_registry(raw, "p.toml").lookup("the npr").name == "NPR"


def test_kind_and_its_older_spelling() -> None:
    raw = ('[[publisher]]\nname = "Alpha"\nkind = "agency"\n'
           '[[publisher]]\nname = "Beta"\nwire = true\n'
           '[[publisher]]\nname = "Gamma"\nkind = "journal"\ndomains = ["gamma.example"]\n')
    registry = parse_registry(raw, "p.toml")
    assert [(p.kind, p.wire, p.news) for p in registry.publishers] == [
        ("agency", True, True), ("agency", True, True), ("journal", False, False)]


@pytest.mark.parametrize(("entry", "message"), [
    ('kind = "blog"', r"p\.toml:2: 'Alpha'.*kind 'blog' is none of agency"),
    ('country = "usa"', r"p\.toml:2: 'Alpha'.*country 'usa'"),
    ('domains = ["https://alpha.example/news"]', r"p\.toml:2: 'Alpha'.*not a bare host"),
    ('domains = ["www.alpha.example"]', r"not a bare host"),
    ('alias = ["A"]', r"p\.toml:2: 'Alpha'.*unknown key 'alias'"),
], ids=["kind", "country", "domain-url", "domain-www", "unknown-key"])
def test_malformed_entries_are_refused(entry: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_registry(f'[[publisher]]\nname = "Alpha"\n{entry}\n', "p.toml")


def test_names_in_unspaced_scripts_are_found_without_word_breaks() -> None:
    raw = ('[[publisher]]\nname = "Xinhua"\naliases = ["新华社"]\n'
           '[[publisher]]\nname = "Yonhap"\naliases = ["연합뉴스"]\n')
    registry = parse_registry(raw, "p.toml")
    assert [p.name for _, p in registry.find("新华社北京6月5日电")] == ["Xinhua"]
    assert [p.name for _, p in registry.find("(서울=연합뉴스) 김철수 기자")] == ["Yonhap"]


def test_resolve_names_domains_and_addresses(registry: Registry) -> None:
    assert registry.resolve("National Public Radio").name == "NPR"
    assert registry.resolve("npr.org").name == "NPR"
    assert registry.resolve("https://www.npr.org/2024/06/05/story").name == "NPR"
    assert registry.resolve("www.bbc.co.uk/news").name == "BBC"
    assert registry.resolve("nobody.example") is None
    assert registry.resolve("") is None


def test_wire_must_be_a_boolean() -> None:
    raw = '[[publisher]]\nname = "Alpha Daily"\naliases = []\ndomains = []\nwire = "false"\n'
    with pytest.raises(ConfigError, match=r"x\.toml:2: 'Alpha Daily'.*wire true or false"):
        parse_registry(raw, "x.toml")


# --- the shipped registry's coverage ---------------------------------------------------------

NATIVE_NAMES = {
    "en": [("National Public Radio", "NPR"), ("The Associated Press", "Associated Press"),
           ("Press Trust of India", "PTI")],
    "de": [("Deutsche Presse-Agentur", "dpa"), ("ZEIT ONLINE", "Die Zeit"),
           ("Frankfurter Allgemeine", "Frankfurter Allgemeine Zeitung")],
    "fr": [("Agence France-Presse", "AFP"), ("Le Monde", "Le Monde"),
           ("France Info", "franceinfo")],
    "es": [("Agencia EFE", "EFE"), ("El País", "El País"), ("Clarín", "Clarín")],
    "pt": [("Agência Brasil", "Agência Brasil"), ("Agência Lusa", "Lusa"),
           ("Folha de São Paulo", "Folha de S.Paulo")],
    "it": [("Agenzia Nazionale Stampa Associata", "ANSA"), ("Corriere della Sera",
                                                            "Corriere della Sera"),
           ("la Repubblica", "la Repubblica")],
    "nl": [("Algemeen Nederlands Persbureau", "ANP"), ("NOS Nieuws", "NOS"),
           ("de Volkskrant", "de Volkskrant")],
    "ru": [("ТАСС", "TASS"), ("РИА Новости", "RIA Novosti"), ("Интерфакс", "Interfax")],
    "uk": [("Укрінформ", "Ukrinform"), ("УНІАН", "UNIAN"), ("Українська правда",
                                                           "Ukrainska Pravda")],
    "pl": [("Polska Agencja Prasowa", "PAP"), ("Gazeta Wyborcza", "Gazeta Wyborcza"),
           ("Rzeczpospolita", "Rzeczpospolita")],
    "tr": [("Anadolu Ajansı", "Anadolu Agency"), ("Hürriyet", "Hürriyet"),
           ("Demirören Haber Ajansı", "Demirören News Agency")],
    "ar": [("رويترز", "Reuters"), ("الجزيرة", "Al Jazeera"), ("وام", "WAM")],
    "zh": [("新华社", "Xinhua"), ("中新社", "China News Service"),
           ("中央社", "Central News Agency")],
    "ja": [("共同通信", "Kyodo News"), ("時事通信", "Jiji Press"), ("朝日新聞", "Asahi Shimbun")],
    "ko": [("연합뉴스", "Yonhap"), ("뉴시스", "Newsis"), ("조선일보", "Chosun Ilbo")],
    "vi": [("Thông tấn xã Việt Nam", "Vietnam News Agency"), ("TTXVN", "Vietnam News Agency"),
           ("VnExpress", "VnExpress")],
    "id": [("Kantor Berita ANTARA", "Antara"), ("Kompas", "Kompas"), ("Tempo.co", "Tempo.co")],
    "hi": [("भाषा", "PTI"), ("दैनिक जागरण", "Dainik Jagran"), ("अमर उजाला", "Amar Ujala")],
}


@pytest.mark.parametrize("language", sorted(NATIVE_NAMES))
def test_outlets_of_every_language_in_their_own_script(language: str,
                                                       registry: Registry) -> None:
    for written, name in NATIVE_NAMES[language]:
        assert registry.lookup(written) is not None, written
        assert registry.lookup(written).name == name


def test_agencies_of_every_continent(registry: Registry) -> None:
    continents = {"US": "Americas", "BR": "Americas", "AR": "Americas", "MX": "Americas",
                  "GB": "Europe", "FR": "Europe", "DE": "Europe", "RU": "Europe",
                  "CN": "Asia", "JP": "Asia", "IN": "Asia", "TR": "Asia",
                  "EG": "Africa", "NG": "Africa", "ZA": "Africa", "MA": "Africa",
                  "AU": "Oceania"}
    agencies = [p for p in registry.publishers if p.kind == "agency"]
    assert len(registry.publishers) >= 300 and len(agencies) >= 70
    assert {continents.get(p.country or "") for p in agencies} >= {
        "Americas", "Europe", "Asia", "Africa", "Oceania"}


def test_non_news_sources_are_never_news(registry: Registry) -> None:
    for host in ("doi.org", "pubmed.ncbi.nlm.nih.gov", "www.prnewswire.com", "arxiv.org",
                 "en.wikipedia.org", "www.nature.com"):
        assert registry.for_host(host) is not None and not registry.for_host(host).news, host


NAMES = ["Reuters Health", "Reuters", "Reuters.com", "AP", "AFP", "A.P.", "Associated Press",
         "The Associated Press", "dpa", "dpa-AFX", "新华社", "新华", "共同通信", "BBC News", "BBC"]
TEXTS = ["WASHINGTON (AP) — the associated press said", "Reuters Healthcare, Reuters Health.",
         "reuters.com and REUTERS", "APNews AP-Wire AP", "dpa-AFX berichtet, dpa meldet",
         "新华社北京6月5日电", "新华网", "By BBC Newsround and BBC News staff", "A.P.A.P."]


@pytest.mark.parametrize("flags", ["", "(?i)"])
def test_a_factored_alternation_finds_what_the_plain_one_finds(flags: str) -> None:
    names = sorted(NAMES, key=len, reverse=True)
    around = r"(?<![\w-])(?:{})(?![\w-])"
    plain = re.compile(flags + around.format("|".join(map(re.escape, names))))
    factored = re.compile(flags + around.format(literal_alternation(names)))
    rng = random.Random(7)
    texts = TEXTS + [" ".join(rng.choice([*NAMES, "and", "-", "x", ".", "the"])
                              for _ in range(12)) for _ in range(300)]
    for text in texts:
        assert ([m.span() for m in factored.finditer(text)]
                == [m.span() for m in plain.finditer(text)]), text
    assert sum(len(plain.findall(text)) for text in TEXTS) >= 9


def test_a_factored_alternation_shares_beginnings() -> None:
    assert literal_alternation(["Reuters Health", "Reuters", "AFP", "AP"]) == (
        r"(?:Reuters(?:\ Health|)|A(?:FP|P))")
    assert re.search(literal_alternation([]), "anything") is None


def test_the_names_pattern_is_the_same_text_in_every_process() -> None:
    """Names of one length come in one order whatever the process's string hashing, so the
    compiled pattern saved by one run is found by the next (`pattern_cache`)."""
    script = ("import hashlib; from ingest.core.publishers import load_registry; "
              "print(hashlib.sha1(load_registry()._pattern.pattern.encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")}
    assert len(digests) == 1
