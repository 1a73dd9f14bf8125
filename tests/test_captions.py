"""Photo credits in captions and left in the body."""

from __future__ import annotations

import pytest

from ingest.extract.captions import credit_from_caption, is_credit_line


@pytest.mark.parametrize(("caption", "credit"), [
    ("Firefighters at the scene on Monday. John Smith/AFP via Getty Images",
     "John Smith/AFP via Getty Images"),
    ("Photo: Jane Doe / Reuters", "Jane Doe / Reuters"),
    ("© Reuters / Pool", "Reuters / Pool"),
    ("The council voted on Tuesday to approve the new budget after a long debate", None),
])
def test_credit_from_caption(caption: str, credit: str | None) -> None:
    assert credit_from_caption(caption) == credit


def test_a_sentence_naming_an_agency_is_not_a_credit_line() -> None:
    assert is_credit_line("Mary Jones/AFP via Getty Images")
    assert not is_credit_line("Officials said on Monday. More was reported by AP Photo staff")
