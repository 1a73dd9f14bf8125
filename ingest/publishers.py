"""The publisher registry: `data/publishers.toml`, outlets and wire services with the names
they are credited under and the domains they publish on.

Users extend it without code. The loader refuses a file it cannot trust (a name, alias or
domain claimed twice) with a message naming the line, because a silent clash would credit
stories to the wrong outlet.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.errors import ConfigError

DATA_DIR = Path(os.environ.get("INGEST_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))
DEFAULT_PATH = DATA_DIR / "publishers.toml"


@dataclass(frozen=True, slots=True)
class Publisher:
    """One outlet or wire service."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    wire: bool = False


def name_key(name: str) -> str:
    """How names are compared: case-folded, "the" and surrounding punctuation dropped."""
    key = " ".join(name.casefold().split())
    key = re.sub(r"^the\s+", "", key)
    return key.strip(" .,;:!-–—|()")


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
        names = sorted({a for p in publishers for a in (p.name, *p.aliases)}, key=len, reverse=True)
        # Short upper-case forms ("AP", "AFP") only count as written; longer names in any case.
        exact = [re.escape(n) for n in names if len(n) <= 4]
        loose = [re.escape(n) for n in names if len(n) > 4]
        self._pattern = re.compile(
            rf"(?<![\w-])(?:(?i:(?:the\s+)?(?:{'|'.join(loose)}))|{'|'.join(exact)})(?![\w-])"
        )

    def lookup(self, name: str | None) -> Publisher | None:
        """The publisher credited as `name` ("National Public Radio" -> NPR), if known."""
        return self._by_key.get(name_key(name)) if name else None

    def for_host(self, host: str | None) -> Publisher | None:
        """The publisher whose own site `host` is (subdomains included)."""
        host = (host or "").lower().removeprefix("www.")
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.partition(".")[2]
        return None

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
        aliases, domains = entry.get("aliases", []), entry.get("domains", [])
        wire = entry.get("wire", False)
        if not (_strings(aliases) and _strings(domains) and isinstance(wire, bool)):
            raise ConfigError(f"{origin}:{_line_of(raw, name, index)}: {name!r}: aliases and "
                              "domains must be lists of strings, wire true or false")
        pub = Publisher(name, tuple(aliases), tuple(domains), wire)
        keys = [("name", a, name_key(a)) for a in {name, *pub.aliases}]
        keys += [("domain", d, d.lower()) for d in pub.domains]
        for kind, text, key in keys:
            if owner.get((kind, key), (index, name))[0] != index:
                raise ConfigError(
                    f"{origin}:{_line_of(raw, text, index)}: {kind} {text!r} of {name!r} "
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
