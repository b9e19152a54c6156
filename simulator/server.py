"""HTTP proxy server with virtual hosts for the simulated wire network.

Clients (Scrapy, urllib) use the server as an HTTP proxy, so requests arrive with an absolute
URI (``GET http://www.prwire.test/robots.txt HTTP/1.1``); origin-form requests are routed by
their Host header. Requests addressed to the server itself serve ``/__truth__`` and
``/__hits__`` (JSON).
"""

from __future__ import annotations

import gzip
import json
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from .hostile import StreamedResponse
from .network import WireNetwork
from .sites import Response

log = logging.getLogger(__name__)

_CONTROL_HOSTS = {"", "127.0.0.1", "localhost", "::1"}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "WireSim/1.0"
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.debug("%s - %s", self.address_string(), format % args)

    def do_GET(self) -> None:  # noqa: N802
        self._handle(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle(head=True)

    def _target(self) -> tuple[str, str, str]:
        if "://" in self.path:
            parts = urlsplit(self.path)
            host = parts.hostname or ""
            return host.lower(), parts.path or "/", parts.query
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        path, _, query = self.path.partition("?")
        return host, path or "/", query

    def _handle(self, head: bool) -> None:
        sim = self.server.sim
        host, path, query = self._target()
        if host in _CONTROL_HOSTS:
            resp = sim.control(path)
        else:
            try:
                resp = sim.network.respond(host, path, query, sim.first_visit)
            except Exception:  # a bug here must not kill the crawl under test
                log.exception("simulator error for %s%s", host, path)
                resp = Response(500, b"simulator error", "text/plain", compressible=False)
            if resp.status == 502:
                log.warning("proxy request for unknown host %r (%s)", host, path)
        full_path = path + (f"?{query}" if query else "")
        sim.record(host, full_path, resp.status, self.command)
        self._send(resp, head)

    def _send(self, resp: Response, head: bool) -> None:
        if isinstance(resp, StreamedResponse):  # the hostile site's own framing
            resp.write_to(self, head)
            return
        body = resp.body
        accept = self.headers.get("Accept-Encoding", "")
        gzipped = (resp.compressible and resp.status == 200 and body
                   and "gzip" in accept.lower() and not resp.truncate)
        if gzipped:
            body = gzip.compress(body, mtime=0)
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        if resp.compressible:
            self.send_header("Vary", "Accept-Encoding")
        for key, value in resp.headers.items():
            self.send_header(key, value)
        if resp.truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        if head:
            return
        if resp.truncate:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.wfile.write(body)

    def send_response(self, code: int, message: str | None = None) -> None:
        """Like the base class, but the Date header comes from the network, not the clock."""
        self.log_request(code)
        self.send_response_only(code, message)
        self.send_header("Server", self.version_string())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    sim: SimulatorServer


class SimulatorServer:
    """Serve a :class:`WireNetwork` on 127.0.0.1 from a daemon thread."""

    def __init__(self, network: WireNetwork, port: int = 0, host: str = "127.0.0.1") -> None:
        self.network = network
        self._httpd = _Server((host, port), _Handler)
        self._httpd.sim = self
        self._thread: threading.Thread | None = None
        self._hits: list[dict] = []
        self._seen: set[str] = set()
        self._lock = threading.Lock()
        self._truth_json: bytes | None = None

    @property
    def port(self) -> int:
        """The bound port."""
        return int(self._httpd.server_address[1])

    @property
    def proxy_url(self) -> str:
        """URL to use as HTTP proxy, e.g. ``http://127.0.0.1:8765``."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SimulatorServer:
        """Start serving in a daemon thread."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._httpd.serve_forever,
                                            kwargs={"poll_interval": 0.1},
                                            name="wire-simulator", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> SimulatorServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- state ------------------------------------------------------------------------------
    def first_visit(self, key: str) -> bool:
        """True the first time ``key`` is seen by this server instance."""
        with self._lock:
            if key in self._seen:
                return False
            self._seen.add(key)
            return True

    def record(self, host: str, path: str, status: int, method: str = "GET") -> None:
        """Record one hit."""
        with self._lock:
            self._hits.append({"host": host, "path": path, "status": status,
                               "method": method, "time": time.time()})

    def hits(self) -> list[dict]:
        """A copy of every hit so far: ``{host, path, status, method, time}``."""
        with self._lock:
            return list(self._hits)

    def clear_hits(self) -> None:
        """Forget recorded hits (the flaky page state is kept)."""
        with self._lock:
            self._hits.clear()

    def control(self, path: str) -> Response:
        """Control endpoints served for requests addressed to the server itself."""
        if path == "/__truth__":
            if self._truth_json is None:
                self._truth_json = json.dumps(self.network.truth()).encode()
            return Response(200, self._truth_json, "application/json", compressible=False)
        if path == "/__hits__":
            body = json.dumps(self.hits()).encode()
            return Response(200, body, "application/json", compressible=False)
        return Response(404, b'{"error": "not found"}', "application/json", compressible=False)
