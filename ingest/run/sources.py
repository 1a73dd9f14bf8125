"""The crawl registry: `data/sources.toml`, the sites a scheduled `ingest crawl` visits and
where it starts on each (feeds, sitemaps, section pages).

Users edit the file by hand and cron runs it unattended, so the loader is strict: a typo'd key,
a start URL the crawl would silently drop as off-site, a regex or time zone that only fails
mid-run, all refuse the file up front with one line naming the file and line to fix.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ingest.core.data_files import user_file
from ingest.core.errors import ConfigError

DEFAULT_PATH = user_file("sources.toml")
DEFAULT_MIN_INTERVAL = timedelta(hours=1)
DEFAULT_MAX_DEPTH = 1

START_KEYS = ("feeds", "sitemaps", "pages")
LIST_KEYS = (*START_KEYS, "allowed_domains")
KNOWN_KEYS = frozenset({"name", "title", *LIST_KEYS, "article_pattern", "language", "timezone",
                        "min_interval", "refresh_after", "max_depth"})

_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_INTERVAL = re.compile(r"(\d+)\s*([smhdw])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_HEADER = re.compile(r"""\s*\[\[\s*(?:source|"source"|'source')\s*\]\]\s*(?:#.*)?""")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True, slots=True)
class Source:
    """One crawlable site: where a crawl starts, what it may follow, and how often."""

    name: str
    title: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    article_pattern: str | None = None
    language: str | None = None
    timezone: str | None = None
    min_interval: timedelta = DEFAULT_MIN_INTERVAL
    refresh_after: timedelta | None = None
    max_depth: int = DEFAULT_MAX_DEPTH

    @property
    def start_urls(self) -> tuple[str, ...]:
        """Every start point: feeds, then sitemaps, then section pages."""
        return (*self.feeds, *self.sitemaps, *self.pages)

    @property
    def article_re(self) -> re.Pattern[str] | None:
        """The compiled `article_pattern` (the `re` module caches the compilation)."""
        return re.compile(self.article_pattern) if self.article_pattern else None

    @property
    def domains(self) -> tuple[str, ...]:
        """Hosts the crawl may follow; without `allowed_domains`, those of the start URLs.

        A leading "www." is dropped so that a site's bare and www. hosts both count.
        """
        hosts = self.allowed_domains or tuple(_http_host(url) or "" for url in self.start_urls)
        return tuple(dict.fromkeys(h.lower().removeprefix("www.") for h in hosts if h))

    def allows(self, url: str) -> bool:
        """True when `url` is http(s) on one of `domains` or a subdomain of one."""
        host = _http_host(url)
        return bool(host) and any(host == d or host.endswith("." + d) for d in self.domains)


def _http_host(url: str) -> str | None:
    """The lower-cased host of an http(s) URL; None for any other or malformed URL."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:  # such as "http://[oops"
        return None
    return host if parts.scheme in ("http", "https") and host else None


def parse_interval(text: str) -> timedelta:
    """Read "30s", "15m", "1h", "2d" or "1w" as a timedelta; ValueError for anything else."""
    match = _INTERVAL.fullmatch(text.strip().lower()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not an interval: {text!r} (write a whole number and s, m, h, d or w, "
                         'such as "30m" or "2d")')
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


class _Locator:
    """Line numbers for messages: tomllib keeps none, so they are found in the raw text."""

    def __init__(self, raw: str) -> None:
        self.lines = raw.splitlines()
        self.headers = [n for n, line in enumerate(self.lines) if _HEADER.fullmatch(line)]

    def line(self, index: int, key: str | None = None, needle: str | None = None) -> int:
        """Line of `needle`, else of `key = `, in the `index`-th [[source]]; else its header."""
        if index >= len(self.headers):
            return 1
        start = self.headers[index]
        end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines)
        if needle:
            # The value as written, quoted, before any line that merely contains it.
            for form in (f'"{needle}"', f"'{needle}'", needle):
                for number in range(start, end):
                    if form in self.lines[number]:
                        return number + 1
        if key:
            k = re.escape(key)
            pattern = re.compile(rf"""\s*(?:{k}|"{k}"|'{k}')\s*=""")
            for number in range(start, end):
                if pattern.match(self.lines[number]):
                    return number + 1
        return start + 1

    def top_level(self, key: str) -> int:
        """Line of a top-level key or table header named `key`."""
        k = re.escape(key)
        pattern = re.compile(rf"""\s*(?:\[+\s*)?(?:{k}|"{k}"|'{k}')\s*(?:[=.\]]|$)""")
        return next((n + 1 for n, line in enumerate(self.lines) if pattern.match(line)), 1)


def _close(word: str, choices: Iterable[str]) -> str:
    """Return " (did you mean 'x'?)" when `word` looks like a typo of one of `choices`."""
    choices = sorted(choices)
    prefixed = [c for c in choices if word and c.startswith(word)]
    matches = list(dict.fromkeys(prefixed + difflib.get_close_matches(word, choices, n=3)))[:3]
    return f" (did you mean {' or '.join(repr(m) for m in matches)}?)" if matches else ""


def _entry(entry: dict[str, object], index: int, where: _Locator, origin: str) -> Source:
    """Check one [[source]] table and build its Source; ConfigError on the first problem."""

    def fail(what: str, key: str | None = None, needle: str | None = None) -> ConfigError:
        line = where.line(index, key, needle)
        label = f"source {entry['name']!r}" if isinstance(entry.get("name"), str) else (
            f"[[source]] #{index + 1}")
        return ConfigError(f"{origin}:{line}: {label}: {what}")

    for key in entry:
        if key not in KNOWN_KEYS:
            raise fail(f"unknown key {key!r}{_close(key, KNOWN_KEYS)}", key)
    name = entry.get("name")
    if name is None:
        raise fail("has no name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise fail(f"bad name {name!r}: use lowercase letters, digits and '-'", "name")
    title = entry.get("title", name)
    if not isinstance(title, str) or not title.strip():
        raise fail("title must be a non-empty string", "title")

    lists: dict[str, tuple[str, ...]] = {}
    for key in LIST_KEYS:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"{key} must be a list of strings, such as {key} = [\"...\"]", key)
        lists[key] = tuple(v.strip() for v in value)
    if not any(lists[key] for key in START_KEYS):
        raise fail("no start point: give at least one of feeds, sitemaps or pages")
    for key in START_KEYS:
        for url in lists[key]:
            if _http_host(url) is None:
                raise fail(f"{key}: {url!r} is not an http(s) URL", key, url)
    domains = tuple(d.lower() for d in lists["allowed_domains"])
    for domain in domains:
        if not _HOST.fullmatch(domain):
            raise fail(f"allowed_domains: {domain!r} is not a host name (write it without "
                       "scheme or path, such as \"example.com\")", "allowed_domains", domain)

    texts: dict[str, str | None] = {}
    for key in ("article_pattern", "language", "timezone", "min_interval", "refresh_after"):
        value = entry.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise fail(f"{key} must be a non-empty string", key)
        texts[key] = value.strip() if isinstance(value, str) else None
    if texts["article_pattern"] is not None:
        try:
            re.compile(texts["article_pattern"])
        except re.error as exc:
            raise fail(f"article_pattern is not a valid regex: {exc}", "article_pattern") from None
    if texts["language"] is not None and not _LANGUAGE.fullmatch(texts["language"]):
        raise fail(f"language {texts['language']!r} is not a BCP 47 tag such as \"en\" or "
                   "\"pt-BR\"", "language")
    if texts["timezone"] is not None:
        try:
            ZoneInfo(texts["timezone"])
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise fail(f"unknown timezone {texts['timezone']!r} (use an IANA name such as "
                       "\"Europe/Berlin\")", "timezone") from None
    intervals: dict[str, timedelta | None] = {}
    for key in ("min_interval", "refresh_after"):
        try:
            intervals[key] = parse_interval(texts[key]) if texts[key] is not None else None
        except ValueError as exc:
            raise fail(f"{key}: {exc}", key) from None
    min_interval = intervals["min_interval"]
    if min_interval is None:
        min_interval = DEFAULT_MIN_INTERVAL
    max_depth = entry.get("max_depth", DEFAULT_MAX_DEPTH)
    if isinstance(max_depth, bool) or not isinstance(max_depth, int) or max_depth < 0:
        raise fail(f"max_depth must be a whole number 0 or more, not {max_depth!r}", "max_depth")

    source = Source(
        name=name, title=title.strip(), feeds=lists["feeds"], sitemaps=lists["sitemaps"],
        pages=lists["pages"], allowed_domains=domains, article_pattern=texts["article_pattern"],
        language=texts["language"], timezone=texts["timezone"],
        min_interval=min_interval, refresh_after=intervals["refresh_after"], max_depth=max_depth,
    )
    # An off-site start URL would be fetched but every link from it dropped: say so now.
    for url in source.start_urls:
        if not source.allows(url):
            raise fail(f"start URL {url!r} is outside allowed_domains", None, url)
    return source


def parse_sources(raw: str, origin: str) -> list[Source]:
    """The sources in TOML text; ConfigError "{origin}:{line}: ..." names any problem."""
    where = _Locator(raw)
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else max(len(where.lines), 1)
        raise ConfigError(f"{origin}:{line}: invalid TOML: {exc}") from None
    for key in data:
        if key != "source":
            raise ConfigError(f"{origin}:{where.top_level(key)}: unknown top-level key "
                              f"{key!r}{_close(key, ['source'])}; write each source as a "
                              "[[source]] table")
    entries = data.get("source", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError(f"{origin}:{where.top_level('source')}: 'source' must be [[source]] "
                          "tables")
    sources: list[Source] = []
    first: dict[str, int] = {}
    for index, entry in enumerate(entries):
        source = _entry(entry, index, where, origin)
        if source.name in first:
            raise ConfigError(
                f"{origin}:{where.line(index, 'name')}: duplicate source name {source.name!r} "
                f"(first at line {where.line(first[source.name], 'name')})")
        first[source.name] = index
        sources.append(source)
    return sources


def load_sources(path: Path = DEFAULT_PATH) -> list[Source]:
    """The sources in `path` (default `data/sources.toml`)."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read sources: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read sources: not UTF-8 ({exc.reason} at byte "
                          f"{exc.start})") from None
    return parse_sources(raw, str(path))


def select(sources: Sequence[Source], names: Iterable[str]) -> list[Source]:
    """The sources named, in the order given (each once); all of them when `names` is empty.

    A name that is not in the file is an error rather than skipped: a scheduled job with a
    typo would otherwise crawl nothing, quietly, every night.
    """
    wanted = list(dict.fromkeys([names] if isinstance(names, str) else names))
    if not wanted:
        return list(sources)
    by_name = {s.name: s for s in sources}
    unknown = [n for n in wanted if n not in by_name]
    if unknown:
        problems = [f"unknown source {n!r}{_close(n, by_name)}" for n in unknown]
        raise ConfigError("; ".join(problems))
    return [by_name[n] for n in wanted]
