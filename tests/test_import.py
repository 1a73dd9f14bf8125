"""`ingest import`: WARC archives (plain and gzip) written here with warcio, into the store."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest.app.cli import cli
from ingest.core.page import Page, PageFailure
from ingest.run.warc import ArchiveDamaged, Skipped, iter_pages
from ingest.store.database import Store
from tests.pages import STORY, story_html

GOLDEN = Path(__file__).parent / "golden" / "original-jsonld"
GOLDEN_META = json.loads((GOLDEN / "meta.json").read_text(encoding="utf-8"))
HTML = "text/html; charset=utf-8"

STORIES = {
    "https://news.example/2024/05/08/pumps": (
        "2024-05-08T10:00:00Z", "Water board approves reservoir pump replacement", STORY),
    "https://news.example/2024/05/09/library": ("2024-05-09T07:30:15Z", "Library hours grow", [
        "The city library will open on Sunday afternoons starting next month, the library "
        "board decided on Wednesday after a year of requests from parents and students.",
        "The extra hours will be staffed by two part-time librarians hired with a state grant, "
        "said director Maya Okafor, who called the change overdue for a growing town.",
    ]),
    "https://news.example/2024/05/10/bridge": ("2024-05-10T16:45:00Z", "Old bridge to close", [
        "The Mill Street bridge will close for repairs on June 3, county engineers said on "
        "Friday, sending traffic on a detour of about two miles for most of the summer.",
        "Inspectors found corroded steel beneath the deck last fall, and the county chose a "
        "full repair over a cheaper patch that would have lasted only a few more years.",
    ]),
}
"""url -> (WARC-Date, title, paragraphs) of the stories in the archive."""
BRIDGE = "https://news.example/2024/05/10/bridge"
STUB = "https://news.example/subscribe"


def http(status: str, content_type: str | None, *extra: tuple[str, str]) -> StatusAndHeaders:
    headers = ([("Content-Type", content_type)] if content_type else []) + list(extra)
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def response(writer: WARCWriter, url: str, date: str, body: bytes,
             headers: StatusAndHeaders) -> None:
    writer.write_record(writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers,
        warc_headers_dict={"WARC-Date": date}))


def write_archive(path: Path) -> Path:
    """Stories, the golden page, and records of every kind an import skips."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, (date, title, paragraphs) in STORIES.items():
            body = story_html(title, paragraphs).encode()
            if url == BRIDGE:  # sent gzip-encoded: warcio decodes it
                response(writer, url, date, gzip.compress(body),
                         http("200 OK", HTML, ("Content-Encoding", "gzip")))
            else:
                response(writer, url, date, body, http("200 OK", HTML, ("X-Served-By", "a1")))
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), http_headers=StatusAndHeaders(
                    f"GET {url[len('https://news.example'):]} HTTP/1.1",
                    [("Host", "news.example")], is_http_request=True),
                warc_headers_dict={"WARC-Date": date}))
        response(writer, GOLDEN_META["url"], GOLDEN_META["fetched_at"],
                 (GOLDEN / "page.html").read_bytes(), http("200 OK", GOLDEN_META["content_type"]))
        first = next(iter(STORIES))
        writer.write_record(writer.create_revisit_record(
            first, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", first, "2024-05-08T10:00:00Z",
            http_headers=http("200 OK", HTML), warc_headers_dict={
                "WARC-Date": "2024-05-11T10:00:00Z"}))
        response(writer, "https://news.example/report.pdf", "2024-05-08T11:00:00Z",
                 b"%PDF-1.7 not a story", http("200 OK", "application/pdf"))
        response(writer, "https://news.example/gone", "2024-05-08T11:00:00Z",
                 story_html("Not found").encode(), http("404 Not Found", HTML))
        response(writer, STUB, "2024-05-08T11:00:00Z",
                 b"<html><body><p>Subscribe now</p></body></html>", http("200 OK", HTML))
        writer.write_record(writer.create_warc_record(
            first, "metadata", payload=io.BytesIO(b"via: https://news.example/\r\n"),
            warc_content_type="application/warc-fields"))
    return path


def run_import(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["import", "--db", str(db), *args], env={"INGEST_DB": None})


def articles(db: Path) -> dict[str, dict[str, Any]]:
    store = Store(db)
    try:
        return {record["url"]: record for batch in store.records() for record in batch}
    finally:
        store.close()


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_iter_pages_reads_responses_and_skips_the_rest(tmp_path: Path, suffix: str) -> None:
    items = list(iter_pages(write_archive(tmp_path / f"a{suffix}"), source="cc-news"))
    pages = [i for i in items if isinstance(i, Page)]
    assert [p.url for p in pages] == [*STORIES, GOLDEN_META["url"], STUB]
    first = pages[0]
    assert first.status == 200 and first.source == "cc-news"
    assert first.fetched_at == datetime(2024, 5, 8, 10, 0, tzinfo=UTC)
    assert first.headers["content-type"] == HTML and first.headers["x-served-by"] == "a1"
    bridge = pages[2]
    assert bridge.body.startswith(b"<!DOCTYPE html>") and "content-encoding" not in bridge.headers
    skipped = sorted(i.kind for i in items if isinstance(i, Skipped))
    assert skipped == ["http_error", "metadata", "not_html", "request", "request", "request",
                       "revisit", "warcinfo"]
    assert not [i for i in items if isinstance(i, PageFailure)]


def test_import_stores_every_story_with_its_archived_url_and_date(tmp_path: Path) -> None:
    db, archive = tmp_path / "news.db", write_archive(tmp_path / "cc.warc.gz")
    result = run_import(db, str(archive), "--workers", "1", "--source", "cc-news")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "import: 13 records read, 4 new, 0 updated, 1 failed, 8 skipped (request 3, "
        "http_error 1, metadata 1, not_html 1, revisit 1, warcinfo 1)")
    assert result.stderr == ("1 page failed (no_text 1): each is a row of the failures table "
                             "(ingest stats)\n")
    stored = articles(db)
    assert set(stored) == {*STORIES, GOLDEN_META["url"]}
    for url, (date, title, _) in STORIES.items():
        assert stored[url]["title"] == title
        assert stored[url]["source"] == "cc-news"
        assert instant(stored[url]["fetched_at"]) == instant(date)

    with sqlite3.connect(db) as conn:
        failures = conn.execute("select url, reason, run_id from failures").fetchall()
        run = conn.execute("select id, status, args, pages_seen, pages_new, pages_updated, "
                           "pages_failed, pages_skipped from crawl_runs").fetchall()
        headers = conn.execute("select headers from raw_pages where url = ?", [BRIDGE]).fetchone()
    assert run == [(1, "completed", run[0][2], 13, 4, 0, 1, 8)]
    assert json.loads(run[0][2])["files"] == [str(archive)]
    assert failures == [(STUB, "no_text", 1)]
    assert "content-encoding" not in json.loads(headers[0])


def test_import_gives_the_record_extract_gives(tmp_path: Path) -> None:
    """The golden page from an archive is stored as exactly the golden record."""
    db = tmp_path / "news.db"
    assert run_import(db, str(write_archive(tmp_path / "a.warc")), "--workers", "1"
                      ).exit_code == 0
    stored = articles(db)[GOLDEN_META["url"]]
    expected = json.loads((GOLDEN / "record.json").read_text(encoding="utf-8"))
    volatile = ("fetched_at", "first_seen_at", "cluster_id")
    assert {k: v for k, v in stored.items() if k not in volatile} == \
        {k: v for k, v in expected.items() if k not in volatile}
    assert instant(stored["fetched_at"]) == instant(GOLDEN_META["fetched_at"])


def test_importing_twice_adds_nothing(tmp_path: Path) -> None:
    db, archive = tmp_path / "news.db", write_archive(tmp_path / "a.warc.gz")
    assert run_import(db, str(archive), "--workers", "1").exit_code == 0
    again = run_import(db, str(archive), "--workers", "1")
    assert again.exit_code == 0
    assert again.stdout.startswith("import: 13 records read, 0 new, 0 updated, 1 failed, "
                                   "12 skipped (unchanged 4, request 3,")
    assert len(articles(db)) == 4


def test_worker_processes_give_the_same_records(tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    archive = write_archive(tmp_path / "a.warc.gz")
    assert run_import(one, str(archive), "--workers", "1").exit_code == 0
    result = run_import(two, str(archive), "--workers", "2")
    assert result.exit_code == 0, result.output
    assert "4 new, 0 updated, 1 failed, 8 skipped" in result.stdout
    assert articles(two) == articles(one)


def stories_archive(path: Path, count: int = 4, name: str = "story") -> list[tuple[int, int]]:
    """An archive of `count` story responses; (offset, length) of each record."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for n in range(count):
            response(writer, f"https://news.example/{name}-{n}", "2024-05-08T10:00:00Z",
                     story_html(f"{name.title()} number {n}").encode(), http("200 OK", HTML))
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        spans = []
        for _ in records:
            spans.append((records.get_record_offset(), records.get_record_length()))
    return spans


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_truncated_archive_is_imported_up_to_the_damage(tmp_path: Path, suffix: str) -> None:
    archive, db = tmp_path / f"cut{suffix}", tmp_path / "news.db"
    spans = stories_archive(archive)
    third_offset, third_length = spans[2]
    archive.write_bytes(archive.read_bytes()[:third_offset + third_length // 2])
    stories_archive(tmp_path / f"good{suffix}", 1, name="other")

    result = run_import(db, str(archive), str(tmp_path / f"good{suffix}"), "--workers", "1")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {archive}: damaged at byte {third_offset} after 2 "
                               "records (truncated"), lines
    assert result.stdout.startswith("import: 3 records read, 3 new,")
    assert set(articles(db)) == {"https://news.example/story-0", "https://news.example/story-1",
                                 "https://news.example/other-0"}
    with sqlite3.connect(db) as conn:
        status, stats = conn.execute("select status, stats from crawl_runs").fetchone()
    assert status == "failed"
    assert f"damaged at byte {third_offset}" in json.loads(stats)["errors"][0]


def test_iter_pages_yields_what_precedes_the_damage(tmp_path: Path) -> None:
    archive = tmp_path / "cut.warc.gz"
    spans = stories_archive(archive)
    archive.write_bytes(archive.read_bytes()[:spans[2][0] + 40])
    read: list[object] = []
    with pytest.raises(ArchiveDamaged) as caught:
        read.extend(iter_pages(archive))
    assert [p.url for p in read if isinstance(p, Page)] == [
        "https://news.example/story-0", "https://news.example/story-1"]
    assert caught.value.reason == "damaged_archive"
    assert f"damaged at byte {spans[2][0]} after 2 records" in caught.value.detail


def one_stream(count: int, words: int = 20) -> tuple[bytes, list[int]]:
    """An uncompressed WARC of `count` story responses of about `words` words each, to be
    gzipped as one stream; the offset of each record in it."""
    buffer, offsets = io.BytesIO(), []
    writer = WARCWriter(buffer, gzip=False)
    for n in range(count):
        offsets.append(buffer.tell())
        response(writer, f"https://news.example/stream-{n}", "2024-05-08T10:00:00Z",
                 story_html(f"Stream story {n}", ["word " * words]).encode(),
                 http("200 OK", HTML))
    return buffer.getvalue(), offsets


def damage(data: bytes, offset: int) -> bytes:
    """`data` with the WARC record at `offset` no longer starting with a WARC version line."""
    return data[:offset] + b"XARC" + data[offset + 4:]


@pytest.mark.parametrize("words", [20, 20_000])  # one decompressed block, then several
def test_damage_inside_a_one_stream_gzip_is_located_in_its_uncompressed_bytes(
        tmp_path: Path, words: int) -> None:
    archive = tmp_path / "stream.warc.gz"
    data, offsets = one_stream(3, words)
    archive.write_bytes(gzip.compress(damage(data, offsets[1])))
    read: list[object] = []
    with pytest.raises(ArchiveDamaged) as caught:
        read.extend(iter_pages(archive))
    assert [p.url for p in read if isinstance(p, Page)] == ["https://news.example/stream-0"]
    assert (f"damaged at uncompressed byte {offsets[1]} of the gzip member at byte 0 "
            "after 1 record (no WARC record there)") in caught.value.detail


def test_damage_in_a_later_one_stream_member_names_that_member(tmp_path: Path) -> None:
    archive = tmp_path / "mixed.warc.gz"
    stories_archive(archive, 2)  # two members of one record each
    member = archive.stat().st_size
    data, offsets = one_stream(3)
    with open(archive, "ab") as handle:
        handle.write(gzip.compress(damage(data, offsets[1])))
    result = run_import(tmp_path / "news.db", str(archive), "--workers", "1")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {archive}: damaged at uncompressed byte {offsets[1]} of the gzip member at "
        f"byte {member} after 3 records (no WARC record there)"]
    assert result.stdout.startswith("import: 3 records read, 3 new,")


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_an_empty_archive_is_a_failed_run(tmp_path: Path, suffix: str) -> None:
    """Nothing read is no success (the exit-status rule of crawl and import)."""
    archive, db = tmp_path / f"empty{suffix}", tmp_path / "news.db"
    archive.write_bytes(b"")
    result = run_import(db, str(archive), "--workers", "1")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "error: no record was read: the archives are empty")


def test_not_an_archive_and_missing_files(tmp_path: Path) -> None:
    page, db = tmp_path / "page.html", tmp_path / "news.db"
    page.write_text(story_html(), encoding="utf-8")
    result = run_import(db, str(page), "--workers", "1")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {page}: damaged at byte 0 after 0 ")

    result = run_import(db, str(tmp_path / "none.warc.gz"))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: no such file: {tmp_path / 'none.warc.gz'}"]


def test_import_then_export_gives_what_extract_gives(tmp_path: Path) -> None:
    """The archive path and the one-page path are the same path: equal records."""
    cases = [case for case in sorted((GOLDEN.parent).iterdir())
             if json.loads((case / "record.json").read_text(encoding="utf-8")).get("id")]
    archive, db = tmp_path / "golden.warc.gz", tmp_path / "news.db"
    with open(archive, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for case in cases:
            meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
            response(writer, meta["url"], meta["fetched_at"], (case / "page.html").read_bytes(),
                     http("200 OK", meta.get("content_type", HTML)))
    assert run_import(db, str(archive), "--workers", "1").exit_code == 0
    exported = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "jsonl"],
                                  env={"INGEST_DB": None})
    by_url = {r["url"]: r for r in map(json.loads, exported.stdout.splitlines())}
    assert len(by_url) == len(cases)
    for case in cases:
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
        extracted = CliRunner().invoke(cli, [
            "extract", str(case / "page.html"), "--url", meta["url"], "--json",
            "--fetched-at", meta["fetched_at"].replace("Z", "+0000"),
            "--content-type", meta.get("content_type", HTML)], env={"INGEST_DB": None})
        assert extracted.exit_code == 0, extracted.output
        record = json.loads(extracted.stdout)
        stored = by_url[record["url"]]
        assert stored["cluster_id"]  # given by the store
        assert {**stored, "cluster_id": None} == record, case.name


def test_isal_and_zlib_read_the_same_pages_and_place_damage_alike(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The archive's gzip is inflated by python-isal where it is installed (a dependency),
    else by zlib: both give the same pages, and the same place for damage inside a member."""
    from isal import isal_zlib

    from ingest.run import warc

    assert warc.gzip_codec is isal_zlib
    archive = write_archive(tmp_path / "a.warc.gz")
    stream = tmp_path / "stream.warc.gz"
    data, offsets = one_stream(3, 20_000)
    stream.write_bytes(gzip.compress(damage(data, offsets[1])))

    def read(path: Path) -> tuple[list[object], str | None]:
        items: list[object] = []
        try:
            items.extend(iter_pages(path))
        except ArchiveDamaged as exc:
            return items, exc.detail
        return items, None

    with_isal = [read(archive), read(stream)]
    monkeypatch.setattr(warc, "gzip_codec", __import__("zlib"))
    assert [read(archive), read(stream)] == with_isal
    assert with_isal[1][1] is not None and f"uncompressed byte {offsets[1]}" in with_isal[1][1]
