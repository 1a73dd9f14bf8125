"""The worker pool's fork server: what it loads and compiles once for every worker."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRELOAD_REPORT = ("import ingest.run.worker_preload; "
                  "from ingest.core import vocabulary; "
                  "from ingest.run.workers import release_freed_memory; "
                  "release_freed_memory(); "
                  "print(vocabulary.pattern.cache_info().currsize)")


def preload(env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PRELOAD_REPORT], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, **(env or {})})


def test_the_fork_server_compiles_the_stages_patterns_for_every_worker() -> None:
    """The demo site's pages went through the pipeline: the vocabulary's phrase patterns
    are compiled before any worker is forked."""
    done = preload()
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 5


def test_a_data_folder_without_the_demo_site_only_skips_the_warm_up(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "vocabulary", data / "vocabulary")
    shutil.copy(ROOT / "data" / "publishers.toml", data / "publishers.toml")
    done = preload({"INGEST_DATA_DIR": str(data)})
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) < int(preload().stdout)  # the workers compile on first use
