"""Parquet export: the records with real types, one zstd-compressed row group per batch.

Timestamps are instants in UTC (the record keeps the page's own offset, and `published_date`
keeps its day), lists are list columns, booleans booleans. Its own module so that pyarrow is
loaded only by an export to Parquet, not by every command that imports the export code.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.core.clock import as_instant

TIMESTAMP = pa.timestamp("us", tz="UTC")
EVIDENCE = pa.struct([("kind", pa.string()), ("text", pa.string()),
                      ("publisher", pa.string())])
ARROW_TYPES: dict[str, pa.DataType] = {
    "authors": pa.list_(pa.string()),
    "image_credits": pa.list_(pa.string()),
    "syndication_evidence": pa.list_(EVIDENCE),
    "is_syndicated": pa.bool_(),
    "published_at": TIMESTAMP,
    "published_date": pa.date32(),
    "modified_at": TIMESTAMP,
    "fetched_at": TIMESTAMP,
    "first_seen_at": TIMESTAMP,
    "word_count": pa.int32(),
    "schema_version": pa.int16(),
}
"""Columns that are not plain strings."""


def arrow_schema(fields: Iterable[str]) -> pa.Schema:
    """The Parquet schema of the exported fields."""
    return pa.schema([(name, ARROW_TYPES.get(name, pa.string())) for name in fields])


def to_timestamp(value: str | None) -> datetime | None:
    """An ISO 8601 time in any offset as its instant in UTC; a bare day or a time written
    without an offset read as UTC."""
    if not value:
        return None
    return as_instant(datetime.fromisoformat(value.replace("Z", "+00:00"))).astimezone(UTC)


def to_date(value: str | None) -> date | None:
    """A YYYY-MM-DD day as a date."""
    return date.fromisoformat(value) if value else None


def write_parquet(batches: Iterable[list[dict[str, Any]]], out: IO[bytes],
                  fields: tuple[str, ...]) -> int:
    """One zstd-compressed row group per batch; an empty selection is a valid empty file."""
    schema = arrow_schema(fields)
    stamps = [name for name in fields if ARROW_TYPES.get(name) == TIMESTAMP]
    days = [name for name in fields if ARROW_TYPES.get(name) == pa.date32()]
    rows = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in batches:
            for record in batch:
                for name in stamps:
                    record[name] = to_timestamp(record[name])
                for name in days:
                    record[name] = to_date(record[name])
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            rows += len(batch)
    return rows
