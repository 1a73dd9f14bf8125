"""Throughput and cost of a whole crawl, next to the extraction floor and peer tools.

    .venv/bin/python bench/throughput.py [--pages 3000] [--growth 1000,10000] [--no-peers]

A local site of generated article pages (the demo site's three templates, every story's text
drawn fresh, so no two pages are alike and no two are near-duplicates) is served on
127.0.0.1 with a sitemap. Measured in one run, each as its own process tree (CPU time of the
tree, peak RSS of the tree sampled every 50 ms):

(a) bare `trafilatura.extract` over the same pages in one process: the per-core floor;
(b) `ingest crawl --sitemap` end to end (discovery, fetch, process on all cores, store);
(c) trafilatura's command line on the same sitemap with `--parallel 2` (no download delay);
(d) newspaper4k, installed into bench/out/peers-venv when the registry has it.

Growth: `ingest crawl` of the first G1 and then all G2 pages into one database (per-page
cost and peak memory of each), then an incremental re-crawl of the G2 stored pages (time and
requests made). Figures and the machine go to docs/performance.md by hand.
"""

from __future__ import annotations

import argparse
import copy
import functools
import http.server
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path
from typing import ClassVar

import trafilatura.settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import Usage, run_measured  # noqa: E402
from ingest.demo import DEMO_DIR  # noqa: E402

PEERS_VENV = ROOT / "bench" / "out" / "peers-venv"
PARAGRAPH = re.compile(r"(<p(?:\s[^>]*)?>)(.*?)(</p>)", re.S)
WORD = re.compile(r"[A-Za-z]{3,}")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the generated site and counts requests per path."""

    hits: ClassVar[Counter[str]] = Counter()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        QuietHandler.hits[self.path] += 1
        super().do_GET()


def templates() -> list[tuple[str, str, str]]:
    """(html, title, path) of the demo's own articles (not copies of other outlets' stories)."""
    manifest = json.loads((DEMO_DIR / "MANIFEST.json").read_text(encoding="utf-8"))
    return [((DEMO_DIR / e["path"].lstrip("/")).read_text(encoding="utf-8"), e["title"],
             e["path"]) for e in manifest if not e["syndicated"] and not e.get("near_duplicate_of")]


def vocabulary() -> list[str]:
    words = WORD.findall(" ".join(html for html, _, _ in templates()))
    return sorted(set(w.lower() for w in words))


def story_page(template: tuple[str, str, str], base: str, path: str, rng: random.Random,
               words: list[str]) -> str:
    """A template with a new title, new paragraphs and its own URL (canonical, og:url)."""
    html, title, own = template
    headline = " ".join(rng.choices(words, k=8)).capitalize()

    def paragraph(match: re.Match[str]) -> str:
        inner = match.group(2)
        if len(inner) < 120 or "<a " in inner:  # bylines, captions, teasers: keep
            return match.group(0)
        sentences = [" ".join(rng.choices(words, k=rng.randint(12, 24))).capitalize() + "."
                     for _ in range(rng.randint(2, 4))]
        return match.group(1) + " ".join(sentences) + match.group(3)

    html = PARAGRAPH.sub(paragraph, html.replace(title, headline))
    return html.replace(f"__BASE__{own}", base + path).replace("__BASE__", base)


def build_site(folder: Path, base: str, pages: int) -> list[str]:
    """Write the site (pages, sitemap, robots.txt); returns the article paths."""
    rng, words, kinds = random.Random(3), vocabulary(), templates()
    (folder / "a").mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(pages):
        path = f"/a/{i:05d}.html"
        page = story_page(kinds[i % len(kinds)], base, path, rng, words)
        (folder / path.lstrip("/")).write_text(page, encoding="utf-8")
        paths.append(path)
    return paths


def write_sitemap(folder: Path, base: str, paths: list[str], name: str) -> str:
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    (folder / name).write_text('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                               f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
                               encoding="utf-8")
    return f"{base}/{name}"


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def bare_floor(folder: Path, paths: list[str]) -> Usage:
    """(a): trafilatura.extract over the saved pages in one process."""
    script = ("import sys, trafilatura, pathlib\n"
              "files = [pathlib.Path(p).read_bytes() for p in sys.argv[1:]]\n"
              "for html in files: trafilatura.extract(html)\n")
    listing = [str(folder / p.lstrip("/")) for p in paths]
    return run_measured([sys.executable, "-c", script, *listing], cwd=ROOT)


def ingest_crawl(db: Path, sitemap: str) -> Usage:
    """(b): the whole crawl as users run it (AutoThrottle on: against one local host it
    settles near no delay within a few responses), into `db`, with its stage report."""
    return run_measured([str(ROOT / ".venv/bin/ingest"), "-v", "--db", str(db), "crawl",
                         "--sitemap", sitemap, "--force"], cwd=ROOT)


def trafilatura_cli(sitemap: str, out: Path) -> Usage:
    """(c): trafilatura's own crawler-extractor, 2 download threads, no sleep between hits."""
    settings = copy.deepcopy(trafilatura.settings.DEFAULT_CONFIG)  # its own defaults...
    settings["DEFAULT"]["SLEEP_TIME"] = "0"  # ...without the pause between hits on a host
    config = out.parent / "trafilatura.cfg"
    with config.open("w", encoding="utf-8") as handle:
        settings.write(handle)
    return run_measured([str(ROOT / ".venv/bin/trafilatura"), "--sitemap", sitemap,
                         "--parallel", "2", "--config-file", str(config), "-o", str(out)],
                        cwd=ROOT)


def newspaper(folder: Path, base: str, paths: list[str]) -> Usage | None:
    """(d): newspaper4k downloading and parsing each page, 2 threads, if it installs."""
    python = PEERS_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
        installed = subprocess.run([str(python), "-m", "pip", "install", "-q", "newspaper4k"],
                                   capture_output=True, text=True, check=False)
        if installed.returncode:
            print(f"(d) newspaper4k did not install: {installed.stderr.strip()[-200:]}")
            return None
    script = ("import sys\nfrom concurrent.futures import ThreadPoolExecutor\n"
              "from newspaper import Article\n"
              "def one(url):\n    a = Article(url, fetch_images=False)\n    a.download()\n"
              "    a.parse()\n    return len(a.text)\n"
              "with ThreadPoolExecutor(2) as pool:\n    list(pool.map(one, sys.argv[1:]))\n")
    return run_measured([str(python), "-c", script, *[base + p for p in paths]], cwd=ROOT)


def line(name: str, usage: Usage, pages: int) -> dict[str, float]:
    row = {"pages_s": pages / usage.wall, "cpu_s_per_page": usage.cpu / pages,
           "cores_busy": usage.cpu / usage.wall, "peak_rss_mb": usage.peak_rss_mb,
           "wall_s": usage.wall}
    print(f"  {name:34} {row['pages_s']:8.1f} {row['cpu_s_per_page'] * 1000:9.1f} "
          f"{row['cores_busy']:6.2f} {row['peak_rss_mb']:8.0f} {usage.wall:8.1f}")
    return row


def stored(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--growth", default="1000,10000",
                        help="page counts of the growth runs, comma-separated (empty: none)")
    parser.add_argument("--no-peers", action="store_true", help="skip (c) and (d)")
    parser.add_argument("--peer-pages", type=int, default=200,
                        help="pages the peer tools get (trafilatura's command line fetches "
                             "one page per host at a time, so a one-host site is slow for it)")
    args = parser.parse_args()
    growth = [int(n) for n in args.growth.split(",") if n]
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="ingest-throughput-") as tmp:
        folder = Path(tmp) / "site"
        folder.mkdir()
        server, base = serve(folder)
        (folder / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
        paths = build_site(folder, base, max([args.pages, *growth]))
        sitemap = write_sitemap(folder, base, paths[:args.pages], "sitemap.xml")
        print(f"{args.pages:,} pages on {base}; {os.cpu_count()} cores\n")
        print(f"  {'':34} {'pages/s':>8} {'CPU ms/pg':>9} {'cores':>6} {'peak MB':>8} "
              f"{'wall s':>8}")
        results["a"] = line("(a) bare trafilatura, 1 process", bare_floor(
            folder, paths[:args.pages]), args.pages)
        db = Path(tmp) / "b.db"
        b = ingest_crawl(db, sitemap)
        results["b"] = line("(b) ingest crawl", b, stored(db))
        report = b.stderr[b.stderr.find("time per stage"):].strip()
        results["b"]["stage_report"] = report
        print("\n" + "\n".join("    " + r for r in report.splitlines()) + "\n")
        if not args.no_peers:
            sample = min(args.peer_pages, args.pages)
            peer_map = write_sitemap(folder, base, paths[:sample], "peers.xml")
            results["c"] = line(f"(c) trafilatura --parallel 2 ({sample})", trafilatura_cli(
                peer_map, Path(tmp) / "traf-out"), sample)
            d = newspaper(folder, base, paths[:sample])
            if d is not None:
                results["d"] = line(f"(d) newspaper4k, 2 threads ({sample})", d, sample)
        print(f"\n  b/a {results['b']['pages_s'] / results['a']['pages_s']:.2f}"
              + (f"   b/c {results['b']['pages_s'] / results['c']['pages_s']:.2f}"
                 if "c" in results else "")
              + (f"   b/d {results['b']['pages_s'] / results['d']['pages_s']:.2f}"
                 if "d" in results else ""))
        if growth:
            grow_db = Path(tmp) / "growth.db"
            print(f"\ngrowth, one database:\n  {'':34} {'pages/s':>8} {'CPU ms/pg':>9} "
                  f"{'cores':>6} {'peak MB':>8} {'wall s':>8}")
            done = 0
            for size in growth:
                step = write_sitemap(folder, base, paths[done:size], f"grow-{size}.xml")
                usage = ingest_crawl(grow_db, step)
                results[f"grow_{size}"] = line(f"crawl to {size:,} stored", usage, size - done)
                done = size
            everything = write_sitemap(folder, base, paths[:done], "all.xml")
            QuietHandler.hits.clear()
            usage = ingest_crawl(grow_db, everything)
            requests = sum(QuietHandler.hits.values())
            print(f"  re-crawl of {done:,} stored pages: {usage.wall:.1f} s, "
                  f"{requests} requests ({', '.join(sorted(QuietHandler.hits)[:3])}...)")
            results["recrawl"] = {"wall_s": usage.wall, "requests": requests}
        server.shutdown()
    out = ROOT / "bench" / "out" / "throughput.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\n{out}")


if __name__ == "__main__":
    main()
