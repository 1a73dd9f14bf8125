"""Golden records: each fixture page in, the exact record out (see tests/golden_cases.py)."""

from __future__ import annotations

import difflib
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.app.cli import cli
from tests.golden_cases import Case, cases, dump

CASES = cases()


def _instant(value: str | None) -> datetime | str | None:
    if value and re.match(r"\d{4}-\d{2}-\d{2}T", value):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_record_is_golden(case: Case, update_golden: bool) -> None:
    check_golden(case, update_golden)


def check_golden(case: Case, update_golden: bool) -> None:
    """The whole record, field by field. A case without its expected record fails (a new
    case must be read and approved, not pass on its first run); `--update-golden` writes
    it, after which the diff is the thing to review."""
    actual = dump(case.actual())
    if update_golden:
        case.expected_path.write_text(actual, encoding="utf-8")
    if not case.expected_path.exists():
        pytest.fail(f"{case.expected_path} is missing: run `pytest tests/test_golden.py "
                    f"--update-golden -k {case.name}`, read the record it writes, and commit it")
    expected = case.expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                              "expected", "actual", lineterm=""))
        pytest.fail(f"{case.name}: the record changed (`--update-golden` if intended):\n{diff}")


def test_a_case_without_its_record_fails_and_says_how_to_write_it(tmp_path: Path) -> None:
    source = CASES[0].folder
    for name in ("page.html", "meta.json"):
        (tmp_path / name).write_bytes((source / name).read_bytes())
    case = Case("new-case", tmp_path, CASES[0].meta)
    with pytest.raises(pytest.fail.Exception, match="--update-golden -k new-case"):
        check_golden(case, update_golden=False)
    assert not case.expected_path.exists()
    check_golden(case, update_golden=True)  # written, then compared
    case.expected_path.write_text(case.expected_path.read_text().replace('"title"', '"titel"'))
    with pytest.raises(pytest.fail.Exception, match=r"(?s)record changed.*-  \"titel\""):
        check_golden(case, update_golden=False)


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
