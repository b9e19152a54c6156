"""A small HTTP(S) proxy on 127.0.0.1 that serves recorded-structure fixtures by URL.

Scrapy is pointed at it with ``WIREDESK_PROXY``: plain-http requests arrive with an
absolute URI, https ones as a CONNECT tunnel that the server terminates with a throwaway
self-signed certificate (Scrapy does not verify certificates) and then serves by Host
header. Every request is logged with its headers; ETag/Last-Modified validators are
honoured with 304; hosts listed as dead answer 503 to everything.
"""

from __future__ import annotations

import datetime as dt
import ssl
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import yaml

FIXTURES = Path(__file__).with_name("fixtures")
TYPES = {".xml": "application/xml; charset=utf-8", ".rss": "application/rss+xml",
         ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


@dataclass
class Route:
    """One served URL."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def route_file(path: Path, **headers: str) -> Route:
    return Route(200, path.read_bytes(), TYPES.get(path.suffix, "text/html"), headers)


def redirect(location: str) -> Route:
    return Route(302, b"", "text/plain", {"Location": location})


def load_case(source_id: str) -> dict:
    """A source's fixture case: ``case.yaml`` with its routes and expectations, the routes
    read into :class:`Route` objects (every expected release URL serves ``release``)."""
    folder = FIXTURES / source_id
    case = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    routes: dict[str, Route] = {}
    for url, spec in (case.get("routes") or {}).items():
        spec = spec if isinstance(spec, dict) else {"file": spec}
        routes[url] = route_file(folder / spec["file"], **(spec.get("headers") or {}))
    page = route_file(folder / case["release"]["file"])
    for url in case["release_urls"] + case.get("extra_release_urls", []):
        routes.setdefault(url, page)
    case["routes"] = routes
    case["folder"] = folder
    return case


def _certificate(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "wiredesk fixtures")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    tunnel: str | None = None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_CONNECT(self) -> None:  # noqa: N802
        host = self.path.rsplit(":", 1)[0].lower()
        if host in self.server.owner.dead_hosts:
            self.server.owner.log(f"https://{host}/", 503, {}, "CONNECT")
            self.send_error(503)
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.connection = self.server.owner.tls.wrap_socket(self.connection, server_side=True)
        self.rfile = self.connection.makefile("rb")
        self.wfile = self.connection.makefile("wb")
        self.tunnel = host
        self.close_connection = False
        while not self.close_connection:
            self.handle_one_request()

    def do_GET(self) -> None:  # noqa: N802
        if "://" in self.path:
            url = self.path
        else:
            host = (self.headers.get("Host") or self.tunnel or "").split(":")[0]
            url = f"https://{host}{self.path}"
        owner = self.server.owner
        route = owner.routes.get(url)
        if urlsplit(url).hostname in owner.dead_hosts:
            route = Route(503, b"down", "text/plain")
        elif route is None:
            route = Route(404, b"not found", "text/plain")
        status = route.status
        etag, modified = route.headers.get("ETag"), route.headers.get("Last-Modified")
        if status == 200 and ((etag and self.headers.get("If-None-Match") == etag) or
                              (modified and self.headers.get("If-Modified-Since") == modified)):
            status = 304
        owner.log(url, status, dict(self.headers.items()))
        body = b"" if status == 304 else route.body
        self.send_response(status)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in route.headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: FixtureServer


class FixtureServer:
    """Serve ``routes`` (absolute URL -> Route) through a proxy on 127.0.0.1."""

    def __init__(self, routes: dict[str, Route] | None = None,
                 dead_hosts: set[str] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.dead_hosts = set(dead_hosts or ())
        self.hits: list[dict] = []
        self._lock = threading.Lock()
        self._tmp = tempfile.TemporaryDirectory()
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(*_certificate(Path(self._tmp.name)))
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def log(self, url: str, status: int, headers: dict, method: str = "GET") -> None:
        with self._lock:
            self.hits.append({"url": url, "status": status, "headers": headers,
                              "method": method})

    def urls(self) -> list[str]:
        with self._lock:
            return [h["url"] for h in self.hits]

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._tmp.cleanup()
