"""The publisher registry: `data/publishers.toml`, outlets and wire services with the names
they are credited under and the domains they publish on.

Users extend it without code. The loader refuses a file it cannot trust (a name, alias or
domain claimed twice, an unknown key or kind) with a message naming the line, because a silent
clash would credit stories to the wrong outlet. The registry also lists what is never a
story's original publisher (journals, press-release wires, reference works), so that a study
in `isBasedOn` or a "SOURCE PR Newswire" line is not taken for syndication.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from ingest.core.data_files import data_dir, user_file
from ingest.core.errors import ConfigError

DATA_DIR = data_dir()
DEFAULT_PATH = user_file("publishers.toml")


NEWS_KINDS = ("agency", "newspaper", "broadcaster", "magazine", "digital", "nonprofit")
NON_NEWS_KINDS = ("journal", "press-release", "reference")
"""Entries that are never a story's original publisher: they are listed so that naming them
(a study's DOI, a press release's distributor) is recognised as no syndication."""
KEYS = {"name", "aliases", "domains", "kind", "country", "wire"}
"""The keys a [[publisher]] table may have (`wire = true` is the older spelling of
`kind = "agency"`)."""
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff"
                      r"\uac00-\ud7af\uf900-\ufaff]")
"""Scripts whose names are written into the text without word breaks around them (Chinese,
Japanese, Korean, Thai): "新华社北京6月5日电", "(서울=연합뉴스)"."""


@dataclass(frozen=True, slots=True)
class Publisher:
    """One outlet, wire service, or non-news source (see `NON_NEWS_KINDS`)."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    kind: str = "newspaper"
    country: str | None = None

    @property
    def wire(self) -> bool:
        """A news agency: its name in a byline ("Jane Doe, Reuters") is a publisher's."""
        return self.kind == "agency"

    @property
    def news(self) -> bool:
        """A news outlet, which can be a story's original publisher."""
        return self.kind not in NON_NEWS_KINDS


def name_key(name: str) -> str:
    """How names are compared: Unicode-normalised, case-folded, "the" and surrounding
    punctuation dropped."""
    key = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    key = re.sub(r"^the\s+", "", key)
    return key.strip(" .,;:!-–—|()[]'\"«»“”‘’")


SHORT = 4
"""Names this long or shorter are initialisms, compared as written in running text."""


def _plain_case(text: str) -> bool:
    """Upper, lower or title case: "AFP", "afp", "Afp", not "AgE"."""
    return text.isupper() or text.islower() or text.istitle()


def host_of(text: str) -> str | None:
    """The host a URL or a bare domain ("npr.org", "www.npr.org/sections") names, else None."""
    text = text.strip().strip("<>()[]")
    if "://" not in text:
        if not re.match(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?$", text,
                        re.IGNORECASE):
            return None
        text = "http://" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host and "." in host else None


def literal_alternation(words: Iterable[str]) -> str:
    """A pattern matching any of the words, as `"|".join(map(re.escape, words))` would with
    the words longest first, but factored by their common beginnings ("Reuters|Reuters
    Health" becomes "Reuters(?: Health|)"): the regular expression engine tries a plain
    alternation's thousands of names one after another at every position of a text, and the
    factored one only those that begin with the letter there (a seventh of the time on the
    registry's names). Two words that match at one position are a prefix of each other, and
    the longer is tried first in both forms, so both find the same matches."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in node.items() if char]
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return f"(?:{'|'.join(branches)}{'|' if '' in node else ''})" if branches else ""

    return pattern(trie) or "(?!)"


class Registry:
    """Look-ups by credited name and by domain."""

    def __init__(self, publishers: list[Publisher]) -> None:
        self.publishers = publishers
        self._by_key: dict[str, Publisher] = {}
        self._by_domain: dict[str, Publisher] = {}
        for pub in publishers:
            for alias in (pub.name, *pub.aliases):
                self._by_key[name_key(alias)] = pub
            for domain in pub.domains:
                self._by_domain[domain.lower()] = pub
        # Longest first, and in one order from run to run, so that the pattern is the same
        # text each time (and its compiled form is found in `pattern_cache`).
        names = sorted({a for p in publishers for a in (p.name, *p.aliases)},
                       key=lambda name: (-len(name), name))
        # Short upper-case forms ("AP", "AFP") only count as written; longer names in any case.
        # Names in unspaced scripts stand in the text without word breaks around them.
        exact = literal_alternation(n for n in names if len(n) <= 4 and not UNSPACED.search(n))
        loose = literal_alternation(n for n in names if len(n) > 4 and not UNSPACED.search(n))
        unspaced = literal_alternation(n for n in names if UNSPACED.search(n))
        self._pattern = re.compile(
            rf"(?<![\w-])(?:(?i:(?:the\s+)?{loose})|{exact})(?![\w-])|{unspaced}")

    def lookup(self, name: str | None) -> Publisher | None:
        """The publisher credited as `name` ("National Public Radio" -> NPR), if known. A
        short name in mixed case ("AgE", Agra-Europe) is no initialism's other spelling: it
        matches only as written."""
        if not name:
            return None
        key = name_key(name)
        pub = self._by_key.get(key)
        if pub is not None and len(key) <= SHORT and not _plain_case(name.strip()):
            written = {a for a in (pub.name, *pub.aliases) if name_key(a) == key}
            return pub if name.strip() in written else None
        return pub

    def for_host(self, host: str | None) -> Publisher | None:
        """The publisher whose own site `host` is (subdomains included)."""
        host = (host or "").lower().removeprefix("www.")
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.partition(".")[2]
        return None

    def resolve(self, text: str | None) -> Publisher | None:
        """The publisher that `text` names as a whole: a credited name, a domain of its own or
        a URL on one ("npr.org", "https://www.npr.org/2024/...")."""
        if not text:
            return None
        return self.lookup(text) or self.for_host(host_of(text))

    def find(self, text: str) -> list[tuple[re.Match[str], Publisher]]:
        """Every publisher name written in `text`, with where it stands."""
        found = []
        for match in self._pattern.finditer(text):
            pub = self.lookup(match.group(0))
            if pub is not None:
                found.append((match, pub))
        return found


_HEADER = re.compile(r"\s*\[\[\s*publisher\s*\]\]")


def _line_of(raw: str, needle: str, entry: int = 0) -> int:
    """Line of `needle` (quoted) in the `entry`-th [[publisher]] table, else its first line."""
    lines = raw.splitlines()
    headers = [n for n, line in enumerate(lines) if _HEADER.match(line)]
    spans = [(0, len(lines))]
    if entry < len(headers):
        end = headers[entry + 1] if entry + 1 < len(headers) else len(lines)
        spans.insert(0, (headers[entry], end))
    for start, end in spans:
        for number in range(start, end):
            if f'"{needle}"' in lines[number]:
                return number + 1
    return 0


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def parse_registry(raw: str, origin: str) -> Registry:
    """Build a registry from TOML text; ConfigError names the file and line of any problem."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: {exc}") from None
    publishers, owner = [], {}
    for index, entry in enumerate(data.get("publisher", [])):
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{origin}: a [[publisher]] has no name")

        def at(text: str = name, index: int = index) -> str:  # looked up only for an error
            return f"{origin}:{_line_of(raw, text, index)}"
        unknown = sorted(set(entry) - KEYS)
        if unknown:
            raise ConfigError(f"{at()}: {name!r}: unknown key {unknown[0]!r} "
                              f"(expected {', '.join(sorted(KEYS - {'wire'}))})")
        aliases, domains = entry.get("aliases", []), entry.get("domains", [])
        wire, country = entry.get("wire", False), entry.get("country")
        kind = entry.get("kind", "agency" if wire is True else "newspaper")
        if not (_strings(aliases) and _strings(domains) and isinstance(wire, bool)):
            raise ConfigError(f"{at()}: {name!r}: aliases and domains must be lists "
                              "of strings, wire true or false")
        if kind not in NEWS_KINDS + NON_NEWS_KINDS:
            raise ConfigError(f"{at()}: {name!r}: kind {kind!r} is none of "
                              f"{', '.join(NEWS_KINDS + NON_NEWS_KINDS)}")
        if country is not None and not (isinstance(country, str)
                                        and re.fullmatch(r"[A-Z]{2}", country)):
            raise ConfigError(f"{at()}: {name!r}: country {country!r} is not a "
                              "two-letter ISO code")
        bad = next((d for d in domains if host_of(d) != d.lower()), None)
        if bad is not None:
            raise ConfigError(f"{at()}: {name!r}: domain {bad!r} is not a bare host "
                              "name (no scheme, path or www.)")
        pub = Publisher(name, tuple(aliases), tuple(d.lower() for d in domains), kind, country)
        keys = [("name", a, name_key(a)) for a in {name, *pub.aliases}]
        keys += [("domain", d, d.lower()) for d in pub.domains]
        for kind, text, key in keys:
            if owner.get((kind, key), (index, name))[0] != index:
                raise ConfigError(
                    f"{at(text)}: {kind} {text!r} of {name!r} "
                    f"is already claimed by {owner[(kind, key)][1]!r}"
                )
            owner[(kind, key)] = (index, name)
        publishers.append(pub)
    return Registry(publishers)


@lru_cache(maxsize=4)
def load_registry(path: Path = DEFAULT_PATH) -> Registry:
    """The registry from `path` (default `data/publishers.toml`), read once per process."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read publisher registry: {exc.strerror}") from None
    return parse_registry(raw, str(path))
