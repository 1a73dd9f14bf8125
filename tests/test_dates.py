"""Date reading shortcuts give what the slow general path gives."""

from __future__ import annotations

from datetime import UTC, date, datetime

import dateparser
import pytest

from ingest.dates import parse_date

FETCHED = datetime(2026, 11, 28, 12, tzinfo=UTC)


@pytest.mark.parametrize("text", ["June 16, 2024", "16 June 2024", "Sept. 3, 2021",
                                  "Dec 31 1999", "MAY 5, 2020", "3 mar. 2022"])
def test_written_days_read_as_dateparser_reads_them(text: str) -> None:
    slow = dateparser.parse(text, languages=["en"], settings={"PREFER_DATES_FROM": "past"})
    assert parse_date(text, fetched_at=FETCHED) == slow.date()


@pytest.mark.parametrize(("text", "languages", "expected"), [
    ("3. Mai 2024", ["de"], date(2024, 5, 3)),  # not English: dateparser with the page's language
    ("Feb 30, 2024", None, None),  # no such day
    ("June 16, 2024 10:30 am", None, datetime(2024, 6, 16, 10, 30)),  # no offset written
])
def test_other_dates_still_reach_dateparser(text: str, languages: list[str] | None,
                                            expected: object) -> None:
    assert parse_date(text, fetched_at=FETCHED, languages=languages) == expected
