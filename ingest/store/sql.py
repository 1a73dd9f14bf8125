"""The small SQL layer the store is written over, one class per backend.

`ingest.store.database` holds the store's logic once (upserts, cluster bookkeeping, runs,
failures) as statements both SQLite and PostgreSQL accept: `?` placeholders, `INSERT ... ON
CONFLICT` upserts, `RETURNING`, and a `rowid` column (SQLite's own, an identity column on
PostgreSQL). What cannot be shared is a method of the backend here: its DDL (`migrations`),
full-text search, how concurrent writers are kept apart, and which driver errors are worth
retrying.
Backends: `ingest.store.sqlite` (sqlite-utils) and `ingest.store.postgres` (psycopg 3).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_SCHEME = "sqlite:///"
INTEGER_FIELDS = ("word_count", "schema_version", "is_syndicated")
"""Record fields stored as integers (`is_syndicated` as 0/1 on both backends); the others
are text, lists as JSON."""


class Cursor(Protocol):
    """What the store uses of a DB-API cursor (sqlite3's and psycopg's both fit)."""

    description: Any
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


def is_postgres(target: str | Path | None) -> bool:
    """Whether a `--db` target names a PostgreSQL database (a `postgresql://` URL)."""
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
TARGET_FORMS = ("a file path, sqlite:///relative/path.db, sqlite:////absolute/path.db or "
                "postgresql://user@host/name")
"""What `--db` accepts (SQLAlchemy's spelling of SQLite URLs: three slashes before a
relative path, four before an absolute one)."""


def target_problem(target: str | Path | None) -> str | None:
    """Why a `--db` target is none of `TARGET_FORMS` (another database's URL), else None."""
    text = str(target or "")
    if is_postgres(text) or text.startswith(SQLITE_SCHEME) or not URL_SCHEME.match(text):
        return None
    return f"{text!r} is not a database news-ingest can use: give {TARGET_FORMS}"


def sqlite_path(target: str | Path | None) -> Path | None:
    """The file of a SQLite target (a path or `sqlite:///path`); None for an in-memory one."""
    if target is None:
        return None
    return Path(str(target).removeprefix(SQLITE_SCHEME))


def describe(target: str | Path | None) -> str:
    """A target fit for messages: a URL without its password."""
    if not is_postgres(target):
        return str(target)
    parts = urlsplit(str(target))
    host = parts.netloc.rpartition("@")[2]
    user = parts.username
    return urlunsplit(parts._replace(netloc=f"{user}@{host}" if user else host))


class Connection(ABC):
    """One connection to a store database, with the dialect differences as methods."""

    error: type[Exception]
    """The driver's base error class: what a write turns into `StoreError`."""
    migrations: Mapping[int, Callable[[Any], None]]
    """Schema version -> the step that brings the previous version to it."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement (`?` placeholders); rows come back as tuples."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one query; rows come back as dicts by column name."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Any]:
        """A block that commits as a whole or not at all (a savepoint when nested)."""

    @abstractmethod
    def lock_writers(self) -> None:
        """Keep other writers out until the current transaction ends, where the backend does
        not do so by itself."""

    @abstractmethod
    def search(self, query: str, limit: int) -> list[dict[str, Any]]:
        """Full-text search: id, title, url, published_at, site_name, original_publisher and
        a snippet with the matches in [ ], best match first."""

    @abstractmethod
    def instant(self, expression: str) -> str:
        """SQL for the instant an ISO 8601 text expression names, in any offset (a bare day or
        a time without an offset read as UTC), comparable with another such instant."""

    @abstractmethod
    def table_names(self) -> set[str]: ...

    @abstractmethod
    def close(self) -> None: ...

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None when there is no row."""
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    def keyset(self, sql: str, params: Sequence[Any], size: int) -> Iterator[list[dict[str, Any]]]:
        """Pages of a query ordered by a column `n` that ends in `n > ? order by n limit ?`:
        one bounded query per page, so a large table streams and no read is held open."""
        last = 0
        while rows := self.query(sql, [*params, last, size]):
            last = rows[-1]["n"]
            yield rows
