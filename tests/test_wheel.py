"""The wheel works from anywhere: built from this checkout, installed into a fresh virtual
environment (its dependencies borrowed from the test's own environment, nothing downloaded),
and run from an empty folder, it finds its registry, sources, vocabulary and demo site, and
crawls with the spiders and pipelines it installed under its own package."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "seed-republished-npr"
NOT_BUILT = shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__", "tests",
                                   "bench", "*.db", "*.db-*", "*.lock")
"""What the build must not see: a stale build/ folder of an earlier layout would be packed
into the wheel as it is (setuptools copies build/lib whole), tests and benchmarks are not
shipped, and databases are the user's."""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this checkout, built from a clean copy of its sources."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=NOT_BUILT)  # ingest/data stays a link
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(work / "dist"), str(source)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    return next((work / "dist").glob("news_ingest-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path) -> Path:
    """The python of a fresh environment holding only the wheel of this checkout."""
    venv = wheel.parent.parent / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)],
                   check=True, timeout=120)
    target = next((venv / "lib").glob("python3*/site-packages"))
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                           "-q", "--target", str(target), str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    # the dependencies, from this environment; its editable install of ingest is not seen
    (target / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return venv / "bin" / "python"


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if k not in ("INGEST_DB", "INGEST_DATA_DIR", "PYTHONPATH", "SCRAPY_SETTINGS_MODULE")}


def ingest(python: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(python), "-m", "ingest", *args], cwd=folder, env=clean_env(),
                          capture_output=True, text=True, timeout=300)


def test_the_wheel_installs_spiders_and_pipelines_under_its_own_package(wheel: Path) -> None:
    """No bare `spiders` or `pipelines` in site-packages, where another project's collide;
    every package of ingest/ is in (setup.py lists them), and the data beside them."""
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.startswith("news_ingest-")}
    assert top == {"ingest", "news_ingest_crawl"}
    for folder in ("spiders", "pipelines"):
        shipped = {n.removeprefix(f"news_ingest_crawl/{folder}/") for n in names
                   if n.startswith(f"news_ingest_crawl/{folder}/")}
        assert shipped == {p.name for p in (ROOT / folder).glob("*.py")}
    assert "news_ingest_crawl/__init__.py" in names
    packages = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "ingest").rglob("__init__.py")}
    assert {p for p in packages if f"{p}/__init__.py" not in names} == set()
    assert "ingest/schema/article.schema.json" in names
    assert "ingest/data/demo/robots.txt" in names
    info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "settings = news_ingest_crawl.spiders.settings" in zipfile.ZipFile(wheel).read(
        info).decode()  # scrapyd's way to the settings of a deployed egg


def test_the_wheel_runs_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run([str(installed), "-c", "import ingest; print(ingest.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True)
    assert str(ROOT) not in where.stdout  # the installed package, not this checkout

    sources = ingest(installed, tmp_path, "sources")
    assert sources.returncode == 0, sources.stderr
    assert "npr" in sources.stdout

    extracted = ingest(installed, tmp_path, "extract", str(GOLDEN / "page.html"), "--url",
                       json.loads((GOLDEN / "meta.json").read_text())["url"], "--json")
    assert extracted.returncode == 0, extracted.stderr
    record = json.loads(extracted.stdout)
    assert record["original_publisher"] == "NPR" and record["is_syndicated"]

    demo = ingest(installed, tmp_path, "--db", str(tmp_path / "demo.db"), "demo", "--port", "0")
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert "41 new" in demo.stdout and "0 failed" in demo.stdout  # a crawl, by Scrapy
    assert not (tmp_path / "data").exists()  # nothing written beside the user's folder


def test_the_installed_crawler_is_the_one_that_runs(installed: Path, tmp_path: Path) -> None:
    """The spiders and pipelines the crawl uses are the installed ones; Scrapy itself finds
    them with their settings module; and a top-level `spiders` is nowhere."""
    probe = ("import importlib.util, ingest.app.crawling as c; "
             "print(c.spiders_run().__file__); "
             "print(importlib.util.find_spec('spiders'), importlib.util.find_spec('pipelines'))")
    found = subprocess.run([str(installed), "-c", probe], cwd=tmp_path, env=clean_env(),
                           capture_output=True, text=True, timeout=120)
    assert found.returncode == 0, found.stderr
    run_file, missing = found.stdout.splitlines()
    assert run_file.endswith("news_ingest_crawl/spiders/run.py") and str(ROOT) not in run_file
    assert missing == "None None"

    listed = subprocess.run([str(installed), "-m", "scrapy", "list"], cwd=tmp_path,
                            env={**clean_env(),
                                 "SCRAPY_SETTINGS_MODULE": "news_ingest_crawl.spiders.settings"},
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert set(listed.stdout.split()) == {"news", "feed", "sitemap", "site", "urls",
                                          "news-shared"}
