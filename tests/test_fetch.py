from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from ingest.core.errors import ExtractError, FetchError
from ingest.run.fetch import FetchSettings, fetch
from tests.http_site import Response, Site, hang, page, redirect, reset

BIG = 20 * 1024 * 1024
FAST = FetchSettings(timeout=2.0, retries=2, sleep=lambda seconds: None, allow_private=True)


def test_page_after_redirect(http_site: Site) -> None:
    http_site.route("/old", redirect("/news/story"))
    http_site.route("/news/story", page("<html><p>story</p></html>", x_extra="yes"))

    result = fetch(http_site.url("/old"), settings=FAST, source="example")

    assert result.url == http_site.url("/old")
    assert result.final_url == http_site.url("/news/story")
    assert result.status == 200
    assert result.body == b"<html><p>story</p></html>"
    assert result.headers["content-type"] == "text/html; charset=utf-8"
    assert result.headers["x-extra"] == "yes"
    assert result.source == "example"
    assert result.fetched_at.tzinfo is not None
    assert abs(result.fetched_at - datetime.now(UTC)) < timedelta(seconds=10)
    request = http_site.requests["/news/story"][0]
    assert request.headers["user-agent"].startswith("news-ingest/")
    assert request.headers["accept"] == "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


def test_transient_503_then_success(http_site: Site) -> None:
    http_site.route("/flaky", [503, 503, page()])
    assert fetch(http_site.url("/flaky"), settings=FAST).status == 200
    assert http_site.hits["/flaky"] == 3


def test_500_forever_gives_up(http_site: Site) -> None:
    waits: list[float] = []
    settings = replace(FAST, retries=3, sleep=waits.append, backoff_initial=0.5, backoff_max=2)
    http_site.route("/broken", 500)

    with pytest.raises(FetchError) as info:
        fetch(http_site.url("/broken"), settings=settings)

    assert info.value.reason == "http_500"
    assert info.value.attempts == 4
    assert info.value.stage == "fetch"
    assert http_site.hits["/broken"] == 4
    assert len(waits) == 3
    assert all(0 <= wait <= 2 for wait in waits)  # jittered, bounded by backoff_max


def test_404_is_not_retried(http_site: Site) -> None:
    with pytest.raises(FetchError) as info:
        fetch(http_site.url("/missing"), settings=FAST)
    assert info.value.reason == "http_404"
    assert info.value.attempts == 1
    assert http_site.hits["/missing"] == 1


def test_retry_after_is_really_waited(http_site: Site) -> None:
    busy = Response(429, {"Retry-After": "1"}, b"slow down")
    http_site.route("/busy", [busy, page()])

    busy = FetchSettings(timeout=2.0, allow_private=True)
    assert fetch(http_site.url("/busy"), settings=busy).status == 200

    first, second = http_site.times["/busy"]
    assert second - first >= 1.0


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_sets_the_wait(http_site: Site, status: int) -> None:
    waits: list[float] = []
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    http_site.route("/busy", [
        Response(status, {"Retry-After": "7"}),
        Response(status, {"Retry-After": later}),
        Response(status, {"Retry-After": "9999"}),
        page(),
    ])

    fetch(http_site.url("/busy"), settings=replace(FAST, retries=3, sleep=waits.append))

    assert waits[0] == 7
    assert 25 <= waits[1] <= 30
    assert waits[2] == 120  # retry_after_cap


def test_hang_times_out(http_site: Site) -> None:
    http_site.route("/slow", hang(30))
    settings = replace(FAST, timeout=0.5, retries=1)

    with pytest.raises(FetchError) as info:
        fetch(http_site.url("/slow"), settings=settings)

    assert info.value.reason == "timeout"
    assert info.value.attempts == 2
    assert http_site.hits["/slow"] == 2


def test_connection_reset(http_site: Site) -> None:
    http_site.route("/reset", reset())
    with pytest.raises(FetchError) as info:
        fetch(http_site.url("/reset"), settings=FAST)
    assert info.value.reason == "connection_error"
    assert info.value.attempts == 3
    assert http_site.hits["/reset"] == 3


def test_reset_then_success(http_site: Site) -> None:
    http_site.route("/once", [reset(), page()])
    assert fetch(http_site.url("/once"), settings=FAST).body.startswith(b"<html>")


def test_connection_refused() -> None:
    site = Site()  # bound but never serving, then closed: nothing listens on the port
    url = site.url("/")
    site.server.server_close()
    with pytest.raises(FetchError) as info:
        fetch(url, settings=FAST)
    assert info.value.reason == "connection_error"


def test_redirect_loop(http_site: Site) -> None:
    http_site.route("/a", redirect("/b"))
    http_site.route("/b", redirect("/a"))
    with pytest.raises(FetchError) as info:
        fetch(http_site.url("/a"), settings=FAST)
    assert info.value.reason == "redirect_loop"
    assert http_site.hits["/a"] + http_site.hits["/b"] == 2  # refused on the way back to /a


def test_too_many_redirects(http_site: Site) -> None:
    for n in range(12):
        http_site.route(f"/r{n}", redirect(f"/r{n + 1}"))
    with pytest.raises(FetchError) as info:
        fetch(http_site.url("/r0"), settings=FAST)
    assert (info.value.reason, info.value.detail) == ("redirect_loop", "more than 10 redirects")
    assert sum(http_site.hits.values()) == 11  # the first request and 10 redirects


@pytest.mark.parametrize("chunked", [False, True])
def test_too_large(http_site: Site, chunked: bool) -> None:
    body = b"<html>" + b"x" * BIG
    http_site.route("/big", Response(200, {"Content-Type": "text/html"}, body, chunked=chunked))

    with pytest.raises(FetchError) as info:
        fetch(http_site.url("/big"), settings=FAST)

    assert info.value.reason == "too_large"
    assert ("content-length" in info.value.detail) is not chunked  # refused before reading
    assert http_site.hits["/big"] == 1


def test_small_cap_counts_streamed_bytes(http_site: Site) -> None:
    http_site.route("/page", Response(200, {}, b"<html>" + b"x" * 5000, chunked=True))
    with pytest.raises(FetchError, match="too_large"):
        fetch(http_site.url("/page"), settings=replace(FAST, max_bytes=4096))
    assert fetch(http_site.url("/page"), settings=replace(FAST, max_bytes=5006)).status == 200


def test_pdf_is_not_html(http_site: Site) -> None:
    http_site.route("/doc.pdf", Response(200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"))
    with pytest.raises(ExtractError) as info:
        fetch(http_site.url("/doc.pdf"), settings=FAST)
    assert info.value.reason == "not_html"
    assert info.value.detail == "content-type application/pdf"
    assert http_site.hits["/doc.pdf"] == 1


def no_network(request: httpx.Request) -> httpx.Response:
    raise AssertionError("a request was made")


@pytest.mark.parametrize("url", ["not a url", "http://", "", "http://exa mple.com/"])
def test_bad_url_makes_no_request(url: str) -> None:
    client = httpx.Client(transport=httpx.MockTransport(no_network))
    with pytest.raises(FetchError) as info:
        fetch(url, settings=FAST, client=client)
    assert info.value.reason == "bad_url"
    assert info.value.detail == f"not an http(s) URL: {url}"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/robots.txt",
                                 "htp://x", "data:text/html,<p>x</p>"])
def test_other_schemes_are_refused_before_any_request(url: str) -> None:
    client = httpx.Client(transport=httpx.MockTransport(no_network))
    with pytest.raises(FetchError) as info:
        fetch(url, settings=FAST, client=client)
    assert info.value.reason == "blocked_scheme"
    assert info.value.attempts == 0


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://10.0.0.8/", "http://[::1]/",
                                 "http://192.168.1.1/admin", "http://localhost/"])
def test_private_addresses_need_allow_private(url: str) -> None:
    client = httpx.Client(transport=httpx.MockTransport(no_network))
    with pytest.raises(FetchError) as info:
        fetch(url, settings=replace(FAST, allow_private=False), client=client)
    assert info.value.reason == "blocked_address"
    assert "--allow-private" in info.value.detail


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/",
                                 "http://[fe80::1]/", "http://0.0.0.0/", "http://224.0.0.1/",
                                 "http://[::ffff:169.254.169.254]/"])
def test_link_local_and_reserved_addresses_are_never_fetched(url: str) -> None:
    client = httpx.Client(transport=httpx.MockTransport(no_network))
    with pytest.raises(FetchError) as info:
        fetch(url, settings=FAST, client=client)  # even with allow_private
    assert info.value.reason == "blocked_address"


def test_a_name_resolving_to_the_metadata_address_is_refused() -> None:
    client = httpx.Client(transport=httpx.MockTransport(no_network))
    settings = replace(FAST, resolve=lambda host: ["93.184.216.34", "169.254.169.254"])
    with pytest.raises(FetchError) as info:
        fetch("http://rebind.example/", settings=settings, client=client)
    assert info.value.reason == "blocked_address"


@pytest.mark.parametrize(("location", "reason"), [
    ("http://169.254.169.254/latest/meta-data/", "blocked_address"),
    ("file:///etc/passwd", "blocked_scheme"),
    ("http://other.example/story", "offsite_redirect"),
])
def test_redirects_are_checked_like_links(http_site: Site, location: str, reason: str) -> None:
    http_site.route("/go", redirect(location))
    with pytest.raises(FetchError) as info:
        fetch(http_site.url("/go"), settings=FAST)
    assert info.value.reason == reason
    assert http_site.hits["/go"] == 1


def test_a_redirect_to_another_port_leaves_the_site(http_site: Site) -> None:
    other = Site().start()
    try:
        other.route("/story", page())
        http_site.route("/go", redirect(other.url("/story")))
        with pytest.raises(FetchError) as info:
            fetch(http_site.url("/go"), settings=FAST)
        assert info.value.reason == "offsite_redirect"
        assert other.hits["/story"] == 0
    finally:
        other.stop()


def test_caller_client_is_used_and_left_open(http_site: Site) -> None:
    http_site.route("/", page())
    with httpx.Client() as client:
        assert fetch(http_site.url("/"), settings=FAST, client=client).status == 200
        assert not client.is_closed
