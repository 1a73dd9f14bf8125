"""A programmable local HTTP site for tests (the machine has no internet).

`Site` runs a `ThreadingHTTPServer` on 127.0.0.1 in a daemon thread. Tests program it per
path with `site.route(path, spec)`, where `spec` is:

- a `Response` (or an int status, or str/bytes for a 200 text/html page);
- a list of those, consumed one per request (the last one repeats once the list runs out);
- a callable `handler(request: Request) -> Response` for anything dynamic.

Helpers build the awkward cases: `hang(seconds)`, `reset()`, `redirect(location)`,
`Response(chunked=True)` for a body without Content-Length. Unknown paths answer 404.
`site.hits[path]` counts requests and `site.times[path]` holds each request's
`time.monotonic()`, so tests can check retries and waits.
"""

from __future__ import annotations

import socket
import struct
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Response:
    """What the site answers with."""

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    """Seconds to wait before answering (cut short when the site stops)."""
    reset: bool = False
    """Close the connection (RST) without answering."""
    chunked: bool = False
    """Send the body with Transfer-Encoding: chunked instead of Content-Length."""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    """Full request target, query included."""
    headers: Mapping[str, str]
    """Request headers, names lower-cased."""
    time: float


Reply = Response | int | str | bytes
Handler = Callable[[Request], Reply]
Spec = Reply | Handler | list[Reply | Handler]


def page(html: str | bytes = "<html><body><p>ok</p></body></html>", **headers: str) -> Response:
    """A 200 text/html page; keyword headers use `_` for `-` (content_type=...)."""
    body = html.encode() if isinstance(html, str) else html
    all_headers = {"Content-Type": "text/html; charset=utf-8"}
    all_headers.update({name.replace("_", "-").title(): v for name, v in headers.items()})
    return Response(200, all_headers, body)


def hang(seconds: float) -> Response:
    """Answer only after `seconds` (for client timeouts)."""
    return Response(200, {"Content-Type": "text/html"}, b"<html>late</html>", delay=seconds)


def reset() -> Response:
    """Drop the connection without a response."""
    return Response(reset=True)


def redirect(location: str, status: int = 301) -> Response:
    return Response(status, {"Location": location})


def _as_response(spec: Reply | Handler, request: Request) -> Response:
    if callable(spec) and not isinstance(spec, Response):
        spec = spec(request)
    if isinstance(spec, Response):
        return spec
    if isinstance(spec, int):
        return Response(spec, {"Content-Type": "text/plain"}, f"status {spec}".encode())
    return page(spec)


class Site:
    """The running server plus its routing table and request log."""

    def __init__(self) -> None:
        self._routes: dict[str, list[Reply | Handler]] = {}
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self.hits: defaultdict[str, int] = defaultdict(int)
        self.times: defaultdict[str, list[float]] = defaultdict(list)
        self.requests: defaultdict[str, list[Request]] = defaultdict(list)
        self.server = _Server(("127.0.0.1", 0), _make_handler(self))
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def start(self) -> Site:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes handlers sleeping in a `hang`
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def route(self, path: str, spec: Spec) -> None:
        """Program `path` (no query string); replaces any earlier spec and keeps the hits."""
        with self._lock:
            self._routes[path] = list(spec) if isinstance(spec, list) else [spec]

    def _respond_to(self, request: Request) -> Response:
        path = urlsplit(request.path).path
        with self._lock:
            self.hits[path] += 1
            self.times[path].append(request.time)
            self.requests[path].append(request)
            queue = self._routes.get(path)
            if queue is None:
                return Response(404, {"Content-Type": "text/plain"}, b"not found")
            spec = queue.pop(0) if len(queue) > 1 else queue[0]
        return _as_response(spec, request)


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a handler stuck in `hang` must not block teardown
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], OSError):  # resets and broken pipes are expected
            super().handle_error(request, client_address)


def _make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            request = Request(
                self.command,
                self.path,
                {k.lower(): v for k, v in self.headers.items()},
                time.monotonic(),
            )
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            response = site._respond_to(request)
            if response.delay and site.stopping.wait(response.delay):
                self.close_connection = True
                return
            if response.reset:
                linger = struct.pack("ii", 1, 0)  # close with RST, not FIN
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                self.close_connection = True
                self.connection.close()
                return
            try:
                self._send(response)
            except (BrokenPipeError, ConnectionResetError):  # client gave up, as tests expect
                self.close_connection = True

        def _send(self, response: Response) -> None:
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            if response.chunked:
                self.send_header("Transfer-Encoding", "chunked")
            elif not any(name.lower() == "content-length" for name in response.headers):
                self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command == "HEAD":
                return
            if not response.chunked:
                self.wfile.write(response.body)
                return
            view = memoryview(response.body)
            for start in range(0, len(view), 65536):
                chunk = view[start:start + 65536]
                self.wfile.write(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")

        do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

    return _Handler
