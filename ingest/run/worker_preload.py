"""What the worker pool's fork server loads before it forks any worker.

Every worker process needs the whole pipeline (lxml, trafilatura, dateparser with its locale
data) loaded; loaded once in the fork server, those pages are shared between the
workers (copy-on-write) instead of each worker holding its own copy, and a worker starts
ready. The regular expressions compiled meanwhile come from the user's cache when an earlier
start saved them (`pattern_cache`). `gc.freeze()` keeps the garbage collector from touching
(and so copying) them.
"""

import gc
import json
from datetime import UTC, datetime

from ingest.core.pattern_cache import kept


def load_pipeline() -> None:
    """Import the pipeline, load dateparser's locales and the publisher registry, and warm
    the stages up."""
    import ingest.pipeline  # noqa: F401  (the workers' own module imports it only when it runs)
    from ingest.core.publishers import load_registry
    from ingest.extract.dates import warm_up

    warm_up()
    load_registry()  # parsed once, shared by every worker
    warm_pipeline()


def warm_pipeline() -> None:
    """Run one page of each of the demo site's templates (an original and a copy) through
    the pipeline, so that the regular expressions the stages compile on first use (the
    vocabulary's phrases, the byline and credit rules) are compiled here, once, for every
    worker: each worker otherwise spends about 0.4 s of its first pages compiling them."""
    from ingest.core.data_files import data_dir
    from ingest.core.page import Page
    from ingest.run.workers import process_and_sign

    demo = data_dir() / "demo"
    try:
        manifest = json.loads((demo / "MANIFEST.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # a data folder without the demo site: the workers compile on first use
    kinds: set[tuple[str, bool]] = set()
    for entry in manifest:
        kind = (entry["template"], entry["syndicated"])
        path = demo / entry["path"].lstrip("/")
        if kind in kinds or not path.is_file():
            continue
        kinds.add(kind)
        process_and_sign(Page(url=f"https://demo.example{entry['path']}",
                              body=path.read_bytes(), fetched_at=datetime.now(UTC)))


with kept():
    load_pipeline()
gc.freeze()
