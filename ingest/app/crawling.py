"""Where the command line finds the Scrapy side: installed, or in the checkout.

The wheel installs the repository's `spiders/` and `pipelines/` as `news_ingest_crawl.spiders`
and `news_ingest_crawl.pipelines` (setup.py), so that they never collide with another
project's top-level `spiders` in site-packages. Run from a checkout without installing them
(`python -m ingest` at the repository root, as `scrapy` runs there), they are the top-level
`spiders` and `pipelines`. The core library imports no Scrapy: the commands that crawl come
here when they run.
"""

from __future__ import annotations

import importlib
from types import ModuleType

NAMESPACE = "news_ingest_crawl"
"""The package the wheel installs `spiders` and `pipelines` under."""


def spiders_run() -> ModuleType:
    """`spiders.run` (crawl settings, a crawl in this process): the installed one first, else
    the checkout's top-level `spiders`."""
    installed = f"{NAMESPACE}.spiders.run"
    try:
        return importlib.import_module(installed)
    except ModuleNotFoundError as exc:
        if exc.name is None or not f"{installed}.".startswith(f"{exc.name}."):
            raise  # something the crawler imports is missing, not the crawler itself
    return importlib.import_module("spiders.run")
