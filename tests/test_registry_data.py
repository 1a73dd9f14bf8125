"""The shipped publisher registry, `data/publishers.toml`, checked as data.

The file is read with `tomllib` and a minimal resolver written here (credited name -> canonical
name, domain -> entry), independent of `ingest.core.publishers`, so that the data can be checked on
its own. Every expectation is written into this file.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

REGISTRY = Path(__file__).resolve().parent.parent / "data" / "publishers.toml"

NEWS_KINDS = {"agency", "newspaper", "broadcaster", "magazine", "digital", "nonprofit"}
NON_NEWS_KINDS = {"journal", "press-release", "reference"}
KEYS = {"name", "aliases", "domains", "kind", "country"}

# 1-2 letter Latin forms that the registry had before the rule against them; no others.
SHORT_LATIN_ALLOWED = {"AP", "AA", "CP", "FT", "TT", "DW"}

# Words (and their forms in other covered languages) that are never a name or an alias:
# text uses them for other things ("the Post Office", "bu sabah", "la Repubblica italiana").
FORBIDDEN = {
    "mint", "metro", "express", "sun", "star", "post", "times", "mail", "mirror", "nation",
    "globe", "record", "world", "today", "público", "publico", "expresso", "observer",
    "independent", "herald", "tribune", "nieuws", "welt", "bild", "zeit", "presse", "standard",
    "focus", "stern", "time", "fortune", "wired", "slate", "salon", "vox", "dawn", "punch",
    "stuff", "paper", "age", "spiegel", "globo", "folha", "corriere", "repubblica", "lenta",
    "liberation", "libération", "wyborcza", "sabah", "cumhuriyet", "trouw", "tempo",
    "observador", "reforma", "коммерсант", "спутник", "العربية", "الخليج", "النهار",
    "الشرق الأوسط", "हिन्दुस्तान", "हिंदुस्तान",
}

# Hosts of aggregators, which show other outlets' stories and publish none of their own.
AGGREGATORS = ["news.yahoo.com", "yahoo.com", "msn.com", "news.google.com", "apple.news",
               "smartnews.com", "newsbreak.com", "flipboard.com"]

CONTINENT = {
    # Africa
    "AO": "AF", "CG": "AF", "CI": "AF", "DZ": "AF", "EG": "AF", "ET": "AF", "GH": "AF",
    "KE": "AF", "MA": "AF", "MZ": "AF", "NG": "AF", "SN": "AF", "TN": "AF", "TZ": "AF",
    "UG": "AF", "ZA": "AF", "ZW": "AF",
    # Asia (the Middle East included)
    "AE": "AS", "AM": "AS", "AZ": "AS", "BD": "AS", "BH": "AS", "CN": "AS", "GE": "AS",
    "HK": "AS", "ID": "AS", "IL": "AS", "IN": "AS", "IQ": "AS", "IR": "AS", "JO": "AS",
    "JP": "AS", "KG": "AS", "KH": "AS", "KP": "AS", "KR": "AS", "KW": "AS", "KZ": "AS",
    "LA": "AS", "LB": "AS", "LK": "AS", "MN": "AS", "MY": "AS", "NP": "AS", "OM": "AS",
    "PH": "AS", "PK": "AS", "PS": "AS", "QA": "AS", "SA": "AS", "SG": "AS", "SY": "AS",
    "TH": "AS", "TJ": "AS", "TR": "AS", "TW": "AS", "UZ": "AS", "VN": "AS",
    # Europe
    "AT": "EU", "BE": "EU", "BG": "EU", "BY": "EU", "CH": "EU", "CY": "EU", "CZ": "EU",
    "DE": "EU", "DK": "EU", "EE": "EU", "ES": "EU", "FI": "EU", "FR": "EU", "GB": "EU",
    "GR": "EU", "HR": "EU", "HU": "EU", "IE": "EU", "IT": "EU", "LT": "EU", "LV": "EU",
    "MD": "EU", "NL": "EU", "NO": "EU", "PL": "EU", "PT": "EU", "RO": "EU", "RS": "EU",
    "RU": "EU", "SE": "EU", "SI": "EU", "SK": "EU", "UA": "EU",
    # North America (Central America and the Caribbean included)
    "CA": "NA", "CU": "NA", "DO": "NA", "MX": "NA", "SV": "NA", "US": "NA",
    # South America
    "AR": "SA", "BO": "SA", "BR": "SA", "CL": "SA", "CO": "SA", "EC": "SA", "PE": "SA",
    "PY": "SA", "UY": "SA", "VE": "SA",
    # Oceania
    "AU": "OC", "NZ": "OC",
}

# For each language: credits as written in it, in its own script, and the outlet they name.
SAMPLES = {
    "en": [("National Public Radio", "NPR"), ("The Associated Press", "Associated Press"),
           ("Press Trust of India", "PTI"), ("Channel NewsAsia", "CNA"),
           ("Sydney Morning Herald", "The Sydney Morning Herald"),
           ("Nation Africa", "Daily Nation")],
    "de": [("Deutsche Presse-Agentur", "dpa"),
           ("Frankfurter Allgemeine", "Frankfurter Allgemeine Zeitung"),
           ("ZEIT ONLINE", "Die Zeit"), ("Österreichischer Rundfunk", "ORF"),
           ("Schweizerische Depeschenagentur", "Keystone-SDA"),
           ("Katholische Nachrichten-Agentur", "KNA")],
    "fr": [("Agence France-Presse", "AFP"), ("La Presse Canadienne", "Canadian Press"),
           ("Radio France Internationale", "RFI"), ("Ouest France", "Ouest-France"),
           ("Le Nouvel Obs", "L'Obs"), ("APS Sénégal", "Agence de Presse Sénégalaise")],
    "es": [("Agencia EFE", "EFE"), ("Europa Press", "Europa Press"), ("El País", "El País"),
           ("BBC Mundo", "BBC"), ("CNN en Español", "CNN"), ("Diario ABC", "ABC (Spain)")],
    "pt": [("Agência Lusa", "Lusa"), ("Agência Brasil", "Agência Brasil"),
           ("Folha de São Paulo", "Folha de S.Paulo"), ("Folhapress", "Folha de S.Paulo"),
           ("Estadão Conteúdo", "Agência Estado"), ("Rádio e Televisão de Portugal", "RTP")],
    "it": [("Agenzia Nazionale Stampa Associata", "ANSA"), ("Agenzia Italia", "Agenzia Italia"),
           ("Corriere della Sera", "Corriere della Sera"), ("Sole 24 Ore", "Il Sole 24 Ore"),
           ("la Repubblica", "la Repubblica")],
    "nl": [("Algemeen Nederlands Persbureau", "ANP"), ("NOS Nieuws", "NOS"),
           ("NRC Handelsblad", "NRC"), ("Volkskrant", "de Volkskrant"),
           ("Financieele Dagblad", "Het Financieele Dagblad")],
    "ru": [("ТАСС", "TASS"), ("РИА Новости", "RIA Novosti"), ("Интерфакс", "Interfax"),
           ("Коммерсантъ", "Kommersant"), ("Российская газета", "Rossiyskaya Gazeta")],
    "uk": [("Укрінформ", "Ukrinform"), ("УНІАН", "UNIAN"),
           ("Українська правда", "Ukrainska Pravda"), ("Інтерфакс-Україна", "Interfax-Ukraine"),
           ("Радіо Свобода", "RFE/RL")],
    "pl": [("Polska Agencja Prasowa", "PAP"), ("Gazeta Wyborcza", "Gazeta Wyborcza"),
           ("Rzeczpospolita", "Rzeczpospolita"), ("Polskie Radio", "Polskie Radio"),
           ("Wirtualna Polska", "Wirtualna Polska")],
    "tr": [("Anadolu Ajansı", "Anadolu Agency"), ("İhlas Haber Ajansı", "İhlas News Agency"),
           ("Demirören Haber Ajansı", "Demirören News Agency"), ("ANKA Haber Ajansı", "ANKA"),
           ("Hürriyet", "Hürriyet")],
    "ar": [("الأناضول", "Anadolu Agency"), ("رويترز", "Reuters"), ("فرانس برس", "AFP"),
           ("وام", "WAM"), ("واس", "Saudi Press Agency"), ("قنا", "Qatar News Agency"),
           ("كونا", "KUNA"), ("سانا", "SANA"), ("بترا", "Petra"), ("وفا", "WAFA"),
           ("أ ش أ", "MENA"), ("الجزيرة", "Al Jazeera")],
    "zh": [("新华社", "Xinhua"), ("新華社", "Xinhua"), ("中新社", "China News Service"),
           ("中央社", "Central News Agency"), ("人民日报", "People's Daily"),
           ("路透社", "Reuters"), ("美联社", "Associated Press"), ("法新社", "AFP"),
           ("明報", "Ming Pao")],
    "ja": [("共同通信", "Kyodo News"), ("共同", "Kyodo News"), ("時事通信社", "Jiji Press"),
           ("時事", "Jiji Press"), ("朝日新聞", "Asahi Shimbun"), ("ロイター", "Reuters"),
           ("AP通信", "Associated Press"), ("日本経済新聞", "Nikkei")],
    "ko": [("연합뉴스", "Yonhap"), ("뉴시스", "Newsis"), ("뉴스1", "News1"),
           ("조선일보", "Chosun Ilbo"), ("한겨레", "Hankyoreh"), ("로이터", "Reuters"),
           ("AFP통신", "AFP")],
    "vi": [("Thông tấn xã Việt Nam", "Vietnam News Agency"), ("TTXVN", "Vietnam News Agency"),
           ("Báo Tuổi Trẻ", "Tuoi Tre"), ("Báo Thanh Niên", "Thanh Nien"),
           ("Đài Tiếng nói Việt Nam", "VOV"), ("Báo Nhân Dân", "Nhan Dan")],
    "id": [("Kantor Berita ANTARA", "Antara"), ("LKBN Antara", "Antara"),
           ("Harian Kompas", "Kompas"), ("Majalah Tempo", "Tempo.co"),
           ("detikNews", "detikcom"), ("Radio Republik Indonesia", "RRI")],
    "hi": [("भाषा", "PTI"), ("पीटीआई", "PTI"), ("दैनिक जागरण", "Dainik Jagran"),
           ("दैनिक भास्कर", "Dainik Bhaskar"), ("अमर उजाला", "Amar Ujala"),
           ("आजतक", "Aaj Tak"), ("रॉयटर्स", "Reuters"), ("नवभारत टाइम्स", "Navbharat Times")],
}

# Credit forms and domains of outlets the syndication corpus labels (name as it labels it,
# then the canonical name of our entry where it differs).
CORPUS_OUTLETS = [
    ("Bloomberg L.P.", "Bloomberg"), ("CNN Wire", "CNN"), ("CNN Business", "CNN"),
    ("Guardian News & Media", "The Guardian"), ("NYTimes", "The New York Times"),
    ("新华社", "Xinhua"), ("共同通信社", "Kyodo News"), ("時事通信", "Jiji Press"),
    ("연합뉴스", "Yonhap"), ("Deutsche Presse Agentur", "dpa"), ("dpa-infocom", "dpa"),
    ("Укрінформ", "Ukrinform"), ("Radio Liberty", "RFE/RL"),
    ("Anadolu Ajansı", "Anadolu Agency"), ("Russian News Agency TASS", "TASS"),
    ("Antara News Agency", "Antara"), ("Malaysian National News Agency", "Bernama"),
    ("NBC Latino", "NBC News"), ("L.A. Times", "Los Angeles Times"),
    ("Kyiv Independent", "The Kyiv Independent"), ("CNA", "CNA"),
    ("Channel NewsAsia", "CNA"), ("Focus Taiwan", "Central News Agency"),
    ("中央社", "Central News Agency"), ("Sputnik International", "Sputnik"),
    ("VNA", "Vietnam News Agency"), ("Futurism", "Futurism"),
    ("Voice of America", "VOA"), ("Radio Free Asia", "RFA"),
    ("KFF Health News", "Kaiser Health News"),
    ("Australian Associated Press", "AAP"), ("The Canadian Press", "Canadian Press"),
]
CORPUS_DOMAINS = {
    "yonhapnews.co.kr": "Yonhap", "cna.com.tw": "Central News Agency",
    "focustaiwan.tw": "Central News Agency", "channelnewsasia.com": "CNA",
    "vnanet.vn": "Vietnam News Agency", "vietnamplus.vn": "Vietnam News Agency",
    "kyivindependent.com": "The Kyiv Independent", "sputnikglobe.com": "Sputnik",
    "futurism.com": "Futurism", "khn.org": "Kaiser Health News", "dpa.com": "dpa",
    "ukrinform.ua": "Ukrinform", "agenciabrasil.ebc.com.br": "Agência Brasil",
}

# What is never a story's original publisher, by one of its domains.
NON_NEWS = {
    "prnewswire.com": "press-release", "businesswire.com": "press-release",
    "globenewswire.com": "press-release", "cision.com": "press-release",
    "accesswire.com": "press-release", "einpresswire.com": "press-release",
    "presseportal.de": "press-release", "ots.at": "press-release",
    "jcnnewswire.com": "press-release", "prtimes.jp": "press-release",
    "wikipedia.org": "reference", "doi.org": "reference", "ncbi.nlm.nih.gov": "reference",
    "pubmed.ncbi.nlm.nih.gov": "reference", "arxiv.org": "reference",
    "biorxiv.org": "reference", "medrxiv.org": "reference", "ssrn.com": "reference",
    "jstor.org": "reference", "scholar.google.com": "reference",
    "semanticscholar.org": "reference", "europepmc.org": "reference",
    "nature.com": "journal", "science.org": "journal", "thelancet.com": "journal",
    "nejm.org": "journal",
}

LANGUAGE_GROUPS = ["en", "de", "fr", "es", "pt", "it", "nl", "ru", "uk", "pl", "tr", "ar",
                   "zh", "ja", "ko", "vi", "id", "hi"]


def key(name: str) -> str:
    """How names are compared: case-folded, spaces collapsed, a leading "the" dropped,
    surrounding punctuation stripped."""
    text = " ".join(name.casefold().split())
    text = re.sub(r"^the ", "", text)
    return text.strip(" .,;:!-–—|()")


RAW = REGISTRY.read_text(encoding="utf-8")
ENTRIES: list[dict] = tomllib.loads(RAW)["publisher"]


def forms(entry: dict) -> list[str]:
    return [entry["name"], *entry.get("aliases", [])]


def resolver() -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in ENTRIES:
        for form in forms(entry):
            names.setdefault(key(form), entry["name"])
    return names


NAMES = resolver()
BY_DOMAIN = {domain: entry for entry in ENTRIES for domain in entry.get("domains", [])}


def entry_for_host(host: str) -> dict | None:
    while host:
        if host in BY_DOMAIN:
            return BY_DOMAIN[host]
        host = host.partition(".")[2]
    return None


# --- shape -------------------------------------------------------------------------------------


def test_entry_count_and_fields() -> None:
    assert len(ENTRIES) >= 300
    for entry in ENTRIES:
        assert set(entry) <= KEYS, (entry.get("name"), set(entry) - KEYS)
        assert "wire" not in entry, entry["name"]
        assert isinstance(entry["name"], str) and entry["name"].strip(), entry
        assert entry.get("kind") in NEWS_KINDS | NON_NEWS_KINDS, entry["name"]
        assert entry.get("domains"), f"{entry['name']} has no domain"
        assert all(isinstance(a, str) and a.strip() == a and a for a in entry.get("aliases", []))
        country = entry.get("country")
        assert country is None or re.fullmatch(r"[A-Z]{2}", country), (entry["name"], country)


def test_domains_are_bare_lower_case_hosts() -> None:
    for entry in ENTRIES:
        for domain in entry["domains"]:
            assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}", domain), domain
            assert not domain.startswith("www."), domain


def test_groups_have_a_comment_line() -> None:
    headers = re.findall(r"(?m)^# --- (.+?) -*$", RAW)
    first_entry = re.search(r"(?m)^\[\[publisher\]\]", RAW)
    assert first_entry and RAW.index("# --- ") < first_entry.start()
    for language in LANGUAGE_GROUPS:
        assert any(re.match(rf"{language}\b", h) for h in headers), language
    assert "kind" in RAW[: RAW.index("# --- ")] and "country" in RAW[: RAW.index("# --- ")]


# --- uniqueness and forbidden forms --------------------------------------------------------------


def test_names_and_aliases_are_unique_across_entries() -> None:
    owners: dict[str, set[str]] = {}
    for entry in ENTRIES:
        for form in forms(entry):
            owners.setdefault(key(form), set()).add(entry["name"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes
    names = Counter(entry["name"] for entry in ENTRIES)
    assert not [n for n, count in names.items() if count > 1]


def test_domains_are_unique() -> None:
    domains = Counter(d for entry in ENTRIES for d in entry["domains"])
    assert not [d for d, count in domains.items() if count > 1]


def test_no_common_word_as_a_name_or_alias() -> None:
    # Aliases by their key ("The Mirror" is "mirror"); names as written: a name is the
    # outlet's own, and "The Independent" was in the registry before this rule.
    for entry in ENTRIES:
        assert entry["name"].casefold().strip(" .,;:!-–—|()") not in FORBIDDEN, entry["name"]
        for alias in entry.get("aliases", []):
            assert key(alias) not in FORBIDDEN, (entry["name"], alias)


def test_no_new_one_or_two_letter_latin_forms() -> None:
    short = {form for entry in ENTRIES for form in forms(entry)
             if re.fullmatch(r"[A-Za-z0-9]{1,2}", form)}
    assert short <= SHORT_LATIN_ALLOWED, short - SHORT_LATIN_ALLOWED


def test_no_aggregator_is_a_publisher() -> None:
    for host in AGGREGATORS:
        assert entry_for_host(host) is None, host


# --- coverage ----------------------------------------------------------------------------------


def test_agencies_of_every_continent() -> None:
    agencies = [e for e in ENTRIES if e["kind"] == "agency"]
    assert len(agencies) >= 70
    continents = {CONTINENT.get(e.get("country", "")) for e in agencies}
    assert {"AF", "AS", "EU", "NA", "SA", "OC"} <= continents


def test_outlets_on_every_continent() -> None:
    news = [e for e in ENTRIES if e["kind"] in NEWS_KINDS]
    continents = Counter(CONTINENT.get(e.get("country", "")) for e in news)
    for continent in ("AF", "AS", "EU", "NA", "SA", "OC"):
        assert continents[continent] >= 10, continent


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_credits_in_each_language_resolve(language: str) -> None:
    samples = SAMPLES[language]
    assert len(samples) >= 3
    assert {(credit, NAMES.get(key(credit))) for credit, _ in samples} == set(samples)


def test_every_language_group_has_samples() -> None:
    assert set(SAMPLES) == set(LANGUAGE_GROUPS)


def test_outlets_of_the_syndication_corpus() -> None:
    assert [(credit, NAMES.get(key(credit))) for credit, _ in CORPUS_OUTLETS] == CORPUS_OUTLETS
    for domain, name in CORPUS_DOMAINS.items():
        assert (entry_for_host(domain) or {}).get("name") == name, domain


def test_outlets_that_share_a_name_are_told_apart() -> None:
    assert NAMES[key("CNA")] == "CNA"
    assert NAMES[key("Central News Agency")] == "Central News Agency"
    assert NAMES[key("Diario ABC")] == "ABC (Spain)"
    assert key("ABC") not in NAMES  # ABC News (US), ABC Australia, ABC (Spain): none owns it
    assert entry_for_host("abc.es")["name"] == "ABC (Spain)"
    assert entry_for_host("abc.net.au")["name"] == "ABC Australia"
    assert entry_for_host("abcnews.go.com")["name"] == "ABC News"


@pytest.mark.parametrize("domain", sorted(NON_NEWS))
def test_what_is_never_the_original_publisher(domain: str) -> None:
    entry = entry_for_host(domain)
    assert entry is not None and entry["kind"] == NON_NEWS[domain], domain
