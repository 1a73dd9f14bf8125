"""Small article pages made in the test, for serving from the local test site."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from ingest.core.page import Page

GOLDEN = Path(__file__).parent / "golden"

STORY = [
    "The county water board voted on Tuesday to replace the aging pumps at the east reservoir, "
    "a project engineers have urged for nearly a decade as breakdowns grew more frequent.",
    "Board chair Elena Ruiz said the $4 million contract would be paid from reserves rather than "
    "a rate increase, and that work could begin before the end of the summer season.",
    "Residents who spoke at the meeting mostly supported the plan, though several asked why the "
    "repairs had taken so long and whether the old pumps could fail before the new ones arrive.",
]


def story_html(title: str = "Water board approves reservoir pump replacement",
               paragraphs: list[str] | None = None, *, extra_head: str = "",
               byline: str = "By Jordan Ellis") -> str:
    """A plain news article page (no canonical, so any host may serve it)."""
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or STORY))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | County Courier</title><meta property="og:site_name" content="County Courier">
<meta property="article:published_time" content="2024-05-07T18:30:00Z">{extra_head}</head>
<body><header><nav><a href="/">Home</a> <a href="/news/">News</a></nav></header>
<article><h1>{title}</h1><div class="byline">{byline}</div>
{body}
</article><footer>© 2024 County Courier</footer></body></html>"""


def golden_pages() -> list[Page]:
    """The pages of the golden cases that make a record, as fetched (URL, time, type)."""
    pages = []
    for case in sorted(GOLDEN.iterdir()):
        if not json.loads((case / "record.json").read_text(encoding="utf-8")).get("id"):
            continue
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
        pages.append(Page(url=meta["url"], body=(case / "page.html").read_bytes(),
                          fetched_at=datetime.fromisoformat(meta["fetched_at"]),
                          headers={"content-type": meta.get("content_type", "text/html")}))
    return pages
