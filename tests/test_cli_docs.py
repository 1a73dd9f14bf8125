"""The command line is documented: every command has an example and a place in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.app.cli import cli
from tests.pages import story_html

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_an_example_and_is_in_the_readme(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example: ingest" in result.stdout
    assert f"ingest {name}" in README or f"`{name}`" in README


def test_version_and_bad_command() -> None:
    assert CliRunner().invoke(cli, ["--version"]).stdout.startswith("ingest, version ")
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["error: No such command 'no-such-command'."]


def test_malformed_search_query_is_one_line(tmp_path: Path) -> None:
    db, page = tmp_path / "x.db", tmp_path / "story.html"
    page.write_text(story_html(), encoding="utf-8")
    CliRunner().invoke(cli, ["extract", str(page), "--url", "https://a.example/s", "--db",
                             str(db)])
    result = CliRunner().invoke(cli, ["--db", str(db), "search", '"unbalanced AND'])
    assert result.exit_code == 2  # the query's syntax: a usage error
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "cannot search" in lines[0]


def test_read_commands_need_a_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "stats"])
    assert result.exit_code == 1
    assert "no database at" in result.stderr
