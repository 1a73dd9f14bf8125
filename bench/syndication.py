"""Syndication benchmark: every page of a labelled corpus through the whole path (process,
store with its near-duplicate clusters, `ingest export --format jsonl`), scored by the
corpus's own scorer, next to the targets.

    .venv/bin/python bench/syndication.py CORPUS [--scorer PATH] [--out DIR]

CORPUS holds `<id>.html` pages and `<id>.json` ground truth (the syndication-dev layout).
Each page is fetched "at" 2026-11-01T00:00:00Z from its gold URL, in file-name order, into
a fresh database; the predictions are that database's export. See docs/quality.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extraction import DEFAULT_OUT, corpus_arguments
from ingest.errors import IngestError
from ingest.export import Selection, batches
from ingest.export_formats import write_jsonl
from ingest.page import Page
from ingest.pipeline import process
from ingest.site_chrome import SiteChrome
from ingest.store import Store

FETCHED_AT = datetime(2026, 11, 1, tzinfo=UTC)
TARGETS = {
    "syndication precision": 0.97, "syndication recall": 0.97,
    "original publisher right (true copies)": 0.97, "authors exactly right": 0.90,
    "published day right": 0.95, "must-contain sentences kept": 0.98,
    "photo credits found": 0.90, "pages with boilerplate leaks": 0.0,
}


def build(corpus: Path, db: Path) -> list[str]:
    """Process and store every page; returns the pages that failed, with why."""
    db.unlink(missing_ok=True)
    store, failed = Store(db), []
    chrome = SiteChrome(store)
    for gold in sorted(corpus.glob("*.json")):
        if gold.name == "MANIFEST.json":
            continue
        url = json.loads(gold.read_text(encoding="utf-8"))["url"]
        page = chrome.annotate(Page(url=url, body=gold.with_suffix(".html").read_bytes(),
                                    fetched_at=FETCHED_AT,
                                    headers={"content-type": "text/html; charset=utf-8"}))
        try:
            store.save([(process(page), page)])
        except IngestError as exc:
            failed.append(f"{gold.stem}: {exc}")
    store.close()
    return failed


def main() -> None:
    parser = corpus_arguments(__doc__.splitlines()[0])
    args = parser.parse_args()
    corpus: Path = args.corpus.resolve()
    scorer = args.scorer or (corpus / ".." / ".." / "eval" / "score_syndication.py").resolve()
    out: Path = args.out if args.out != DEFAULT_OUT else DEFAULT_OUT / "syndication"
    out.mkdir(parents=True, exist_ok=True)
    failed = build(corpus, out / "syndication.db")
    for line in failed:
        print(f"failed: {line}", file=sys.stderr)
    store = Store(out / "syndication.db")
    with (out / "ingest.jsonl").open("w", encoding="utf-8") as handle:
        rows = write_jsonl(batches(store, Selection()), handle)
    store.close()
    metrics = out / "metrics.json"
    result = subprocess.run([sys.executable, str(scorer), "--data", str(corpus), "--pred",
                             str(out / "ingest.jsonl"), "--json-out", str(metrics), "--errors"],
                            capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"error: scorer failed:\n{result.stderr[-2000:]}")
    print(result.stdout)
    print(f"{rows} records exported, {len(failed)} pages failed; scorer metrics: {metrics}")


if __name__ == "__main__":
    main()
