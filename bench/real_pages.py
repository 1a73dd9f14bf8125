"""Speed on real pages: ingest's import, reprocess and crawl of a WARC, next to bare trafilatura.

    .venv/bin/python bench/real_pages.py [WARC] [--repeat 3] [--out DIR] [--ingest CMD]
    .venv/bin/python bench/real_pages.py --pages-from CORPUS_DIR   # a WARC of a corpus's pages
    .venv/bin/python bench/real_pages.py WARC --growth 1000,10000  # memory as runs grow

Real news pages are 5 to 20 times larger than bench/throughput.py's synthetic ones, so the
work per page, not the fixed cost of a crawl, decides the speed. Each of these runs as its own
process tree, twice in one run of this script: once timed and nothing else (pages per second,
and the ratios to (a)), once sampled by bench/measure.py (CPU time of the tree, cores used,
peak PSS). The sampler's own CPU slows a run that uses both cores and not a one-process run,
so ratios of sampled runs understate the pool by some 3 %; they are printed beside.

(a) bare `trafilatura.bare_extraction(..., with_metadata=True)` over the WARC's HTML response
    records, in one process: the baseline;
(b) `ingest import --workers 1` into a fresh database;
(c) `ingest import` with its default workers, into another;
(d) `ingest reprocess` of (c)'s database (default workers);
(e) `ingest crawl` of the same pages replayed from the WARC by loopback servers on HOSTS
    addresses (127.0.0.1 to 127.0.0.8, keep-alive HTTP/1.1; a sitemap per address), as
    users crawl many sites at once.

With `--growth N,M...` it measures instead `ingest import` (default settings) of N, M...
records made from the WARC's pages, repeated under new addresses (each page's own address in
its markup replaced, so every copy is a record of its own): peak PSS must stay flat as runs
grow.

It prints pages per second, CPU milliseconds per page, cores used (CPU / wall), peak PSS, the
ratio of each run's pages per second to (a)'s, and the time per stage ingest records in its
`crawl_runs` row. Without a WARC, one is written from the pages of tests/golden and the demo
site (a small set: use a WARC of real pages for figures that mean something).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sqlite3
import statistics
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar, NamedTuple
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import Usage, run_measured, run_timed  # noqa: E402
from bench.throughput import HOSTS, QuietServer  # noqa: E402
from ingest.app.demo import DEMO_DIR  # noqa: E402
from ingest.core.page import Page  # noqa: E402
from ingest.core.urls import clean_url  # noqa: E402
from ingest.run.warc import iter_pages  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
INGEST = ROOT / ".venv" / "bin" / "ingest"
WHEN = "2026-11-01T00:00:00Z"


def write_warc(path: Path, pages: Iterator[tuple[str, bytes]]) -> int:
    """A WARC (gzipped per record) of HTML responses; returns how many."""
    count = 0
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": WHEN}))
            count += 1
    return count


def project_pages() -> Iterator[tuple[str, bytes]]:
    """The golden test pages and the demo site's stories, at their own addresses."""
    for folder in sorted((ROOT / "tests" / "golden").iterdir()):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        yield meta["url"], (folder / "page.html").read_bytes()
    for entry in json.loads((DEMO_DIR / "MANIFEST.json").read_text(encoding="utf-8")):
        html = (DEMO_DIR / entry["path"].lstrip("/")).read_bytes()
        yield "https://demo.example" + entry["path"], html.replace(b"__BASE__",
                                                                   b"https://demo.example")


def corpus_pages(corpus: Path) -> Iterator[tuple[str, bytes]]:
    """A benchmark corpus's pages (`<set>/<id>.html[.gz]` with `<id>.json` holding `url`)."""
    for truth in sorted(corpus.glob("*/*.json")):
        url = json.loads(truth.read_text(encoding="utf-8")).get("url")
        html = truth.with_suffix(".html.gz")
        if url and html.exists():
            yield url, gzip.decompress(html.read_bytes())


def repeated_pages(warc: Path, count: int) -> Iterator[tuple[str, bytes]]:
    """`count` pages cycling through the WARC's, the n-th round's under `?copy=n` addresses
    written into the page too (canonical link, og:url, JSON-LD), so none is another's record."""
    pages = [(page.url, page.body) for page in iter_pages(warc) if isinstance(page, Page)]
    for n in range(count):
        url, body = pages[n % len(pages)]
        copy = n // len(pages)
        if copy:
            new = f"{url}{'&' if '?' in url else '?'}copy={copy}"
            url, body = new, body.replace(url.encode(), new.encode())
        yield url, body


def growth(warc: Path, sizes: list[int], work: Path, ingest: Path) -> None:
    print("| records | pages/s | CPU ms/page | peak PSS MB | peak RSS MB |")
    print("|---|---|---|---|---|")
    for size in sizes:
        grown, db = work / f"grown-{size}.warc.gz", work / f"grown-{size}.db"
        write_warc(grown, repeated_pages(warc, size))
        usage = run_measured([str(ingest), "--db", str(db), "import", str(grown)], cwd=ROOT)
        if usage.returncode not in (0, 1):
            sys.exit(f"import of {size} failed ({usage.returncode}): {usage.stderr[-2000:]}")
        print(f"| {size} | {size / usage.wall:.1f} | {1000 * usage.cpu / size:.1f} | "
              f"{usage.peak_pss_mb:.0f} | {usage.peak_rss_mb:.0f} |", flush=True)
        grown.unlink()


def bare_trafilatura(warc: Path) -> None:
    """(a), run in its own process: every HTML record through bare trafilatura."""
    import trafilatura

    for item in iter_pages(warc):
        if isinstance(item, Page):
            trafilatura.bare_extraction(item.body, url=item.url, with_metadata=True)


class Replay(BaseHTTPRequestHandler):
    """Serves `/<original host>/<original path>` from the WARC's records, keep-alive."""

    protocol_version = "HTTP/1.1"
    pages: ClassVar[dict[str, bytes]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = self.pages.get(self.path)
        status = 200 if body is not None else 404
        body = body if body is not None else b"not found"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8" if status == 200
                         else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def replay(warc: Path) -> tuple[list[QuietServer], list[str]]:
    """Loopback servers replaying the WARC's pages, each original host on one of HOSTS
    addresses; returns the servers and the sitemaps' URLs."""
    servers = [QuietServer((f"127.0.0.{n + 1}", 0), Replay) for n in range(HOSTS)]
    listed: dict[int, list[str]] = {}
    for item in iter_pages(warc):
        if not isinstance(item, Page):
            continue
        parts = urlsplit(item.url)
        number = sum(map(ord, parts.hostname or "")) % HOSTS
        # The address as the crawler will ask for it: tracking parameters dropped, the
        # original host's non-ASCII letters percent-encoded in the path.
        url = clean_url(f"http://127.0.0.{number + 1}:{servers[number].server_address[1]}"
                        f"/{parts.hostname}{parts.path or '/'}"
                        + (f"?{parts.query}" if parts.query else ""))
        served = urlsplit(url)
        Replay.pages[served.path + (f"?{served.query}" if served.query else "")] = item.body
        listed.setdefault(number, []).append(url)
    sitemaps = []
    for number, urls in listed.items():
        locs = "".join(f"<url><loc>{u.replace('&', '&amp;')}</loc></url>" for u in urls)
        Replay.pages[f"/sitemap-{number}.xml"] = (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{locs}</urlset>").encode()
        sitemaps.append(f"http://127.0.0.{number + 1}:{servers[number].server_address[1]}"
                        f"/sitemap-{number}.xml")
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return servers, sitemaps


def stored(db: Path) -> tuple[int, dict[str, float]]:
    """(records stored, seconds per stage of the last run) of a database."""
    with sqlite3.connect(db) as conn:
        count = conn.execute("select count(*) from articles").fetchone()[0]
        row = conn.execute("select stats from crawl_runs order by id desc limit 1").fetchone()
    stats = json.loads(row[0] or "{}") if row else {}
    seconds = stats.get("seconds") or {k.removeprefix("ingest/seconds/"): v for k, v in
                                       stats.items() if k.startswith("ingest/seconds/")}
    return count, seconds


class Run(NamedTuple):
    """One run's figures: `usage` from a sampled run (CPU, peak memory), `wall` from the same
    command run again unsampled, and the sampled run's database."""

    name: str
    usage: Usage
    wall: float
    db: Path | None


def _twice(name: str, command: Callable[[str], list[str]], db: Path | None) -> Run:
    """Run `command` unsampled (into a database of its own), then sampled (into `db`)."""
    timed_db = db.with_name(f"timed-{db.name}") if db else None
    wall = run_timed(command(str(timed_db)), cwd=ROOT)
    return Run(name, run_measured(command(str(db)), cwd=ROOT), wall, db)


def runs(warc: Path, work: Path, ingest: Path) -> Iterator[Run]:
    """Each run, in order, with the `ingest` command given."""
    yield _twice("bare trafilatura, 1 process",
                 lambda _db: [str(PYTHON), __file__, "--run-trafilatura", str(warc)], None)
    for name, extra in (("ingest import --workers 1", ["--workers", "1"]),
                        ("ingest import", [])):
        yield _twice(name, lambda db, extra=extra: [str(ingest), "--db", db, "import", str(warc),
                                                     *extra], work / f"import-{len(extra)}.db")
    yield _twice("ingest reprocess", lambda db: [str(ingest), "--db", db, "reprocess"],
                 work / "import-0.db")
    servers, sitemaps = replay(warc)
    try:
        yield _twice("ingest crawl (replayed)", lambda db: [
            str(ingest), "--db", db, "crawl", "--allow-private", "--force",
            *[arg for sitemap in sitemaps for arg in ("--sitemap", sitemap)]], work / "crawl.db")
    finally:
        for server in servers:
            server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warc", type=Path, nargs="?", help="a WARC of news pages")
    parser.add_argument("--pages-from", type=Path, help="write the WARC from a corpus's pages")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "real-pages")
    parser.add_argument("--ingest", type=Path, default=INGEST,
                        help="the ingest command to measure (default this checkout's, whose "
                             "dev extra brings pandas, which sqlite-utils then loads in every "
                             "process; a user install's has none)")
    parser.add_argument("--growth", help="record counts (1000,10000): peak memory of imports "
                                          "of that many copies of the WARC's pages")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of every run, each with its own baseline; with more than "
                             "one, each run's median ratio and range are printed")
    parser.add_argument("--run-trafilatura", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_trafilatura:
        bare_trafilatura(args.run_trafilatura)
        return
    if args.growth:
        if args.warc is None:
            parser.error("--growth needs a WARC")
        with tempfile.TemporaryDirectory() as tmp:
            growth(args.warc, [int(n) for n in args.growth.split(",")], Path(tmp), args.ingest)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    warc = args.warc
    if warc is None:
        warc = args.out / "pages.warc.gz"
        pages = corpus_pages(args.pages_from) if args.pages_from else project_pages()
        print(f"wrote {write_warc(warc, pages)} pages to {warc}")
    records = sum(isinstance(item, Page) for item in iter_pages(warc))
    print(f"{records} HTML records in {warc} ({warc.stat().st_size / 1e6:.1f} MB)")
    figures = []
    for round_ in range(1, args.repeat + 1):
        print(f"\nround {round_} of {args.repeat}\n" if args.repeat > 1 else "")
        figures += measure_round(warc, args.ingest, records, round_)
    print("\ntime per stage, ms per page (from each run's crawl_runs row, the last round):")
    for row in figures:
        if row["stages"] and row["round"] == args.repeat:
            stages = ", ".join(f"{k} {1000 * v / max(row['pages'], 1):.1f}"
                               for k, v in sorted(row["stages"].items(), key=lambda kv: -kv[1]))
            print(f"  {row['run']}: {stages}")
    if args.repeat > 1:
        summarise(figures)
    (args.out / "figures.json").write_text(json.dumps(figures, indent=1) + "\n")


def measure_round(warc: Path, ingest: Path, records: int, round_: int) -> list[dict]:
    """Every run once, printed as a table row each; ratios to this round's own baseline."""
    print("| run | pages | pages/s | CPU ms/page | cores used | peak PSS MB | x trafilatura "
          "| x, sampled runs |")
    print("|---|---|---|---|---|---|---|---|")
    baseline = sampled_baseline = None
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in runs(warc, Path(tmp), ingest):
            usage = run.usage
            if usage.returncode not in (0, 1):
                sys.exit(f"{run.name} failed ({usage.returncode}): {usage.stderr[-2000:]}")
            pages, seconds = stored(run.db) if run.db else (records, {})
            rate, sampled_rate = pages / run.wall, pages / usage.wall
            baseline, sampled_baseline = baseline or rate, sampled_baseline or sampled_rate
            figures.append({"round": round_, "run": run.name, "pages": pages, "wall": run.wall,
                            "sampled_wall": usage.wall, "cpu": usage.cpu,
                            "peak_pss_mb": usage.peak_pss_mb, "stages": seconds,
                            "ratio": rate / baseline,
                            "sampled_ratio": sampled_rate / sampled_baseline})
            print(f"| {run.name} | {pages} | {rate:.1f} | {1000 * usage.cpu / max(pages, 1):.1f} "
                  f"| {usage.cpu / usage.wall:.2f} | {usage.peak_pss_mb:.0f} | "
                  f"{rate / baseline:.2f} | {sampled_rate / sampled_baseline:.2f} |", flush=True)
    return figures


def summarise(figures: list[dict]) -> None:
    """Each run's ratios over the rounds: the median and the range (a machine's speed drifts
    by several per cent over an hour, which each round's own baseline only partly takes
    out), and its highest peak PSS."""
    print("\n| run | x trafilatura, median (range) | x, sampled runs, median | "
          "peak PSS MB, highest |")
    print("|---|---|---|---|")
    for name in dict.fromkeys(row["run"] for row in figures):
        rows = [row for row in figures if row["run"] == name]
        ratios = sorted(row["ratio"] for row in rows)
        print(f"| {name} | {statistics.median(ratios):.2f} ({ratios[0]:.2f}-{ratios[-1]:.2f}) | "
              f"{statistics.median(row['sampled_ratio'] for row in rows):.2f} | "
              f"{max(row['peak_pss_mb'] for row in rows):.0f} |")


if __name__ == "__main__":
    main()
