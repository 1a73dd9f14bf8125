"""How a record goes into the articles table and comes out of it: the write path's
statements, built once from the record's fields in SQL both backends accept, and the
conversions between record values and columns (lists as JSON, booleans as 0/1).
"""

from __future__ import annotations

import json
from typing import Any

from ingest.core.record import FIELDS

JSON_FIELDS = ("authors", "syndication_evidence", "image_credits")

RAW_COLUMNS = ("id", "url", "final_url", "status", "headers", "body", "fetched_at", "source",
               "hints")
RUN_COUNTS = ("pages_seen", "pages_new", "pages_updated", "pages_failed", "pages_skipped")
ARTICLE_SELECT = ", ".join(FIELDS)
INSERT_ARTICLE = (f"insert into articles ({', '.join(FIELDS)}) "
                  f"values ({', '.join('?' * len(FIELDS))})")
UPDATE_ARTICLE = (f"update articles set {', '.join(f'{name} = ?' for name in FIELDS[1:])} "
                  "where id = ?")
UPSERT_RAW = (f"insert into raw_pages ({', '.join(RAW_COLUMNS)}) "
              f"values ({', '.join('?' * len(RAW_COLUMNS))}) on conflict (id) do update set "
              + ", ".join(f"{name} = excluded.{name}" for name in RAW_COLUMNS[1:]))
UPSERT_FAILURE = (
    "insert into failures (url, stage, reason, detail, attempts, first_failed_at, "
    "last_failed_at, run_id) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (url) do update set "
    "stage = excluded.stage, reason = excluded.reason, detail = excluded.detail, "
    "attempts = excluded.attempts, last_failed_at = excluded.last_failed_at, "
    "run_id = excluded.run_id")
"""The statements of the write path, built once, in SQL both backends accept."""


def as_column(value: Any) -> Any:
    """A record value as its column holds it: lists as JSON, booleans as 0/1."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return int(value) if isinstance(value, bool) else value


def row_to_record(row: dict[str, Any]) -> dict[str, Any]:
    """An `articles` row as a record dict (JSON columns decoded, booleans restored)."""
    record = {name: row.get(name) for name in FIELDS}
    for name in JSON_FIELDS:
        value = record[name]
        record[name] = json.loads(value) if isinstance(value, str) else (value or [])
    record["is_syndicated"] = bool(record["is_syndicated"])
    return record
