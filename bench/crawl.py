"""Crawl throughput over the bundled demo site, next to bare trafilatura in one process.

    python bench/crawl.py [--repeat 3]

(a) bare `trafilatura.extract` over the demo's article pages, in this process (the per-core
    floor); (b) `ingest crawl` end to end (discovery, fetch, process in worker processes,
    store) into a fresh database. Printed: pages/s, CPU seconds per page, core utilisation,
    peak RSS of the whole process tree, and the ratio b/a. Timing lives here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import run_measured  # noqa: E402
from ingest.demo import DEMO_DIR, demo_source, serve_demo  # noqa: E402


def article_paths() -> list[str]:
    manifest = json.loads((DEMO_DIR / "MANIFEST.json").read_text(encoding="utf-8"))
    return [entry["path"] for entry in manifest]


def bare_trafilatura(base: str, paths: list[str], repeat: int) -> tuple[float, float, int]:
    """(wall seconds, cpu seconds, pages) of trafilatura.extract over the pages, in-process."""
    pages = [urllib.request.urlopen(base + p).read() for p in paths]
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        for html in pages:
            trafilatura.extract(html)
    return time.perf_counter() - wall0, time.process_time() - cpu0, len(pages) * repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="crawls (and bare passes) to run")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    paths = article_paths()
    with serve_demo() as base, tempfile.TemporaryDirectory() as tmp:
        wall_a, cpu_a, pages_a = bare_trafilatura(base, paths, args.repeat)
        source = demo_source(base)
        sources = Path(tmp, "sources.toml")
        sources.write_text(
            "[[source]]\nname = \"demo\"\n"
            f"feeds = {json.dumps(list(source.feeds))}\n"
            f"sitemaps = {json.dumps(list(source.sitemaps))}\n"
            f"pages = {json.dumps(list(source.pages))}\n"
            f"article_pattern = '{source.article_pattern}'\nmax_depth = 2\n", encoding="utf-8")
        runs = []
        for n in range(args.repeat):
            db = Path(tmp, f"bench-{n}.db")
            usage = run_measured([sys.executable, "-m", "ingest", "--db", str(db), "crawl",
                                  "--sources-file", str(sources), "--force"], cwd=ROOT,
                                 env={**os.environ, "INGEST_DB": str(db)})
            if usage.returncode != 0:
                sys.exit(f"crawl failed: {usage.stderr[-2000:]}")
            runs.append(usage)
    best = min(runs, key=lambda u: u.wall)
    rate_a, rate_b = pages_a / wall_a, len(paths) / best.wall
    print(f"machine: {cores} cores; demo site: {len(paths)} article pages; best of "
          f"{args.repeat}")
    print(f"{'':28s} {'pages/s':>8s} {'cpu s/page':>11s} {'cores used':>11s} {'peak RSS':>9s}")
    print(f"{'(a) bare trafilatura, 1 proc':28s} {rate_a:8.1f} {cpu_a / pages_a:11.4f} "
          f"{cpu_a / wall_a:11.2f} {'-':>9s}")
    print(f"{'(b) ingest crawl end to end':28s} {rate_b:8.1f} {best.cpu / len(paths):11.4f} "
          f"{best.cpu / best.wall:11.2f} {best.peak_rss_mb:7.0f}MB")
    print(f"ratio b/a (pages/s): {rate_b / rate_a:.2f}")
    print(f"crawl summary: {best.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
