"""One real crawl over a local site where every path is a different fault.

Each fault must end as a stored article or as a `failures` row with its reason code, and
none of them may stop the run: the crawl exits 0 and its `crawl_runs` row is 'completed'.
The crawl runs in a subprocess (`scrapy crawl urls`, as in tests/test_scrapy_urls.py) with
a short download timeout and retry backoff so the whole test takes seconds.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.http_site import Response, Site, hang, page, redirect, reset
from tests.pages import STORY, story_html

ROOT = Path(__file__).resolve().parent.parent

CYRILLIC_TITLE = "Городской совет утвердил новый бюджет"
CYRILLIC_STORY = [
    "Городской совет во вторник утвердил бюджет на следующий год, в котором предусмотрены "
    "новые расходы на ремонт дорог, школ и районных больниц по всему городу.",
    "Председатель совета Елена Руиз заявила, что средства будут выделены из резервного фонда, "
    "а не за счёт повышения налогов, и работы начнутся уже этим летом.",
    "Жители, выступившие на заседании, в целом поддержали план, однако несколько человек "
    "спросили, почему ремонт откладывался так долго и когда он наконец завершится.",
]


def crawl(db: Path, *urls: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", "urls=" + ",".join(urls),
               "-s", f"INGEST_DB={db}", "-s", "DOWNLOAD_TIMEOUT=2",
               "-s", "INGEST_RETRY_BACKOFF=0.01", "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
               "-s", "LOG_LEVEL=WARNING"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "INGEST_DB": str(db)})


def cp1251_page() -> Response:
    """Cyrillic story declared windows-1251 only in <meta charset>, not in Content-Type."""
    body = "\n".join(f"<p>{p}</p>" for p in CYRILLIC_STORY)
    html = f"""<!DOCTYPE html><html lang="ru"><head><meta charset="windows-1251">
<title>{CYRILLIC_TITLE}</title></head>
<body><article><h1>{CYRILLIC_TITLE}</h1>{body}</article></body></html>"""
    return Response(200, {"Content-Type": "text/html"}, html.encode("cp1251"))


def invalid_utf8_page() -> Response:
    """A good utf-8 story with a few bytes that are not utf-8 in the middle of a paragraph."""
    html = story_html("Bad bytes do not sink the story").encode()
    marker = b"aging pumps"
    assert marker in html
    return page(html.replace(marker, b"aging \xff\xfe\xc3 pumps", 1))


def div_soup_page() -> Response:
    """Ten thousand unclosed <div>s, then a real article's paragraphs."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in STORY)
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Deep markup story</title>"
            "</head><body>" + "<div>" * 10_000 + "<h1>Deep markup story</h1>" + paragraphs
            + "</body></html>")
    return page(html)


def test_every_fault_ends_as_a_record_or_a_failure(http_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    site = http_site
    site.route("/robots.txt", Response(200, {"Content-Type": "text/plain"},
                                       b"User-agent: *\nAllow: /\n"))
    site.route("/error-500.html", 500)
    site.route("/flaky-503.html", [503, 503, page(story_html("Flaky server finally answers"))])
    site.route("/throttled.html", [Response(429, {"Retry-After": "1"}, b"slow down"),
                                   page(story_html("Patience pays off after a 429"))])
    site.route("/hang.html", hang(30))
    site.route("/reset.html", reset())
    site.route("/loop-a", redirect(site.url("/loop-b"), 302))
    site.route("/loop-b", redirect(site.url("/loop-a"), 302))
    site.route("/report.html", Response(200, {"Content-Type": "application/pdf"},
                                        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"))
    site.route("/empty.html", page(b""))
    huge = b"<html><body>" + b"<p>x</p>" * (15 * 1024 * 1024 // 8) + b"</body></html>"
    site.route("/huge.html", page(huge))  # with Content-Length: refused before the body
    site.route("/huge-chunked.html", Response(200, {"Content-Type": "text/html"}, huge,
                                              chunked=True))  # cut off once over the limit
    site.route("/cp1251.html", cp1251_page())
    site.route("/bad-utf8.html", invalid_utf8_page())
    site.route("/div-soup.html", div_soup_page())
    paths = ["/error-500.html", "/flaky-503.html", "/throttled.html", "/hang.html",
             "/reset.html", "/loop-a", "/report.html", "/empty.html", "/huge.html",
             "/huge-chunked.html", "/cp1251.html", "/bad-utf8.html", "/div-soup.html"]

    result = crawl(db, *(site.url(p) for p in paths))

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        articles = {url: (title, text) for url, title, text in
                    conn.execute("select url, title, text from articles")}
        failures = dict(conn.execute("select url, reason from failures"))
        runs = conn.execute("select status from crawl_runs").fetchall()
    assert runs == [("completed",)]
    print("articles:", sorted(articles), "\nfailures:", failures)  # shown on failure

    def failed(path: str) -> str | None:
        return failures.get(site.url(path))

    assert failed("/error-500.html") == "http_500"
    assert site.hits["/error-500.html"] == 4  # the first try and RETRY_TIMES=3 retries

    assert site.url("/flaky-503.html") in articles
    assert site.hits["/flaky-503.html"] == 3

    assert site.url("/throttled.html") in articles
    first, second = site.times["/throttled.html"][:2]
    assert second - first >= 1.0  # Retry-After honoured

    assert failed("/hang.html") == "timeout"
    assert site.hits["/hang.html"] == 2  # a timeout is retried once, 5xx three times
    assert failed("/reset.html") == "connection_error"
    assert failed("/loop-a") == "redirect_loop"
    assert failed("/loop-b") is None  # the row is under the URL the crawl asked for
    assert failed("/report.html") == "not_html"
    assert failed("/empty.html") == "empty"
    assert failed("/huge.html") == "too_large"
    assert failed("/huge-chunked.html") == "too_large"

    title, text = articles[site.url("/cp1251.html")]
    assert title == CYRILLIC_TITLE
    assert "Председатель совета Елена Руиз" in text

    title, text = articles[site.url("/bad-utf8.html")]
    assert title == "Bad bytes do not sink the story"
    assert "\ufffd" in text and "Board chair Elena Ruiz" in text

    # libxml2 stops at 2048 levels of nesting even with huge_tree, so the paragraphs after
    # the 10,000 <div>s are lost and the page fails as no_text; what matters is that it
    # neither crashes a worker nor the run.
    soup = site.url("/div-soup.html")
    if soup in articles:
        assert "Board chair Elena Ruiz" in articles[soup][1]
    else:
        assert failed("/div-soup.html") not in (None, "internal_error", "worker_crash")

    assert set(articles) | {site.url(p) for p in paths if failed(p)} == \
        {site.url(p) for p in paths}
