"""Running pages through the pipeline outside Scrapy: one-off fetches, sources, the worker
pool, WARC import and reprocessing.
"""
