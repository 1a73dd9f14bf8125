"""Package layout: the core (`ingest.*`) never needs Scrapy or Twisted."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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


PLAIN_CRAWL = """
import sys
import ingest.cli, pipelines.process, pipelines.store, spiders.run, spiders.settings
print(" ".join(sorted(m for m in ("datasketch", "scipy", "redis", "scrapy_redis", "psycopg")
                      if m in sys.modules)))
"""


def test_a_plain_crawl_process_loads_no_scale_out_or_signing_libraries() -> None:
    """The crawling process of a plain SQLite crawl never needs Redis, PostgreSQL or
    datasketch (the workers sign the records): their imports wait until used, sparing the
    crawl their memory (docs/performance.md)."""
    result = subprocess.run([sys.executable, "-c", PLAIN_CRAWL], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_lxml_html_clean_is_required_directly() -> None:
    """jusText (through trafilatura) imports lxml.html.clean and asks for it as the extra
    lxml[html_clean]; pip 23.2 does not match that to lxml 6's "html-clean", and a plain
    install then failed on `import trafilatura`. The package is required by name."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(re.match(r"lxml_html_clean\b", d) for d in project["dependencies"])
