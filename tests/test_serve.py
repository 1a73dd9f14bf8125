"""`ingest serve`: Datasette on a free port, queried through its JSON API like a user would."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ingest.pipeline import process
from ingest.serve import FACETS
from ingest.store import Store
from tests.pages import golden_pages


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        body = response.read().decode("utf-8")
    return json.loads(body) if ".json" in path else body


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[dict]]]:
    db = tmp_path_factory.mktemp("serve") / "news.db"
    store = Store(db)
    store.save([(process(page), page) for page in golden_pages()])
    records = [record for batch in store.records() for record in batch]
    store.close()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from ingest.cli import main; main()", "--db", str(db),
         "serve", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                get(base, "/-/versions.json")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stdout.read().decode())
                time.sleep(0.1)
        yield base, records
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_faceted_full_text_search(served: tuple[str, list[dict]]) -> None:
    base, records = served
    word = "Moscow"
    expected = {r["id"] for r in records if word in r["text"] or word in (r["title"] or "")}
    assert expected
    data = get(base, f"/news/articles.json?_search={word}&_shape=objects")
    assert {row["id"] for row in data["rows"]} == expected
    assert list(data["facet_results"]) == FACETS
    publishers = {item["value"] for item in
                  data["facet_results"]["original_publisher"]["results"]}
    assert publishers == {r["original_publisher"] for r in records if r["id"] in expected}
    narrowed = get(base, f"/news/articles.json?_search={word}&is_syndicated=1&_shape=objects")
    assert {row["id"] for row in narrowed["rows"]} == {
        r["id"] for r in records if r["id"] in expected and r["is_syndicated"]}


def test_metadata_and_cluster_links(served: tuple[str, list[dict]]) -> None:
    base, records = served
    meta = get(base, "/-/metadata.json")
    assert meta["databases"]["news"]["tables"]["articles"]["title"] == "Stories"
    story = records[0]
    page = get(base, f"/news/articles/{story['id']}")
    link = f'<a href="/news/cluster?cluster_id={story["cluster_id"]}">'
    assert link in page
    copies = get(base, f"/news/cluster.json?cluster_id={story['cluster_id']}&_shape=objects")
    assert story["id"] in {row["id"] for row in copies["rows"]}
    tables = {t["name"]: t for t in get(base, "/news.json")["tables"]}
    assert tables["raw_pages"]["hidden"] and not tables["articles"]["hidden"]


def test_missing_database_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from ingest.cli import main; main()", "--db",
         str(tmp_path / "none.db"), "serve", "--port", str(free_port())],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("error: no database at ")
