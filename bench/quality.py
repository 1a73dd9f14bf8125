"""Quality floor: ingest's extraction figures next to bare trafilatura's on the same pages, on
two halves of the corpus split by host, and against the figures recorded in bench/quality.json.

    python bench/quality.py CORPUS_DIR [--scorer score.py] [--jobs N] [--update]

Every page goes through `ingest.pipeline.process` and bare `trafilatura.bare_extraction(...,
with_metadata=True)` in --jobs worker processes (untimed; `bench/extraction.py` times them).
The pages are split by host into a `tune` half, which rules may be tuned on, and a `score`
half, which is only scored: a rule is kept when it helps the score half. Each half is scored
for both extractors by the corpus's scorer.

The gate fails (exit status 1) when any figure of the score half is below bare trafilatura's,
or when a figure of the whole corpus dropped by more than 0.005 below the one recorded in
bench/quality.json: a regression to explain, not a number to update. `--update` rewrites the
record (with both halves); use it only when a change of the figures has been decided on.
See docs/quality.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import (  # noqa: E402
    EXTRACTORS,
    FIGURES,
    LABELS,
    Item,
    corpus_arguments,
    default_scorer,
    figures_of,
    head_commit,
    load_corpus,
    run_parallel,
    score,
    write_jsonl,
)

RECORD = ROOT / "bench" / "quality.json"
TOLERANCE = 0.005
HALVES = ("tune", "score")
NOTE = ("Extraction figures of ingest and bare trafilatura on the whole corpus and on its two "
        "halves split by host (tune, score). `make quality` fails when a figure of the score "
        "half is below trafilatura's or a figure of the whole corpus drops by more than the "
        "tolerance. Written by `python bench/quality.py CORPUS --update`; see docs/quality.md.")


def half(item: Item) -> str:
    """`tune` or `score`: a stable split by the page's host (its id when its address has none,
    as in a test suite's "hard::" pages)."""
    host = (urlsplit(item.url).hostname or item.id).lower().removeprefix("www.")
    return HALVES[hashlib.sha256(host.encode()).digest()[0] % 2]


def scored(corpus: Path, items: list[Item], preds: dict[str, list[dict]], scorer: Path,
           out: Path, name: str) -> dict[str, dict]:
    """The figures of each extractor on `items` alone, scored on a corpus of links to them."""
    keep = {(item.set, item.id) for item in items}
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp)
        for item in items:
            (part / item.set).mkdir(exist_ok=True)
            for source in (corpus / item.set).glob(f"{item.id}.*"):
                if source.name in (f"{item.id}.json", f"{item.id}.html", f"{item.id}.html.gz"):
                    (part / item.set / source.name).symlink_to(source.resolve())
        found = {}
        for extractor, rows in preds.items():
            path = out / f"{extractor}-{name}.jsonl"
            write_jsonl(path, [p for p in rows if (p["set"], p["id"]) in keep])
            _, metrics = score(scorer, part, path, out / f"{extractor}-{name}-metrics.json")
            found[extractor] = figures_of(metrics)
    return found


def floor(figures: dict[str, dict]) -> tuple[list[str], int]:
    """Markdown table of ingest and trafilatura on one half, and the figures below the floor."""
    ours, theirs = figures["ingest"], figures["trafilatura"]
    lines = ["| set | figure | ingest | trafilatura | delta | |", "|---|---|---|---|---|---|"]
    below = 0
    for name in sorted(ours):
        for figure in FIGURES:
            value, other = ours[name].get(figure), theirs.get(name, {}).get(figure)
            if value is None or other is None:
                continue
            low = value < other - 1e-9
            below += low
            lines.append(f"| {name} | {LABELS[figure]} | {value:.3f} | {other:.3f} | "
                         f"{value - other:+.3f} | {'BELOW' if low else ''} |")
    return lines, below


def drops(recorded: dict, now: dict) -> tuple[list[str], int]:
    """Markdown table of the whole corpus's figures against the record, and the drops."""
    lines = ["| set | figure | recorded | now | delta | |", "|---|---|---|---|---|---|"]
    regressions = 0
    for name in sorted(set(recorded) | set(now)):
        for figure in FIGURES:
            old, new = recorded.get(name, {}).get(figure), now.get(name, {}).get(figure)
            if old is None or new is None:
                continue
            change = new - old
            dropped = change < -TOLERANCE - 1e-9
            regressions += dropped
            status = "REGRESSION" if dropped else "better" if change > TOLERANCE else "ok"
            lines.append(f"| {name} | {LABELS[figure]} | {old:.4f} | {new:.4f} | "
                         f"{change:+.4f} | {status} |")
    return lines, regressions


def main() -> None:
    parser = corpus_arguments(__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: all cores)")
    parser.add_argument("--record", type=Path, default=RECORD,
                        help="recorded figures (default: bench/quality.json)")
    parser.add_argument("--update", action="store_true", help="rewrite the recorded figures")
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    scorer = (args.scorer or default_scorer(corpus)).resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    items = load_corpus(corpus)
    runs = run_parallel(list(EXTRACTORS), items, max(args.jobs, 1))
    preds = {name: run.preds for name, run in runs.items()}
    figures: dict = {"measured_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                     "commit": head_commit(), "pages": len(items)}
    figures["all"] = scored(corpus, items, preds, scorer, args.out, "all")
    below = 0
    for name in HALVES:
        part = [item for item in items if half(item) == name]
        figures[name] = scored(corpus, part, preds, scorer, args.out, name)
        lines, low = floor(figures[name])
        print(f"## {name} half: {len(part)} pages, ingest next to bare trafilatura\n")
        print("\n".join(lines) + "\n")
        if name == "score":
            below = low
    recorded = json.loads(args.record.read_text(encoding="utf-8")) if args.record.exists() else {}
    regressions = 0
    if recorded.get("all"):
        lines, regressions = drops(recorded["all"]["ingest"], figures["all"]["ingest"])
        print(f"## whole corpus ({len(items)} pages) against the record of "
              f"{recorded.get('measured_at')} (commit {str(recorded.get('commit'))[:12]})\n")
        print("\n".join(lines))
    if args.update:
        args.record.write_text(json.dumps({"note": NOTE, "tolerance": TOLERANCE, **figures},
                                          indent=1) + "\n", encoding="utf-8")
        print(f"\nrecorded: {args.record}")
        return
    if below or regressions:
        print(f"\nFAIL: {below} figure(s) of the score half below bare trafilatura, "
              f"{regressions} dropped by more than {TOLERANCE} (predictions in {args.out}).")
        sys.exit(1)
    print("\nOK: the score half is at or above bare trafilatura, and nothing dropped.")


if __name__ == "__main__":
    main()
