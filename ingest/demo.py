"""`ingest demo`: the whole job on the bundled demo site, with no network.

The site in `data/demo/` is served on 127.0.0.1 (a free port) from a thread, its sitemap is
read, and every article is fetched, processed and stored exactly as a real fetch would be.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

from lxml import etree

from ingest.errors import IngestError
from ingest.fetch import FetchSettings
from ingest.publishers import DATA_DIR
from ingest.record import Article
from ingest.runner import ingest_urls
from ingest.store import Store

DEMO_DIR = DATA_DIR / "demo"
DEMO_PORT = 8947
"""A fixed port, so the demo's URLs (and so its record ids) are the same on every run."""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_directory(root: Path, port: int = 0) -> Iterator[str]:
    """Serve `root` over HTTP on 127.0.0.1 (`port` 0: any free one); yields the base URL."""
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port),
                                     partial(_QuietHandler, directory=str(root)))
    except OSError as exc:
        raise IngestError("port_busy", f"cannot serve on 127.0.0.1:{port}: {exc.strerror} "
                                       "(choose another with --port)") from None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def sitemap_urls(sitemap: bytes, base: str) -> list[str]:
    """The `<loc>` URLs of a sitemap, made absolute against `base`."""
    root = etree.fromstring(sitemap)
    return [urljoin(base, loc.text.strip()) for loc in root.iter("{*}loc") if loc.text]


def run_demo(store: Store, echo: Callable[[str], None] = print, root: Path = DEMO_DIR,
             port: int = DEMO_PORT) -> str:
    """Serve the demo site, ingest every page of its sitemap; returns a one-line summary."""
    sitemap = root / "sitemap.xml"
    if not sitemap.is_file():
        raise IngestError("no_demo", f"demo site not found at {root}")
    with serve_directory(root, port) as base:
        run_id = store.start_run("demo")
        echo(f"serving {root} at {base}")
        urls = sitemap_urls(sitemap.read_bytes(), base)

        def show(article: Article, status: str) -> None:
            flag = f"copy of {article.original_publisher}" if article.is_syndicated else "original"
            echo(f"  {status:9s} {article.title}  [{flag}]")

        def show_error(url: str, exc: IngestError) -> None:
            echo(f"  failed    {url}: {exc.reason}")

        counts = ingest_urls(urls, store, settings=FetchSettings(timeout=10, retries=1),
                             source="demo", run_id=run_id, on_article=show, on_error=show_error)
    store.finish_run(run_id, "completed", counts.as_row())
    return (f"demo: {counts.pages_seen} pages, {counts.pages_new} new, "
            f"{counts.pages_updated} updated, {counts.pages_skipped} unchanged, "
            f"{counts.pages_failed} failed -> {store.path}")
