"""The `ingest` command line: a thin click layer over the core library.

Each command is a few lines over a library function. Errors are one line on stderr and an
exit status: 0 success, 1 the work failed, 2 bad usage (DESIGN.md, "Command line").
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import click

from ingest import __version__
from ingest.app.crawling import spiders_run
from ingest.app.demo import DEMO_PORT
from ingest.app.serve import is_loopback, port_problem, serve
from ingest.core.errors import ConfigError, IngestError, StoreError
from ingest.core.page import Page
from ingest.core.record import Article
from ingest.core.stages import STAT_PREFIX, stage_table
from ingest.distributed.scale_out import (
    HEARTBEAT_SECONDS,
    IDLE_SECONDS,
    Keys,
    connect,
    enqueue,
    start_points,
)
from ingest.run.fetch import FetchSettings, check_url
from ingest.run.fork_server import SMALL_RUN_PAGES, start_fork_server
from ingest.run.reprocess import reprocess
from ingest.run.sources import DEFAULT_PATH as SOURCES_PATH
from ingest.run.sources import Source, load_sources, select
from ingest.run.workers import return_large_blocks
from ingest.store.database import Store
from ingest.store.export import DATE_FIELDS, Selection, batches, choose_fields, count_date_fallbacks
from ingest.store.export_formats import FORMATS, check_target, format_from_name, open_output, write
from ingest.store.lock import run_lock
from ingest.store.runs import PAGES
from ingest.store.site_chrome import SiteChrome
from ingest.store.sql import describe, is_postgres, sqlite_path, target_problem

DEFAULT_DB = "data/news.db"


class Fail(click.ClickException):
    """The work failed (exit 1), with a one-line message."""

    exit_code = 1


class IngestGroup(click.Group):
    """A group whose errors are one line on stderr, never a usage dump or a traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        for name in ("INGEST_VERBOSE", "INGEST_QUIET"):  # set again by this command's options
            os.environ.pop(name, None)
        PAGES.handlers.clear()
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("error: aborted", err=True)
            sys.exit(130)
        except click.ClickException as exc:
            click.echo(f"error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except (IngestError, ConfigError) as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except Exception as exc:  # a bug, not bad input: say so in one line unless -v
            if os.environ.get("INGEST_VERBOSE"):
                traceback.print_exc()
            click.echo(f"error: internal error: {type(exc).__name__}: {exc} "
                       "(run with -v for the traceback)", err=True)
            sys.exit(1)


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--db PATH|URL` on every command (default data/news.db, or $INGEST_DB)."""
    return click.option("--db", "db", metavar="PATH|URL", envvar="INGEST_DB", default=None,
                        help="SQLite file, or a postgresql:// URL (default data/news.db, "
                             "or $INGEST_DB).")(command)


def start_point_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Ad hoc start points (`--feed`, `--sitemap`, `--start-url`, `--url`), for `crawl` and
    for `enqueue` alike."""
    for option in reversed((
        click.option("--feed", "feeds", multiple=True,
                     help="An RSS/Atom feed to crawl (repeatable)."),
        click.option("--sitemap", "sitemaps", multiple=True,
                     help="A sitemap, sitemap index or robots.txt to crawl (repeatable)."),
        click.option("--start-url", "pages", multiple=True,
                     help="A section or front page whose story links to crawl (repeatable)."),
        click.option("--url", "urls", multiple=True, help="A story URL to fetch (repeatable)."),
    )):
        command = option(command)
    return command


def workers_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--workers N` of the commands that process stored or archived pages."""
    return click.option("--workers", type=click.IntRange(0), default=None,
                        help="Processes extracting in parallel (default: one per core; one "
                             f"for a run under {SMALL_RUN_PAGES} pages).")(command)


def allow_private_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--allow-private`: fetch hosts on loopback and private addresses (docs/security.md)."""
    return click.option("--allow-private/--no-allow-private", envvar="INGEST_ALLOW_PRIVATE",
                        default=False, show_default=True,
                        help="Fetch hosts on loopback and private networks (an intranet, a "
                             "test server); link-local and reserved addresses stay refused. "
                             "Or $INGEST_ALLOW_PRIVATE=1.")(command)


def redis_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--redis URL` and `--crawl-name NAME`: the shared state of a distributed crawl."""
    command = click.option("--crawl-name", envvar="INGEST_CRAWL_NAME", default="news",
                           show_default=True,
                           help="Name of the distributed crawl (its Redis keys); "
                                "one per database.")(command)
    return click.option("--redis", "redis_url", envvar="INGEST_REDIS", default=None,
                        help="Redis URL of a distributed crawl (or $INGEST_REDIS).")(command)


def resolve_db(ctx: click.Context, db: str | None) -> str:
    """The database: the command's --db, else the group's, else the default; another
    database's URL (mysql://...) is a usage error naming the forms accepted."""
    target = db or ctx.find_root().params.get("db") or DEFAULT_DB
    problem = target_problem(target)
    if problem:
        raise click.UsageError(problem)
    return target


def open_store(target: str, *, must_exist: bool = False) -> Store:
    """The store `target` names; `must_exist`: a missing SQLite file is an error, not a new
    database (a PostgreSQL database always exists once it can be connected to)."""
    path = None if is_postgres(target) else sqlite_path(target)
    if must_exist and path is not None and not path.exists():
        raise Fail(f"no database at {path} (create one with `ingest fetch` or `ingest demo`)")
    return Store(target)


def report_error(url: str, exc: IngestError) -> None:
    """One line on stderr for a page that failed."""
    click.echo(f"error: {url}: {exc.reason}" + (f": {exc.detail}" if exc.detail else ""),
               err=True)


def emit(article: Article, as_json: bool, status: str | None = None) -> None:
    """Print a record: one JSON line, or a short human summary."""
    record = article.to_dict()
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False))
        return
    if status:
        click.echo(f"{status:9s} {article.id}  {article.title or '(untitled)'}")
        return
    evidence = "; ".join(f"{e['kind']}: {e['text']}" for e in record["syndication_evidence"])
    for label, value in (
        ("title", article.title), ("url", article.url), ("site", article.site_name),
        ("byline", article.byline), ("authors", ", ".join(article.authors) or None),
        ("published", article.published_at and
         f"{article.published_at} ({article.published_at_source})"),
        ("publisher", article.original_publisher),
        ("syndicated", f"yes ({evidence})" if article.is_syndicated else "no"),
        ("photo", "; ".join(article.image_credits) or None), ("language", article.language),
        ("words", article.word_count),
    ):
        if value is not None:
            click.echo(f"{label:>10}: {value}")
    click.echo("")
    click.echo(article.text)


@click.group(cls=IngestGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="ingest")
@db_option
def cli(db: str | None) -> None:
    """News scraping and syndication ingester.

    Fetch, crawl or import news pages, turn each into one clean record (title, text, byline,
    authors, dates, original publisher, syndication evidence) and store it in SQLite.
    """


def _verbosity(ctx: click.Context, param: click.Parameter, value: int | bool) -> None:
    """-v (each page and what became of it, tracebacks of bugs), -vv (Scrapy's own log too)
    and -q (errors only), before or after the command's name."""
    if param.name == "quiet" and value:
        os.environ["INGEST_QUIET"] = "1"
    elif param.name == "verbose" and value:
        level = int(os.environ.get("INGEST_VERBOSE") or 0) + int(value)
        os.environ["INGEST_VERBOSE"] = str(level)
        if not PAGES.handlers:
            PAGES.addHandler(EchoHandler())
            PAGES.setLevel(logging.INFO)
            PAGES.propagate = False


class EchoHandler(logging.Handler):
    """Log lines to the standard error of the moment (click's, under a test runner too)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(record.getMessage(), err=True)


def verbosity_options(command: click.Command) -> None:
    """Give `command` the -v and -q options."""
    command.params += [
        click.Option(["-v", "--verbose"], count=True, expose_value=False, is_eager=True,
                     callback=_verbosity,
                     help="Each page and what became of it (-vv: Scrapy's log too)."),
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, is_eager=True,
                     callback=_verbosity, help="Print errors and requested output only."),
    ]


def scrapy_log_level() -> str:
    """Scrapy's own log only at -vv."""
    return "INFO" if int(os.environ.get("INGEST_VERBOSE") or 0) >= 2 else "CRITICAL"


def progress_wanted() -> bool:
    """A progress line on a terminal, unless -q."""
    return sys.stderr.isatty() and not os.environ.get("INGEST_QUIET")


def info(message: str, *, err: bool = False) -> None:
    """A summary line, left out with -q."""
    if not os.environ.get("INGEST_QUIET"):
        click.echo(message, err=err)


@cli.command("fetch")
@click.argument("urls", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print each record as one JSON line.")
@click.option("--source", help="Source name to store with the records.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0,
              show_default=True,
              help="Seconds allowed to connect and for each read.")
@click.option("--retries", type=click.IntRange(0, 20), default=3, show_default=True,
              help="Retries for timeouts, resets, 5xx, 408 and 429.")
@click.option("--backoff", type=click.FloatRange(0, 60), default=1.0, show_default=True,
              help="Base of the exponential backoff between retries, in seconds.")
@allow_private_option
@db_option
@click.pass_context
def fetch_command(ctx: click.Context, urls: tuple[str, ...], as_json: bool, source: str | None,
                  timeout: float, retries: int, backoff: float, allow_private: bool,
                  db: str | None) -> None:
    """Fetch URLs (with retries), process and store them.

    Example: ingest fetch https://www.example.com/news/story.html --json
    """
    for url in urls:
        try:
            check_url(url)
        except IngestError:
            raise click.UsageError(f"not an http(s) URL: {url!r}") from None
    from ingest.run.runner import (
        ingest_urls,  # the extraction stack: only where pages are processed
    )

    counts = ingest_urls(
        urls, open_store(resolve_db(ctx, db)),
        settings=FetchSettings(timeout=timeout, retries=retries, backoff_initial=backoff,
                               allow_private=allow_private),
        source=source,
        on_article=lambda article, status: emit(article, as_json, None if as_json else status),
        on_error=report_error,
    )
    if counts.pages_failed:
        sys.exit(1)


@cli.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--url", required=True, help="The URL the page was fetched from.")
@click.option("--json", "as_json", is_flag=True, help="Print the record as one JSON line.")
@click.option("--fetched-at", type=click.DateTime(["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S",
                                                   "%Y-%m-%d"]),
              help="When the page was fetched (default: now), for relative dates.")
@click.option("--content-type", help="The Content-Type the server sent, if known.")
@db_option
@click.pass_context
def extract_command(ctx: click.Context, file: Path, url: str, as_json: bool,
                    fetched_at: datetime | None, content_type: str | None,
                    db: str | None) -> None:
    """Process a saved HTML file (or - for stdin) without the network.

    The record is printed; it is stored only when --db (or $INGEST_DB) is given.

    Example: ingest extract saved/story.html --url https://www.example.com/story --json
    """
    from ingest.pipeline import process  # the extraction stack: only where pages are processed

    try:
        check_url(url)
    except IngestError:
        raise click.UsageError(f"--url is not an http(s) URL: {url!r}") from None
    if str(file) == "-":
        body = sys.stdin.buffer.read()
    elif not file.is_file():
        raise click.UsageError(f"no such file: {file}")
    else:
        try:
            body = file.read_bytes()
        except OSError as exc:
            raise Fail(f"cannot read {file}: {exc.strerror}") from None
    when = fetched_at or datetime.now(UTC)
    page = Page(url=url, body=body, fetched_at=when if when.tzinfo else when.replace(
        tzinfo=UTC), headers={"content-type": content_type} if content_type else {})
    explicit_db = db or ctx.find_root().params.get("db")
    store = open_store(resolve_db(ctx, explicit_db)) if explicit_db else None
    if store is not None:
        page = SiteChrome(store).annotate(page)
    try:
        article = process(page)
    except IngestError as exc:
        if store is not None:
            store.record_failure(url, exc)
        raise Fail(f"{file}: {exc.reason}: {exc.detail}".rstrip(": ")) from None
    if store is not None:
        store.save([(article, page)])
    emit(article, as_json)


ProgressBar = Callable[[int, int | None, str], None]
"""bar(done, total, description)."""


@contextmanager
def _progress(name: str, unit: str) -> Iterator[ProgressBar | None]:
    """A progress bar on stderr when it is a terminal (else None): `unit` is bytes or pages."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    count = DownloadColumn() if unit == "bytes" else MofNCompleteColumn()
    with Progress(TextColumn("{task.description}"), BarColumn(), count,
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(name, total=None)
        yield lambda done, total, text: bar.update(task, completed=done, total=total,
                                                   description=text)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--source", help="Source name to store with the records.")
@workers_option
@db_option
@click.pass_context
def import_command(ctx: click.Context, files: tuple[Path, ...], source: str | None,
                   workers: int | None, db: str | None) -> None:
    """Import WARC archives (.warc or .warc.gz, e.g. Common Crawl's CC-NEWS): every HTML
    response record is processed and stored, with its WARC-Date as fetched_at. A damaged
    archive is imported up to the damage, then the command exits 1.

    Example: ingest import CC-NEWS-20240416211500-00001.warc.gz --source cc-news
    """
    from ingest.run.warc import import_archives  # warcio: 1.2 MB a crawl need not hold

    for file in files:
        if not file.is_file():
            raise click.UsageError(f"no such file: {file}")
    path = resolve_db(ctx, db)
    with run_lock(path), _progress("import", "bytes") as bar:
        counts = import_archives(files, open_store(path), workers=workers,
                                 source=source, on_progress=bar and (lambda done, total, c: bar(
                                     done, total, f"import: {c.pages_seen} records, "
                                     f"{c.pages_new} new")),
                                 on_error=lambda exc: click.echo(f"error: {exc.detail}", err=True))
    info(f"import: {counts.summary()}")
    report_failed_pages(counts.failures)
    if counts.errors:
        sys.exit(1)
    if not counts.pages_seen:
        raise Fail("no record was read: the archives are empty")


@cli.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print each hit as one JSON line.")
@db_option
@click.pass_context
def search_command(ctx: click.Context, query: str, limit: int, as_json: bool,
                   db: str | None) -> None:
    """Full-text search of stored stories (FTS5 syntax on SQLite, web-search syntax on
    PostgreSQL).

    Example: ingest search 'Moscow AND Xi'
    """
    try:
        hits = open_store(resolve_db(ctx, db), must_exist=True).search(query, limit)
    except StoreError as exc:  # the query's syntax: the user's to fix, like a bad option
        if exc.reason != "bad_query":
            raise
        raise click.UsageError(exc.detail) from None
    for hit in hits:
        if as_json:
            click.echo(json.dumps(hit, ensure_ascii=False))
        else:
            click.echo(f"{hit['title']}  ({hit['site_name'] or hit['url']}, "
                       f"{hit['published_at'] or 'undated'})\n    {hit['snippet']}")
    if not hits and not as_json:
        click.echo("no matches", err=True)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format (default: from the --out name, else jsonl).")
@click.option("--out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Output file (default stdout); .gz or .zst compresses JSONL and CSV.")
@click.option("--since", help="Stories dated on or after this ISO date or datetime.")
@click.option("--until", help="Stories dated before this datetime, or on or before this day.")
@click.option("--date-field", type=click.Choice(DATE_FIELDS), default="published",
              show_default=True,
              help="What --since/--until compare: published_at (fetched_at for undated "
                   "stories, counted in the summary) or fetched_at.")
@click.option("--source", help="Only this source (name in sources.toml).")
@click.option("--publisher", help="Only stories whose original publisher is this one.")
@click.option("--language", help="Only this language (en also matches en-GB).")
@click.option("--originals-only", is_flag=True, help="Leave out syndicated copies.")
@click.option("--fields", help="Comma-separated fields to export (schema_version always).")
@db_option
@click.pass_context
def export_command(ctx: click.Context, fmt: str | None, out: Path | None, since: str | None,
                   until: str | None, date_field: str, source: str | None,
                   publisher: str | None, language: str | None, originals_only: bool,
                   fields: str | None, db: str | None) -> None:
    """Stream stored records out as JSON Lines, CSV or Parquet.

    Example: ingest export --since 2026-11-01 --originals-only --out november.parquet
    """
    target = None if out is None or str(out) == "-" else out
    if fmt is None and target is not None and format_from_name(target) is None:
        raise click.UsageError(f"--out {target}: name it .jsonl, .csv or .parquet (.gz or .zst "
                               "compresses the first two), or give --format")
    fmt = fmt or format_from_name(target) or "jsonl"
    try:
        columns = choose_fields(fields)
        selection = Selection(since, until, date_field, source, publisher, language,
                              originals_only)
        selection.where()
        check_target(target, fmt)
    except (ConfigError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    store = open_store(resolve_db(ctx, db), must_exist=True)
    with open_output(target, fmt) as stream:
        rows = write(fmt, batches(store, selection, columns), stream, columns)
    fallbacks = count_date_fallbacks(store, selection)
    note = f" ({fallbacks} undated, matched on fetched_at)" if fallbacks else ""
    info(f"exported {rows} records as {fmt} to {target or 'stdout'}{note}", err=True)


@cli.command("reprocess")
@click.option("--since", help="Only stories dated (else fetched) on or after this ISO date.")
@click.option("--source", help="Only this source's stories.")
@workers_option
@db_option
@click.pass_context
def reprocess_command(ctx: click.Context, since: str | None, source: str | None,
                      workers: int | None, db: str | None) -> None:
    """Re-run processing over the stored raw pages (after the extractor improved), updating
    the records in place: ids stay, nothing is fetched.

    Example: ingest reprocess --source npr
    """
    selection = Selection(since=since, source=source)
    try:
        selection.where()
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    path = resolve_db(ctx, db)
    store = open_store(path, must_exist=True)
    with run_lock(path), _progress("reprocess", "pages") as bar:
        counts = reprocess(store, selection, workers=workers,
                           on_progress=bar and (lambda done, total, c: bar(
                               done, total, f"reprocess: {c.pages_updated} updated")))
    info(f"reprocess: {counts.summary()}")


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (0.0.0.0 exposes the database to the network).")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@db_option
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, db: str | None) -> None:
    """Browse and search the database in Datasette: facets on source, site, original
    publisher, syndication and language; full-text search; links between copies of a story.

    Example: ingest serve --port 8001   (then open http://127.0.0.1:8001/news/articles)
    """
    target = resolve_db(ctx, db)
    if is_postgres(target):
        raise Fail("ingest serve browses SQLite only (Datasette): keep a SQLite database for "
                   "it, or export the records (ingest export) and browse those")
    open_store(target, must_exist=True).close()  # brings an older database up to date
    if not is_loopback(host):
        click.echo(f"warning: --host {host} is not a loopback address: the database and its "
                   "SQL interface are open to anyone on the network who can reach it", err=True)
    problem = port_problem(host, port)
    if problem:
        raise Fail(problem)
    serve(sqlite_path(target), host=host, port=port)


@cli.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@db_option
@click.pass_context
def stats_command(ctx: click.Context, as_json: bool, db: str | None) -> None:
    """Counts per source and publisher, syndicated share, failures and recent runs.

    Example: ingest stats
    """
    stats = open_store(resolve_db(ctx, db), must_exist=True).stats()
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, default=str))
        return
    from rich.console import Console

    Console(soft_wrap=True).print(*stats_tables(stats))


def _minute(stamp: str | None) -> str | None:
    """`2026-11-28T18:36:51Z` as `2026-11-28 18:36`, short enough for a table."""
    return stamp and stamp[:16].replace("T", " ")


def stats_tables(stats: dict[str, Any]) -> list[Any]:
    """`ingest stats` as rich renderables: the totals line, then one table per breakdown."""
    from rich.table import Table

    total = stats["articles"]
    share = f"{stats['syndicated'] / total:.0%}" if total else "-"
    clusters, copies = stats["clusters"]
    parts: list[Any] = [
        f"[bold]{total}[/] articles, {stats['syndicated']} syndicated ({share}), "
        f"{clusters} stories with copies ({copies} records), {stats['failures']} failures"]
    for title, key, label in (("By source", "by_source", "source"),
                              ("By site (top 20)", "by_site", "site"),
                              ("By original publisher (top 20)", "by_publisher", "publisher"),
                              ("Failures by reason", "failures_by_reason", "reason")):
        if stats[key]:
            table = Table(title=title, title_justify="left")
            table.add_column(label)
            table.add_column("articles" if key != "failures_by_reason" else "pages",
                             justify="right")
            shares = key in ("by_source", "by_site")
            if shares:
                table.add_column("syndicated", justify="right")
            for row in stats[key]:
                extra = [f"{row['syndicated'] or 0} ({(row['syndicated'] or 0) / row['n']:.0%})"
                         ] if shares else []
                table.add_row(row[label] or "(unknown)", str(row["n"]), *extra)
            parts.append(table)
    if stats["runs"]:
        runs = Table(title="Last runs", title_justify="left")
        for column in ("run", "status", "started", "finished", "seen", "new", "updated",
                       "failed"):
            runs.add_column(column, justify="right" if column in
                            ("run", "seen", "new", "updated", "failed") else "left")
        for run in stats["runs"]:
            runs.add_row(str(run["id"]), run["status"] or "running", _minute(run["started_at"]),
                         _minute(run["finished_at"]) or "…", *(str(run[k] or 0) for k in (
                             "pages_seen", "pages_new", "pages_updated", "pages_failed")))
        parts.append(runs)
    return parts


def _since(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO date: {value!r}", param_hint="--since") from None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).isoformat()


def _due(sources: list[Source], store: Store, force: bool) -> list[Source]:
    """The sources whose min_interval has passed since their last completed crawl."""
    due, now = [], datetime.now(UTC)
    for source in sources:
        last = store.last_crawled(source.name)
        if not force and last:
            age = now - datetime.fromisoformat(last.replace("Z", "+00:00"))
            if age < source.min_interval:
                click.echo(f"skipping {source.name}: crawled {int(age.total_seconds() // 60)} "
                           f"min ago (min_interval {source.min_interval})", err=True)
                continue
        due.append(source)
    return due


def failed_by_reason(stats: dict[str, Any]) -> dict[str, int]:
    """A crawl's failed pages by reason, from its stats."""
    return {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("ingest/failed/")}


def crawl_summary(store: Store, stats: dict[str, Any]) -> tuple[str, str]:
    """(status, one-line summary) of the run the stats belong to."""
    run = store.run(stats["ingest/run_id"])
    failures = failed_by_reason(stats)
    detail = ", ".join(f"{k} {v}" for k, v in sorted(failures.items()))
    robots = stats.get("robotstxt/forbidden", 0)
    listings = stats.get("ingest/listings", 0)
    return run["status"], (
        f"crawl {run['status']}: {run['pages_seen']} pages fetched, {run['pages_new']} new, "
        f"{run['pages_updated']} updated, {run['pages_skipped']} skipped, "
        f"{run['pages_failed']} failed" + (f" ({detail})" if detail else "")
        + (f", {listings} listing page{'s' if listings > 1 else ''} (not stories)"
           if listings else "")
        + (f", {robots} disallowed by robots.txt" if robots else ""))


def stage_report(stats: dict[str, Any]) -> str:
    """Where the run's time went, per stage (`ingest crawl -v`)."""
    seconds = {k.removeprefix(STAT_PREFIX): v for k, v in stats.items()
               if k.startswith(STAT_PREFIX)}
    pages = stats.get("ingest/processed", 0)
    lines = [f"time per stage over {pages} pages (share of processing time):"]
    lines += [f"  {stage:12s} {total:9.2f} s {per_page:8.1f} ms/page"
              + (f" {share:6.1%}" if stage != "fetch_wait" else "   (waiting)")
              for stage, total, per_page, share in stage_table(seconds, pages)]
    return "\n".join(lines)


@cli.command("crawl")
@click.argument("names", nargs=-1)
@start_point_options
@click.option("--max-pages", type=click.IntRange(1), help="Fetch at most this many stories.")
@click.option("--since", help="Skip stories a feed or sitemap dates before this ISO date.")
@click.option("--refresh", is_flag=True, help="Refetch stories already stored.")
@click.option("--force", is_flag=True, help="Ignore the sources' min_interval.")
@click.option("--sources-file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Sources file (default data/sources.toml).")
@click.option("--workers", type=click.IntRange(0), default=None,
              help="Processes extracting in parallel (default: one per core).")
@click.option("--jobdir", type=click.Path(file_okay=False, path_type=Path),
              help="Keep Scrapy's queue here, to resume a large crawl exactly where it stopped.")
@redis_options
@click.option("--idle", type=click.FloatRange(0), default=IDLE_SECONDS, show_default=True,
              help="With --redis: stop after this many seconds with no work left anywhere.")
@click.option("--heartbeat", type=click.FloatRange(1), default=HEARTBEAT_SECONDS,
              show_default=True,
              help="With --redis: a worker silent this long is dead; others redo its requests.")
@allow_private_option
@db_option
@click.pass_context
def crawl_command(ctx: click.Context, names: tuple[str, ...], feeds: tuple[str, ...],
                  sitemaps: tuple[str, ...], pages: tuple[str, ...], urls: tuple[str, ...],
                  max_pages: int | None, since: str | None, refresh: bool, force: bool,
                  sources_file: Path | None, workers: int | None, jobdir: Path | None,
                  redis_url: str | None, crawl_name: str, idle: float, heartbeat: float,
                  allow_private: bool, db: str | None) -> None:
    """The scheduled job: crawl sources from sources.toml (all when none is named), or ad hoc
    start points, into the database. Incremental (stored stories are not refetched), polite
    (robots.txt, throttling) and safe to run from cron: a second run on the same database
    exits at once.

    With --redis URL the process is one worker of a distributed crawl: start points come
    from `ingest enqueue`, the queue is shared, and workers may join and leave at any time
    (docs/scale-out.md).

    Example: ingest crawl npr bbc-world --max-pages 200
    """
    for url in (*feeds, *sitemaps, *pages, *urls):
        try:
            check_url(url)
        except IngestError:
            raise click.UsageError(f"not an http(s) URL: {url!r}") from None
    since_iso = _since(since)
    adhoc = bool(feeds or sitemaps or pages or urls)
    if redis_url:
        if names or adhoc:
            raise click.UsageError("with --redis the start points come from `ingest enqueue`")
        _work_shared(ctx, redis_url, crawl_name, sources_file, db, idle=idle,
                     heartbeat=heartbeat, INGEST_REFRESH=refresh or None, INGEST_WORKERS=workers,
                     INGEST_ALLOW_PRIVATE=allow_private,
                     since=since_iso, max_pages=max_pages)
        return
    chosen = select(load_sources(sources_file or SOURCES_PATH), names) \
        if names or not adhoc else []
    path = resolve_db(ctx, db)
    with run_lock(path):
        store = open_store(path)
        chosen = _due(chosen, store, force or refresh)
        if not chosen and not adhoc:
            click.echo("nothing to crawl: every source was crawled within its min_interval",
                       err=True)
            return
        run = crawler(workers)
        settings = run.crawl_settings(
            path, INGEST_REFRESH=refresh or None, INGEST_WORKERS=workers,
            INGEST_ALLOW_PRIVATE=allow_private, JOBDIR=str(jobdir) if jobdir else None,
            LOG_LEVEL=scrapy_log_level(),
            INGEST_PROGRESS=progress_wanted() or None)
        stats = run.run_crawl(settings, sources=chosen, feeds=list(feeds),
                              sitemaps=list(sitemaps), pages=list(pages), urls=list(urls),
                              since=since_iso, max_pages=max_pages)
        status = report_crawl(store, stats)
    if not stats.get("ingest/reached"):
        raise Fail("no start point was reachable")
    if status != "completed":
        sys.exit(1)


def crawler(workers: int | None) -> ModuleType:
    """`spiders.run`, for a crawl about to start. The worker pool's fork server is started
    first (unless one worker is asked for), so the extraction stack loads in it while this
    process imports Scrapy and reads robots.txt and sitemaps (`start_fork_server`). This
    process returns its large freed blocks to the system as the pool's do
    (`return_large_blocks`)."""
    return_large_blocks()
    if (workers or os.cpu_count() or 1) > 1:
        start_fork_server()
    return spiders_run()  # Scrapy stays out of the core library


def report_failed_pages(failures: dict[str, int]) -> None:
    """The exit-status rule of `crawl` and `import` (docs/security.md): a run that stored
    some pages and gave up on others succeeds, and says on stderr how many and why."""
    total = sum(failures.values())
    if total:
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(
            failures.items(), key=lambda kv: (-kv[1], kv[0])))
        click.echo(f"{total} page{'s' if total > 1 else ''} failed ({reasons}): each is a row "
                   "of the failures table (ingest stats)", err=True)


def report_crawl(store: Store, stats: dict[str, Any]) -> str:
    """Print the run's summary (and with -v where its time went) and its failed pages; its
    status."""
    status, summary = crawl_summary(store, stats)
    info(summary)
    report_failed_pages(failed_by_reason(stats))
    if os.environ.get("INGEST_VERBOSE"):
        click.echo(stage_report(stats), err=True)
    return status


def _work_shared(ctx: click.Context, redis_url: str, crawl_name: str,
                 sources_file: Path | None, db: str | None, *, idle: float, heartbeat: float,
                 since: str | None, max_pages: int | None, **settings: Any) -> None:
    """`ingest crawl --redis`: one worker of a distributed crawl, no run lock (the workers
    share the database by design)."""
    known = load_sources(sources_file or SOURCES_PATH)
    _connect(redis_url)
    run = crawler(settings.get("INGEST_WORKERS"))
    crawl_settings, redis_settings = run.crawl_settings, run.redis_settings
    run_shared_crawl = run.run_shared_crawl
    path = resolve_db(ctx, db)
    store = open_store(path)
    scrapy_settings = crawl_settings(
        path, **settings, **redis_settings(redis_url, crawl_name, idle=idle,
                                           heartbeat=heartbeat),
        LOG_LEVEL=scrapy_log_level(),
        INGEST_PROGRESS=progress_wanted() or None)
    stats = run_shared_crawl(scrapy_settings, known_sources=known, since=since,
                             max_pages=max_pages)
    if report_crawl(store, stats) != "completed":
        sys.exit(1)


def _connect(url: str) -> Any:
    """A Redis client, or a one-line failure naming the URL."""
    import redis  # here, not at the top: a plain crawl never loads redis-py

    try:
        return connect(url)
    except (redis.RedisError, ValueError) as exc:
        raise Fail(f"cannot reach Redis at {url}: {exc}") from None


@cli.command("enqueue")
@click.argument("names", nargs=-1)
@click.option("--source", "more_names", multiple=True,
              help="A source of the sources file to crawl (repeatable; default: all).")
@start_point_options
@click.option("--sources", "--sources-file", "sources_file",
              type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Sources file (default data/sources.toml); workers need the same one.")
@redis_options
def enqueue_command(names: tuple[str, ...], more_names: tuple[str, ...], feeds: tuple[str, ...],
                    sitemaps: tuple[str, ...], pages: tuple[str, ...], urls: tuple[str, ...],
                    sources_file: Path | None, redis_url: str | None, crawl_name: str) -> None:
    """Seed a distributed crawl: push the start points of sources (all when none is named)
    or ad hoc ones to Redis, for the workers (`ingest crawl --redis`) to take. When no crawl
    is in progress this begins a new round: feeds and sitemaps will be read again.

    Example: ingest enqueue --source npr --redis redis://queue.example:6379/0
    """
    if not redis_url:
        raise click.UsageError("give the Redis to seed: --redis URL (or $INGEST_REDIS)")
    adhoc = [{"kind": kind, "url": url} for kind, given in (
        ("feed", feeds), ("sitemap", sitemaps), ("section", pages), ("article", urls))
        for url in given]
    for point in adhoc:
        try:
            check_url(point["url"])
        except IngestError:
            raise click.UsageError(f"not an http(s) URL: {point['url']!r}") from None
    chosen = [*names, *more_names]
    points = start_points(select(load_sources(sources_file or SOURCES_PATH), chosen)
                          if chosen or not adhoc else []) + adhoc
    new_round = enqueue(_connect(redis_url), Keys(crawl_name), points)
    click.echo(f"{len(points)} start points queued for crawl {crawl_name!r}"
               + (" (a new round)" if new_round else " (joining the crawl in progress)"))


@cli.command("sources")
@click.option("--sources-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Sources file (default data/sources.toml).")
@click.option("--json", "as_json", is_flag=True, help="Print each source as one JSON line.")
def sources_command(sources_file: Path | None, as_json: bool) -> None:
    """List the sources a scheduled crawl visits (data/sources.toml).

    Example: ingest sources
    """
    for source in load_sources(sources_file or SOURCES_PATH):
        if as_json:
            click.echo(json.dumps({"name": source.name, "title": source.title,
                                   "feeds": source.feeds, "sitemaps": source.sitemaps,
                                   "pages": source.pages, "language": source.language}))
        else:
            starts = ", ".join(f"{len(v)} {k}" for k, v in (
                ("feeds", source.feeds), ("sitemaps", source.sitemaps),
                ("pages", source.pages)) if v)
            click.echo(f"{source.name:24s} {source.title:32s} {source.language or '-':5s} "
                       f"{starts}")


@cli.command("demo")
@click.option("--port", type=click.IntRange(0, 65535), default=DEMO_PORT, show_default=True,
              help="Port to serve the demo site on (0: any free port).")
@click.option("--serve", "serve_only", is_flag=True,
              help="Only serve the demo site, until interrupted, to crawl it by hand.")
@db_option
@click.pass_context
def demo_command(ctx: click.Context, port: int, serve_only: bool, db: str | None) -> None:
    """Serve the bundled demo site on 127.0.0.1 and crawl it: the whole job, no network.

    With --serve the site is only served (on the stable base URL http://127.0.0.1:8947 by
    default) until Ctrl-C, for `ingest crawl --allow-private ...` or `scrapy crawl` by hand.

    Example: ingest demo --db /tmp/demo.db
    """
    if serve_only:
        serve_demo_until_stopped(port)
        return
    from ingest.app.demo import STABLE_URL, demo_source, routes, serve_demo
    run = crawler(None)
    crawl_settings, run_crawl = run.crawl_settings, run.run_crawl

    path = resolve_db(ctx, db)
    with run_lock(path), serve_demo(port=port) as base:
        route = routes(base)  # the site's own URLs on any port: same stories, same ids
        info(f"serving the demo site at {base}/{f' (as {STABLE_URL}/)' if route else ''} "
             f"and crawling it into {describe(path)}")
        store = open_store(path)
        settings = crawl_settings(
            path, LOG_LEVEL=scrapy_log_level(),
            INGEST_PROGRESS=progress_wanted() or None, AUTOTHROTTLE_ENABLED=False,
            INGEST_ALLOW_PRIVATE=True,  # the demo site is served on 127.0.0.1
            INGEST_ROUTES=route or None)
        stats = run_crawl(settings, sources=[demo_source()])
        status, summary = crawl_summary(store, stats)
    info(f"{summary}\n\nTry next:\n  ingest --db {path} stats\n"
         f"  ingest --db {path} search 'salmon OR coffee'\n"
         f"  ingest --db {path} crawl --url URL   (or: ingest fetch URL --json)")
    if status != "completed":
        sys.exit(1)


def serve_demo_until_stopped(port: int) -> None:
    """`ingest demo --serve`: the demo site and how to crawl it, until Ctrl-C."""
    from ingest.app.demo import serve_demo

    with serve_demo(port=port) as base:
        click.echo(f"serving the demo site at {base}/ (Ctrl-C to stop). Crawl it with:\n"
                   f"  ingest crawl --allow-private --sitemap {base}/robots.txt\n"
                   f"  ingest crawl --allow-private --start-url {base}/index.html\n"
                   f"  INGEST_ALLOW_PRIVATE=1 scrapy crawl feed -a url={base}/feed.xml")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            click.echo("stopped", err=True)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="ingest")


for _command in (cli, *cli.commands.values()):
    verbosity_options(_command)
