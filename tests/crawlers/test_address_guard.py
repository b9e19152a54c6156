"""The address guard (issue 20): IPv6 forms that carry a private IPv4 address are refused,
and the address checked is the address connected to: every connection's name is resolved
through the guard's resolver, which refuses a private answer at connection time (DNS
rebinding, or a name that did not resolve when the request was checked)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawlers import settings as project_settings
from crawlers.middlewares import refused_address
from crawlers.registry import EXTRA_DIRS_ENV, registry
from pipelines.crawl import CrawlFailed, run_crawl
from tests.crawlers.conftest import FIXTURE_SETTINGS


@pytest.mark.parametrize("address", [
    "64:ff9b::a9fe:a9fe",            # NAT64 of the metadata address
    "64:ff9b::a00:5",                # NAT64 of 10.0.0.5
    "64:ff9b::7f00:1",               # NAT64 of 127.0.0.1
    "64:ff9b:1::5db8:d822",          # NAT64 local-use prefix: refused whatever it carries
    "2002:a9fe:a9fe::1",             # 6to4 of the metadata address
    "2002:c0a8:0101::1",             # 6to4 of 192.168.1.1
    "::7f00:1",                      # IPv4-compatible 127.0.0.1
    "::a9fe:a9fe",                   # IPv4-compatible metadata address
    "::ffff:0:a00:1",                # IPv4-translated 10.0.0.1
    "::ffff:a9fe:a9fe",              # IPv4-mapped metadata address
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",   # Teredo
])
def test_ipv6_forms_carrying_a_private_ipv4_address_are_refused(address):
    assert refused_address(address)


@pytest.mark.parametrize("address", [
    "64:ff9b::5db8:d822", "2002:5db8:d822::1", "::ffff:93.184.216.34", "2606:4700::6810:84e5",
])
def test_ipv6_forms_carrying_a_public_address_pass(address):
    assert not refused_address(address)


class _Hits(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.hits.append(self.path)
        body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                b"<item><link>/release/1.html</link><title>x</title></item></channel></rss>")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[ThreadingHTTPServer, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Hits,), {"hits": hits})
    httpd = ThreadingHTTPServer(("0.0.0.0", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd, hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def _private_name() -> str:
    """This machine's name, if DNS resolves it to an address the guard refuses."""
    name = socket.gethostname().lower()
    try:
        address = socket.gethostbyname(name)
    except OSError:
        pytest.skip(f"{name} does not resolve here")
    if not refused_address(address) or not name.replace("-", "").replace(".", "").isalnum():
        pytest.skip(f"{name} resolves to {address}, not a refused address")
    return name


@pytest.mark.slow
def test_a_connection_to_a_name_that_resolves_privately_is_refused_when_it_is_made(
        tmp_path, server, monkeypatch):
    """The request-time check is switched off, as if DNS had answered it with a public
    address and the downloader's lookup (rebinding) with this machine's: the resolver
    still refuses the connection, and the server sees no request."""
    name = _private_name()
    httpd, hits = server
    port = httpd.server_address[1]
    folder = tmp_path / "registry"
    folder.mkdir()
    (folder / "rebinder.yaml").write_text(
        f"id: rebinder\nname: Rebinder\nhomepage: http://{name}:{port}/\nkind: wire\n"
        f"network: live\nallowed_domains: [{name}]\ntimezone: UTC\n"
        f"discovery: [{{kind: rss, url: 'http://{name}:{port}/feed.rss'}}]\n")
    monkeypatch.setenv(EXTRA_DIRS_ENV, str(folder))
    middlewares = {**project_settings.DOWNLOADER_MIDDLEWARES,
                   "crawlers.middlewares.AddressGuardMiddleware": None}
    settings = {**FIXTURE_SETTINGS, "DOWNLOADER_MIDDLEWARES": json.dumps(middlewares),
                "ROBOTSTXT_OBEY": "False", "RETRY_TIMES": "0"}
    with pytest.raises(CrawlFailed) as failed:
        run_crawl("rebinder", tmp_path / "data", settings=settings, timeout=120)
    assert hits == []
    records = [json.loads(line) for line in open(failed.value.run.manifest, encoding="utf-8")]
    assert [r["reason"] for r in records] == ["address_refused"]


RESOLVE_IN_A_CHILD = """
import json
from twisted.internet import defer, reactor
from crawlers.middlewares import GuardedResolver

resolver = GuardedResolver(reactor, 0, 5.0, pinned={"pinned.test": ["10.9.8.7"],
                                                    "fine.test": ["93.184.216.34"]})
outcomes = {}
pending = []
for name in ("pinned.test", "fine.test", "127.0.0.1", "localhost"):
    pending.append(resolver.getHostByName(name).addCallbacks(
        lambda a, n=name: outcomes.__setitem__(n, a),
        lambda f, n=name: outcomes.__setitem__(n, "refused: " + str(f.value))))
defer.DeferredList(pending).addBoth(lambda _: reactor.stop())
reactor.callLater(60, reactor.stop)
reactor.run()
print(json.dumps(outcomes))
"""


@pytest.mark.slow
def test_the_resolver_refuses_private_answers_and_pinned_private_names():
    # in a child process: the in-process tests must not have a reactor installed
    out = subprocess.run([sys.executable, "-c", RESOLVE_IN_A_CHILD], capture_output=True,
                         text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    outcomes = json.loads(out.stdout.strip().splitlines()[-1])
    assert "address_refused: pinned.test -> 10.9.8.7" in outcomes["pinned.test"]
    assert outcomes["fine.test"] == "93.184.216.34"
    assert outcomes["127.0.0.1"] == "127.0.0.1"     # a literal (the proxy) is not a name
    assert "address_refused: localhost -> 127.0.0.1" in outcomes["localhost"]


def test_every_crawl_resolves_through_the_guard():
    assert project_settings.TWISTED_DNS_RESOLVER == "crawlers.middlewares.GuardedResolver"
    assert any(s.is_local for s in registry().values())   # the simulator's names pass
