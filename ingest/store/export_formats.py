"""The export formats: JSON Lines, CSV and Parquet, written batch by batch.

Each writer takes the batches of `ingest.store.export.batches` and never holds more than one.
JSON Lines keeps the record exactly as `ingest extract --json` prints it. CSV cells are
text: lists and evidence as JSON, booleans as true/false, and a cell that a spreadsheet
would run as a formula (`=`, `+`, `-`, `@` or their full-width forms first, also after
leading whitespace; or a tab or carriage return first) is prefixed with `'`.
Parquet (`ingest.store.export_parquet`, which alone loads pyarrow) has real types.
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
from pathlib import Path
from typing import IO, Any

import zstandard

FORMATS = ("jsonl", "csv", "parquet")
FORMULA_SIGNS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""Characters a spreadsheet may start a formula with: the ASCII ones and their full-width
forms (＝ ＋ － ＠), which some spreadsheets fold to ASCII when they parse a cell."""
CONTROL_STARTS = ("\t", "\r")
"""Control characters first: a spreadsheet may read the rest of the cell as a new cell."""
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


@contextmanager
def _binary_target(path: Path | None) -> Iterator[IO[bytes]]:
    """Stdout, or a temporary file beside `path` renamed onto it when all went well."""
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as raw:
            yield raw
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 would keep others out
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def to_terminal() -> bool:
    """Whether standard output is a terminal (where binary output is noise)."""
    return sys.stdout.isatty()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_target(path: Path | None, fmt: str) -> None:
    """Refuse an output name that asks for what the format cannot do, a folder that does
    not exist, and Parquet's bytes on a terminal."""
    if fmt == "parquet" and path is not None and path.suffix.lower() in (".gz", ".zst"):
        raise ValueError("Parquet is compressed inside the file; name it .parquet")
    if path is not None and not path.parent.is_dir():
        raise ValueError(f"--out {path}: no folder {path.parent} (create it first)")
    if fmt == "parquet" and path is None and to_terminal():
        raise ValueError("Parquet is binary: give --out FILE.parquet, or pipe the output")


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
    from ingest.store.export_parquet import write_parquet  # pyarrow only when Parquet is asked for

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
