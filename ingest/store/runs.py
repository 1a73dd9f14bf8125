"""What a run did, and whether a run marked `running` in `crawl_runs` is still alive.

A run killed with -9 (or cut short by a reboot) never writes its end: its row would say
`running` in `ingest stats` forever. Each run's row holds its process's pid and host while it
runs; a row whose process is gone on this host is an `interrupted` run. A run of another host
cannot be checked from here and stays `running` until that host runs again.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PAGES = logging.getLogger("ingest.pages")
"""One line per page and what became of it (stored, updated, unchanged, skipped, failed):
`-v` on the command line prints them."""

def process_mark() -> dict[str, Any]:
    """What identifies this process while its run is open."""
    return {"pid": os.getpid(), "host": socket.gethostname()}


def is_gone(run: Mapping[str, Any]) -> bool:
    """True for a `running` row whose process, on this host, no longer exists."""
    if run.get("status") != "running":
        return False
    try:
        mark = json.loads(run.get("stats") or "{}")
    except ValueError:
        return False
    pid = mark.get("pid") if isinstance(mark, dict) else None
    if not isinstance(pid, int) or mark.get("host") != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


@dataclass(slots=True)
class RunCounts:
    """What a run did, in the terms of a `crawl_runs` row."""

    pages_seen: int = 0
    pages_new: int = 0
    pages_updated: int = 0
    pages_failed: int = 0
    pages_skipped: int = 0
    failures: dict[str, int] = field(default_factory=dict)

    def as_row(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("pages_seen", "pages_new", "pages_updated",
                                              "pages_failed", "pages_skipped")}
