"""Syndication benchmark: every page of a labelled corpus through the whole path (process,
store with its near-duplicate clusters, `ingest export --format jsonl`), scored by the
corpus's own scorer, next to the targets; then the same figures for each half of the corpus
split by host (`tune`: the half rules may be tuned on; `score`: the half that only checks).

    .venv/bin/python bench/syndication.py CORPUS [--scorer PATH] [--out DIR]

CORPUS holds `<id>.html` pages and `<id>.json` ground truth (the syndication-dev layout).
Each page is fetched "at" 2026-11-01T00:00:00Z from its gold URL, in file-name order, into
a fresh database; the predictions are that database's export. See docs/syndication.md.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extraction import DEFAULT_OUT, corpus_arguments
from ingest.core.errors import IngestError
from ingest.core.page import Page
from ingest.pipeline import process
from ingest.store.database import Store
from ingest.store.export import Selection, batches
from ingest.store.export_formats import write_jsonl
from ingest.store.site_chrome import SiteChrome

FETCHED_AT = datetime(2026, 11, 1, tzinfo=UTC)
TARGETS = {  # figure: (key in the scorer's "overall", target, higher is better)
    "syndication precision": (("syndication", "precision"), 0.97, True),
    "syndication recall": (("syndication", "recall"), 0.97, True),
    "original publisher right, all copies": (("publisher_accuracy_on_gold_positives",),
                                             0.95, True),
    "original publisher right, copies found": (("publisher_accuracy_on_tp",), 0.95, True),
    "authors exactly right": (("authors_exact_set_accuracy",), 0.95, True),
    "published day right": (("published_day_accuracy",), 0.95, True),
    "must-contain sentences kept": (("must_contain_recall",), 0.98, True),
    "photo credits found": (("image_credit_recall",), 0.95, True),
    "pages with credit lines left in": (("credit_line_leak_rate",), 0.0, False),
    "pages with boilerplate leaks": (("boilerplate_leak_rate",), 0.0, False),
}


def half(url: str) -> str:
    """`tune` or `score`: a stable split of the corpus by the page's host."""
    host = url.split("//", 1)[-1].split("/", 1)[0].lower().removeprefix("www.")
    return "tune" if hashlib.sha256(host.encode()).digest()[0] % 2 == 0 else "score"


def score(scorer: Path, corpus: Path, predictions: Path, metrics: Path,
          errors: bool = True) -> str:
    """Run the corpus's scorer; its report."""
    command = [sys.executable, str(scorer), "--data", str(corpus), "--pred", str(predictions),
               "--json-out", str(metrics)] + (["--errors"] if errors else [])
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"error: scorer failed:\n{result.stderr[-2000:]}")
    return result.stdout


def figures(metrics: Path) -> dict[str, float]:
    overall = json.loads(metrics.read_text(encoding="utf-8"))["overall"]
    found = {}
    for label, (path, _, _) in TARGETS.items():
        value = overall
        for key in path:
            value = value[key]
        found[label] = value
    return found


def halves(scorer: Path, corpus: Path, predictions: Path, out: Path) -> dict[str, dict]:
    """The figures of each half (see `half`), each scored on a corpus copy of its pages."""
    found = {}
    for name in ("tune", "score"):
        with tempfile.TemporaryDirectory() as tmp:
            part = Path(tmp)
            for gold in corpus.glob("*.json"):
                if gold.name != "MANIFEST.json" and half(
                        json.loads(gold.read_text(encoding="utf-8"))["url"]) == name:
                    shutil.copy(gold, part / gold.name)
                    shutil.copy(gold.with_suffix(".html"), part / gold.with_suffix(".html").name)
            reference = corpus.parent / "publishers-reference.json"  # the scorer's name map
            if reference.exists():
                shutil.copy(reference, part / reference.name)
            pages = len(list(part.glob("*.html")))
            score(scorer, part, predictions, out / f"metrics-{name}.json", errors=False)
            found[name] = {"pages": pages, **figures(out / f"metrics-{name}.json")}
    return found


def table(all_pages: dict[str, float], parts: dict[str, dict]) -> str:
    """The figures next to their targets, for the whole corpus and each half."""
    lines = [f"{'figure':42} {'all':>7} {'tune':>7} {'score':>7} {'target':>7}  met"]
    for label, (_, target, higher) in TARGETS.items():
        value = all_pages[label]
        met = value >= target if higher else value <= target
        lines.append(f"{label:42} {value:7.3f} {parts['tune'][label]:7.3f} "
                     f"{parts['score'][label]:7.3f} {target:7.2f}  {'yes' if met else 'NO'}")
    lines.append(f"{'pages':42} {'':7} {parts['tune']['pages']:7d} "
                 f"{parts['score']['pages']:7d}")
    return "\n".join(lines)


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
    print(score(scorer, corpus, out / "ingest.jsonl", metrics))
    print(table(figures(metrics), halves(scorer, corpus, out / "ingest.jsonl", out)))
    print(f"\n{rows} records exported, {len(failed)} pages failed; scorer metrics: {metrics}")


if __name__ == "__main__":
    main()
