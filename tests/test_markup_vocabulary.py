"""The markup vocabulary (`data/vocabulary/markup.toml`): the class-name words that tell site
chrome, bylines, date boxes and hidden text from the story, and the words that name none."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from ingest.core.vocabulary import load
from ingest.extract.dates import UPDATED_HINTS
from ingest.extract.page_date import DATE_WIDGETS
from ingest.extract.regions import (
    BYLINE_HINTS,
    CHROME_HINTS,
    HIDDEN_HINTS,
    META_HINTS,
    STORY_BODY,
    hints,
)

KINDS = {
    "chrome", "other_stories", "page_dates", "date_widgets", "meta", "byline", "byline_classes",
    "hidden", "states", "breadcrumbs", "story_body", "updated",
}
"""The kinds markup.toml's header describes."""


def test_the_vocabulary_loads_with_known_kinds() -> None:
    vocabulary = load("markup")
    assert list(vocabulary) == ["markup"]
    assert set(vocabulary["markup"]) == KINDS
    assert all(vocabulary["markup"].values())


@pytest.mark.parametrize(("rule", "names", "others"), [
    (CHROME_HINTS, ["site-footer", "share_buttons", "related-posts", "recommendations",
                    "advertisement-box", "readmore", "top-bar", "nav"],
     ["article-body", "entry-content", "headline", "shared-content", "navigator", "badge"]),
    (DATE_WIDGETS, ["clock", "teasers", "current-date", "most-popular", "sidebar-left"],
     ["entry-date", "post-meta", "footer"]),
    (BYLINE_HINTS, ["byline", "author-name", "by", "meta byl", "postedby"],
     ["step-by-step", "nearby"]),
    (META_HINTS, ["entry-meta", "post-date", "timestamp", "published"], ["headline"]),
    (HIDDEN_HINTS, ["sr-only", "screen-reader-text", "visuallyhidden"], ["reader-mode"]),
    (UPDATED_HINTS, ["date-updated", "dateModified"], ["date-published"]),
])
def test_class_names(rule: re.Pattern[str], names: list[str], others: list[str]) -> None:
    for name in names:
        assert rule.search(name), name
    for name in others:
        assert not rule.search(name), name


def test_state_modifiers_and_the_story_body() -> None:
    node = lxml_html.fromstring('<div class="has-sidebar no-comments post">x</div>')
    assert hints(node) == "post"
    page = lxml_html.fromstring('<div><div class="widget"><div class="entry-content">x</div>'
                                "</div></div>")
    assert len(page.xpath(STORY_BODY)) == 1
