"""Where commands read and write: `--db` takes a path, SQLAlchemy's SQLite URLs or a
PostgreSQL URL and nothing else; an unwritable database is one line; an export goes into an
existing folder, in a format its name or --format says, readable as the umask allows."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ingest.app.cli import cli
from tests.golden_cases import cases

PAGE = cases()[0]


def run(*args: str, cwd: Path | None = None) -> Result:
    if cwd is None:
        return CliRunner().invoke(cli, list(args), env={"INGEST_DB": None})
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), env={"INGEST_DB": None})
    finally:
        os.chdir(old)


def extract(db: str, cwd: Path | None = None) -> Result:
    return run("extract", str(PAGE.folder / "page.html"), "--url", PAGE.meta["url"],
               "--db", db, cwd=cwd)


@pytest.mark.parametrize("target", ["mysql://foo/bar", "mongodb://localhost/news",
                                    "https://example.com/news.db"])
def test_another_databases_url_is_a_usage_error(tmp_path: Path, target: str) -> None:
    for result in (extract(target, cwd=tmp_path), run("--db", target, "stats")):
        assert result.exit_code == 2
        assert "sqlite:////absolute/path.db" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no ./mysql:/foo/bar


def test_sqlite_urls_are_read_as_sqlalchemy_writes_them(tmp_path: Path) -> None:
    assert extract("sqlite:///relative.db", cwd=tmp_path).exit_code == 0
    assert (tmp_path / "relative.db").is_file()
    absolute = tmp_path / "elsewhere" / "absolute.db"
    assert extract(f"sqlite:///{absolute}", cwd=tmp_path).exit_code == 0  # four slashes
    assert absolute.is_file()


@pytest.mark.parametrize("command", [["crawl", "--url", "http://127.0.0.1:9/story"],
                                     ["demo", "--port", "0"]])
def test_an_unwritable_database_is_one_line(tmp_path: Path, command: list[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("--db", str(blocker / "news.db"), *command)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: unwritable: cannot write the database")


@pytest.fixture
def stored(tmp_path: Path) -> str:
    db = str(tmp_path / "news.db")
    assert extract(db).exit_code == 0
    return db


def test_an_export_into_a_missing_folder_is_refused(stored: str, tmp_path: Path) -> None:
    result = run("--db", stored, "export", "--out", str(tmp_path / "missing" / "x.jsonl"))
    assert result.exit_code == 2 and "no folder" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_an_unknown_extension_needs_a_format(stored: str, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    result = run("--db", stored, "export", "--out", str(out))
    assert result.exit_code == 2 and "--format" in result.stderr and not out.exists()
    assert run("--db", stored, "export", "--format", "csv", "--out", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("id,")


def test_an_export_is_readable_as_the_umask_allows(stored: str, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert run("--db", stored, "export", "--out", str(tmp_path / "x.jsonl")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x.jsonl").stat().st_mode) == 0o644


def test_parquet_is_not_written_to_a_terminal(stored: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ingest.store.export_formats.to_terminal", lambda: True)
    result = run("--db", stored, "export", "--format", "parquet")
    assert result.exit_code == 2 and "Parquet is binary" in result.stderr


def test_verbose_and_quiet_go_before_or_after_the_command(stored: str, tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    for args in (["-q", "--db", stored, "export", "--out", str(out)],
                 ["--db", stored, "export", "--out", str(out), "--quiet"]):
        result = run(*args)
        assert result.exit_code == 0 and result.stderr == ""  # no "exported ..." line
    loud = run("--db", stored, "export", "--out", str(out), "-v")
    assert loud.exit_code == 0 and loud.stderr.startswith("exported 1 records")


def test_serve_on_a_busy_port_is_one_line(stored: str) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = run("--db", stored, "serve", "--port", str(busy.getsockname()[1]))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot listen on 127.0.0.1:" in lines[0]
