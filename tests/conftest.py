"""Shared fixtures: the simulated wire network on loopback, crawls, and a full pipeline run."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from crawlers.archive import WarcArchiveWriter
from simulator import SimulatorServer, WireNetwork
from simulator.registry import use_simulated_sources

SEED = 7
SIZE = 12
PROJECT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Register the simulator's sources (``simulator/sources/``) for the whole session,
    before any test module reads the registry; the crawls, ``dagster dev`` and the CLI
    started by the tests inherit ``WIREDESK_EXTRA_SOURCES``."""
    use_simulated_sources()


class UnmarkedSlowTest(RuntimeError):
    """A test outside the slow tier started a process."""


@contextmanager
def processes_refused(item: pytest.Item) -> Iterator[None]:
    """Outside the slow tier, starting a process (``subprocess``: a crawl, the CLI,
    ``dagster dev``, a browser's driver) fails the test and says to mark it slow, so the
    fast tier stays fast. Process pools (``multiprocessing``) are not affected."""
    if item.get_closest_marker("slow") is not None:
        yield
        return
    start = subprocess.Popen._execute_child  # type: ignore[attr-defined]

    def refuse(self: subprocess.Popen, args: Any, *rest: Any, **kwargs: Any) -> None:
        raise UnmarkedSlowTest(f"{item.nodeid} starts a process ({str(args)[:120]}): mark "
                               "it @pytest.mark.slow")

    subprocess.Popen._execute_child = refuse  # type: ignore[attr-defined]
    try:
        yield
    finally:
        subprocess.Popen._execute_child = start  # type: ignore[attr-defined]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """The test's fixtures, set up under :func:`processes_refused`."""
    with processes_refused(item):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """The test itself, run under :func:`processes_refused`."""
    with processes_refused(item):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Iterator[None]:
    """Keep each phase's report on the test item (``item.rep_setup``, ``rep_call``,
    ``rep_teardown``), so a fixture's teardown can tell whether the test failed (the
    browser fixture takes a screenshot only then)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def network() -> WireNetwork:
    """A dozen-release simulated network (deterministic)."""
    return WireNetwork(n_releases=SIZE, seed=SEED)


@pytest.fixture(scope="session")
def truth(network: WireNetwork) -> dict[str, Any]:
    return network.truth()


@pytest.fixture(scope="session")
def simulator(network: WireNetwork) -> Iterator[SimulatorServer]:
    """The network served on 127.0.0.1 as an HTTP proxy, for the whole session."""
    with SimulatorServer(network, port=0) as sim:
        yield sim


@pytest.fixture(scope="session")
def dagster_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary Dagster instance folder with the project's dagster.yaml."""
    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copy(PROJECT / "dagster.yaml", home / "dagster.yaml")
    return home


# -- a real `dagster dev` (webserver + daemon) for the UI and GraphQL tests -----------------

DAGSTER_BOOT_TIMEOUT = 180.0


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DagsterDev:
    """A running ``dagster dev`` on loopback, with its own instance, data dir and warehouse."""

    def __init__(self, home: Path, data_dir: Path, env: dict[str, str], port: int) -> None:
        self.home, self.data_dir, self.port = home, data_dir, port
        self.db = data_dir / "warehouse.duckdb"
        self.url = f"http://127.0.0.1:{port}"
        self.log = home / "dagster-dev.log"
        self.env = env
        self.proc: Any = None

    def start(self) -> None:
        bin_dir = Path(sys.executable).parent
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [str(bin_dir / "dagster"), "dev", "-m", "pipelines.definitions",
                 "-h", "127.0.0.1", "-p", str(self.port)],
                cwd=PROJECT, env={**os.environ, **self.env}, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        self.wait_until_ready()

    def graphql(self, query: str, variables: dict | None = None, timeout: float = 30) -> dict:
        """POST a GraphQL query to the webserver, as the UI does; returns ``data``."""
        resp = requests.post(f"{self.url}/graphql", json={"query": query,
                                                          "variables": variables or {}},
                             timeout=timeout)
        resp.raise_for_status()
        body = resp.json()
        assert not body.get("errors"), body["errors"]
        return body["data"]

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + DAGSTER_BOOT_TIMEOUT
        query = "{ workspaceOrError { ... on Workspace { locationEntries { name " \
                "locationOrLoadError { __typename } } } } }"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dagster dev exited:\n{self.log.read_text()[-3000:]}")
            try:
                entries = self.graphql(query, timeout=5)["workspaceOrError"]["locationEntries"]
                kinds = {(e["locationOrLoadError"] or {}).get("__typename") for e in entries}
                if "PythonError" in kinds:
                    raise RuntimeError(f"code location failed:\n{self.log.read_text()[-3000:]}")
                if entries and kinds == {"RepositoryLocation"}:
                    return
            except (requests.RequestException, AssertionError, KeyError, TypeError):
                pass
            time.sleep(1)
        raise TimeoutError(f"dagster dev not ready:\n{self.log.read_text()[-3000:]}")

    def run_status(self, run_id: str) -> str:
        data = self.graphql("query($id: ID!) { runOrError(runId: $id) { __typename "
                            "... on Run { status } } }", {"id": run_id})
        return data["runOrError"].get("status", data["runOrError"]["__typename"])

    def wait_for_run(self, run_id: str, timeout: float = 240) -> str:
        """Poll a run until it ends; returns its final status."""
        deadline = time.monotonic() + timeout
        status = "UNKNOWN"
        while time.monotonic() < deadline:
            status = self.run_status(run_id)
            if status in ("SUCCESS", "FAILURE", "CANCELED"):
                return status
            time.sleep(1)
        raise TimeoutError(f"run {run_id} still {status} after {timeout}s")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


@pytest.fixture(scope="session")
def dagster_dev(simulator: SimulatorServer, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[DagsterDev]:
    """``dagster dev`` on a free loopback port, in a temporary DAGSTER_HOME holding the
    project's dagster.yaml, crawling the session's simulator into a temporary data dir."""
    home = tmp_path_factory.mktemp("dagster_dev_home")
    shutil.copy(PROJECT / "dagster.yaml", home / "dagster.yaml")
    data = tmp_path_factory.mktemp("dagster_dev_data")
    env = {"DAGSTER_HOME": str(home), "WIREDESK_DATA_DIR": str(data),
           "WIREDESK_DB": str(data / "warehouse.duckdb"),
           "WIREDESK_SIM_PROXY": simulator.proxy_url, "WIREDESK_AUTOMATION": "off"}
    server = DagsterDev(home, data, env, free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()


# -- WARC archives for the inbox (invented pages, written with the project's own writer) ---

INBOX_RELEASE = """<html><head><title>{title}</title></head><body>
<nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<article><h1>{title}</h1>
<p>{city}, March {day}, 2026 /Harbour Wire/ -- {lead}</p>
<p>The harbour authority said the work would be carried out in three stages over the
coming months, with the first stage starting on the northern quay. Residents were
invited to a public meeting at the town hall to hear how traffic will be managed.</p>
<p>"We expect the new berths to bring more visitors and steady jobs to the waterfront,"
said the authority's chair, adding that the budget had been approved by the council.</p>
<p>The authority will publish a detailed timetable on its website next week.</p>
</article><footer>Copyright Harbour Times. All rights reserved.</footer></body></html>"""

INBOX_STORIES = [
    ("Harbour authority plans new berths for ferries", "PORTWELL", 3,
     "The Portwell harbour authority announced plans to build two new berths."),
    ("Coastal rail line to reopen after repairs", "SALTMERE", 4,
     "The coastal rail line between Saltmere and Portwell will reopen next month."),
    ("Fishing cooperative opens market hall", "PORTWELL", 5,
     "A fishing cooperative opened a covered market hall beside the old quay."),
]


def inbox_release_pages(host: str = "news.harbourtimes.test", stories=INBOX_STORIES
                        ) -> list[tuple[str, int, bytes]]:
    """``(url, status, html)`` for invented releases on a host no source crawls."""
    pages = []
    for i, (title, city, day, lead) in enumerate(stories):
        html = INBOX_RELEASE.format(title=title, city=city, day=day, lead=lead)
        pages.append((f"http://{host}/news/{i + 1}-{title.lower().replace(' ', '-')}.html",
                      200, html.encode()))
    pages.append((f"http://{host}/news/missing.html", 404, b"<html>gone</html>"))
    return pages


def write_warc(path: Path, pages: list[tuple[str, int, bytes]], settled: bool = True) -> Path:
    """Write the pages as WARC response records into ``path`` (a ``*.warc.gz``), written
    beside it and renamed in (the inbox's safe delivery); ``settled`` dates it an hour
    back, as a file delivered a while ago (the inbox claims only files that stopped
    changing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_dir = path.parent / f".{path.stem}.tmp"
    writer = WarcArchiveWriter(tmp_dir, tmp_dir, "inbox", max_bytes=1 << 30)
    for url, status, body in pages:
        writer.write_response(url, status, "OK" if status == 200 else "Not Found",
                              [("Content-Type", "text/html; charset=utf-8")], body)
    writer.close()
    (tmp_dir / writer.files[0]).rename(path)
    tmp_dir.rmdir()
    if settled:
        past = time.time() - 3600
        os.utime(path, (past, past))
    return path


def local_pipeline(data: Path, dagster_home: Path, sim_proxy: str | None = None
                   ) -> dict[str, Any]:
    """Definitions over a data dir of their own (no network needed for the inbox; the
    simulated sources through ``sim_proxy`` if given), with the test instance:
    ``defs``, ``crawler``, ``warehouse``, ``instance``, ``data``."""
    import dagster as dg

    from pipelines.definitions import build_defs
    from pipelines.defs.resources import CrawlerResource, WarehouseResource

    crawler = CrawlerResource(data_dir=str(data), sim_proxy=sim_proxy)
    warehouse = WarehouseResource(data_dir=str(data))
    return {"defs": build_defs({"crawler": crawler, "warehouse": warehouse}),
            "crawler": crawler, "warehouse": warehouse, "data": data,
            "instance": dg.DagsterInstance.from_config(str(dagster_home))}


def materialise_simulated(pipeline: dict[str, Any]) -> None:
    """Materialise every simulated source for today, then refresh the stories."""
    from crawlers.registry import enabled_sources
    from pipelines.defs.runner import STORIES, Outcome, launch

    ids = [s.id for s in enabled_sources(network="simulated")]
    outcomes = launch(pipeline["defs"], ids, instance=pipeline["instance"])
    assert outcomes == dict.fromkeys([*ids, STORIES], Outcome(True)), outcomes


@contextmanager
def small_disk_at(folder: Path, size_mb: int) -> Iterator[Path]:
    """A ``size_mb`` tmpfs mounted at ``folder`` (needs root); skips the test if mounting
    is not permitted, and unmounts afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}M", "tmpfs",
                           str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_disk(folder: Path, leave: int) -> Path:
    """Fill the file system of ``folder`` up to ``leave`` free bytes with a filler file
    (written in 1 MiB steps; deleting the file frees the space)."""
    filler = folder / "filler"
    filler.unlink(missing_ok=True)
    st = os.statvfs(folder)
    remaining = max(0, st.f_bavail * st.f_frsize - leave)
    chunk = b"\0" * (1 << 20)
    with open(filler, "wb") as fh:
        while remaining > 0:
            remaining -= fh.write(chunk[:remaining])
    return filler
