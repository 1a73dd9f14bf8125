"""news-ingest: a news scraping and syndication ingester.

The core library: every page, however it was fetched, goes through `ingest.pipeline.process`
and becomes one `ingest.record.Article`. Nothing in this package imports Scrapy.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("news-ingest")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"
