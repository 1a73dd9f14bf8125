"""Pages/s of a distributed crawl with one and with two worker processes on one local site.

    .venv/bin/python bench/scale_out.py [--pages 2000] [--workers 0,1,2] [--redis URL]
                                        [--postgres URL]

The site is bench/throughput.py's (generated stories, one sitemap per loopback host). For each
worker count: a fresh database (a SQLite file, or a new database on the --postgres server)
and a fresh crawl name, `ingest enqueue --sitemap ...`, then that many
`ingest crawl --redis` processes at once, each with an equal share of the cores for its
extraction processes. Pages/s is over the time from the workers' start until every story is
stored; the workers' exit (when the crawl has been idle for --idle seconds) comes after and
is reported apart. Worker count 0 is a plain `ingest crawl --sitemap ...` of the same site
(no Redis), the figure to compare with. Without --redis a private redis-server is started
on a free port. Figures go to docs/scale-out.md by hand.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.throughput import HOSTS, build_site, serve, write_sitemaps  # noqa: E402
from ingest.store.database import Store  # noqa: E402

INGEST = [sys.executable, "-m", "ingest"]


def private_redis(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """A redis-server of this run's own on a free port, nothing saved to disk."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([shutil.which("redis-server") or "redis-server", "--port",
                               str(port), "--bind", "127.0.0.1", "--save", "", "--dir",
                               str(folder)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    for _ in range(100):
        try:
            redis.Redis.from_url(url).ping()
            return server, url
        except redis.ConnectionError:
            time.sleep(0.05)
    raise SystemExit(f"redis-server did not start on port {port}")


@contextmanager
def database(server: str | None, path: Path) -> Iterator[str]:
    """A new database: the SQLite file `path`, or one created on the PostgreSQL `server`
    (dropped afterwards)."""
    if server is None:
        yield str(path)
        return
    from ingest.store.postgres import scratch_database

    with scratch_database(server, "ingest_bench") as url:
        yield url


def stored(db: str) -> int:
    store = Store(db)
    try:
        return store.stats()["articles"]
    finally:
        store.close()


def run(workers: int, pages: int, sitemaps: list[str], redis_url: str, db: str,
        idle: float) -> dict[str, float]:
    """`workers` processes of one distributed crawl; 0: a plain `ingest crawl --sitemap`."""
    crawl = f"bench-{uuid.uuid4().hex[:8]}"
    common = ["--redis", redis_url, "--crawl-name", crawl]
    listed = [arg for sitemap in sitemaps for arg in ("--sitemap", sitemap)]
    Store(db).close()
    if workers:
        subprocess.run([*INGEST, "enqueue", *common, *listed], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    share = max(1, (os.cpu_count() or 1) // max(workers, 1))
    commands = ([[*common, "--idle", str(idle)]] * workers if workers else [[*listed]])
    start = time.perf_counter()
    processes = [subprocess.Popen([*INGEST, "-v", "--db", db, "crawl", *options, "--allow-private",
                                   "--workers",
                                   str(share)], cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
                 for options in commands]
    while stored(db) < pages:
        if all(p.poll() is not None for p in processes):
            raise SystemExit(f"workers ended with {stored(db)} of {pages} stored: "
                             + processes[0].stderr.read()[-2000:])
        time.sleep(0.1)
    done = time.perf_counter() - start
    outputs = [p.communicate() for p in processes]
    summaries = [out.strip() + "\n" + err[err.find("time per stage"):].rstrip()
                 for out, err in outputs]
    ended = time.perf_counter() - start
    return {"workers": workers, "pages": pages, "seconds": done, "pages_s": pages / done,
            "exit_s": ended, "summaries": summaries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", default="0,1,2",
                        help="worker counts to run, in turn (0: a plain crawl, no Redis)")
    parser.add_argument("--redis", default=None, help="Redis URL (default: a private server)")
    parser.add_argument("--postgres", default=None,
                        help="a PostgreSQL server URL: each run in a new database on it "
                             "(default: a SQLite file per run)")
    parser.add_argument("--idle", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ingest-scale-out-") as tmp:
        folder = Path(tmp) / "site"
        folder.mkdir()
        servers, bases = serve(folder, HOSTS)
        sitemaps = write_sitemaps(folder, build_site(folder, bases, args.pages), "sitemap")
        redis_server, redis_url = (None, args.redis) if args.redis else private_redis(
            Path(tmp))
        print(f"{args.pages:,} pages on {len(bases)} hosts; {os.cpu_count()} cores; "
              f"Redis {redis_url}")
        print(f"  {'workers':>7} {'pages/s':>8} {'stored in s':>11} {'exited at s':>11}")
        try:
            for count in (int(n) for n in args.workers.split(",")):
                with database(args.postgres, Path(tmp) / f"workers-{count}.db") as db:
                    result = run(count, args.pages, sitemaps, redis_url, db, args.idle)
                print(f"  {count:7d} {result['pages_s']:8.1f} {result['seconds']:11.1f} "
                      f"{result['exit_s']:11.1f}")
                for summary in result["summaries"]:
                    print("\n".join(f"          {line}" for line in summary.splitlines()))
        finally:
            if redis_server is not None:
                redis_server.terminate()
                redis_server.wait()
            for server in servers:
                server.shutdown()


if __name__ == "__main__":
    main()
