"""Tests for the simulated wire network, over real HTTP through the proxy on 127.0.0.1."""

from __future__ import annotations

import gzip
import http.client
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from simulator import SimulatorServer, WireNetwork

ROOT = Path(__file__).resolve().parents[2]
RELEASE_URL = {
    "prwire": re.compile(r"^http://www\.prwire\.test/news-releases/[a-z0-9-]+-\d{9}\.html$"),
    "bizwire": re.compile(r"^http://www\.bizwire\.test/news/home/\d{8}\d{6}/en/[A-Za-z0-9-]+$"),
    "globewire": re.compile(r"^http://www\.globewire\.test/news-release/\d{4}/\d{2}/\d{2}/"
                            r"\d{7}/0/en/[A-Za-z0-9-]+\.html$"),
    "dnanews": re.compile(r"^http://dnanews\.test/[a-z0-9-]+/$"),
}


class Client:
    """urllib through the simulator proxy; never follows redirects."""

    def __init__(self, proxy_url: str) -> None:
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: object, **kwargs: object) -> None:
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({"http": proxy_url}), NoRedirect())

    def get(self, url: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
        headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
        try:
            with self.opener.open(urllib.request.Request(url, headers=headers)) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read()


@pytest.fixture(scope="module")
def net() -> WireNetwork:
    return WireNetwork(n_releases=12, seed=7)


@pytest.fixture(scope="module")
def truth(net: WireNetwork) -> dict:
    return net.truth()


@pytest.fixture()
def sim(net: WireNetwork) -> Iterator[SimulatorServer]:
    with SimulatorServer(net, port=0) as server:
        yield server


@pytest.fixture()
def client(sim: SimulatorServer) -> Client:
    return Client(sim.proxy_url)


def reachable(truth: dict, site: str) -> set[str]:
    return {p["url"] for p in truth["pages"] if p["site"] == site and p["reachable"]}


def hrefs(html: str, base: str) -> list[str]:
    return [urljoin(base, h.replace("&amp;", "&")) for h in re.findall(r'href="([^"]+)"', html)]


# -- determinism -------------------------------------------------------------------------------
def test_same_seed_same_bytes_and_truth(truth: dict) -> None:
    other = WireNetwork(n_releases=12, seed=7)
    assert json.dumps(other.truth(), sort_keys=True) == json.dumps(truth, sort_keys=True)
    url = truth["sites"]["globewire"]["release_urls"][0]
    bodies = []
    for network in (WireNetwork(12, 7), other):
        with SimulatorServer(network) as server:
            bodies.append(Client(server.proxy_url).get(url)[2])
    assert bodies[0] == bodies[1] and len(bodies[0]) > 1000
    assert WireNetwork(12, 8).truth()["pages"] != truth["pages"]


def test_truth_grows_with_size(truth: dict) -> None:
    bigger = WireNetwork(n_releases=60, seed=7).truth()
    assert len(bigger["pages"]) > len(truth["pages"]) >= 12
    assert len(bigger["releases"]) == 60 and len(truth["releases"]) == 12
    assert set(truth["special"]) >= {
        "robots_disallowed", "redirect_from", "redirect_to", "not_found", "flaky_500",
        "legacy_encoding", "no_date", "offsite_link", "empty_body", "unextractable",
        "truncated", "bad_feed", "exact_reposts"}


def test_truth_structure(truth: dict) -> None:
    variants = {p["variant"] for p in truth["pages"]}
    assert variants >= {"original", "verbatim", "new_intro", "dropped_about", "edited",
                        "exact_repost"}
    for page in truth["pages"]:
        if page["reachable"]:
            assert RELEASE_URL[page["site"]].match(page["canonical_url"]), page["url"]
        if page["variant"] == "exact_repost":
            assert "utm_" in page["url"] and page["canonical_url"] != page["url"]
    for release in truth["releases"]:
        assert release["original_url"] in release["story"]
    assert sum(len(r["story"]) > 1 for r in truth["releases"]) >= 4
    prw = [p for p in truth["pages"] if p["site"] == "prwire" and p["variant"] == "original"]
    assert all("/PRNewswire/ --" in p["dateline"] for p in prw)


def test_large_network_builds_truth() -> None:
    big = WireNetwork(n_releases=100_000, seed=3)
    truth = big.truth()
    assert len(truth["releases"]) == 100_000
    assert len(truth["pages"]) > 100_000


# -- HTTP behaviour ----------------------------------------------------------------------------
def test_robots(client: Client) -> None:
    status, headers, body = client.get("http://www.prwire.test/robots.txt")
    assert status == 200 and "Disallow: /news-releases/embargoed/" in body.decode()
    text = client.get("http://www.bizwire.test/robots.txt")[2].decode()
    assert "Sitemap: http://www.bizwire.test/sitemap-index.xml" in text
    text = client.get("http://dnanews.test/robots.txt")[2].decode()
    assert "Disallow: /wp-admin/" in text and "wp-sitemap.xml" in text


def test_feeds_parse_and_link_releases(client: Client, truth: dict) -> None:
    status, headers, body = client.get("http://www.prwire.test/rss/news-releases-list.rss")
    links = [i.findtext("link") for i in ET.fromstring(body).iter("item")]
    assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
    assert truth["special"]["offsite_link"] in links
    onsite = [u for u in links if u != truth["special"]["offsite_link"]]
    assert onsite and set(onsite) <= reachable(truth, "prwire")
    assert all(RELEASE_URL["prwire"].match(u.split("?")[0]) for u in onsite)

    atom = ET.fromstring(client.get("http://www.globewire.test/atom/news.xml")[2])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    glinks = [e.find("a:link", ns).get("href") for e in atom.findall("a:entry", ns)]
    assert glinks and set(glinks) <= reachable(truth, "globewire")

    rss = ET.fromstring(client.get("http://dnanews.test/feed/")[2])
    dlinks = [i.findtext("link") for i in rss.iter("item")]
    assert dlinks and set(dlinks) <= reachable(truth, "dnanews")
    assert "content:encoded" not in rss[0].tag
    content = "{http://purl.org/rss/1.0/modules/content/}encoded"
    assert "/DNA/" in next(rss.iter("item")).findtext(content)


def test_bad_feed_is_html(client: Client, truth: dict) -> None:
    status, headers, body = client.get(truth["special"]["bad_feed"])
    assert status == 200 and headers["Content-Type"] == "application/rss+xml"
    with pytest.raises(ET.ParseError):
        ET.fromstring(body)


def test_sitemap_chain(client: Client, truth: dict) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "n": "http://www.google.com/schemas/sitemap-news/0.9"}
    index = ET.fromstring(client.get("http://www.bizwire.test/sitemap-index.xml")[2])
    locs = [e.text for e in index.findall("s:sitemap/s:loc", ns)]
    assert "http://www.bizwire.test/sitemaps/news.xml" in locs
    news = ET.fromstring(client.get("http://www.bizwire.test/sitemaps/news.xml")[2])
    urls = [e.findtext("s:loc", namespaces=ns) for e in news.findall("s:url", ns)]
    assert news.find("s:url/n:news/n:publication/n:name", ns) is not None
    assert truth["special"]["redirect_from"] in urls and truth["special"]["not_found"] in urls
    found: set[str] = set()
    for loc in locs:
        if "/releases-" in loc:
            doc = ET.fromstring(client.get(loc)[2])
            found |= {e.text for e in doc.findall("s:url/s:loc", ns)}
    assert found == reachable(truth, "bizwire")
    dna = ET.fromstring(client.get("http://dnanews.test/wp-sitemap.xml")[2])
    posts = ET.fromstring(client.get(dna.findtext("s:sitemap/s:loc", namespaces=ns))[2])
    assert len(posts.findall("s:url", ns)) == len(
        [p for p in truth["pages"] if p["site"] == "dnanews" and p["variant"] != "exact_repost"])


@pytest.mark.parametrize("site,start", [
    ("prwire", "http://www.prwire.test/news-releases/news-releases-list/?page=1&pagesize=25"),
    ("globewire", "http://www.globewire.test/en/search/?page=1"),
    ("dnanews", "http://dnanews.test/category/press-release/"),
])
def test_listing_pagination_reaches_every_release(client: Client, truth: dict, site: str,
                                                  start: str) -> None:
    host = urlsplit(start).hostname
    seen: set[str] = set()
    url: str | None = start
    pages = 0
    while url:
        status, _, body = client.get(url)
        assert status == 200
        html = body.decode()
        pages += 1
        seen |= {u for u in hrefs(html, url) if urlsplit(u).hostname == host}
        m = re.search(r'<a[^>]*(?:rel="next"|class="next page-numbers")[^>]*href="([^"]+)"', html)
        url = urljoin(url, m.group(1).replace("&amp;", "&")) if m else None
        assert pages < 50
    assert reachable(truth, site) <= seen
    if site == "prwire":
        assert truth["special"]["robots_disallowed"] in seen
    if site == "dnanews":
        assert {truth["special"]["empty_body"], truth["special"]["unextractable"]} <= seen


def test_listing_pagination_on_bigger_network() -> None:
    net = WireNetwork(n_releases=150, seed=11)
    truth = net.truth()
    with SimulatorServer(net) as server:
        client = Client(server.proxy_url)
        url: str | None = "http://www.globewire.test/en/search/?page=1"
        seen: set[str] = set()
        while url:
            html = client.get(url)[2].decode()
            seen |= set(hrefs(html, url))
            m = re.search(r'rel="next"[^>]*href="([^"]+)"', html)
            url = urljoin(url, m.group(1)) if m else None
    assert reachable(truth, "globewire") <= seen and len(reachable(truth, "globewire")) > 40


def test_release_pages_serve_and_gzip(client: Client, truth: dict) -> None:
    for page in truth["pages"]:
        if not page["reachable"] or page["special"] == "flaky_500":
            continue
        status, headers, body = client.get(page["url"], gzip_ok=True)
        assert status == 200, page["url"]
        assert headers.get("Content-Encoding") == "gzip"
        html = gzip.decompress(body).decode(page["encoding"])
        assert f'rel="canonical" href="{page["canonical_url"]}"' in html
        assert page["dateline"] in html.replace("&amp;", "&") or page["site"] == "prwire"
        if page["published_at"]:
            assert headers["Last-Modified"].endswith("GMT")
    repost = truth["special"]["exact_reposts"][0]
    canonical = repost.split("?")[0]
    assert client.get(repost)[2] == client.get(canonical)[2]


def test_flaky_page_500_then_200(client: Client, truth: dict) -> None:
    url = truth["special"]["flaky_500"]
    assert client.get(url)[0] == 500
    assert client.get(url)[0] == 200
    assert client.get(url)[0] == 200


def test_redirect_and_not_found(client: Client, truth: dict) -> None:
    status, headers, _ = client.get(truth["special"]["redirect_from"])
    assert status == 301 and headers["Location"] == truth["special"]["redirect_to"]
    assert client.get(truth["special"]["not_found"])[0] == 404


def test_legacy_encoding_page(client: Client, truth: dict) -> None:
    status, headers, body = client.get(truth["special"]["legacy_encoding"])
    assert status == 200 and headers["Content-Type"] == "text/html"
    assert b'charset=windows-1252' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("cp1252")
    assert "“" in text and "é" in text and "–" in text


def test_no_date_page(client: Client, truth: dict) -> None:
    html = client.get(truth["special"]["no_date"])[2].decode()
    assert "datePublished" not in html and "published_time" not in html
    assert not re.search(r"\b20\d\d\b", re.sub(r"<[^>]+>", " ", html))
    page = next(p for p in truth["pages"] if p["url"] == truth["special"]["no_date"])
    assert page["published_at"] is None and re.search(r"\d", page["dateline"]) is None


def test_bad_inputs(client: Client, truth: dict, sim: SimulatorServer) -> None:
    status, headers, body = client.get(truth["special"]["empty_body"])
    assert status == 200 and body == b""
    html = client.get(truth["special"]["unextractable"])[2].decode()
    assert "<p>" not in html and "<script" in html
    parts = urlsplit(truth["special"]["truncated"])
    conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=5)
    conn.request("GET", truth["special"]["truncated"], headers={"Host": parts.hostname or ""})
    resp = conn.getresponse()
    assert resp.status == 200
    with pytest.raises(http.client.IncompleteRead):
        resp.read()
    conn.close()


def test_origin_form_host_header_and_unknown_host(sim: SimulatorServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=5)
    conn.request("HEAD", "/robots.txt", headers={"Host": "www.globewire.test"})
    resp = conn.getresponse()
    assert resp.status == 200 and resp.read() == b""
    conn.request("GET", "/", headers={"Host": "www.unknown.test"})
    resp = conn.getresponse()
    assert resp.status == 502
    resp.read()
    conn.close()
    hits = sim.hits()
    assert {"host": "www.globewire.test", "path": "/robots.txt", "status": 200} in [
        {k: h[k] for k in ("host", "path", "status")} for h in hits]


def test_control_endpoints(sim: SimulatorServer, client: Client, truth: dict) -> None:
    client.get("http://www.prwire.test/robots.txt")
    with urllib.request.urlopen(f"{sim.proxy_url}/__truth__") as resp:
        served = json.loads(resp.read())
    assert served["special"] == truth["special"]
    with urllib.request.urlopen(f"{sim.proxy_url}/__hits__") as resp:
        hits = json.loads(resp.read())
    assert any(h["host"] == "www.prwire.test" for h in hits)
    assert not any(h["host"] == "elsewhere.test" for h in sim.hits())


@pytest.mark.slow
def test_cli_prints_proxy_url_and_stops_on_sigterm(tmp_path: Path) -> None:
    out = tmp_path / "truth.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "--releases", "12", "--seed", "7",
         "--port", "0", "--truth-out", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", line)
        status, _, body = Client(line).get("http://www.prwire.test/robots.txt")
        assert status == 200 and json.loads(out.read_text())["n_releases"] == 12
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
