"""Scrapy spiders: they discover story URLs and fetch them, nothing more.

Each fetched response becomes an `ingest.core.page.Page` item; the pipelines hand it to
`ingest.pipeline.process`. No spider parses article content.
"""
