"""Golden records: each fixture page in, the exact record out (see tests/golden_cases.py)."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from click.testing import CliRunner

from ingest.cli import cli
from tests.golden_cases import Case, cases, dump

CASES = cases()


def _instant(value: str | None) -> datetime | str | None:
    if value and re.match(r"\d{4}-\d{2}-\d{2}T", value):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_record_is_golden(case: Case, update_golden: bool) -> None:
    actual = dump(case.actual())
    if update_golden or not case.expected_path.exists():
        case.expected_path.write_text(actual, encoding="utf-8")
    assert actual == case.expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_record_meets_hand_written_expectations(case: Case) -> None:
    """The facts a person read off the page hold, whatever --update-golden wrote."""
    record, expect = case.actual(), dict(case.meta["expect"])
    must, must_not = expect.pop("text_must_contain", []), expect.pop("text_must_not_contain", [])
    for key, value in expect.items():
        if key.endswith("_at"):
            assert _instant(record.get(key)) == _instant(value), key
        else:
            assert record.get(key) == value, key
    for snippet in must:
        assert snippet in record["text"]
    for snippet in must_not:
        assert snippet not in record["text"], snippet


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_extract_command_prints_the_record(case: Case) -> None:
    args = ["extract", str(case.folder / "page.html"), "--url", case.meta["url"], "--json",
            "--fetched-at", case.meta["fetched_at"].replace("Z", "+0000")]
    if "content_type" in case.meta:
        args += ["--content-type", case.meta["content_type"]]
    result = CliRunner().invoke(cli, args, env={"INGEST_DB": None})
    expected = json.loads(case.expected_path.read_text(encoding="utf-8"))
    if "error" in expected:
        assert result.exit_code == 1
        assert expected["error"] in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    else:
        assert result.exit_code == 0, result.output
        lines = result.stdout.strip().splitlines()
        assert len(lines) == 1
        assert json.loads(lines[0]) == expected
