"""news-ingest: a news scraping and syndication ingester.

Every page, however it was fetched, goes through `ingest.process` (`ingest.pipeline`) and
becomes one `ingest.Article`. Nothing in this package imports Scrapy. The rooms, lowest first
(a room imports only rooms above it in this list, `tests/test_layout.py`):

- `core`: the page, the record, errors, URLs and the URL policy, decoding, the registry;
- `extract`: metadata, page regions, headline, body, dates, language, clean, bylines;
- `attribution`: authors, credit lines, datelines, provenance: who wrote it, who published it;
- `pipeline`: the one path from a page to a record;
- `dedup`: near-duplicate signatures and cluster rules;
- `store`: the database on SQLite or PostgreSQL, the run lock, runs, export;
- `run`: fetching, sources, the worker pool, WARC import, reprocessing;
- `distributed`: the Redis side of a crawl on several machines;
- `app`: the command line, the Datasette browser, the demo.
"""

__all__ = ["Article", "__version__", "process"]


def __getattr__(name: str) -> object:
    """`ingest.process` and `ingest.Article`, the public entry points, loaded when first asked
    for: importing one room (the store, the command line) must not load the extraction stack.
    So is `__version__`: `importlib.metadata` takes 40 ms to load, which the worker pool's
    fork server and the entry point's early start of it do without."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("news-ingest")
        except PackageNotFoundError:  # running from a source tree that was not installed
            return "0.0.0+unknown"
    if name == "process":
        from ingest.pipeline import process

        return process
    if name == "Article":
        from ingest.core.record import Article

        return Article
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
