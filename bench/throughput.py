"""Throughput and cost of a whole crawl, next to the extraction floor and peer tools.

    .venv/bin/python bench/throughput.py [--pages 3000] [--growth 1000,10000] [--no-peers]

A local site of generated article pages (the demo site's three templates, every story's text
drawn fresh, so no two pages are alike and no two are near-duplicates) is served with a
sitemap, split over HOSTS loopback addresses (127.0.0.1 to 127.0.0.8): users crawl many
sources at once, and the crawl's politeness (a few requests at a time per host, AutoThrottle)
applies per host, so one host would measure the politeness, not the ingester. The servers
speak HTTP/1.1 with keep-alive, as news sites do. Measured in one run, each as its own
process tree (CPU time and memory of the tree sampled every 50 ms, bench/measure.py):

(a) bare `trafilatura.extract` over the same pages in one process: the per-core floor;
(b) `ingest crawl --sitemap` end to end (discovery, fetch, process on all cores, store);
(c) trafilatura's command line fetching and extracting the same stories with `--parallel 2`
    (its default config, with no pause between requests to a host and loopback addresses
    allowed; the sitemaps' URLs as its input list, see `trafilatura_cli`);
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
from ingest.app.demo import DEMO_DIR  # noqa: E402

PEERS_VENV = ROOT / "bench" / "out" / "peers-venv"
PARAGRAPH = re.compile(r"(<p(?:\s[^>]*)?>)(.*?)(</p>)", re.S)
WORD = re.compile(r"[A-Za-z]{3,}")


HOSTS = 8


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the generated site with keep-alive and counts requests per path."""

    protocol_version = "HTTP/1.1"
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


def build_site(folder: Path, bases: list[str], pages: int) -> list[str]:
    """Write the pages (each served by every host, linked from one host's sitemap) and
    robots.txt; returns the story URLs, spread over the hosts in turn."""
    rng, words, kinds = random.Random(3), vocabulary(), templates()
    (folder / "a").mkdir(parents=True, exist_ok=True)
    (folder / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    urls = []
    for i in range(pages):
        base, path = bases[i % len(bases)], f"/a/{i:05d}.html"
        page = story_page(kinds[i % len(kinds)], base, path, rng, words)
        (folder / path.lstrip("/")).write_text(page, encoding="utf-8")
        urls.append(base + path)
    return urls


def write_sitemaps(folder: Path, urls: list[str], name: str) -> list[str]:
    """One sitemap per host listing its stories among `urls`; returns the sitemaps' URLs."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(url[:url.index("/", len("http://"))], []).append(url)
    sitemaps = []
    for number, (base, listed) in enumerate(sorted(by_host.items())):
        locs = "".join(f"<url><loc>{url}</loc></url>" for url in listed)
        (folder / f"{name}-{number}.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>', encoding="utf-8")
        sitemaps.append(f"{base}/{name}-{number}.xml")
    return sitemaps


class QuietServer(http.server.ThreadingHTTPServer):
    """A client closing its keep-alive connection is no error worth a traceback."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(folder: Path, hosts: int) -> tuple[list[QuietServer], list[str]]:
    """The folder served on 127.0.0.1 ... 127.0.0.N, one port for all."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    servers = [QuietServer(("127.0.0.1", 0), handler)]
    port = servers[0].server_address[1]
    servers += [QuietServer((f"127.0.0.{n}", port), handler) for n in range(2, hosts + 1)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return servers, [f"http://127.0.0.{n}:{port}" for n in range(1, hosts + 1)]


def bare_floor(folder: Path, urls: list[str]) -> Usage:
    """(a): trafilatura.extract over the saved pages in one process."""
    script = ("import sys, trafilatura, pathlib\n"
              "files = [pathlib.Path(p).read_bytes() for p in sys.argv[1:]]\n"
              "for html in files: trafilatura.extract(html)\n")
    listing = [str(folder / "a" / url.rsplit("/", 1)[1]) for url in urls]
    return run_measured([sys.executable, "-c", script, *listing], cwd=ROOT)


def ingest_crawl(ingest: Path, db: Path, sitemaps: list[str]) -> Usage:
    """(b): the whole crawl as users run it (the `ingest` command given), with its default
    politeness, into `db`, with its stage report."""
    options = [arg for sitemap in sitemaps for arg in ("--sitemap", sitemap)]
    return run_measured([str(ingest), "-v", "--db", str(db), "crawl", *options, "--force",
                         "--allow-private"],
                        cwd=ROOT)


NAMED_HOSTS = re.compile(r"http://127\.0\.0\.(\d+):")
TRAFILATURA = """
import re, socket, sys
real = socket.getaddrinfo
def local(host, *args, **kwargs):  # hostN.localhost is 127.0.0.N
    named = re.fullmatch(r"host(\\d+)\\.localhost", host or "")
    return real(f"127.0.0.{named[1]}" if named else host, *args, **kwargs)
socket.getaddrinfo = local
from trafilatura.cli import main
sys.argv[0] = "trafilatura"
main()
"""
"""trafilatura's command line, with names for the loopback hosts: its URL checks (courlan)
refuse IP addresses and `localhost`, and `hostN.localhost` does not resolve by itself."""


def named(url: str) -> str:
    """The URL on hostN.localhost instead of 127.0.0.N."""
    return NAMED_HOSTS.sub(r"http://host\1.localhost:", url)


def trafilatura_cli(urls: list[str], out: Path) -> Usage:
    """(c): trafilatura's own command line fetching and extracting the stories, 2 download
    threads, no sleep between hits. It gets the sitemaps' URLs as its input list: in sitemap
    mode (`-i SITEMAPS --sitemap`) trafilatura 2.3.1 fetched the sitemaps themselves as
    pages, again and again, and never finished on this site."""
    settings = copy.deepcopy(trafilatura.settings.DEFAULT_CONFIG)  # its own defaults...
    settings["DEFAULT"]["SLEEP_TIME"] = "0"  # ...without the pause between hits on a host
    # and without its guard against fetching private addresses, which refuses 127.0.0.x.
    settings["DEFAULT"]["SSRF_PROTECTION"] = "off"
    config = out.parent / "trafilatura.cfg"
    with config.open("w", encoding="utf-8") as handle:
        settings.write(handle)
    listing = out.parent / "trafilatura-urls.txt"
    listing.write_text("\n".join(named(url) for url in urls) + "\n", encoding="utf-8")
    return run_measured([sys.executable, "-c", TRAFILATURA, "-i", str(listing),
                         "--parallel", "2", "--config-file", str(config), "-o", str(out)],
                        cwd=ROOT)


def newspaper(urls: list[str]) -> Usage | None:
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
    return run_measured([str(python), "-c", script, *urls], cwd=ROOT)


def line(name: str, usage: Usage, pages: int) -> dict[str, float]:
    row = {"pages_s": pages / usage.wall, "cpu_s_per_page": usage.cpu / pages,
           "cores_busy": usage.cpu / usage.wall, "peak_rss_mb": usage.peak_rss_mb,
           "peak_pss_mb": usage.peak_pss_mb, "wall_s": usage.wall}
    print(f"  {name:34} {row['pages_s']:8.1f} {row['cpu_s_per_page'] * 1000:9.1f} "
          f"{row['cores_busy']:6.2f} {row['peak_pss_mb']:8.0f} {row['peak_rss_mb']:8.0f} "
          f"{usage.wall:8.1f}")
    return row


def header() -> None:
    print(f"\n  {'':34} {'pages/s':>8} {'CPU ms/pg':>9} {'cores':>6} {'PSS MB':>8} "
          f"{'RSS MB':>8} {'wall s':>8}")


def grow(ingest: Path, folder: Path, urls: list[str], sizes: list[int],
         db: Path) -> dict[str, dict]:
    """Crawl the first sizes[0] stories, then the first sizes[1] (the sitemaps grow, the
    stored stories are skipped) into one database; then re-crawl everything stored."""
    print("\ngrowth, one database (per-page figures over the new pages):")
    header()
    results, done = {}, 0
    for size in sizes:
        usage = ingest_crawl(ingest, db, write_sitemaps(folder, urls[:size], f"grow-{size}"))
        results[f"grow_{size}"] = line(f"crawl to {size:,} stored", usage, size - done)
        done = size
    QuietHandler.hits.clear()
    usage = ingest_crawl(ingest, db, write_sitemaps(folder, urls[:done], "all"))
    requests = sum(QuietHandler.hits.values())
    kinds = Counter(path.rsplit(".", 1)[-1] for path in QuietHandler.hits.elements())
    print(f"  re-crawl of {done:,} stored pages: {usage.wall:.1f} s, {requests} requests "
          f"({', '.join(f'{n} {kind}' for kind, n in sorted(kinds.items()))})")
    results["recrawl"] = {"wall_s": usage.wall, "requests": requests, "by_kind": dict(kinds)}
    return results


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
    parser.add_argument("--peer-pages", type=int, default=None,
                        help="pages the peer tools get, the first of the site's (default: all)")
    parser.add_argument("--ingest", type=Path, default=ROOT / ".venv" / "bin" / "ingest",
                        help="the ingest command measured in (b) and the growth runs: by "
                             "default this checkout's, whose dev extra brings pandas; a "
                             "virtualenv with a plain `pip install` shows a user's memory")
    args = parser.parse_args()
    growth = [int(n) for n in args.growth.split(",") if n]
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="ingest-throughput-") as tmp:
        folder = Path(tmp) / "site"
        folder.mkdir()
        servers, bases = serve(folder, HOSTS)
        urls = build_site(folder, bases, max([args.pages, *growth]))
        sitemaps = write_sitemaps(folder, urls[:args.pages], "sitemap")
        print(f"{args.pages:,} pages on {len(bases)} hosts ({bases[0]}...); "
              f"{os.cpu_count()} cores")
        header()
        results["a"] = line("(a) bare trafilatura, 1 process", bare_floor(
            folder, urls[:args.pages]), args.pages)
        db = Path(tmp) / "b.db"
        b = ingest_crawl(args.ingest, db, sitemaps)
        results["b"] = line("(b) ingest crawl", b, stored(db))
        report = b.stderr[b.stderr.find("time per stage"):].strip()
        results["b"]["stage_report"] = report
        print("\n" + "\n".join("    " + r for r in report.splitlines()) + "\n")
        if not args.no_peers:
            sample = min(args.peer_pages or args.pages, args.pages)
            results["c"] = line(f"(c) trafilatura --parallel 2 ({sample})", trafilatura_cli(
                urls[:sample], Path(tmp) / "traf-out"), sample)
            d = newspaper(urls[:sample])
            if d is not None:
                results["d"] = line(f"(d) newspaper4k, 2 threads ({sample})", d, sample)
        print(f"\n  b/a {results['b']['pages_s'] / results['a']['pages_s']:.2f}"
              + (f"   b/c {results['b']['pages_s'] / results['c']['pages_s']:.2f}"
                 if "c" in results else "")
              + (f"   b/d {results['b']['pages_s'] / results['d']['pages_s']:.2f}"
                 if "d" in results else ""))
        if growth:
            results.update(grow(args.ingest, folder, urls, growth, Path(tmp) / "growth.db"))
        for server in servers:
            server.shutdown()
    out = ROOT / "bench" / "out" / "throughput.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\n{out}")


if __name__ == "__main__":
    main()
