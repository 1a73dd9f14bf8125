"""Thin Scrapy item pipelines: one runs `ingest.pipeline.process`, one writes to the store."""
