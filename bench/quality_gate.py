"""Quality gate: the extraction figures of the current code against the recorded ones.

    python bench/quality_gate.py CORPUS_DIR [--scorer score.py] [--jobs N] [--update]

Runs `bench/extraction.py`'s benchmark for ingest only (in --jobs worker processes, untimed),
compares every figure recorded in `bench/quality.json` with the new one and prints recorded,
now and delta. Exit status 1 when any figure dropped by more than the tolerance (0.005): that
is a regression to explain, not a number to update. `--update` runs the full benchmark (bare
trafilatura and one-core timing included) and rewrites `bench/quality.json`; use it only when
a change of the figures has been decided on.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import FIGURES, LABELS, benchmark, corpus_arguments  # noqa: E402

RECORD = ROOT / "bench" / "quality.json"
TOLERANCE = 0.005
NOTE = ("Extraction figures of ingest (gated by `make quality`) and, for reference, of bare "
        "trafilatura and the one-core throughput (not gated). Written by "
        "`python bench/quality_gate.py CORPUS --update`; see docs/quality.md.")


def compare(recorded: dict, now: dict, tolerance: float) -> tuple[list[str], int]:
    """Markdown table of every recorded figure, and the number of regressions."""
    lines = ["| set | figure | recorded | now | delta | |", "|---|---|---|---|---|---|"]
    regressions = 0
    for name in sorted(set(recorded) | set(now)):
        old_row, new_row = recorded.get(name, {}), now.get(name, {})
        for figure in FIGURES:
            old, new = old_row.get(figure), new_row.get(figure)
            if old is None and new is None:
                continue
            if old is None:
                status, delta = "new (not recorded)", "-"
            elif new is None:
                status, delta = "REGRESSION (missing)", "-"
                regressions += 1
            else:
                change = new - old
                delta = f"{change:+.4f}"
                if change < -tolerance - 1e-9:
                    status = "REGRESSION"
                    regressions += 1
                else:
                    status = "better" if change > tolerance else "ok"
            lines.append(f"| {name} | {LABELS[figure]} | "
                         f"{'-' if old is None else f'{old:.4f}'} | "
                         f"{'-' if new is None else f'{new:.4f}'} | {delta} | {status} |")
    return lines, regressions


def record_of(figures: dict) -> dict:
    keep = ("measured_at", "commit", "pages", "python", "cores", "trafilatura_version",
            "ingest", "trafilatura", "throughput")
    return {"note": NOTE, "tolerance": TOLERANCE, **{k: figures[k] for k in keep if k in figures}}


def main() -> None:
    parser = corpus_arguments(__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes for the ingest-only run (default: all cores)")
    parser.add_argument("--record", type=Path, default=RECORD,
                        help="recorded figures (default: bench/quality.json)")
    parser.add_argument("--update", action="store_true",
                        help="run the full benchmark and rewrite the recorded figures")
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")

    recorded = (json.loads(args.record.read_text(encoding="utf-8"))
                if args.record.exists() else None)
    if recorded is None and not args.update:
        sys.exit(f"error: no recorded figures at {args.record}; record them with --update")
    if args.update:
        figures = benchmark(args.corpus, args.scorer, args.out, jobs=1)
        print()
    else:
        figures = benchmark(args.corpus, args.scorer, args.out, jobs=args.jobs,
                            ingest_only=True, quiet=True)
        if figures["pages"] != recorded.get("pages"):
            sys.exit(f"error: the corpus has {figures['pages']} pages, the figures were "
                     f"recorded on {recorded.get('pages')}: not the same corpus")

    if recorded is not None:
        print(f"ingest figures: recorded {recorded.get('measured_at')} "
              f"(commit {str(recorded.get('commit'))[:12]}) vs now; "
              f"tolerance {TOLERANCE} (predictions: {args.out / 'ingest.jsonl'})\n")
        lines, regressions = compare(recorded.get("ingest", {}), figures["ingest"], TOLERANCE)
        print("\n".join(lines))
    else:
        regressions = 0

    if args.update:
        args.record.write_text(json.dumps(record_of(figures), indent=1) + "\n", encoding="utf-8")
        print(f"\nrecorded: {args.record}")
        return
    if regressions:
        print(f"\nFAIL: {regressions} figure(s) dropped by more than {TOLERANCE}. A regression "
              "to explain (bench/out/ingest.jsonl, scorer --per-page), not a number to update.")
        sys.exit(1)
    print("\nOK: no figure dropped by more than the tolerance.")


if __name__ == "__main__":
    main()
