"""Package layout: the rooms of `ingest` import only the rooms below them, the core library
never needs Scrapy or Twisted, and the crawling process loads only what it uses."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ingest"

IMPORT_ALL = """
import importlib, pkgutil, sys
sys.modules["scrapy"] = None
sys.modules["twisted"] = None
import ingest
names = [m.name for m in pkgutil.walk_packages(ingest.__path__, "ingest.")
         if m.name != "ingest.__main__"]
assert len(names) > 10, names
for name in names:
    importlib.import_module(name)
for banned in ("scrapy", "twisted"):
    loaded = [m for m in sys.modules if m.startswith(banned + ".")]
    assert not loaded, loaded
print(len(names))
"""


def test_every_module_imports_without_scrapy() -> None:
    result = subprocess.run([sys.executable, "-c", IMPORT_ALL], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 10


def test_no_module_imports_scrapy() -> None:
    pattern = re.compile(r"^\s*(?:import\s+scrapy\b|from\s+scrapy\b)", re.MULTILINE)
    sources = sorted(PACKAGE.rglob("*.py"))
    assert sources
    offenders = [str(p.relative_to(ROOT)) for p in sources
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


ROOMS = ("core", "extract", "attribution", "pipeline", "dedup", "store", "run", "distributed",
         "app")
"""The rooms of `ingest`, lowest first: each may import only itself and the rooms before it."""


def room_of(module: str) -> str | None:
    """The room of a dotted module name of the package (None for the package itself)."""
    parts = module.split(".")
    if len(parts) > 1 and parts[0] == "ingest" and parts[1] != "__main__":
        return parts[1]
    return None


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ingest import in the file, those inside functions included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + ([f"{node.module}.{a.name}" for a in node.names]
                                     if node.module == "ingest" else [])
            found += [(node.lineno, name) for name in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return [(line, name) for line, name in found if name.startswith("ingest.")]


def upward_imports(package: Path) -> list[str]:
    """Every import of a higher room, as "file:line: room -> room (module)"."""
    offenders = []
    for path in sorted(package.rglob("*.py")):
        module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        here = room_of(module)
        if here not in ROOMS:
            continue
        for line, name in imports_of(path):
            there = room_of(name)
            if there in ROOMS and ROOMS.index(there) > ROOMS.index(here):
                offenders.append(f"{path.relative_to(package.parent)}:{line}: {here} -> "
                                 f"{there} ({name})")
    return offenders


def test_rooms_import_only_rooms_below_them() -> None:
    rooms = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert rooms == sorted(r for r in ROOMS if r != "pipeline")
    assert upward_imports(PACKAGE) == []


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    package = tmp_path / "ingest"
    (package / "core").mkdir(parents=True)
    (package / "core" / "page.py").write_text("from ingest.store.database import Store\n")
    assert upward_imports(package) == [
        "ingest/core/page.py:1: core -> store (ingest.store.database)"]


PLAIN_CRAWL = """
import sys
sys.modules["pandas"] = None  # the dev extra's; sqlite-utils imports it (and pyarrow) if present
import ingest.app.cli, pipelines.process, pipelines.store, spiders.run, spiders.settings
print(" ".join(sorted(m for m in ("datasketch", "scipy", "redis", "scrapy_redis", "psycopg",
                                  "trafilatura", "dateparser", "htmldate", "justext", "pyarrow",
                                  "httpx")
                      if m in sys.modules)))
"""


def test_a_plain_crawl_process_loads_no_scale_out_or_signing_libraries() -> None:
    """The crawling process of a plain SQLite crawl never needs Redis, PostgreSQL or
    datasketch (the workers sign the records), nor the extraction stack (the workers run it),
    pyarrow (Parquet export) or httpx (`ingest fetch`'s client): their imports wait until
    used, sparing the crawl their memory (docs/performance.md)."""
    result = subprocess.run([sys.executable, "-c", PLAIN_CRAWL], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


CRAWL_MODULES = """
import atexit, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
sys.modules["pandas"] = None

class Page(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<html><head><title>A story</title></head><body><p>" + b"Words. " * 200 + b"</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass

if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    atexit.register(lambda: print("loaded:", *sorted(
        m for m in ("aiohttp", "redis", "scrapy_redis", "warcio", "isal") if m in sys.modules)))
    sys.argv = ["ingest", "--db", sys.argv[1], "crawl", "--allow-private", "--force",
                "--url", f"http://127.0.0.1:{server.server_address[1]}/story"]
    from ingest.__main__ import main
    main()
"""


def test_a_crawl_runs_no_remote_control_and_loads_no_redis(tmp_path: Path) -> None:
    """Scrapy 2.19 turns on by default a remote control: an HTTP server on localhost that runs
    any Python code sent to it with a token it writes to the user's profile folder. A crawler
    that meets hostile pages runs none (its module, with aiohttp, is not even imported), and a
    plain crawl does not import the shared crawl's scheduler (scrapy-redis, redis), nor
    `ingest import`'s archive reader (warcio, isal): 16 MB of the crawling process together."""
    script = tmp_path / "crawl.py"
    script.write_text(CRAWL_MODULES, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(tmp_path / "news.db")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stderr + result.stdout
    assert result.stdout.strip().splitlines()[-1] == "loaded:"


def test_lxml_html_clean_is_required_directly() -> None:
    """jusText (through trafilatura) imports lxml.html.clean and asks for it as the extra
    lxml[html_clean]; pip 23.2 does not match that to lxml 6's "html-clean", and a plain
    install then failed on `import trafilatura`. The package is required by name."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(re.match(r"lxml_html_clean\b", d) for d in project["dependencies"])


CRAWLER_DEPENDENCY_MISSING = """
import sys
sys.modules["scrapy"] = None
from ingest.app.crawling import spiders_run
try:
    spiders_run()
except ModuleNotFoundError as exc:
    print(exc.name.split(".")[0], "spiders" in sys.modules)
"""


def test_the_command_line_finds_the_crawler_installed_or_in_the_checkout(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`news_ingest_crawl.spiders` when installed (the wheel, an editable install), else the
    checkout's top-level `spiders`; a dependency of the crawler that is missing is reported
    as itself, not hidden by a look in the checkout."""
    from ingest.app import crawling

    assert crawling.spiders_run().__name__ in ("news_ingest_crawl.spiders.run", "spiders.run")
    monkeypatch.setattr(crawling, "NAMESPACE", "not_installed_here")
    checkout = crawling.spiders_run()
    assert checkout.__name__ == "spiders.run"
    assert Path(checkout.__file__).parent == ROOT / "spiders"

    result = subprocess.run([sys.executable, "-c", CRAWLER_DEPENDENCY_MISSING], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout.split() == ["scrapy", "False"], result.stderr


def test_every_spider_is_in_the_spider_modules() -> None:
    """Scrapy looks for spiders only in `SPIDER_MODULES`, which names modules rather than the
    package (`spiders.settings`): a module with a spider must be listed."""
    from spiders.settings import SPIDER_MODULES

    holding = {f"spiders.{path.stem}" for path in (ROOT / "spiders").glob("*.py")
               if re.search(r"^    name = ", path.read_text(encoding="utf-8"), re.MULTILINE)}
    assert holding == set(SPIDER_MODULES)
