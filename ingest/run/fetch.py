"""One-off page download for `ingest fetch URL...`, on httpx with tenacity retries.

Crawls go through Scrapy; this path exists so a single URL can be ingested (or a failure
reproduced) without a spider. It must still be polite and bounded: transient failures
(timeouts, resets, 5xx, 408, 429) are retried with jittered exponential backoff, a server's
Retry-After is honoured, bodies are streamed with a hard size cap, and obvious non-HTML is
refused before its body is read. Every final failure is a `FetchError`/`ExtractError` with a
stable reason code, so the caller can record it as one `failures` row.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_random_exponential,
)

from ingest import __version__
from ingest.core.decode import is_html_content_type, media_type
from ingest.core.errors import ExtractError, FetchError, IngestError
from ingest.core.page import Page
from ingest.core.url_policy import Refused, UrlPolicy, resolve_host

if TYPE_CHECKING:
    import httpx  # loaded where a page is fetched: a crawl's process (which imports the retry
    # rules below) and `ingest import` never use it (4.4 MB and 0.07 s)

ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
MAX_REDIRECTS = 10
TIMEOUT_RETRIES = 1
"""Retries after a timeout: a server that did not answer in `timeout` seconds twice will not
answer on a third try, and four tries cost two minutes per URL (5xx keep all `retries`)."""


@dataclass(frozen=True)
class FetchSettings:
    """Knobs for `fetch`; the defaults suit a polite single-URL fetch."""

    timeout: float = 30.0
    """Seconds allowed for connecting and for each read."""
    retries: int = 3
    """Retries after the first attempt, for transient failures only."""
    max_bytes: int = 10 * 1024 * 1024
    """Larger bodies are refused (`too_large`), checked while streaming."""
    retry_after_cap: float = 120.0
    """Longest Retry-After wait honoured, so one server can't stall a run."""
    backoff_initial: float = 1.0
    backoff_max: float = 30.0
    user_agent: str = f"news-ingest/{__version__} (+https://github.com/news-ingest/news-ingest)"
    sleep: Callable[[float], None] = time.sleep
    """How retry waits are spent; injectable so tests need not wait."""
    allow_private: bool = False
    """Fetch hosts on loopback and private addresses (`--allow-private`; ingest.core.url_policy)."""
    resolve: Callable[[str], list[str]] = resolve_host
    """Host -> addresses, for the URL policy; injectable so tests need no DNS."""


DEFAULT_SETTINGS = FetchSettings()


class _Transient(FetchError):
    """A failure worth retrying; `retry_after` is the server's requested wait, if any."""

    def __init__(self, reason: str, detail: str, retry_after: float | None = None) -> None:
        super().__init__(reason, detail)
        self.retry_after = retry_after


def fetch(
    url: str,
    *,
    settings: FetchSettings = DEFAULT_SETTINGS,
    source: str | None = None,
    client: httpx.Client | None = None,
) -> Page:
    """Download `url` as a `Page`, retrying transient failures.

    Raises `FetchError` (bad_url, blocked_scheme, blocked_address, offsite_redirect,
    http_<status>, timeout, connection_error, redirect_loop, too_large) or `ExtractError`
    (not_html), with `attempts` set. Redirects are followed here, each checked by the URL
    policy like a link; a caller-supplied `client` keeps its transport, while headers and
    timeout come from `settings`.
    """
    check_url(url)
    attempts = timeouts = 0

    def attempt() -> Page:
        nonlocal attempts, timeouts
        attempts += 1
        try:
            return _fetch_once(http, url, settings, source)
        except _Transient as exc:
            timeouts += exc.reason == "timeout"
            if timeouts > TIMEOUT_RETRIES:
                raise FetchError(exc.reason, exc.detail) from exc
            raise

    retrying = Retrying(
        stop=stop_after_attempt(max(0, settings.retries) + 1),
        wait=_wait(settings),
        retry=retry_if_exception_type(_Transient),
        sleep=settings.sleep,
        reraise=True,
    )
    import httpx

    http = client or httpx.Client()
    try:
        return retrying(attempt)
    except _Transient as exc:
        raise FetchError(exc.reason, exc.detail, attempts=attempts) from exc.__cause__
    except IngestError as exc:
        exc.attempts = attempts
        raise
    finally:
        if client is None:
            http.close()


def check_url(url: str) -> None:
    """Refuse anything that is not an absolute http(s) URL before any network traffic: another
    scheme is `blocked_scheme` (ingest.core.url_policy), junk is `bad_url`."""
    import httpx

    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        parsed = None
    if parsed is not None and parsed.scheme and parsed.scheme not in ("http", "https"):
        raise Refused("blocked_scheme", f"{parsed.scheme}: URLs are never fetched: {url}",
                      attempts=0)
    host = parsed.host if parsed is not None and parsed.scheme in ("http", "https") else ""
    if not host or "%" in host:  # a percent-encoded host means spaces or junk in it
        raise FetchError("bad_url", f"not an http(s) URL: {url}", attempts=0)


def _fetch_once(
    client: httpx.Client, url: str, settings: FetchSettings, source: str | None
) -> Page:
    """One GET, redirects followed one at a time, each allowed by the URL policy like a link
    and kept on the site (ingest.core.url_policy); status, content-type and size checks, mapped
    to reason codes."""
    import httpx

    headers = {"User-Agent": settings.user_agent, "Accept": ACCEPT}
    policy = UrlPolicy(allow_private=settings.allow_private)
    chain = [url]
    policy.check(url, settings.resolve)
    try:
        while True:
            with client.stream("GET", chain[-1], headers=headers, timeout=settings.timeout,
                               follow_redirects=False) as response:
                following = response.next_request
                if not response.is_redirect or following is None:
                    return _page(response, url, settings, source)
            target = str(following.url)
            policy.check(target, settings.resolve)
            _follow(policy, chain, target)
    except httpx.TimeoutException as exc:
        raise _Transient("timeout", f"{type(exc).__name__} after {settings.timeout}s") from exc
    except httpx.UnsupportedProtocol as exc:  # a redirect to file://, ftp:// or mailto:
        raise Refused("blocked_scheme", f"{chain[-1]} redirected to a non-http(s) URL: "
                                        f"{exc}") from exc
    except httpx.TransportError as exc:  # connect/read errors, resets, protocol violations
        raise _Transient("connection_error", f"{type(exc).__name__}: {exc}") from exc
    except httpx.DecodingError as exc:  # corrupt gzip/brotli content-encoding
        raise FetchError("bad_response", str(exc)) from exc


def _follow(policy: UrlPolicy, chain: list[str], target: str) -> None:
    """Add a redirect's target (allowed as a link) to `chain`: refused off the first URL's
    site, back to a URL of the chain (`redirect_loop`) or past MAX_REDIRECTS."""
    policy.check_redirect(chain[0], target)
    if target in chain:
        raise FetchError("redirect_loop", f"redirect loop back to {target}")
    if len(chain) > MAX_REDIRECTS:
        raise FetchError("redirect_loop", f"more than {MAX_REDIRECTS} redirects")
    chain.append(target)


def _page(response: httpx.Response, url: str, settings: FetchSettings,
          source: str | None) -> Page:
    """The page of a final response, or the failure its status, type or size makes it."""
    _check_status(response)
    content_type = response.headers.get("content-type")
    if content_type and not is_html_content_type(content_type):
        raise ExtractError("not_html", f"content-type {media_type(content_type)}")
    return Page(
        url=url,
        body=_read_capped(response, settings.max_bytes),
        final_url=str(response.url),
        status=response.status_code,
        headers={name.lower(): value for name, value in response.headers.items()},
        fetched_at=datetime.now(UTC),
        source=source,
    )


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    detail = f"HTTP {status} {response.reason_phrase} from {response.url}".rstrip()
    if status >= 500 or status in (408, 429):
        retry_after = None
        if status in (429, 503):
            retry_after = retry_after_seconds(response.headers.get("retry-after"))
        raise _Transient(f"http_{status}", detail, retry_after)
    raise FetchError(f"http_{status}", detail)


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date); None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """Stream the body, stopping as soon as it is known to exceed `max_bytes`."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError("too_large", f"content-length {declared} > {max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decoded bytes, so gzip bombs are capped too
        size += len(chunk)
        if size > max_bytes:
            raise FetchError("too_large", f"body exceeds {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _wait(settings: FetchSettings) -> Callable[[RetryCallState], float]:
    """Jittered exponential backoff, unless the server said how long to wait."""
    # Full jitter: uniform(0, min(backoff_max, backoff_initial * 2**(attempt - 1))).
    backoff = wait_random_exponential(multiplier=settings.backoff_initial, max=settings.backoff_max)

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Transient) and error.retry_after is not None:
            return min(error.retry_after, settings.retry_after_cap)
        return backoff(state)

    return wait
