"""`ingest serve` in a real browser: headless Chromium (the distribution's, which
`.ci/services.sh` installs) driven by Playwright opens the demo database's stories, searches,
applies a facet, follows a story's cluster link to its copies, and keeps a screenshot."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("INGEST_TEST_CHROMIUM") or shutil.which("chromium") \
    or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    not CHROMIUM, reason="no Chromium: `.ci/services.sh start` installs the distribution's "
                         "(or set $INGEST_TEST_CHROMIUM to a Chromium executable)")
FIRST_SCREEN = {"width": 1400, "height": 1000}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo crawled into a database, browsed through `ingest serve`."""
    db = tmp_path_factory.mktemp("browser") / "news.db"  # Datasette names it "news"
    env = {k: v for k, v in os.environ.items() if k != "INGEST_DB"}
    subprocess.run([sys.executable, "-m", "ingest", "--db", str(db), "demo", "--port", "0"],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "ingest", "--db", str(db), "serve",
                               "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_search_facet_and_copies_in_a_browser(served: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport=FIRST_SCREEN)
        page.goto(f"{served}/news/articles")
        search = page.locator('input[name="_search"]')
        box = search.bounding_box()
        assert box is not None and box["y"] + box["height"] < FIRST_SCREEN["height"]
        assert page.locator("details", has_text="What each column holds").count() == 1

        search.fill("salmon")
        search.press("Enter")
        page.wait_for_load_state()
        assert "_search=salmon" in page.url
        titles = page.locator("td.col-title").all_inner_texts()
        assert titles and any("salmon" in t.lower() for t in titles)

        page.goto(f"{served}/news/articles")
        facet = page.locator("#facet-is_syndicated li a")
        assert sorted(facet.all_inner_texts()) == ["false", "true"]  # as the cells read
        page.locator('.facet-info a[href*="is_syndicated=1"]').first.click()  # syndicated
        page.wait_for_load_state()
        assert "is_syndicated=1" in page.url
        assert set(page.locator("td.col-is_syndicated").all_inner_texts()) == {"true"}
        assert page.locator("#facet-is_syndicated li").first.inner_text().startswith("true")

        cluster = json.loads(urllib.request.urlopen(
            f"{served}/news.json?_shape=array&sql=select+cluster_id+from+articles+group+by+1+"
            "having+count(*)+>+1+limit+1", timeout=10).read())[0]["cluster_id"]
        page.goto(f"{served}/news/articles?cluster_id={cluster}")  # a story with copies
        page.locator(f'td.col-cluster_id a[href$="cluster_id={cluster}"]').first.click()
        page.wait_for_load_state()
        assert "/news/cluster" in page.url and page.locator("tbody tr").count() >= 2
        page.screenshot(path=str(tmp_path / "copies.png"), full_page=True)
        browser.close()
    assert (tmp_path / "copies.png").stat().st_size > 10_000
