"""The page's own clock: how the record writes the times a page states.

A time keeps the offset the page wrote ("2022-05-03T21:36:00-03:00", Z for UTC) and a day
stays a day, so the story's own calendar day is never lost to a conversion; instants are made
only where times are compared or stored as timestamps (`as_instant`, Parquet). Kept apart from
`ingest.extract.dates`, which reads dates with dateparser and htmldate, so that the store and the
exports need neither.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime


def format_date(value: datetime | date) -> str:
    """ISO 8601 in the page's own clock: the offset it wrote (Z for UTC), none when it wrote
    none, the plain day for a date."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def day_of(value: str | None) -> str | None:
    """The page's own day of an ISO date or datetime as the record writes it (YYYY-MM-DD)."""
    return value[:10] if value and re.match(r"\d{4}-\d{2}-\d{2}", value) else None


def as_instant(value: datetime | date) -> datetime:
    """An aware datetime to compare with others: a date or a naive time read as UTC."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)
