"""`ingest crawl --redis` and `ingest enqueue`: bad usage and an unreachable Redis are one
line each, before anything is crawled (no server needed)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ingest.app.cli import cli

NOBODY = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def run(tmp_path: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "news.db"), *args])
    return result.exit_code, result.stderr.strip().splitlines()


def test_workers_take_their_start_points_from_enqueue(tmp_path: Path) -> None:
    code, lines = run(tmp_path, "crawl", "npr", "--redis", NOBODY)
    assert code == 2 and lines == [
        "error: with --redis the start points come from `ingest enqueue`"]


def test_enqueue_needs_a_redis(tmp_path: Path) -> None:
    code, lines = run(tmp_path, "enqueue", "--source", "npr")
    assert code == 2 and lines == ["error: give the Redis to seed: --redis URL (or $INGEST_REDIS)"]


def test_an_unreachable_redis_is_one_line(tmp_path: Path) -> None:
    for command in (["crawl"], ["enqueue"]):
        code, lines = run(tmp_path, *command, "--redis", NOBODY)
        assert code == 1 and len(lines) == 1, lines
        assert lines[0].startswith(f"error: cannot reach Redis at {NOBODY}: ")
