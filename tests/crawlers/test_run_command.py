"""``wiredesk run`` end to end: real sources crawled through the fixture proxy, loaded by
Dagster into DuckDB; a dead source fails with a reason and leaves its rows as they were."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from tests.crawlers.fixture_server import FixtureServer, load_case
from warehouse.db import connect


def pages(db, source_id: str) -> list[tuple]:
    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT url, run_id FROM pages WHERE source_id = ? ORDER BY url",
                           [source_id]).fetchall()
    finally:
        con.close()


@pytest.fixture
def env(monkeypatch, tmp_path, dagster_home):
    monkeypatch.setenv("WIREDESK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WIREDESK_DB", str(tmp_path / "warehouse.duckdb"))
    monkeypatch.setenv("DAGSTER_HOME", str(dagster_home))
    monkeypatch.setenv("WIREDESK_DOWNLOAD_DELAY", "0")
    monkeypatch.setenv("WIREDESK_RETRY_BACKOFF", "0")
    return tmp_path


@pytest.mark.slow
def test_run_loads_sources_and_a_dead_one_fails_without_touching_the_warehouse(
        env, monkeypatch):
    apple, ppi = load_case("apple"), load_case("ppi")
    routes = {**apple["routes"], **ppi["routes"]}
    runner = CliRunner()
    with FixtureServer(routes) as server:
        monkeypatch.setenv("WIREDESK_PROXY", server.url)
        first = runner.invoke(app, ["run", "--sources", "apple"])
        assert first.exit_code == 0, first.output
        loaded = pages(env / "warehouse.duckdb", "apple")
        assert {u for u, _ in loaded} >= set(apple["release_urls"])
        server.dead_hosts.add("www.apple.com")          # the network to apple goes away
        second = runner.invoke(app, ["run", "--sources", "apple,ppi"])
    assert second.exit_code == 1
    line = next(ln for ln in second.output.splitlines() if ln.startswith("apple "))
    assert "FAILED" in line and "no discovery endpoint answered (network_error=" in line
    assert "ppi " in second.output and "1 of 2 failed: apple" in second.output
    assert pages(env / "warehouse.duckdb", "apple") == loaded      # as it was
    assert {u for u, _ in pages(env / "warehouse.duckdb", "ppi")} >= set(ppi["release_urls"])


def test_unknown_source_is_refused():
    result = CliRunner().invoke(app, ["run", "--sources", "nosuchwire"])
    assert result.exit_code != 0
    assert "unknown source" in result.output
