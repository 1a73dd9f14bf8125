"""Import WARC archives (Common Crawl's CC-NEWS, a crawler's own archives): `ingest import`.

Every HTML `response` record becomes a `Page` (target URI, HTTP status and headers, WARC-Date
as `fetched_at`) and goes through the same `ingest.pipeline.process` as a crawl, in worker
processes, into the store. Other records (requests, metadata, revisits, non-HTML and error
responses) are skipped and counted by kind.

A truncated or corrupt archive is read up to the damage: the records before it are imported,
and `ArchiveDamaged` names the byte offset where the last good record ended (inside a gzip
member that holds several records, its offset in the member's uncompressed data). warcio
stops silently at the cut of a truncated gzip member, so the end of the archive is checked too.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

try:
    from isal import isal_zlib as gzip_codec
except ImportError:  # no wheel for this machine: zlib's own inflate, 2.5 times slower
    import zlib as gzip_codec  # type: ignore[no-redef]

from ingest.core.decode import is_html_content_type
from ingest.core.errors import ExtractError, IngestError
from ingest.core.page import MAX_BYTES, Page, PageFailure
from ingest.run.batch_run import BatchRun
from ingest.run.fork_server import archive_workers
from ingest.store.database import Store
from ingest.store.runs import RunCounts

DECODED_HEADERS = ("content-encoding", "transfer-encoding", "content-length")
"""Headers that no longer describe the body once warcio has decoded it."""


class ArchiveError(IngestError):
    """An archive, or one record of it, could not be read."""

    stage = "import"


class ArchiveDamaged(ArchiveError):
    """The archive is truncated or corrupt (reason "damaged_archive"); the detail names the
    file and the `Position` where the last good record ended."""


@dataclass(frozen=True, slots=True)
class Position:
    """Where a record ends: `byte` in the file, or, for a record followed by another in the
    same gzip member (a file gzipped as one stream), `inner` bytes into that member's
    uncompressed data with `byte` the member's start, as no byte of the compressed file
    marks the place."""

    byte: int
    inner: int | None = None

    def __str__(self) -> str:
        if self.inner is None:
            return f"byte {self.byte}"
        return f"uncompressed byte {self.inner} of the gzip member at byte {self.byte}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that holds no story: a request, metadata, a revisit, a PDF, an error page..."""

    kind: str
    url: str | None = None


Item = Page | Skipped | PageFailure


class _BadRecordEnd(Exception):
    """A record's Content-Length did not end where the next record starts."""


def _gzip_member() -> object:
    """A decompressor for one gzip member, as warcio's own but with ISA-L's inflate (python-
    isal, the same bytes out): the archive's gzip is the largest share of the importing
    process's work, which takes it from the cores the workers extract on (0.14 instead of 0.36
    s of CPU for the 141 MB of the benchmark's 763 pages, `bench/real_pages.py`)."""
    return gzip_codec.decompressobj(16 + gzip_codec.MAX_WBITS)


class _Iterator(ArchiveIterator):
    """warcio's iterator, with its "record not followed by newline" warning (a wrong
    Content-Length: corruption) turned into an exception instead of text on stderr, and the
    archive's gzip members inflated by `_gzip_member`."""

    def __init__(self, fileobj: BinaryIO, **kwargs: object) -> None:
        super().__init__(fileobj, **kwargs)
        reader = self.reader  # nothing read yet: its first member's decompressor is replaced
        reader.DECOMPRESSORS = {**reader.DECOMPRESSORS, "gzip": _gzip_member}
        reader.decompressor = _gzip_member()

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        before = self.err_count
        with contextlib.redirect_stderr(io.StringIO()):
            result = super()._consume_blanklines()
        if self.err_count != before:
            raise _BadRecordEnd("record does not end where its Content-Length says")
        return result


def _damaged(path: Path, where: Position, records: int,
             cause: BaseException | str) -> ArchiveError:
    text = cause if isinstance(cause, str) else (str(cause).strip() or type(cause).__name__)
    if "non-chunked gzip" in text:  # `gzip file.warc`: valid, but warcio cannot read it
        return ArchiveError("not_chunked_gzip", f"{path}: one gzip stream for the whole file, "
                            f"not one per record: recompress it with `warcio recompress "
                            f"{path} NEW.warc.gz`")
    if text.startswith("Unknown archive format"):
        text = "no WARC record there"
    first = next((line.strip() for line in text.splitlines() if line.strip()), text)
    first = "".join(c if c.isprintable() else "?" for c in first)
    if len(first) > 80:
        first = first[:79] + "…"
    noun = "record" if records == 1 else "records"
    return ArchiveDamaged("damaged_archive",
                          f"{path}: damaged at {where} after {records} {noun} ({first})")


def _warc_date(value: str | None) -> datetime:
    if not value:
        raise ValueError("no WARC-Date")
    when = datetime.fromisoformat(value.strip())
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def _headers(record: ArcWarcRecord) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in record.http_headers.headers:
        key = name.strip().lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def _classify(record: ArcWarcRecord, url: str | None) -> Item | None:
    """What a record is, without reading its body: a Skipped, or None for a story to read."""
    if record.rec_type != "response":
        return Skipped(record.rec_type or "unknown", url)
    if not url:
        return Skipped("no_url", None)
    if record.http_headers is None or not record.http_headers.get_statuscode():
        return Skipped("not_http", url)
    try:
        status = int(record.http_headers.get_statuscode())
    except ValueError:
        return Skipped("not_http", url)
    if 300 <= status < 400:
        return Skipped("redirect", url)
    if status < 200 or status >= 400:
        return Skipped("http_error", url)
    if not is_html_content_type(record.http_headers.get_header("content-type")):
        return Skipped("not_html", url)
    return None


def _page(record: ArcWarcRecord, url: str, source: str | None) -> Page | PageFailure:
    """Read an HTML response record's body into a Page (or a failure for this record)."""
    try:
        fetched_at = _warc_date(record.rec_headers.get_header("WARC-Date"))
    except ValueError as exc:
        return PageFailure(url, ArchiveError("bad_record", f"WARC-Date: {exc}"))
    headers = _headers(record)
    stream = record.content_stream()
    if stream is not record.raw_stream:  # warcio decoded chunking or a content-encoding
        headers = {k: v for k, v in headers.items() if k not in DECODED_HEADERS}
    try:
        body = stream.read(MAX_BYTES + 1)
    except Exception as exc:  # a corrupt gzip/brotli body: this record's fault, or the cut's
        return PageFailure(url, ArchiveError("bad_record", f"cannot decode the body: {exc}"))
    if len(body) > MAX_BYTES:
        return PageFailure(url, ExtractError("too_large", f"more than {MAX_BYTES:,} bytes"))
    return Page(url=url, body=body, status=int(record.http_headers.get_statuscode()),
                headers=headers, fetched_at=fetched_at, source=source)


def _record_end(archive: _Iterator, member: int) -> Position:
    """Where the record just read to its end ends, `member` being where its gzip member
    starts. warcio's own offset mixes compressed and uncompressed counts when the member
    goes on after the record, so the place is then counted in the member's uncompressed
    bytes: those decompressed so far, less those still buffered and the next record's first
    line, already read."""
    reader = archive.reader
    if reader.decompressor is None or archive.next_line is None:
        return Position(archive.offset)
    buffered = reader.buff_size - reader.buff.tell() if reader.buff else 0
    return Position(member, reader.num_block_read - buffered - len(archive.next_line))


def _read_archive(path: Path, source: str | None) -> Iterator[tuple[Item, int]]:
    """(item, byte offset where its record ends, or where its gzip member starts when the
    member goes on) for each record of one archive."""
    records, end = 0, Position(0)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after every record
        size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise ArchiveError("unreadable", f"{path}: {exc.strerror or exc}") from None
    with handle:
        archive = _Iterator(handle, arc2warc=True)
        while True:
            try:
                record = next(archive, None)
                if record is None:
                    break
                url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
                item = _classify(record, url or None) or _page(record, url, source)
                archive.get_record_length()  # reads to the end of the record
            except Exception as exc:  # anything warcio raises here is the archive's damage
                raise _damaged(path, end, records, exc) from None
            if getattr(record.raw_stream, "limit", 0) > 0:  # block ends before Content-Length
                raise _damaged(path, end, records, "truncated record")
            records, end = records + 1, _record_end(archive, end.byte)
            yield item, end.byte
        _check_tail(handle, path, end, size, records)


def _check_tail(handle: BinaryIO, path: Path, end: Position, size: int, records: int) -> None:
    """Raise ArchiveDamaged unless only blank lines follow the last good record."""
    if size - end.byte > 4096:
        raise _damaged(path, end, records, f"{size - end.byte:,} unreadable bytes follow")
    try:
        handle.seek(end.byte)
        rest = handle.read()
    except OSError as exc:
        raise _damaged(path, end, records, exc.strerror or str(exc)) from None
    if rest.strip():
        raise _damaged(path, end, records, "truncated or unreadable record")


def iter_pages(path: Path, source: str | None = None) -> Iterator[Item]:
    """Each record of a WARC file (.warc or .warc.gz): a Page for an HTML response, a
    PageFailure for a response that cannot be read, a Skipped for anything else.

    Raises ArchiveDamaged at the first damage, after yielding everything before it (or
    ArchiveError when the file cannot be read at all, or is gzipped as one stream).
    """
    for item, _end in _read_archive(Path(path), source):
        yield item


@dataclass(slots=True)
class ImportCounts(RunCounts):
    """What an import did: `RunCounts`, plus skipped records by kind and damaged archives.

    `pages_seen` counts every record read; `pages_skipped` the records stored unchanged plus
    those skipped by kind."""

    skipped: dict[str, int] = field(default_factory=dict)
    errors: list[ArchiveError] = field(default_factory=list)

    def skip(self, kind: str, n: int = 1) -> None:
        if n:
            self.skipped[kind] = self.skipped.get(kind, 0) + n
            self.pages_skipped += n

    def summary(self) -> str:
        """One line, e.g. "120 records read, 95 new, 3 updated, 2 failed, 20 skipped
        (unchanged 10, request 10)"."""
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.skipped.items(),
                                                        key=lambda kv: (-kv[1], kv[0])))
        return (f"{self.pages_seen} records read, {self.pages_new} new, "
                f"{self.pages_updated} updated, {self.pages_failed} failed, "
                f"{self.pages_skipped} skipped" + (f" ({kinds})" if kinds else ""))


OnProgress = Callable[[int, int, ImportCounts], None]
"""on_progress(bytes read, total bytes, counts so far)."""
OnError = Callable[[ArchiveError], None]




def import_archives(paths: Iterable[Path], store: Store, *, workers: int | None = None,
                    source: str | None = None, on_progress: OnProgress | None = None,
                    on_error: OnError | None = None) -> ImportCounts:
    """Import every HTML response record of the archives into `store`, as one crawl run.

    A damaged or unreadable archive is imported up to the damage, reported to
    `on_error` and in `counts.errors`, and the next archive is read; the run is then
    "failed". Failing records become `failures` rows.
    """
    paths = [Path(p) for p in paths]
    counts = ImportCounts()
    run_id = store.start_run(json.dumps({"command": "import",
                                         "files": [str(p) for p in paths],
                                         "source": source}))
    sizes = [_size(p) for p in paths]
    total, done_before = sum(sizes), 0
    run = BatchRun(store, counts, run_id=run_id, workers=archive_workers(workers, total))
    status = "failed"
    try:
        for path, size in zip(paths, sizes, strict=True):
            try:
                for item, end in _read_archive(path, source):
                    counts.pages_seen += 1
                    if isinstance(item, Skipped):
                        counts.skip(item.kind)
                    elif isinstance(item, PageFailure):
                        run.fail(item.url, item.error)
                    else:
                        run.submit(item)
                    if on_progress:
                        on_progress(done_before + min(end, size), total, counts)
            except ArchiveError as exc:
                counts.errors.append(exc)
                if on_error:
                    on_error(exc)
            done_before += size
            if on_progress:
                on_progress(done_before, total, counts)
        run.finish()
        status = "failed" if counts.errors else "completed"
    except KeyboardInterrupt:
        status = "interrupted"
        run.flush()  # what was processed is kept
        raise
    finally:
        run.close()
        counts.skip("unchanged", run.unchanged)
        store.finish_run(run_id, status, counts.as_row(), stats={
            "skipped": counts.skipped, "failures": counts.failures,
            "errors": [e.detail for e in counts.errors], "seconds": dict(run.seconds)})
    return counts


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
