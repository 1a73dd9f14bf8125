"""Where news-ingest finds its data: the packaged registry, sources, vocabulary and demo
site, and a user's own `sources.toml` and `publishers.toml`, which take their place.

The data ships inside the package (`ingest/data`, in a checkout a link to the repository's
`data/`), read through importlib.resources, so an installed wheel works from any folder.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

PACKAGED = Path(str(files("ingest") / "data"))
"""The data the package ships."""


def data_dir() -> Path:
    """The folder of the vocabulary and the demo site: $INGEST_DATA_DIR, else the packaged."""
    return Path(os.environ["INGEST_DATA_DIR"]) if os.environ.get("INGEST_DATA_DIR") else PACKAGED


def config_dir() -> Path:
    """The user's own folder: $XDG_CONFIG_HOME/news-ingest (~/.config/news-ingest)."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "news-ingest"


def user_file(name: str) -> Path:
    """The first of $INGEST_DATA_DIR/NAME, ./data/NAME (the current folder's), the user's
    config folder's NAME and the packaged NAME that exists (a command's own flag, such as
    `--sources-file`, comes before all of them)."""
    candidates = [Path(os.environ["INGEST_DATA_DIR"]) / name] if os.environ.get(
        "INGEST_DATA_DIR") else []
    candidates += [Path.cwd() / "data" / name, config_dir() / name]
    return next((path for path in candidates if path.is_file()), PACKAGED / name)
