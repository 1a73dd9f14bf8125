"""The wheel works from anywhere: built from this checkout, installed into a fresh virtual
environment (its dependencies borrowed from the test's own environment, nothing downloaded),
and run from an empty folder, it finds its registry, sources, vocabulary and demo site."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "seed-republished-npr"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a fresh environment holding only the wheel of this checkout."""
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(work / "dist"), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((work / "dist").glob("news_ingest-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(work / "venv")],
                   check=True, timeout=120)
    target = next((work / "venv" / "lib").glob("python3*/site-packages"))
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                           "-q", "--target", str(target), str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    # the dependencies, from this environment; its editable install of ingest is not seen
    (target / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return work / "venv" / "bin" / "python"


def ingest(python: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("INGEST_DB", "INGEST_DATA_DIR", "PYTHONPATH")}
    return subprocess.run([str(python), "-m", "ingest", *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=300)


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
    assert "0 failed" in demo.stdout
    assert not (tmp_path / "data").exists()  # nothing written beside the user's folder
