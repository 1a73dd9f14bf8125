"""`ingest extract` on saved files: bad input gives one clear line, and nothing is lost."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ingest.app.cli import cli
from tests.pages import story_html

URL = "https://www.countycourier.example/news/water-board-pumps"


def extract(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["extract", *args], input=stdin, env={"INGEST_DB": None})


def test_stdin_and_json(tmp_path: Path) -> None:
    result = extract("-", "--url", URL, "--json", stdin=story_html().encode())
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["url"] == URL
    assert record["site_name"] == "County Courier"


def test_human_summary_names_the_fields(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(story_html(), encoding="utf-8")
    result = extract(str(path), "--url", URL)
    assert result.exit_code == 0
    assert "title: Water board approves reservoir pump replacement" in result.stdout
    assert "authors: Jordan Ellis" in result.stdout


def test_stores_only_with_db_and_never_twice(tmp_path: Path) -> None:
    path, db = tmp_path / "story.html", tmp_path / "news.db"
    path.write_text(story_html(), encoding="utf-8")
    assert extract(str(path), "--url", URL).exit_code == 0
    assert not db.exists()
    for _ in range(2):
        assert extract(str(path), "--url", URL, "--db", str(db)).exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (1,)


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b"   \n\t  ", "empty"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not_html"),
    (bytes(range(256)) * 64, "not_html"),
    (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no_text"),
    (b"<html>" + b"<div>" * 10_000 + b"unclosed", "unparseable"),
    (b"<p>" + b"x" * (11 * 1024 * 1024), "too_large"),
], ids=["empty", "blank", "pdf", "binary", "no-article", "unclosed-divs", "huge"])
def test_bad_files_fail_in_one_line(tmp_path: Path, content: bytes, reason: str) -> None:
    path, db = tmp_path / "page.html", tmp_path / "news.db"
    path.write_bytes(content)
    result = extract(str(path), "--url", URL, "--db", str(db))
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and reason in lines[0]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (0,)
        assert conn.execute("select reason from failures").fetchall() == [(reason,)]


def test_windows_1251_declared_only_in_meta(tmp_path: Path) -> None:
    text = "Городской совет утвердил ремонт моста через реку после многолетних споров."
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset=windows-1251"><title>Ремонт моста</title></head><body><article>'
            f'<h1>Ремонт моста</h1>{"".join(f"<p>{n}. {text}</p>" for n in range(5))}'
            f'</article></body></html>')
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    result = extract(str(path), "--url", URL, "--json")
    assert result.exit_code == 0, result.output
    assert text in json.loads(result.stdout)["text"]


@pytest.mark.parametrize(("args", "needle"), [
    (["missing.html", "--url", URL], "no such file"),
    (["-", "--url", "not-a-url"], "not an http(s) URL"),
    (["-"], "Missing option '--url'"),
])
def test_usage_errors_exit_2_in_one_line(args: list[str], needle: str) -> None:
    result = extract(*args, stdin=b"")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]
