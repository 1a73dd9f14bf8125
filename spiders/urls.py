"""`urls`: fetch a given list of story URLs (`-a urls=U1,U2` or `-a file=list.txt`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .news import NewsSpider


class UrlsSpider(NewsSpider):
    """Fetch each listed story once (already stored ones only with `-s INGEST_REFRESH=1`)."""

    name = "urls"

    def __init__(self, urls: str = "", file: str | None = None, **kwargs: Any) -> None:
        listed = [u.strip() for u in urls.split(",") if u.strip()]
        if file:
            listed += [line.strip() for line in Path(file).read_text("utf-8").splitlines()
                       if line.strip() and not line.startswith("#")]
        super().__init__(urls=",".join(dict.fromkeys(listed)), **kwargs)
