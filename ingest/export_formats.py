"""The export formats: JSON Lines, CSV and Parquet, written batch by batch.

Each writer takes the batches of `ingest.export.batches` and never holds more than one.
JSON Lines keeps the record exactly as `ingest extract --json` prints it. CSV cells are
text: lists and evidence as JSON, booleans as true/false, and a cell that a spreadsheet
would run as a formula (`=`, `+`, `-`, `@` or their full-width forms first, also after
leading whitespace; or a tab or carriage return first) is prefixed with `'`.
Parquet has real types (`ARROW_SCHEMA`): timestamps as instants in UTC (the record keeps the
page's own offset; `published_date` keeps its day), list columns, booleans.
Output goes to a temporary file renamed into place at the end, so a failed export never
leaves a truncated file behind; `.gz` and `.zst` names are compressed.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard

from ingest.clock import as_instant

FORMATS = ("jsonl", "csv", "parquet")
FORMULA_SIGNS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""Characters a spreadsheet may start a formula with: the ASCII ones and their full-width
forms (＝ ＋ － ＠), which some spreadsheets fold to ASCII when they parse a cell."""
CONTROL_STARTS = ("\t", "\r")
"""Control characters first: a spreadsheet may read the rest of the cell as a new cell."""
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


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet will show as text rather than run as a formula.

    Leading whitespace is looked past because spreadsheets trim it before parsing, so
    " =1+1" or "\\n＝1+1" would still be a formula."""
    if cell.startswith(CONTROL_STARTS) or cell.lstrip().startswith(FORMULA_SIGNS):
        return "'" + cell
    return cell


def csv_cell(value: Any) -> str:
    """One record value as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return neutralise(json.dumps(value, ensure_ascii=False))
    return neutralise(str(value))


def write_jsonl(batches: Iterable[list[dict[str, Any]]], out: IO[str]) -> int:
    """One JSON object per line; returns the rows written."""
    rows = 0
    for batch in batches:
        out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in batch)
        rows += len(batch)
    return rows


def write_csv(batches: Iterable[list[dict[str, Any]]], out: IO[str],
              fields: tuple[str, ...]) -> int:
    """A header row, then one row per record.

    A row with a carriage return in a cell is written fully quoted: the csv module quotes a
    cell for the line feed it ends rows with, not for a CR, and an unquoted CR starts a new
    row in every reader, one whose first cell `neutralise` never saw."""
    plain = csv.writer(out, lineterminator="\n")
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    plain.writerow(fields)
    rows = 0
    for batch in batches:
        for record in batch:
            row = [csv_cell(record[name]) for name in fields]
            (quoted if any("\r" in cell for cell in row) else plain).writerow(row)
        rows += len(batch)
    return rows


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


@contextmanager
def _binary_target(path: Path | None) -> Iterator[IO[bytes]]:
    """Stdout, or a temporary file beside `path` renamed onto it when all went well."""
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as raw:
            yield raw
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def check_target(path: Path | None, fmt: str) -> None:
    """Refuse an output name that asks for what the format cannot do."""
    if fmt == "parquet" and path is not None and path.suffix.lower() in (".gz", ".zst"):
        raise ValueError("Parquet is compressed inside the file; name it .parquet")


@contextmanager
def open_output(path: Path | None, fmt: str) -> Iterator[IO[Any]]:
    """Where an export writes: bytes for Parquet, UTF-8 text otherwise, compressed by name."""
    check_target(path, fmt)
    suffix = path.suffix.lower() if path else ""
    with _binary_target(path) as raw:
        if fmt == "parquet":
            yield raw
            return
        if suffix == ".gz":
            stream: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)
        elif suffix == ".zst":
            stream = zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
        else:
            stream = raw
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        yield text
        text.flush()
        text.detach()
        if stream is not raw:
            stream.close()


def write(fmt: str, batches: Iterable[list[dict[str, Any]]], out: IO[Any],
          fields: tuple[str, ...]) -> int:
    """Write the batches in `fmt`; returns the rows written."""
    if fmt == "jsonl":
        return write_jsonl(batches, out)
    if fmt == "csv":
        return write_csv(batches, out, fields)
    return write_parquet(batches, out, fields)


def format_from_name(path: Path | None) -> str | None:
    """The format a file name asks for (`x.parquet`, `x.csv.gz`, `x.jsonl.zst`), if any."""
    if path is None:
        return None
    suffixes = [s.lower().lstrip(".") for s in path.suffixes]
    if suffixes and suffixes[-1] in ("gz", "zst"):
        suffixes.pop()
    last = suffixes[-1] if suffixes else ""
    return {"jsonl": "jsonl", "json": "jsonl", "ndjson": "jsonl", "csv": "csv",
            "parquet": "parquet"}.get(last)
