"""Which stored records an export takes, streamed from the database in batches.

An export may cover millions of rows, so records are read in batches (`Store.records`,
keyset pagination) rather than through one cursor held open for the whole run. The conditions
are SQL both backends accept. The formats themselves live in `ingest.store.export_formats`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ingest.core.clock import as_instant
from ingest.core.errors import ConfigError
from ingest.core.record import FIELDS
from ingest.store.database import Store

BATCH_ROWS = 2000
"""Rows read per query and written per Parquet row group."""
DATE_FIELDS = ("published", "fetched")


def parse_bound(value: str, *, end: bool = False) -> str:
    """An ISO date or datetime as the UTC instant the stored times are compared with.

    Stored times keep the page's offset (`2024-05-01T21:36:00-03:00`) or are bare days; both
    sides are compared as instants (a bare day and a time without an offset read as UTC).
    `end` makes a bare day inclusive (`--until 2024-05-31` keeps stories of the 31st).
    Filtering by the page's own day is exact on `published_date`.
    """
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"not an ISO date or datetime: {value!r}") from None
    if len(value.strip()) <= 10 and end:
        moment += timedelta(days=1)
    return as_instant(moment).astimezone(UTC).isoformat(timespec="seconds")


def choose_fields(spec: str | None) -> tuple[str, ...]:
    """The record fields to export, in record order; `schema_version` always rides along."""
    if not spec:
        return FIELDS
    wanted = [name.strip() for name in spec.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in FIELDS]
    if unknown:
        raise ConfigError(f"unknown field(s) {', '.join(unknown)}; "
                          f"fields are: {', '.join(FIELDS)}")
    if "schema_version" not in wanted:
        wanted.append("schema_version")
    return tuple(dict.fromkeys(wanted))


@dataclass(frozen=True, slots=True)
class Selection:
    """The filters of `ingest export`."""

    since: str | None = None
    until: str | None = None
    date_field: str = "published"
    """`published`: published_at, or fetched_at for a story with no known date; `fetched`."""
    source: str | None = None
    publisher: str | None = None
    language: str | None = None
    originals_only: bool = False

    def where(self, instant: Callable[[str], str] = str) -> tuple[str, list[Any]]:
        """The SQL condition and its parameters; `instant` is the backend's SQL for an ISO
        text's instant (`Connection.instant`), so that times in different offsets compare."""
        if self.date_field not in DATE_FIELDS:
            raise ConfigError(f"date field must be one of {', '.join(DATE_FIELDS)}")
        date = instant("coalesce(published_at, fetched_at)" if self.date_field == "published"
                       else "fetched_at")
        clauses: list[str] = []
        params: list[Any] = []
        if self.since:
            clauses.append(f"{date} >= {instant('?')}")
            params.append(parse_bound(self.since))
        if self.until:
            clauses.append(f"{date} < {instant('?')}")
            params.append(parse_bound(self.until, end=True))
        if self.source:
            clauses.append("source = ?")
            params.append(self.source)
        if self.publisher:
            clauses.append("lower(original_publisher) = lower(?)")
            params.append(self.publisher)
        if self.language:
            clauses.append("(lower(language) = lower(?) or lower(language) like lower(?))")
            params += [self.language, f"{self.language}-%"]
        if self.originals_only:  # one record per story: the first stored original
            clauses.append("is_syndicated = 0 and rowid = (select min(rowid) from articles "
                           "as same where same.cluster_id = articles.cluster_id "
                           "and same.is_syndicated = 0)")
        return " and ".join(clauses) or "1 = 1", params


def batches(store: Store, selection: Selection, fields: tuple[str, ...] = FIELDS,
            size: int = BATCH_ROWS) -> Iterator[list[dict[str, Any]]]:
    """The selected records, oldest stored first, `size` at a time."""
    condition, params = selection.where(store.sql.instant)
    for records in store.records(condition, params, size):
        yield [{name: record[name] for name in fields} for record in records]


def count_date_fallbacks(store: Store, selection: Selection) -> int:
    """Selected records matched on fetched_at because they have no published_at."""
    if selection.date_field != "published" or not (selection.since or selection.until):
        return 0
    condition, params = selection.where(store.sql.instant)
    return store.count(f"({condition}) and published_at is null", params)
