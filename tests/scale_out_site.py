"""A news site for distributed crawls (tests and bench/scale_out.py): stories listed by a
sitemap and by two section pages that overlap, some republished on the same site under
another URL (near-duplicates), each story answering after a delay so that a crawl takes a
while and workers always have requests in flight."""

from __future__ import annotations

import random
from dataclasses import replace
from functools import partial
from pathlib import Path

from tests.http_site import Request, Response, Site, page
from tests.pages import story_html

VOCABULARY = ("river council budget harbor school bridge library transit farmers election court "
                "police storm museum hospital airport tunnel housing market festival stadium "
                "union workers tenants landlord drought wildfire vaccine clinic ferry railway "
                "pension taxes mayor governor senator judge teachers nurses students parents "
                "orchard vineyard bakery brewery factory mine quarry pipeline reservoir dam")
WORDS = VOCABULARY.split()


def paragraphs(seed: int) -> list[str]:
    """Five paragraphs of words drawn for this story alone: no two stories look alike."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "." for _ in range(5)]


def story_paths(stories: int) -> list[str]:
    return [f"/news/story-{n}.html" for n in range(stories)]


def copy_paths(copies: int) -> list[str]:
    """The republished copies: /wire/copy-N.html repeats /news/story-N.html."""
    return [f"/wire/copy-{n}.html" for n in range(copies)]


def serve(site: Site, stories: int, copies: int, delay: float, hold: str = "") -> list[str]:
    """Program `site`; returns every story path a crawl must store. The first copy keeps
    a client whose User-Agent contains `hold` (when given) waiting until the site stops."""
    originals, republished = story_paths(stories), copy_paths(copies)
    urls = "".join(f"<url><loc>{site.url(p)}</loc></url>" for p in originals)
    site.route("/sitemap.xml", Response(200, {"Content-Type": "application/xml"}, (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>").encode()))
    half = len(originals) // 2
    for section, listed in (("/latest/", originals[:half + 5]),
                            ("/more/", originals[half - 5:] + republished)):
        links = "".join(f'<li><a href="{p}">Story</a></li>' for p in listed)
        site.route(section, page(f"<html><body><ul>{links}</ul></body></html>"))
    for n, path in enumerate(originals):
        body = story_html(f"Story {n} of the day", paragraphs(n)).encode()
        site.route(path, Response(200, {"Content-Type": "text/html; charset=utf-8"}, body,
                                  delay=delay))
    for n, path in enumerate(republished):
        body = story_html(f"Republished: story {n}", [*paragraphs(n), "Shared from our partners."]
                          ).encode()
        site.route(path, partial(_answer, Response(
            200, {"Content-Type": "text/html; charset=utf-8"}, body, delay=delay),
            hold if n == 0 else ""))
    return originals + republished


def _answer(response: Response, hold: str, request: Request) -> Response:
    if hold and hold in request.headers.get("user-agent", ""):
        return replace(response, delay=3600.0)
    return response


def sources_file(site: Site, path: Path) -> Path:
    path.write_text(f"""
[[source]]
name = "fixture"
sitemaps = ["{site.url('/sitemap.xml')}"]
pages = ["{site.url('/latest/')}", "{site.url('/more/')}"]
timezone = "UTC"
""", encoding="utf-8")
    return path
