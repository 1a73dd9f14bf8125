"""Every syndication signal on hand-written pages (tests/syndication_pages.py): each signal in
several languages and layouts, each (signal, language, layout) its own test id.

Positive cases must become copies of the named outlet, with the evidence of the signal's kind
and the credit line out of the story text; negative cases (outlets named in a sentence, photo
credits, the site naming itself, studies, press releases) must stay the site's own story.
Every case keeps the story's first and last sentences.
"""

from __future__ import annotations

from functools import cache

import pytest

from ingest.core.errors import IngestError
from ingest.core.record import Article
from ingest.pipeline import process
from tests.syndication_pages import CASES, NEGATIVE_CASES, POSITIVE_CASES, Case

BY_ID = {case.id: case for case in CASES}


@cache
def _outcome(case_id: str) -> Article | IngestError:
    try:
        return process(BY_ID[case_id].page())
    except IngestError as exc:
        return exc


def record(case: Case) -> Article:
    """The case's record, processed once for all the tests that look at it."""
    outcome = _outcome(case.id)
    if isinstance(outcome, IngestError):
        pytest.fail(f"no record: {outcome}")
    return outcome


def describe(case: Case, article: Article) -> str:
    evidence = [(e.kind, e.publisher, e.text) for e in article.syndication_evidence]
    return (f"\n  page: {case.layout}, place {case.place}: {case.shown}"
            f"\n  got: is_syndicated={article.is_syndicated}, "
            f"original_publisher={article.original_publisher!r}, "
            f"original_url={article.original_url!r}\n  evidence: {evidence}")


def ids(cases: list[Case]) -> list[str]:
    return [case.id for case in cases]


@pytest.mark.parametrize("case", POSITIVE_CASES, ids=ids(POSITIVE_CASES))
def test_copy_is_recognised(case: Case) -> None:
    article = record(case)
    kinds = {e.kind for e in article.syndication_evidence}
    recognised = article.is_syndicated and set(case.kinds) <= kinds
    assert recognised, f"expected evidence {case.kinds}" + describe(case, article)


@pytest.mark.parametrize("case", POSITIVE_CASES, ids=ids(POSITIVE_CASES))
def test_copy_names_its_original(case: Case) -> None:
    article = record(case)
    named = article.original_publisher == case.publisher
    assert named, f"expected original_publisher {case.publisher!r}" + describe(case, article)


WITH_ADDRESS = [case for case in CASES if case.original_host]


@pytest.mark.parametrize("case", WITH_ADDRESS, ids=ids(WITH_ADDRESS))
def test_original_url_is_kept(case: Case) -> None:
    article = record(case)
    kept = bool(article.original_url) and case.original_host in (article.original_url or "")
    assert kept, f"expected an original_url on {case.original_host}" + describe(case, article)


@pytest.mark.parametrize("case", NEGATIVE_CASES, ids=ids(NEGATIVE_CASES))
def test_original_stays_original(case: Case) -> None:
    article = record(case)
    original = not article.is_syndicated
    assert original, "expected no syndication" + describe(case, article)


@pytest.mark.parametrize("case", NEGATIVE_CASES, ids=ids(NEGATIVE_CASES))
def test_original_names_its_site(case: Case) -> None:
    article = record(case)
    named = article.original_publisher == case.publisher
    assert named, (f"expected original_publisher {case.publisher!r} (the site's own)"
                   + describe(case, article))


WITH_LINE = [case for case in CASES if case.absent]


@pytest.mark.parametrize("case", WITH_LINE, ids=ids(WITH_LINE))
def test_credit_leaves_text(case: Case) -> None:
    article = record(case)
    left = [line for line in case.absent if line in article.text]
    assert not left, f"left in the text: {left}" + describe(case, article)


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_story_stays_whole(case: Case) -> None:
    article = record(case)
    missing = [sentence for sentence in case.present if sentence not in article.text]
    assert not missing, (f"missing from the text: {missing}\n  text ends: "
                         f"{article.text[-160:]!r}" + describe(case, article))


WITH_PEOPLE = [case for case in CASES if case.authors is not None or case.not_authors]


@pytest.mark.parametrize("case", WITH_PEOPLE, ids=ids(WITH_PEOPLE))
def test_people_are_the_authors(case: Case) -> None:
    article = record(case)
    wrong = [name for name in case.not_authors if name in article.authors]
    right = not wrong and (case.authors is None or article.authors == list(case.authors))
    assert right, (
        f"expected authors {case.authors} (never {case.not_authors}), got {article.authors}, "
        f"byline {article.byline!r}" + describe(case, article))
