"""`ingest export`: JSON Lines, CSV and Parquet round trips, filters and safe CSV cells.

The database is built from the golden pages (syndicated copies, originals, evidence lists,
photo credits, undated stories), so every field type is exercised with real values.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pandas
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from click.testing import CliRunner, Result

from ingest.app.cli import cli
from ingest.core.record import FIELDS, JSON_SCHEMA_PATH
from ingest.pipeline import process
from ingest.store.database import Store
from ingest.store.export_formats import neutralise, write_csv
from ingest.store.export_parquet import ARROW_TYPES, to_date, to_timestamp
from tests.databases import BACKENDS, fresh_database
from tests.pages import golden_pages


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of the golden pages, plus one story with spreadsheet-formula cells, on
    each backend."""
    with fresh_database(request.param, tmp_path_factory.mktemp("export")) as target:
        yield build(target)


def build(target: str) -> str:
    store = Store(target)
    articles = [(process(page), page) for page in golden_pages()]
    sneaky, page = articles[0]
    articles.append((replace(sneaky, id="formula", url="https://x.example/f",
                             title="=HYPERLINK(\"http://evil.example\",\"click\")",
                             byline="@everyone", source="wire", language="de",
                             text="-1 is what they said.\n\n+ more"), page))
    store.save(articles)
    store.close()
    return target


def export(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "export", *args], env={"INGEST_DB": None})


def stored(db: str) -> list[dict[str, Any]]:
    """The records as the store gives them, in storage order."""
    store = Store(db)
    rows = [record for batch in store.records() for record in batch]
    store.close()
    return rows


def test_jsonl_is_the_stored_records_and_matches_the_json_schema(db: str) -> None:
    result = export(db)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == stored(db)
    assert all(list(line) == list(FIELDS) for line in lines)
    schema = json.loads(JSON_SCHEMA_PATH.read_text(encoding="utf-8"))
    for line in lines:
        jsonschema.validate(line, schema)
    assert f"exported {len(lines)} records as jsonl to stdout" in result.stderr


def from_csv(cell: str, name: str) -> Any:
    """A CSV cell back to its record value (the export's neutralising quote removed)."""
    if cell.startswith("'") and neutralise(cell[1:]) != cell[1:]:
        cell = cell[1:]
    if name in ("authors", "image_credits", "syndication_evidence"):
        return json.loads(cell)
    if name == "is_syndicated":
        return {"true": True, "false": False}[cell]
    if name in ("word_count", "schema_version"):
        return int(cell)
    return cell or None


def test_csv_round_trip(db: str, tmp_path: Path) -> None:
    out = tmp_path / "news.csv"
    assert export(db, "--out", str(out)).exit_code == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    back = [{name: from_csv(row[name], name) for name in FIELDS} for row in rows]
    expected = [{k: (v if v != "" else None) for k, v in r.items()} for r in stored(db)]
    assert back == expected


def test_csv_cells_cannot_be_formulas(db: str) -> None:
    result = export(db, "--format", "csv", "--fields", "title,byline,text")
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    row = rows["'=HYPERLINK(\"http://evil.example\",\"click\")"]
    assert row["byline"] == "'@everyone"
    assert row["text"].startswith("'-1 is what they said.")
    assert all(not cell.startswith(("=", "+", "-", "@"))
               for row in rows.values() for cell in row.values())


@pytest.mark.parametrize("cell", [
    "\uff1dHYPERLINK(\"http://evil.example\")",  # full-width =
    "\uff0b1", "\uff0d1", "\uff20SUM(A1)",  # full-width + - @
    " =1+1", "  \uff1d1+1", "\n+1", "\u3000\uff0b1", "\t=1", "\r\uff20x", "\t", "\rplain",
])
def test_csv_neutralises_full_width_and_indented_formulas(cell: str) -> None:
    out = io.StringIO()
    write_csv([[{"title": cell}]], out, ("title",))
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["title"] == "'" + cell


def test_csv_carriage_return_cannot_start_a_row() -> None:
    out = io.StringIO()
    write_csv([[{"title": "story\r=HYPERLINK(\"http://evil.example\")", "byline": "a"}]], out,
              ("title", "byline"))
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows == [["title", "byline"], ["story\r=HYPERLINK(\"http://evil.example\")", "a"]]


@pytest.mark.parametrize("cell", ["plain", " plain", "a=b", "x-1", "\uff41\uff1d", "'quoted"])
def test_csv_leaves_ordinary_text_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def test_parquet_has_real_types_and_the_same_values(db: str, tmp_path: Path) -> None:
    out = tmp_path / "news.parquet"
    assert export(db, "--out", str(out)).exit_code == 0
    table = pq.read_table(out)
    assert table.schema.names == list(FIELDS)
    for name, kind in ARROW_TYPES.items():
        assert table.schema.field(name).type == kind, name
    assert table.schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    rows = table.to_pylist()
    expected = stored(db)
    assert len(rows) == len(expected)
    for row, record in zip(rows, expected, strict=True):
        for name in FIELDS:
            want = record[name]
            if ARROW_TYPES.get(name) == pa.timestamp("us", tz="UTC"):
                want = to_timestamp(want)
            if ARROW_TYPES.get(name) == pa.date32():
                want = to_date(want)
            if name == "syndication_evidence":
                want = [{"publisher": None, **e} for e in want]
            assert row[name] == want, name
    undated = [r for r in rows if r["published_at"] is None]
    assert undated and all(r["fetched_at"].utcoffset() == timedelta(0) for r in rows)
    frame = pandas.read_parquet(out)  # what dataset users do first
    assert str(frame["published_at"].dtype) == "datetime64[us, UTC]"
    assert frame["is_syndicated"].dtype == bool and frame["word_count"].dtype == "int32"
    assert list(frame["authors"].iloc[0]) == expected[0]["authors"]


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst", ".csv.gz"])
def test_compressed_by_file_name(db: str, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"news{suffix}"
    assert export(db, "--out", str(out)).exit_code == 0
    raw = out.read_bytes()
    data = gzip.decompress(raw) if suffix.endswith(".gz") else \
        zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw)).read()
    text = data.decode("utf-8")
    if ".jsonl" in suffix:
        assert [json.loads(line) for line in text.splitlines()] == stored(db)
    else:
        assert text.startswith("id,url,canonical_url,")
        assert len(list(csv.DictReader(io.StringIO(text)))) == len(stored(db))


def ids(result: Result) -> set[str]:
    assert result.exit_code == 0, result.output
    return {json.loads(line)["id"] for line in result.stdout.splitlines()}


def test_filters(db: str) -> None:
    records = stored(db)
    by = {r["id"]: r for r in records}
    syndicated = {i for i, r in by.items() if r["is_syndicated"]}
    assert syndicated and syndicated != set(by)
    first_original: dict[str, str] = {}
    for r in records:  # storage order
        if not r["is_syndicated"]:
            first_original.setdefault(r["cluster_id"], r["id"])
    assert ids(export(db, "--originals-only")) == set(first_original.values())
    assert "formula" not in first_original.values()  # same text as an earlier story
    assert ids(export(db, "--source", "wire")) == {"formula"}
    assert ids(export(db, "--language", "de")) == {i for i, r in by.items()
                                                   if (r["language"] or "").startswith("de")}
    publisher = next(r["original_publisher"] for r in records if r["is_syndicated"])
    assert ids(export(db, "--publisher", publisher.upper())) == {
        i for i, r in by.items() if r["original_publisher"] == publisher}


def test_date_filters_fall_back_to_fetched_at_and_say_so(db: str) -> None:
    records = stored(db)
    day = lambda r: (r["published_at"] or r["fetched_at"])[:10]  # noqa: E731
    days = sorted({day(r) for r in records})
    first, last = days[0], days[-1]
    assert ids(export(db, "--since", first, "--until", last)) == {r["id"] for r in records}
    middle = days[len(days) // 2]
    result = export(db, "--since", middle)
    assert ids(result) == {r["id"] for r in records if day(r) >= middle}
    inclusive = export(db, "--until", first)
    assert ids(inclusive) == {r["id"] for r in records if day(r) == first}
    fetched = export(db, "--date-field", "fetched", "--since", "2100-01-01")
    assert ids(fetched) == set()
    undated = sum(1 for r in records if r["published_at"] is None)
    assert f"({undated} undated, matched on fetched_at)" in \
        export(db, "--since", "1990-01-01").stderr


def test_fields_keep_schema_version(db: str) -> None:
    result = export(db, "--fields", "title,authors")
    first = json.loads(result.stdout.splitlines()[0])
    assert list(first) == ["title", "authors", "schema_version"]


@pytest.mark.parametrize(("args", "message"), [
    (["--fields", "title,nope"], "unknown field(s) nope"),
    (["--since", "last tuesday"], "not an ISO date or datetime: 'last tuesday'"),
    (["--out", "x.parquet.gz"], "Parquet is compressed inside the file"),
], ids=["field", "date", "parquet-gz"])
def test_bad_usage_is_one_line(db: str, tmp_path: Path, args: list[str], message: str) -> None:
    result = export(db, *args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not (Path.cwd() / "x.parquet.gz").exists()


def test_no_database_is_one_line(tmp_path: Path) -> None:
    result = export(tmp_path / "none.db")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no database at ")
    assert not (tmp_path / "none.db").exists()
