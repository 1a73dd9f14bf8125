"""Golden cases: `tests/golden/<case>/` holds `page.html`, `meta.json` (url, fetched_at,
content_type, why, and `expect`: the facts a person wrote down from the page) and `record.json`
(the exact record, rewritten by `pytest --update-golden` and reviewed as a diff)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ingest.core.errors import IngestError
from ingest.core.page import Page
from ingest.pipeline import process

GOLDEN = Path(__file__).parent / "golden"


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    meta: dict[str, Any]

    @property
    def page(self) -> Page:
        headers = {"content-type": self.meta["content_type"]} if "content_type" in self.meta else {}
        return Page(url=self.meta["url"], body=(self.folder / "page.html").read_bytes(),
                    headers=headers, fetched_at=datetime.fromisoformat(self.meta["fetched_at"]))

    @property
    def expected_path(self) -> Path:
        return self.folder / "record.json"

    def actual(self) -> dict[str, Any]:
        """The record the current code makes of the page, or {"error": reason}."""
        try:
            return process(self.page).to_dict()
        except IngestError as exc:
            return {"error": exc.reason}


def cases() -> list[Case]:
    return [Case(d.name, d, json.loads((d / "meta.json").read_text("utf-8")))
            for d in sorted(GOLDEN.iterdir()) if (d / "meta.json").is_file()]


def dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
