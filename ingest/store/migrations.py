"""Stored records brought to a newer record schema, the same way on every backend.

Record schema 2 keeps the page's own clock: `published_at` in the offset the page wrote, and
`published_date`, the page's own day. Records stored under schema 1 hold `published_at` in
UTC; where the value as the page wrote it (`published_at_raw`) is an ISO time with an offset,
the same instant is written back in that offset. Other rows keep their UTC value, which names
the same instant: `ingest reprocess` re-derives them from the stored pages.
"""

from __future__ import annotations

from datetime import datetime

from ingest.core.clock import day_of, format_date
from ingest.core.record import FIELDS
from ingest.store.sql import Connection

BATCH = 1000
LATER_FIELDS = ("published_date",)
"""Record fields whose columns a later migration adds: the first one creates the others."""
V1_FIELDS = tuple(name for name in FIELDS if name not in LATER_FIELDS)


def in_written_offset(published_at: str | None, raw: str | None) -> str | None:
    """`published_at` (a UTC string of schema 1) in the offset `raw` was written in, when
    both name the same instant; else `published_at` as it is."""
    if not published_at or len(published_at) <= 10 or not raw:
        return published_at
    try:
        stored = datetime.fromisoformat(published_at.replace("Z", "+00:00"))
        written = datetime.fromisoformat(raw.strip().replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return published_at
    if written.tzinfo is None or stored.tzinfo is None or written != stored:
        return published_at
    return format_date(written)


def to_page_clock(sql: Connection) -> None:
    """Add `published_date` and bring every stored record to schema 2 (see the module)."""
    sql.execute("alter table articles add column published_date text")
    sql.execute("create index idx_articles_published_date on articles (published_date)")
    rows = sql.query("select id, published_at, published_at_raw from articles")
    updates = []
    for row in rows:
        published_at = in_written_offset(row["published_at"], row["published_at_raw"])
        updates.append((published_at, day_of(published_at), row["id"]))
    for start in range(0, len(updates), BATCH):
        sql.executemany("update articles set published_at = ?, published_date = ?, "
                        "schema_version = 2 where id = ?", updates[start:start + BATCH])
