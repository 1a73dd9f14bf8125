"""`ingest demo`: the bundled site served locally and ingested, twice without duplicates."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ingest.cli import cli


def test_demo_builds_the_database_and_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = CliRunner().invoke(cli, ["demo", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "0 failed" in first.stdout and "9 new" in first.stdout
    second = CliRunner().invoke(cli, ["demo", "--db", str(db)])
    assert "0 new" in second.stdout and "9 unchanged" in second.stdout
    stats = CliRunner().invoke(cli, ["--db", str(db), "stats", "--json"])
    assert '"articles": 9' in stats.stdout and '"syndicated": 3' in stats.stdout
    hits = CliRunner().invoke(cli, ["--db", str(db), "search", "salmon", "--json"])
    assert "Alaska salmon run" in hits.stdout
