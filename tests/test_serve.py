"""`ingest serve`: Datasette on a free port, queried through its JSON API like a user would;
and in this process, up to where it would start listening, for bad requests and --host."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result
from datasette.utils.asgi import Request

from ingest.app.cli import cli
from ingest.app.datasette_plugin import client_error
from ingest.app.serve import FACETS
from ingest.pipeline import process
from ingest.store.database import Store
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
        [sys.executable, "-c", "from ingest.app.cli import main; main()", "--db", str(db),
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
    assert tables["lsh_bands"]["hidden"] and tables["minhashes"]["hidden"]


def test_the_stories_page_opens_on_search_facets_and_rows(
        served: tuple[str, list[dict]]) -> None:
    """Column descriptions are one click away (folded), the stories come first, and a
    boolean reads true/false, not 0/1."""
    base, _ = served
    page = get(base, "/news/articles")
    folded = page.index("<details><summary>What each column holds</summary>")
    assert page.index('name="_search"') > 0 and page.index("<table") > folded
    assert page[:folded].count("<dt>") == 0  # no list of descriptions before the fold
    cells = re.findall(r'<td class="col-is_syndicated[^"]*"[^>]*>([^<]*)</td>', page)
    assert cells and set(cells) <= {"true", "false"}


def test_the_syndicated_facet_reads_true_and_false(served: tuple[str, list[dict]]) -> None:
    """The facet on is_syndicated reads true/false as its cells do, in JSON and HTML, chosen
    or not; its links still filter on the stored 0/1, and other facets keep their values."""
    base, records = served
    data = get(base, "/news/articles.json?_shape=objects")
    values = data["facet_results"]["is_syndicated"]["results"]
    syndicated = sum(1 for r in records if r["is_syndicated"])
    assert {(v["value"], v["label"], v["count"]) for v in values} == {
        (1, "true", syndicated), (0, "false", len(records) - syndicated)}
    domains = data["facet_results"]["site_domain"]["results"]
    assert domains and all(v["label"] == v["value"] for v in domains)

    page = get(base, "/news/articles")
    facet = page[page.index('id="facet-is_syndicated"'):]
    links = re.findall(r'<a href="[^"]*[?&]is_syndicated=(\d)[^"]*">([^<]*)</a>',
                       facet[:facet.index("</ul>")])
    assert sorted(links) == [("0", "false"), ("1", "true")]

    chosen = get(base, "/news/articles?is_syndicated=1")
    facet = chosen[chosen.index('id="facet-is_syndicated"'):]
    assert re.search(r'<li>true &middot; \d+ <a [^>]*class="cross"', facet[:facet.index("</ul>")])


def test_missing_database_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from ingest.app.cli import main; main()", "--db",
         str(tmp_path / "none.db"), "serve", "--port", str(free_port())],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("error: no database at ")


def serve_in_process(db: Path, monkeypatch: pytest.MonkeyPatch,
                     *args: str) -> tuple[Result, dict[str, Any]]:
    """`ingest serve` run here up to where Datasette would start listening: its result, and
    the ASGI app with the options uvicorn would have been given."""
    started: dict[str, Any] = {}
    monkeypatch.setattr("datasette.cli.uvicorn.run",
                        lambda app, **options: started.update(options, app=app))
    result = CliRunner().invoke(cli, ["--db", str(db), "serve", *args], env={"INGEST_DB": None})
    return result, started


def small_db(folder: Path) -> Path:
    db = folder / "news.db"
    store = Store(db)
    store.save([(process(page), page) for page in golden_pages()[:1]])
    store.close()
    return db


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The ASGI app `ingest serve` would serve, on a database of one story."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        result, started = serve_in_process(small_db(tmp_path_factory.mktemp("app")),
                                           monkeypatch)
    assert result.exit_code == 0, result.output
    return started["app"]


def fetch(app: Any, path: str) -> httpx.Response:
    async def get() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://127.0.0.1") as client:
            return await client.get(path)
    return asyncio.run(get())


@pytest.mark.parametrize("path", [
    "/news/articles?_sort=nope", "/news/articles.json?_sort=nope",
    "/news/articles?_sort_desc=nope", "/news/articles?_sort=title&_sort_desc=id",
    "/news/articles?_where=nope(", "/news/articles.json?title__in=[",
    "/news/articles?_through=nope", "/news/articles?_timelimit=x",
    "/news?sql=select+nope", "/news.json?sql=select+nope",
])
def test_bad_request_is_400_without_traceback(app: Any, path: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    response = fetch(app, path)
    assert response.status_code == 400
    assert "Traceback" not in response.text
    if ".json" in path:
        body = response.json()
        assert body["ok"] is False and 0 < len(body["error"]) < 120, body
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err


def test_good_requests_and_missing_rows_keep_their_status(app: Any) -> None:
    assert fetch(app, "/news/articles.json?_sort=title").status_code == 200
    missing = fetch(app, "/news/articles.json?id=nope&_shape=objects")
    assert missing.status_code == 200 and missing.json()["rows"] == []
    assert fetch(app, "/news/articles/nope").status_code == 404


@pytest.mark.parametrize(("host", "warned"), [
    ("0.0.0.0", True), ("::", True), ("192.168.1.20", True), ("news.example", True),
    ("127.0.0.1", False), ("127.0.0.2", False), ("localhost", False), ("::1", False),
])
def test_a_host_off_loopback_warns_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        host: str, warned: bool) -> None:
    result, started = serve_in_process(small_db(tmp_path), monkeypatch, "--host", host)
    assert result.exit_code == 0, result.output
    assert started["host"] == host
    lines = result.stderr.splitlines()
    if warned:
        assert len(lines) == 1 and lines[0].startswith(f"warning: --host {host} is not a "
                                                       "loopback address"), lines
        assert "SQL" in lines[0] and "network" in lines[0]
    else:
        assert lines == []


def test_a_server_fault_stays_a_server_fault() -> None:
    assert client_error(Request.fake("/news/articles?_size=5"), RuntimeError("bug")) is None
    assert client_error(Request.fake("/news/articles"), ValueError("bug")) is None
