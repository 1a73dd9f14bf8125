"""The crawl registry: the shipped `data/sources.toml`, the loader's refusals (each naming the
right line), intervals, `select()` and `Source.allows()`."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ingest.core.errors import ConfigError
from ingest.core.publishers import DATA_DIR
from ingest.run.sources import (
    DEFAULT_MIN_INTERVAL,
    DEFAULT_PATH,
    Source,
    load_sources,
    parse_interval,
    parse_sources,
    select,
)


@pytest.fixture(scope="module")
def shipped() -> list[Source]:
    return load_sources()


def refused(raw: str, origin: str = "s.toml") -> str:
    """The one-line message parse_sources refuses `raw` with."""
    with pytest.raises(ConfigError) as info:
        parse_sources(raw, origin)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- the shipped file ------------------------------------------------------------------------


def test_default_path_is_the_shipped_file_in_a_checkout() -> None:
    assert DEFAULT_PATH.resolve() == (DATA_DIR / "sources.toml").resolve()


def test_shipped_sources_load(shipped: list[Source]) -> None:
    assert len(shipped) >= 24
    names = [s.name for s in shipped]
    assert len(names) == len(set(names))
    assert {"npr", "bbc-news", "guardian", "ap-news", "reuters"} <= set(names)
    assert all(s.title and s.language and s.timezone for s in shipped)


def test_shipped_start_urls_are_http_and_inside_allowed_domains(shipped: list[Source]) -> None:
    for source in shipped:
        assert source.start_urls, source.name
        for url in source.start_urls:
            assert urlsplit(url).scheme in ("http", "https"), (source.name, url)
            assert source.allows(url), (source.name, url)


def test_shipped_file_uses_every_kind_of_start_point(shipped: list[Source]) -> None:
    assert any(s.feeds for s in shipped)
    assert any(s.sitemaps for s in shipped)
    assert any(s.pages for s in shipped)
    # A section page is useless without a pattern telling articles from other links.
    assert all(s.article_re is not None for s in shipped if s.pages)


# --- a valid file ----------------------------------------------------------------------------

FULL = """\
# a comment
[[source]]
name = "alpha"
title = "Alpha Daily"
feeds = ["https://feeds.alpha.example/rss.xml"]
sitemaps = ["https://alpha.example/news-sitemap.xml"]
pages = ["https://www.alpha.example/world/"]
allowed_domains = ["Alpha.example"]
article_pattern = '/\\d{4}/\\d{2}/'
language = "en-GB"
timezone = "Europe/London"
min_interval = "15m"
refresh_after = "7d"
max_depth = 2

[[source]]
name = "beta-2"
pages = ["http://beta.example/"]
"""


def test_parse_full_and_minimal_entries() -> None:
    alpha, beta = parse_sources(FULL, "s.toml")
    assert alpha.name == "alpha" and alpha.title == "Alpha Daily"
    assert alpha.feeds == ("https://feeds.alpha.example/rss.xml",)
    assert alpha.sitemaps == ("https://alpha.example/news-sitemap.xml",)
    assert alpha.pages == ("https://www.alpha.example/world/",)
    assert alpha.allowed_domains == ("alpha.example",)
    assert alpha.article_re is not None and alpha.article_re.search("/2024/06/story")
    assert (alpha.language, alpha.timezone) == ("en-GB", "Europe/London")
    assert alpha.min_interval == timedelta(minutes=15)
    assert alpha.refresh_after == timedelta(days=7)
    assert alpha.max_depth == 2
    # Only a name and one start point are required.
    assert beta.title == "beta-2"
    assert (beta.feeds, beta.sitemaps, beta.allowed_domains) == ((), (), ())
    assert beta.article_pattern is None and beta.article_re is None
    assert beta.language is None and beta.timezone is None
    assert beta.min_interval == DEFAULT_MIN_INTERVAL
    assert beta.refresh_after is None
    assert beta.max_depth == 1


def test_empty_file_has_no_sources() -> None:
    assert parse_sources("# nothing yet\n", "s.toml") == []


# --- refusals, each naming the line ----------------------------------------------------------

HEAD = '# sources\n\n[[source]]\nname = "alpha"\nfeeds = ["https://alpha.example/rss"]\n'
# Line numbers in HEAD: 3 is the [[source]] header, 4 the name, 5 the feeds.


def test_toml_syntax_error_keeps_tomllib_line_and_column() -> None:
    message = refused(HEAD + 'pages = ["https://alpha.example/",\nlanguage = "en"\n')
    assert message.startswith("s.toml:7: ")
    assert "line 7, column" in message


def test_unterminated_string_is_reported_at_the_end() -> None:
    assert refused(HEAD + 'title = "Alpha\n').startswith("s.toml:")


def test_unknown_key_names_the_key_line_and_suggests() -> None:
    message = refused(HEAD + 'language = "en"\nfeed = ["https://alpha.example/x"]\n')
    assert message.startswith("s.toml:7: source 'alpha': unknown key 'feed'")
    assert "did you mean 'feeds'" in message


def test_unknown_top_level_table_is_refused() -> None:
    message = refused('[[sources]]\nname = "alpha"\nfeeds = ["https://alpha.example/"]\n')
    assert message.startswith("s.toml:1: unknown top-level key 'sources'")
    assert "did you mean 'source'" in message


def test_missing_name_names_the_table_header() -> None:
    raw = HEAD + '\n[[source]]\ntitle = "Nameless"\nfeeds = ["https://b.example/rss"]\n'
    message = refused(raw)
    assert message.startswith("s.toml:7: [[source]] #2: ")
    assert "no name" in message


@pytest.mark.parametrize("name", ["Alpha", "alpha beta", "alpha_beta", "-alpha", "", "ümlaut"])
def test_bad_name(name: str) -> None:
    raw = f'\n[[source]]\nname = "{name}"\nfeeds = ["https://alpha.example/rss"]\n'
    message = refused(raw)
    assert message.startswith("s.toml:3: ")
    assert "bad name" in message


def test_name_that_is_not_a_string() -> None:
    assert refused('[[source]]\nname = 7\npages = ["https://a.example/"]\n').startswith(
        "s.toml:2: [[source]] #1: bad name")


def test_duplicate_name_names_both_lines() -> None:
    raw = HEAD + '\n[[source]]\ntitle = "Again"\nname = "alpha"\npages = ["https://a.example/"]\n'
    message = refused(raw)
    assert message.startswith("s.toml:9: duplicate source name 'alpha'")
    assert "first at line 4" in message


def test_no_start_point() -> None:
    raw = '[[source]]\nname = "alpha"\nfeeds = []\nallowed_domains = ["alpha.example"]\n'
    message = refused(raw)
    assert message.startswith("s.toml:1: source 'alpha': no start point")


@pytest.mark.parametrize("url", ["ftp://alpha.example/rss", "alpha.example/rss", "https:///x",
                                 "javascript:alert(1)", "http://[oops/"])
def test_start_url_not_http(url: str) -> None:
    raw = f'[[source]]\nname = "alpha"\nfeeds = [\n  "https://alpha.example/ok",\n  "{url}",\n]\n'
    message = refused(raw)
    assert message.startswith("s.toml:5: source 'alpha': feeds: ")
    assert "not an http(s) URL" in message


def test_start_url_outside_allowed_domains() -> None:
    raw = HEAD + 'sitemaps = ["https://elsewhere.example/sitemap.xml"]\n'
    raw += 'allowed_domains = ["alpha.example"]\n'
    message = refused(raw)
    assert message.startswith("s.toml:6: source 'alpha': start URL ")
    assert "outside allowed_domains" in message


def test_allowed_domain_with_scheme_is_refused() -> None:
    message = refused(HEAD + 'allowed_domains = ["https://alpha.example/"]\n')
    assert message.startswith("s.toml:6: source 'alpha': allowed_domains:")


def test_regex_that_does_not_compile() -> None:
    message = refused(HEAD + "language = 'en'\narticle_pattern = '/(\\d{4}/'\n")
    assert message.startswith("s.toml:7: source 'alpha': article_pattern is not a valid regex")


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "America", "../etc/passwd", "EST5EDT6"])
def test_unknown_timezone(zone: str) -> None:
    message = refused(HEAD + f'timezone = "{zone}"\n')
    assert message.startswith("s.toml:6: source 'alpha': unknown timezone")


def test_bad_language_tag() -> None:
    assert refused(HEAD + 'language = "english please"\n').startswith(
        "s.toml:6: source 'alpha': language")


@pytest.mark.parametrize("key", ["min_interval", "refresh_after"])
@pytest.mark.parametrize("value", ['"1 hour"', '"1.5h"', '"h"', '"-1h"', "60"])
def test_bad_interval(key: str, value: str) -> None:
    message = refused(HEAD + f'language = "en"\n{key} = {value}\n')
    assert message.startswith(f"s.toml:7: source 'alpha': {key}")


@pytest.mark.parametrize("value", ["-1", "1.5", '"2"', "true"])
def test_bad_max_depth(value: str) -> None:
    message = refused(HEAD + f"max_depth = {value}\n")
    assert message.startswith("s.toml:6: source 'alpha': max_depth must be a whole number")


@pytest.mark.parametrize(("line", "expected"), [
    ('pages = "https://alpha.example/"', "pages must be a list of strings"),
    ('allowed_domains = "alpha.example"', "allowed_domains must be a list of strings"),
    ("sitemaps = [1, 2]", "sitemaps must be a list of strings"),
    ('feeds = ["https://alpha.example/a", ""]', "feeds must be a list of strings"),
    ("title = 5", "title must be a non-empty string"),
    ("article_pattern = ['/a/']", "article_pattern must be a non-empty string"),
])
def test_wrong_types(line: str, expected: str) -> None:
    raw = f'[[source]]\nname = "alpha"\n{line}\n'
    if not line.startswith(("feeds", "pages", "sitemaps")):
        raw += 'feeds = ["https://alpha.example/rss"]\n'
    message = refused(raw)
    assert message.startswith("s.toml:3: source 'alpha': " + expected)


def test_source_that_is_not_a_table() -> None:
    assert refused('source = "npr"\n').startswith("s.toml:1: 'source' must be [[source]] tables")


def test_errors_name_the_right_entry_among_several() -> None:
    raw = HEAD + '\n[[source]]\nname = "beta"\nfeeds = ["https://b.example/rss"]\n'
    raw += 'timezone = "Nowhere/Town"\n'
    assert refused(raw).startswith("s.toml:10: source 'beta': unknown timezone")


# --- load_sources ----------------------------------------------------------------------------


def test_load_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "sources.toml"
    with pytest.raises(ConfigError) as info:
        load_sources(missing)
    assert str(info.value) == f"{missing}: cannot read sources: No such file or directory"


def test_load_directory_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read sources"):
        load_sources(tmp_path)
    path = tmp_path / "sources.toml"
    path.write_bytes(b'[[source]]\nname = "caf\xe9"\n')
    with pytest.raises(ConfigError, match="cannot read sources: not UTF-8"):
        load_sources(path)


def test_load_names_the_path_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(HEAD + 'feed = ["https://alpha.example/"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{path}:6: source 'alpha': unknown key 'feed'"):
        load_sources(path)
    path.write_text(HEAD, encoding="utf-8")
    assert [s.name for s in load_sources(path)] == ["alpha"]


# --- parse_interval --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("30s", timedelta(seconds=30)),
    ("15m", timedelta(minutes=15)),
    ("1h", timedelta(hours=1)),
    ("2d", timedelta(days=2)),
    ("1w", timedelta(weeks=1)),
    (" 90m ", timedelta(minutes=90)),
    ("0s", timedelta(0)),
    ("12H", timedelta(hours=12)),
])
def test_parse_interval(text: str, expected: timedelta) -> None:
    assert parse_interval(text) == expected


@pytest.mark.parametrize("text", ["", "h", "1", "1y", "1.5h", "-1h", "1h30m", "one hour", None, 5])
def test_parse_interval_refuses(text: object) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)  # type: ignore[arg-type]


# --- select ----------------------------------------------------------------------------------


def test_select(shipped: list[Source]) -> None:
    assert select(shipped, []) == shipped
    picked = select(shipped, ["reuters", "npr", "reuters"])
    assert [s.name for s in picked] == ["reuters", "npr"]
    assert [s.name for s in select(shipped, "npr")] == ["npr"]


def test_select_unknown_name_suggests_close_ones(shipped: list[Source]) -> None:
    with pytest.raises(ConfigError) as info:
        select(shipped, ["npr", "reuter"])
    message = str(info.value)
    assert "unknown source 'reuter'" in message
    assert "did you mean 'reuters'" in message
    with pytest.raises(ConfigError, match=r"unknown source 'bbc' \(did you mean 'bbc-news'"):
        select(shipped, ["bbc"])
    with pytest.raises(ConfigError) as info:
        select(shipped, ["zzzzzz"])
    assert "did you mean" not in str(info.value)


# --- allows ----------------------------------------------------------------------------------


def test_allows_domains_and_subdomains() -> None:
    source = Source(name="bbc", title="BBC", feeds=("https://feeds.bbci.co.uk/news/rss.xml",),
                    allowed_domains=("bbc.co.uk", "bbci.co.uk"))
    assert source.allows("https://www.bbc.co.uk/news/articles/c1")
    assert source.allows("http://bbc.co.uk/news")
    assert source.allows("https://feeds.bbci.co.uk/news/rss.xml")
    assert source.allows("https://WWW.BBC.CO.UK/news")
    assert not source.allows("https://notbbc.co.uk/news")
    assert not source.allows("https://bbc.co.uk.evil.example/news")
    assert not source.allows("https://bbc.com/news")
    assert not source.allows("ftp://bbc.co.uk/file")
    assert not source.allows("mailto:someone@bbc.co.uk")
    assert not source.allows("/relative/path")
    assert not source.allows("http://[oops/")


def test_allows_falls_back_to_start_url_hosts() -> None:
    source = Source(name="x", title="X", feeds=("https://feeds.x.example/rss",),
                    pages=("https://www.x-news.example/world/",))
    assert source.allows("https://feeds.x.example/other")
    assert source.allows("https://sub.feeds.x.example/other")
    assert source.allows("https://x-news.example/2024/story")  # "www." counts as the site
    assert source.allows("https://www.x-news.example/2024/story")
    assert not source.allows("https://x.example/")
    assert not source.allows("https://other.example/")
