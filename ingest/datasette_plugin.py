"""Datasette plugin (registered in pyproject.toml): a story's `cluster_id` links to the
canned query listing every copy of that story, so a reader goes from one copy to the original
and its other republications in one click."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from datasette import hookimpl
from markupsafe import Markup, escape


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Markup | None:
    if column != "cluster_id" or table != "articles" or not value:
        return None
    href = datasette.urls.database(database) + f"/cluster?cluster_id={quote(str(value))}"
    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')
