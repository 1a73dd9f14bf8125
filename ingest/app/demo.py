"""The bundled demo site (`data/demo/`), served on 127.0.0.1 for `ingest demo`, the tests
and the benchmarks.

Its files write their own absolute URLs as `__BASE__`, filled in with the address the request
named, so feeds, sitemaps and links are right on any port; canonical URLs always name the
demo's own address (`STABLE_URL`), as a real site's do whatever mirror serves it. Files carry
Last-Modified and answer If-Modified-Since with 304, like a real site's feeds.

`ingest demo` crawls the site at `STABLE_URL` whatever port serves it: on another port, its
requests go through that port as through an HTTP proxy (`routes`, Scrapy's INGEST_ROUTES),
which this server answers too. Every URL of the crawl, a story's fetched URL included, is
then the same on every port, so a rerun on another port finds the same stories; a canonical
URL on the site would not be enough, since a page whose canonical names another site (a
syndicated copy) is identified by the URL it was fetched at.
"""

from __future__ import annotations

import email.utils
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from ingest.core.errors import IngestError
from ingest.core.publishers import DATA_DIR
from ingest.run.sources import Source

DEMO_DIR = DATA_DIR / "demo"
DEMO_PORT = 8947
"""The port of the demo's own address, where it is served unless told otherwise."""
STABLE_URL = f"http://127.0.0.1:{DEMO_PORT}"
"""The demo site's one address: its URLs (and so its record ids) are the same on every run."""
STABLE_BASE = STABLE_URL.encode()
CANONICAL = re.compile(rb'(rel="canonical"[^>]*href="|property="og:url"[^>]*content=")__BASE__')
"""The stories' own addresses, where the record's id comes from."""
TEXT_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
              ".txt": "text/plain; charset=utf-8"}


class DemoHandler(SimpleHTTPRequestHandler):
    """Static files, with `__BASE__` replaced in text files and Last-Modified honoured."""

    def do_GET(self) -> None:
        if not self.path.startswith("/"):  # a proxy's request names the whole URL: routes()
            target = urlsplit(self.path)
            self.path = urlunsplit(("", "", target.path or "/", target.query, ""))
        path = Path(self.directory, unquote(urlsplit(self.path).path).lstrip("/"))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in TEXT_TYPES or not path.is_file():
            super().do_GET()
            return
        modified = email.utils.formatdate(path.stat().st_mtime, usegmt=True)
        if self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.end_headers()
            return
        base = f"http://{self.headers.get('Host', '127.0.0.1')}"
        body = CANONICAL.sub(rb"\g<1>" + STABLE_BASE, path.read_bytes())
        body = body.replace(b"__BASE__", base.encode())
        self.send_response(200)
        self.send_header("Content-Type", TEXT_TYPES[path.suffix])
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", modified)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_demo(root: Path = DEMO_DIR, port: int = 0) -> Iterator[str]:
    """Serve the demo site on 127.0.0.1 (`port` 0: any free one); yields the base URL."""
    if not (root / "robots.txt").is_file():
        raise IngestError("no_demo", f"demo site not found at {root}")
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), partial(DemoHandler,
                                                                  directory=str(root)))
    except OSError as exc:
        raise IngestError("port_busy", f"cannot serve on 127.0.0.1:{port}: {exc.strerror} "
                                       "(choose another with --port)") from None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def routes(served: str) -> dict[str, str]:
    """INGEST_ROUTES for crawling the demo served at `served` under its own address: through
    the served port when that is another one (`STABLE_URL`), else none."""
    if served == STABLE_URL:
        return {}
    return {urlsplit(STABLE_URL).netloc: served}


def demo_source(base: str = STABLE_URL) -> Source:
    """The demo site as a crawl source: its feeds, its robots.txt sitemaps, its front page."""
    return Source(
        name="demo", title="Pinecrest demo site",
        feeds=(f"{base}/feed.xml", f"{base}/atom.xml"), sitemaps=(f"{base}/robots.txt",),
        pages=(f"{base}/index.html",), allowed_domains=("127.0.0.1",),
        article_pattern=r"/(?:news|wire|local|blog)/\d{4}/", language="en",
        timezone="America/Chicago", max_depth=2)
