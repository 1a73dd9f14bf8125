"""Thin Scrapy item pipelines: one runs `ingest.pipeline.process`, one writes to the store.

Installed as `news_ingest_crawl.pipelines` (the top-level `pipelines` of a checkout), like
`spiders`; see there."""
