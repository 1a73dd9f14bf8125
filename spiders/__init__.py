"""Scrapy spiders: they discover story URLs and fetch them, nothing more.

Each fetched response becomes an `ingest.core.page.Page` item; the pipelines hand it to
`ingest.pipeline.process`. No spider parses article content.

In a checkout this is the top-level package `spiders` (what `scrapy.cfg` names); the wheel
installs it as `news_ingest_crawl.spiders`, so that it never collides with another project's
`spiders` in site-packages (setup.py). Its modules import each other relatively, and
the dotted names Scrapy's settings need are built from `__name__`, so both work.
"""

PIPELINES = __name__.removesuffix("spiders") + "pipelines"
"""The item pipelines' package, beside this one: `pipelines` in a checkout,
`news_ingest_crawl.pipelines` when installed."""
