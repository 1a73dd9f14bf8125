"""Extraction stages: from a parsed page to its metadata, regions, headline, body,
dates, language and byline, each a function of the page (and what earlier stages found).
"""
