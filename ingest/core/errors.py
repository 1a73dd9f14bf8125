"""Errors that carry a short reason code.

Every final failure of a page ends up as one `failures` row and, on the command line, as one
line on stderr. Both need the same two things: a stable machine-readable `reason`
(``http_404``, ``not_html``, ``too_large``...) and a human `detail`. Raising these instead of
ad-hoc exceptions keeps that mapping in one place.
"""

from __future__ import annotations


class IngestError(Exception):
    """A page could not be turned into a record; `stage` and `reason` name why."""

    stage = "process"

    def __init__(self, reason: str, detail: str = "", *, attempts: int = 1) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.attempts = attempts

    def __reduce__(self) -> tuple:
        # Rebuild from the fields, not from the formatted message, so errors raised in worker
        # processes cross back to the crawler intact.
        return (type(self), (self.reason, self.detail), {"attempts": self.attempts})


class FetchError(IngestError):
    """The page could not be downloaded (HTTP error after retries, timeout, reset, size...)."""

    stage = "fetch"


class ExtractError(IngestError):
    """The page was downloaded but holds nothing usable (not HTML, empty, no article text)."""

    stage = "extract"


class StoreError(IngestError):
    """The database could not be written."""

    stage = "store"


class ConfigError(Exception):
    """A data file users edit (`sources.toml`, `publishers.toml`) is unreadable or inconsistent."""
