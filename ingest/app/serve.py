"""`ingest serve`: the database in Datasette, set up to be useful at first sight.

Datasette does the browsing, faceting, full-text search and JSON API; this module only writes
its metadata (titles, descriptions, facets, the search box, hidden internal tables, a canned
query for one story's copies) and starts it bound to 127.0.0.1 unless told otherwise. Links
from a story to its cluster, true/false for is_syndicated in its cells and its facet, and
short 4xx answers to bad requests come from the `ingest.app.datasette_plugin` plugin, which
this package registers with Datasette.
"""

from __future__ import annotations

import errno
import html
import ipaddress
import json
import socket
import tempfile
from pathlib import Path
from typing import Any

from ingest.core.record import JSON_SCHEMA_PATH

FACETS = ["source", "site_domain", "original_publisher", "is_syndicated", "language"]
HIDDEN = ["raw_pages", "site_lines", "site_pages", "validators", "source_state", "_meta",
          "minhashes", "lsh_bands"]
"""Tables of the store's own bookkeeping: not what a reader browses."""


def column_descriptions() -> dict[str, str]:
    """Each record field's meaning, from the JSON Schema shipped with the package."""
    schema = json.loads(JSON_SCHEMA_PATH.read_text(encoding="utf-8"))
    return {name: spec.get("description", "") for name, spec in schema["properties"].items()
            if spec.get("description")}


def columns_html() -> str:
    """The record's fields and their meaning, folded: one click away, so that the stories
    page opens on its search box, facets and rows rather than on 25 descriptions."""
    rows = "".join(f"<dt><code>{html.escape(name)}</code></dt><dd>{html.escape(text)}</dd>"
                   for name, text in column_descriptions().items())
    return f"<details><summary>What each column holds</summary><dl>{rows}</dl></details>"


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a news-ingest database named `database` (its file stem)."""
    return {
        "title": "news-ingest",
        "description": "News stories crawled, extracted and attributed by news-ingest: one "
                       "clean record per story, with its original publisher and the evidence "
                       "when it is a syndicated copy.",
        "databases": {database: {
            "tables": {
                "articles": {
                    "title": "Stories",
                    "description_html": "<p>One record per story. Search the text, facet "
                                        "by source, publisher or syndication; a cluster id "
                                        "links the copies of one story.</p>" + columns_html(),
                    "facets": FACETS,
                    "sort_desc": "published_at",
                    "label_column": "title",
                    "size": 20,
                },
                "failures": {"title": "Failures",
                             "description": "Pages that could not become a record, and why.",
                             "facets": ["stage", "reason"], "sort_desc": "last_failed_at"},
                "crawl_runs": {"title": "Runs",
                               "description": "Crawls, imports and reprocessing runs.",
                               "sort_desc": "id"},
                **{name: {"hidden": True} for name in HIDDEN},
            },
            "queries": {
                "cluster": {
                    "title": "Copies of one story",
                    "description": "Every stored copy of a story: the original and the sites "
                                   "that republished it.",
                    "sql": "select id, title, site_domain, original_publisher, is_syndicated, "
                           "published_at, url from articles where cluster_id = :cluster_id "
                           "order by is_syndicated, published_at",
                },
            },
        }},
    }


def is_loopback(host: str) -> bool:
    """Whether listening on `host` keeps the server to this machine (localhost, 127.0.0.0/8,
    ::1): anything else, a host name included, may open it to the network."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
    return (mapped or address).is_loopback


def port_problem(host: str, port: int) -> str | None:
    """Why Datasette could not listen on host:port (another server holds it), else None:
    checked first, so a busy port is one line rather than uvicorn's four and exit 3."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except (OSError, UnicodeError) as exc:  # other than a busy port: the server's to report
            if getattr(exc, "errno", None) == errno.EADDRINUSE:
                return f"cannot listen on {host}:{port}: {exc.strerror} (try another --port)"
    return None


def serve(db: Path, *, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Run Datasette on `db` until interrupted."""
    from datasette.cli import cli as datasette

    with tempfile.TemporaryDirectory(prefix="ingest-serve-") as folder:
        meta = Path(folder) / "metadata.json"
        meta.write_text(json.dumps(metadata(db.stem)), encoding="utf-8")
        datasette.main(["serve", str(db), "--metadata", str(meta), "--host", host,
                        "--port", str(port), "--setting", "sql_time_limit_ms", "3000"],
                       prog_name="ingest serve", standalone_mode=False)
