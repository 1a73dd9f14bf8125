"""Datasette plugin (registered in pyproject.toml).

`render_cell`: a story's `cluster_id` links to the canned query listing every copy of that
story, so a reader goes from one copy to the original and its other republications in one
click; a boolean column (stored by SQLite as 0/1) reads true/false.

`register_facet_classes`: a facet on a boolean column reads true/false too. Datasette 0.65
labels a facet's values only through foreign keys, and has no hook for a label: its own column
facet is swapped for a subclass that relabels those values (their links still filter on 0/1).

`handle_exception`: a bad request (an unknown `_sort` column, a malformed filter, bad SQL)
answers 4xx with a short message. Datasette leaves some of these at 500, and its own handler
prints every error's traceback, with the local variables (request headers included), on the
server's console: for a request's mistake neither is right.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from datasette import Response, hookimpl
from datasette.facets import ColumnFacet
from datasette.utils.asgi import Base400, Request
from datasette.views.base import DatasetteError
from markupsafe import Markup, escape

BOOLEANS = {"is_syndicated"}
"""Columns SQLite stores as 0/1 that mean no/yes."""


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Markup | str | None:
    if column in BOOLEANS and (label := boolean_label(value)):
        return label
    if column != "cluster_id" or table != "articles" or not value:
        return None
    href = datasette.urls.database(database) + f"/cluster?cluster_id={quote(str(value))}"
    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')


def boolean_label(value: Any) -> str | None:
    """How a 0/1 of a boolean column reads; None for any other value."""
    return {0: "false", 1: "true"}.get(value) if isinstance(value, int) else None


class BooleanColumnFacet(ColumnFacet):
    """Datasette's column facet, with the values of BOOLEANS labelled true/false as their
    cells read (JSON and HTML alike)."""

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results, timed_out = await super().facet_results()
        for facet in results:
            if facet["name"] in BOOLEANS:
                for value in facet["results"]:
                    value["label"] = boolean_label(value["value"]) or value["label"]
        return results, timed_out


@hookimpl(hookwrapper=True)
def register_facet_classes() -> Generator[None, Any, None]:
    """Every facet class the plugins register, Datasette's column facet replaced by ours:
    added beside it instead, both would answer for each column facet."""
    outcome = yield
    outcome.force_result([[BooleanColumnFacet if cls is ColumnFacet else cls for cls in classes]
                          for classes in outcome.get_result()])


@dataclass(frozen=True, slots=True)
class ClientError:
    """What a request did wrong, as its answer shows it."""

    status: int
    message: str
    title: str | None = None


def client_error(request: Request, exception: BaseException) -> ClientError | None:
    """The request's mistake behind `exception`, or None when the server is at fault.

    Datasette raises Base400 and DatasetteError for what it checked and found wrong in the
    request, but leaves some of those at the default status 500 ("Cannot sort table by
    nope", "Cannot use _sort and _sort_desc at the same time", an invalid `_through`): those
    become 400. A ValueError while reading a request with parameters is a value that does not
    parse (`_timelimit=x`, `title__in=[`).
    """
    if isinstance(exception, Base400):
        return ClientError(exception.status, str(exception.args[0] if exception.args else ""))
    if isinstance(exception, DatasetteError):
        message = exception.message
        return ClientError(exception.status if exception.status < 500 else 400,
                           Markup(message) if exception.message_is_html else message,
                           exception.title)
    if isinstance(exception, ValueError) and request.query_string:
        return ClientError(400, f"A parameter's value cannot be read: {exception}")
    return None


def answer(datasette: Any, request: Request,
           error: ClientError) -> Callable[[], Awaitable[Response]]:
    """Datasette's error page (or JSON, for a .json path) for `error`, without a traceback."""
    async def respond() -> Response:
        info = {"ok": False, "error": error.message, "status": error.status,
                "title": error.title}
        if request.path.endswith(".json"):
            return Response.json(info, status=error.status)
        page = await datasette.render_template([f"{error.status}.html", "error.html"], info,
                                               request=request)
        return Response.html(page, status=error.status)
    return respond


@hookimpl(hookwrapper=True)
def handle_exception(datasette: Any, request: Request,
                     exception: BaseException) -> Generator[None, Any, None]:
    """Answer a request's mistake ourselves: the answers of the other handlers, Datasette's
    default among them, are dropped before they run (so nothing is printed for it)."""
    outcome = yield
    error = client_error(request, exception)
    if error is not None:
        outcome.force_result([answer(datasette, request, error)])
