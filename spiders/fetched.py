"""From Scrapy's responses and failures to the core's `Page` / `PageFailure` items."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from twisted.python.failure import Failure

from ingest.core.errors import FetchError
from ingest.core.page import Page, PageFailure

from .middlewares import RedirectLoop, TooLargeDecompressed
from .url_guard import RefusedUrl


def fetched(response: Response, source: str | None = None) -> Page | PageFailure:
    """The fetched page as the core sees it (with the URL first requested and the final one),
    or, for an HTTP error status that retries did not cure, its failure."""
    request = response.request
    first = request.meta.get("redirect_urls", [response.url])[0]
    if response.status >= 400:
        attempts = request.meta.get("retry_times", 0) + 1
        return PageFailure(first, FetchError(f"http_{response.status}",
                                             f"HTTP {response.status}", attempts=attempts))
    headers = {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1")
               for k, v in response.headers.items()}
    return Page(url=first, final_url=response.url, status=response.status, headers=headers,
                body=response.body, fetched_at=datetime.now(UTC), source=source,
                hints=request.cb_kwargs.get("hints", {}))


def failure_item(failure: Failure) -> PageFailure | None:
    """A final download failure as a `failures` row to be, with its reason code.

    None for requests Scrapy chose not to make (robots.txt): those are counted in the crawl's
    stats (`robotstxt/forbidden`), not failures. A URL the URL policy refused is a failure
    with the policy's reason (blocked_scheme, blocked_address, offsite_redirect).
    """
    if failure.check(IgnoreRequest) and not failure.check(RedirectLoop, RefusedUrl,
                                                          TooLargeDecompressed):
        return None
    request = failure.request  # set by Scrapy on errback failures
    retries = request.meta.get("retry_times", 0) + 1
    if failure.check(RefusedUrl):
        refused = failure.value.refused
        error = FetchError(refused.reason, refused.detail, attempts=retries)
    elif failure.check(RedirectLoop):
        error = FetchError("redirect_loop", str(failure.value), attempts=retries)
    elif failure.check(TooLargeDecompressed):
        error = FetchError("too_large", str(failure.value), attempts=retries)
    elif failure.check(DownloadTimeoutError):
        error = FetchError("timeout", str(failure.value), attempts=retries)
    elif failure.check(DownloadCancelledError) and (
            not str(failure.value) or "max size" in str(failure.value).lower()):
        # Scrapy cancels a download over DOWNLOAD_MAXSIZE: "... larger than download max
        # size ..." when Content-Length says so, an empty message when the body outgrows it.
        error = FetchError("too_large", str(failure.value) or "body over DOWNLOAD_MAXSIZE",
                           attempts=retries)
    elif failure.check(CannotResolveHostError, DownloadConnectionRefusedError,
                       DownloadFailedError, ResponseDataLossError):
        error = FetchError("connection_error", str(failure.value), attempts=retries)
    else:
        error = FetchError("fetch_error", f"{failure.type.__name__}: {failure.value}",
                           attempts=retries)
    first = request.meta.get("redirect_urls", [request.url])[0]
    return PageFailure(url=first, error=error)
