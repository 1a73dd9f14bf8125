"""Export benchmark: rows/s and peak memory of `ingest export` in each format, for a database
of N synthetic records and one ten times smaller, to show that memory does not grow with the
row count.

    .venv/bin/python bench/export.py [--rows 1000000] [--work DIR]

The databases are built once in DIR (default bench/out/export) with the store's own schema;
their FTS index is left out, since exports never read it and it would triple the build time.
Each export runs as its own `ingest export` process, measured by `bench.measure`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.measure import run_measured
from ingest.core.record import FIELDS
from ingest.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("council", "water", "board", "vote", "reservoir", "pumps", "engineers", "contract",
         "reserves", "season", "residents", "meeting", "plan", "repairs", "summer", "library",
         "bridge", "county", "storm", "school", "budget", "police", "court", "hospital",
         "market", "election", "mayor", "river", "farmers", "prices")
PUBLISHERS = ["Associated Press", "Reuters", "NPR", "Pinecrest Courier", "AFP", None]
FORMATS = {"jsonl": "export.jsonl", "csv": "export.csv", "parquet": "export.parquet"}


def record(n: int, rng: random.Random) -> dict:
    """One plausible record: about 400 words of text, a few list values, real timestamps."""
    text = "\n\n".join(" ".join(rng.choices(WORDS, k=80)).capitalize() + "." for _ in range(5))
    day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
    syndicated = n % 3 == 0
    return {
        "id": f"{n:020x}", "url": f"https://site{n % 50}.example/news/{n}",
        "canonical_url": f"https://site{n % 50}.example/news/{n}", "source": f"source{n % 20}",
        "site_name": f"Site {n % 50}", "site_domain": f"site{n % 50}.example",
        "title": " ".join(rng.choices(WORDS, k=9)).capitalize(), "text": text,
        "byline": "Jordan Ellis and Maya Okafor", "authors": json.dumps(["Jordan Ellis",
                                                                          "Maya Okafor"]),
        "original_publisher": PUBLISHERS[n % len(PUBLISHERS)], "original_url": None,
        "is_syndicated": int(syndicated),
        "syndication_evidence": json.dumps([{"kind": "credit-line", "text": "Source: AP",
                                             "publisher": "Associated Press"}]
                                           if syndicated else []),
        "published_at": f"{day}T{n % 24:02d}:15:00Z" if n % 10 else None,
        "published_at_source": "json-ld", "published_at_raw": f"{day}T{n % 24:02d}:15:00Z",
        "modified_at": None, "language": "en", "image_credits": json.dumps(["AP Photo"]),
        "word_count": 400, "content_hash": f"{n:016x}", "cluster_id": f"{n:020x}",
        "fetched_at": f"{day}T23:00:00Z", "first_seen_at": f"{day}T23:00:00Z",
        "schema_version": 1,
    }


def build(path: Path, rows: int) -> None:
    """A store-schema database of `rows` synthetic records (built once, then reused)."""
    if path.exists():
        return
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    store = Store(partial)
    db = store.sql.db  # SQLite's own: the bench builds its file without the FTS index
    db.execute("drop table if exists articles_fts")
    for trigger in [r[0] for r in db.execute(
            "select name from sqlite_master where type = 'trigger'")]:
        db.execute(f"drop trigger {trigger}")
    rng = random.Random(7)
    columns = ", ".join(FIELDS)
    marks = ", ".join("?" for _ in FIELDS)
    for start in range(0, rows, 10_000):
        with db.conn:
            db.conn.executemany(
                f"insert into articles ({columns}) values ({marks})",
                ([record(n, rng)[name] for name in FIELDS]
                 for n in range(start, min(rows, start + 10_000))))
        print(f"\rbuilding {path.name}: {min(rows, start + 10_000):,} rows", end="",
              file=sys.stderr)
    print(file=sys.stderr)
    store.close()
    partial.rename(path)


PEAK = ("import atexit, resource, sys\n"
        "atexit.register(lambda: print('peak-rss-kb', resource.getrusage("
        "resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))\n"
        "from ingest.app.cli import main\nmain()\n")
"""`ingest` run so that it reports the kernel's own peak resident size when it exits (a
sampled figure would also count pages of the files it maps and writes)."""


def measure(db: Path, fmt: str, out: Path) -> dict:
    usage = run_measured([sys.executable, "-c", PEAK, "--db", str(db), "export",
                          "--format", fmt, "--out", str(out)], cwd=ROOT)
    if usage.returncode:
        raise SystemExit(f"export failed: {usage.stderr.strip()}")
    rows = int(usage.stderr.split("exported ", 1)[1].split()[0])
    peak_kb = int(usage.stderr.split("peak-rss-kb ", 1)[1].split()[0])
    return {"rows": rows, "seconds": round(usage.wall, 1), "rows_per_s": round(rows / usage.wall),
            "peak_rss_mb": round(peak_kb / 1024), "mb": round(out.stat().st_size / 1e6)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path, default=ROOT / "bench/out/export")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    sizes = [args.rows // 10, args.rows]
    results: dict[str, dict[int, dict]] = {}
    for size in sizes:
        db = args.work / f"synthetic-{size}.db"
        build(db, size)
        for fmt, name in FORMATS.items():
            out = args.work / name
            results.setdefault(fmt, {})[size] = measure(db, fmt, out)
            out.unlink()
    print(f"{'format':8} {'rows':>10} {'rows/s':>9} {'peak MB':>8} {'file MB':>8}")
    for fmt, by_size in results.items():
        for size, r in by_size.items():
            print(f"{fmt:8} {size:>10,} {r['rows_per_s']:>9,} {r['peak_rss_mb']:>8} {r['mb']:>8}")
        small, large = by_size[sizes[0]], by_size[sizes[1]]
        print(f"{'':8} memory {sizes[1] // sizes[0]}x rows: "
              f"{large['peak_rss_mb'] / small['peak_rss_mb']:.2f}x peak")
    (args.work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
