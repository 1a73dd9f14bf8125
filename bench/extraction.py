"""Extraction quality and one-core throughput on a corpus of real pages with ground truth.

    python bench/extraction.py CORPUS_DIR [--scorer score.py] [--out DIR] [--jobs N]
                               [--ingest-only]

CORPUS_DIR holds `<set>/<id>.html[.gz]` pages and `<set>/<id>.json` ground truth (`url`, and
the fields the set annotates). Every page goes through (a) `ingest.pipeline.process`, the
single processing path, and (b) bare `trafilatura.bare_extraction(html, url=url,
with_metadata=True)`. Both prediction files (`ingest.jsonl`, `trafilatura.jsonl`) are written
to --out and scored with the corpus's scorer (default `CORPUS_DIR/../../eval/score.py`); the
two score tables, a side-by-side table of the headline figures and the pages/s of each are
printed, and `figures.json` is written to --out.

Throughput: both extractors run sequentially in this process (one core), after a short
untimed warm-up; only the extraction call is timed, not reading or gunzipping the files. They
take turns in blocks of pages (ingest then trafilatura on one block, the other way round on the
next), so a change of machine load during the run weighs on both alike. pages/s is pages per
CPU second of this process (what one core delivers, whatever else runs on the machine); the
wall-clock rate is reported next to it. With --jobs N > 1 pages are processed in N worker
processes and nothing is timed.
--ingest-only skips bare trafilatura (a quick look at ingest's figures alone).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.core.errors import IngestError  # noqa: E402
from ingest.core.page import Page  # noqa: E402
from ingest.extract.dates import warm_up  # noqa: E402
from ingest.pipeline import process  # noqa: E402

FETCHED_AT = datetime(2026, 11, 1, tzinfo=UTC)
"""Fixed fetch time of every page, so date choices do not depend on the day of the run."""
DEFAULT_OUT = ROOT / "bench" / "out"
WARMUP_PAGES = 5
BLOCK = 20
"""Pages per turn when the extractors are timed in alternation."""
EXTRACTORS = ("ingest", "trafilatura")

# (scorer result key, sub-key) of each recorded figure, in table order.
FIGURES = {
    "body_sh4_f1": ("body_sh4", "f1"),
    "body_tok_f1": ("body_tok", "f1"),
    "ww_f1": ("ww", "f1"),
    "title_exact": ("title", "acc"),
    "authors_f1": ("authors", "f1"),
    "noauth_ok": ("noauth_ok", "acc"),
    "date_day": ("published", "acc"),
}
LABELS = {
    "body_sh4_f1": "body sh4 F1",
    "body_tok_f1": "body tok F1",
    "ww_f1": "with/without F1",
    "title_exact": "title exact",
    "authors_f1": "authors F1",
    "noauth_ok": "\"no author\" right",
    "date_day": "date (day)",
}
TARGETS = {
    ("scrapinghub", "body_sh4_f1"): 0.970,
    ("fundus", "body_sh4_f1"): 0.965,
    ("trafilatura", "ww_f1"): 0.940,
    ("fundus", "title_exact"): 0.85,
    ("trafilatura", "title_exact"): 0.85,
    ("fundus", "authors_f1"): 0.85,
    ("trafilatura", "authors_f1"): 0.75,
    ("trafilatura", "noauth_ok"): 0.80,
    ("fundus", "date_day"): 0.98,
    ("trafilatura", "date_day"): 0.95,
}
"""Targets of the issue, per (set, figure); `THROUGHPUT_TARGET` is the pages/s ratio one."""
THROUGHPUT_TARGET = 0.8


@dataclass(frozen=True, slots=True)
class Item:
    set: str
    id: str
    url: str
    html: bytes


def load_corpus(corpus: Path) -> list[Item]:
    """Every page of every set, bytes already read and gunzipped (outside any timing)."""
    items = []
    for set_dir in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for truth in sorted(set_dir.glob("*.json")):
            page_id = truth.name[: -len(".json")]
            url = json.loads(truth.read_text(encoding="utf-8"))["url"]
            plain, packed = set_dir / f"{page_id}.html", set_dir / f"{page_id}.html.gz"
            if packed.exists():
                html = gzip.decompress(packed.read_bytes())
            elif plain.exists():
                html = plain.read_bytes()
            else:
                continue  # the scorer counts it as a missing prediction
            items.append(Item(set_dir.name, page_id, url, html))
    if not items:
        sys.exit(f"error: no pages under {corpus} (expected <set>/<id>.html[.gz] + <id>.json)")
    return items


def empty(item: Item, error: str | None = None) -> dict:
    pred = {"set": item.set, "id": item.id, "title": None, "authors": [], "published": None,
            "text": ""}
    if error:
        pred["error"] = error
    return pred


def ingest_prediction(item: Item) -> dict:
    page = Page(url=item.url, body=item.html, fetched_at=FETCHED_AT)
    try:
        record = process(page)
    except IngestError as exc:
        return empty(item, exc.reason)
    except Exception as exc:  # a bug, not a verdict on the page: counted and listed
        return empty(item, f"crash: {type(exc).__name__}: {exc}")
    return {"set": item.set, "id": item.id, "title": record.title, "authors": record.authors,
            "published": record.published_at, "text": record.text}


def split_authors(joined: str | None) -> list[str]:
    """trafilatura joins the authors it finds with "; "."""
    return [name.strip() for name in (joined or "").split(";") if name.strip()]


def trafilatura_prediction(item: Item) -> dict:
    try:
        doc = trafilatura.bare_extraction(item.html, url=item.url, with_metadata=True)
    except Exception as exc:
        return empty(item, f"crash: {type(exc).__name__}: {exc}")
    if doc is None:
        return empty(item, "none")
    return {"set": item.set, "id": item.id, "title": doc.title,
            "authors": split_authors(doc.author), "published": doc.date,
            "text": doc.text or ""}


PREDICT: dict[str, Callable[[Item], dict]] = {
    "ingest": ingest_prediction, "trafilatura": trafilatura_prediction}


@dataclass
class Run:
    preds: list[dict] = field(default_factory=list)
    wall: float = 0.0
    cpu: float = 0.0
    """Summed over the extraction calls; 0 when untimed."""


def run_sequential(names: list[str], items: list[Item]) -> dict[str, Run]:
    """All pages through each extractor in this process, in alternating blocks, timed."""
    warm_up()  # untimed, as a worker process does at start (dateparser's locale data)
    for name in names:
        for item in items[:WARMUP_PAGES]:
            PREDICT[name](item)  # untimed: lazy imports, regex compilation, caches
    runs = {name: Run() for name in names}
    for turn, start in enumerate(range(0, len(items), BLOCK)):
        for name in names if turn % 2 == 0 else names[::-1]:
            predict, run = PREDICT[name], runs[name]
            for item in items[start:start + BLOCK]:
                cpu0, wall0 = time.process_time(), time.perf_counter()
                pred = predict(item)
                run.wall += time.perf_counter() - wall0
                run.cpu += time.process_time() - cpu0
                run.preds.append(pred)
    return runs


def run_parallel(names: list[str], items: list[Item], jobs: int) -> dict[str, Run]:
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return {name: Run(list(pool.map(PREDICT[name], items, chunksize=4))) for name in names}


def throughput(ours: Run, theirs: Run) -> dict[str, float]:
    pages = len(ours.preds)
    return {
        "ingest_pages_s": round(pages / ours.cpu, 2),
        "trafilatura_pages_s": round(pages / theirs.cpu, 2),
        "ratio": round(theirs.cpu / ours.cpu, 3),
        "ingest_cpu_ms_per_page": round(1000 * ours.cpu / pages, 1),
        "trafilatura_cpu_ms_per_page": round(1000 * theirs.cpu / pages, 1),
        "ingest_wall_pages_s": round(pages / ours.wall, 2),
        "trafilatura_wall_pages_s": round(pages / theirs.wall, 2),
    }


def write_jsonl(path: Path, preds: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for pred in preds:
            f.write(json.dumps(pred, ensure_ascii=False) + "\n")


def default_scorer(corpus: Path) -> Path:
    return (corpus.resolve() / ".." / ".." / "eval" / "score.py").resolve()


def score(scorer: Path, corpus: Path, pred: Path, metrics: Path) -> tuple[str, dict]:
    """The scorer's printed table and its metrics (its --json output)."""
    result = subprocess.run([sys.executable, str(scorer), "--data", str(corpus), "--pred",
                             str(pred), "--json", str(metrics)], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        sys.exit(f"error: scorer failed on {pred}:\n{result.stderr[-2000:]}")
    return result.stdout, json.loads(metrics.read_text(encoding="utf-8"))


def figures_of(metrics: dict) -> dict[str, dict[str, float]]:
    """Per set (not "ALL"), the recorded figures the set has."""
    out: dict[str, dict[str, float]] = {}
    for name, result in metrics.items():
        if name == "ALL":
            continue
        row = {}
        for figure, (key, sub) in FIGURES.items():
            value = result.get(key, {}).get(sub)
            if isinstance(value, int | float) and not math.isnan(value):
                row[figure] = round(float(value), 6)
        out[name] = row
    return out


def rows(figures: dict[str, dict[str, float]]) -> Iterator[tuple[str, str]]:
    for name in sorted(figures):
        for figure in FIGURES:
            if figure in figures[name]:
                yield name, figure


def verdict(value: float | None, target: float | None) -> str:
    if target is None or value is None:
        return ""
    return "met" if value >= target else "NOT met"


def side_by_side(figures: dict) -> str:
    """Markdown table: ingest, bare trafilatura, delta and target per set and figure."""
    ours, theirs = figures["ingest"], figures.get("trafilatura") or {}
    lines = ["| set | figure | ingest | trafilatura | delta | target | |",
             "|---|---|---|---|---|---|---|"]
    for name, figure in rows(ours):
        value = ours[name][figure]
        other = theirs.get(name, {}).get(figure)
        target = TARGETS.get((name, figure))
        lines.append(
            f"| {name} | {LABELS[figure]} | {value:.3f} | "
            f"{'-' if other is None else f'{other:.3f}'} | "
            f"{'-' if other is None else f'{value - other:+.3f}'} | "
            f"{'-' if target is None else f'>= {target:.3f}'} | {verdict(value, target)} |")
    speed = figures.get("throughput")
    if speed:
        lines.append(
            f"| one core | pages/s (per CPU s) | {speed['ingest_pages_s']:.1f} | "
            f"{speed['trafilatura_pages_s']:.1f} | ratio {speed['ratio']:.2f} | "
            f">= {THROUGHPUT_TARGET:.2f} x | {verdict(speed['ratio'], THROUGHPUT_TARGET)} |")
        lines.append(
            f"| one core | CPU ms/page | {speed['ingest_cpu_ms_per_page']:.1f} | "
            f"{speed['trafilatura_cpu_ms_per_page']:.1f} | - | - | |")
        lines.append(
            f"| one core | pages/s (wall clock) | {speed['ingest_wall_pages_s']:.1f} | "
            f"{speed['trafilatura_wall_pages_s']:.1f} | - | - | |")
    return "\n".join(lines)


def head_commit() -> str | None:
    """The checked-out commit, read from .git (the working tree may hold uncommitted edits)."""
    git = ROOT / ".git"
    try:
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref: "):
            return head
        ref = head[5:]
        if (git / ref).exists():
            return (git / ref).read_text(encoding="utf-8").strip()
        for line in (git / "packed-refs").read_text(encoding="utf-8").splitlines():
            if line.endswith(" " + ref):
                return line.split()[0]
    except OSError:
        pass
    return None


def benchmark(corpus: Path, scorer: Path | None = None, out: Path = DEFAULT_OUT,
              jobs: int = 1, ingest_only: bool = False, quiet: bool = False) -> dict:
    """Run, score and summarise; returns the figures (also written to OUT/figures.json)."""
    corpus = corpus.resolve()
    scorer = (scorer or default_scorer(corpus)).resolve()
    if not scorer.is_file():
        sys.exit(f"error: no scorer at {scorer} (give --scorer PATH)")
    out.mkdir(parents=True, exist_ok=True)
    items = load_corpus(corpus)
    say = (lambda *a: None) if quiet else print
    say(f"corpus: {corpus} ({len(items)} pages); scorer: {scorer}; "
        f"{'1 process, timed' if jobs == 1 else f'{jobs} worker processes, untimed'}")
    figures: dict = {
        "measured_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "commit": head_commit(), "pages": len(items), "trafilatura_version":
        trafilatura.__version__, "python": sys.version.split()[0], "cores": os.cpu_count()}
    names = list(EXTRACTORS[:1] if ingest_only else EXTRACTORS)
    started = time.perf_counter()
    runs = run_sequential(names, items) if jobs == 1 else run_parallel(names, items, jobs)
    say(f"extraction: {time.perf_counter() - started:.0f} s")
    for name, run in runs.items():
        pred_path = out / f"{name}.jsonl"
        write_jsonl(pred_path, run.preds)
        table, metrics = score(scorer, corpus, pred_path, out / f"{name}-metrics.json")
        figures[name] = figures_of(metrics)
        crashes = [p for p in run.preds if str(p.get("error", "")).startswith("crash")]
        errors = sum(1 for p in run.preds if p.get("error"))
        say(f"\n## {name}: {len(items)} pages, {errors} without a record "
            f"({len(crashes)} crashes) -> {pred_path}\n")
        say(table.rstrip())
        for pred in crashes:
            print(f"warning: {name} crashed on {pred['set']}/{pred['id']}: {pred['error']}",
                  file=sys.stderr)
    if len(runs) == 2 and all(run.cpu > 0 for run in runs.values()):
        figures["throughput"] = throughput(runs["ingest"], runs["trafilatura"])
    say("\n## ingest vs bare trafilatura " + trafilatura.__version__ + "\n")
    say(side_by_side(figures))
    (out / "figures.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    say(f"\nfigures: {out / 'figures.json'}")
    return figures


def corpus_arguments(description: str) -> argparse.ArgumentParser:
    """A parser with the arguments every corpus benchmark takes: CORPUS, --scorer, --out."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("corpus", type=Path, help="corpus directory (<set>/<id>.html.gz + .json)")
    parser.add_argument("--scorer", type=Path,
                        help="score.py to use (default: CORPUS/../../eval/score.py)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where predictions and figures go (default: bench/out)")
    return parser


def main() -> None:
    parser = corpus_arguments(__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1,
                        help="worker processes; above 1 nothing is timed (default: 1)")
    parser.add_argument("--ingest-only", action="store_true",
                        help="skip bare trafilatura (and so the throughput comparison)")
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    benchmark(args.corpus, args.scorer, args.out, args.jobs, args.ingest_only)


if __name__ == "__main__":
    main()
