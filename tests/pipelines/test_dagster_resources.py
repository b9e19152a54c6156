"""The resources' configuration: ``WIREDESK_*`` variables as ``dg.EnvVar`` (read when a run
starts), explicit values over them, and the simulated network behind a hook."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg

from pipelines.defs.resources import CrawlerResource, default_resources, resolved

SERVED: list[tuple[int, int]] = []


@contextmanager
def fake_network(releases: int, seed: int) -> Iterator[str]:
    """A stand-in network hook: records what it was asked for, serves nothing."""
    SERVED.append((releases, seed))
    yield f"http://127.0.0.1:1/?releases={releases}"


def test_set_variables_become_env_vars_and_unset_ones_keep_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("WIREDESK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WIREDESK_SIM_SEED", "11")
    monkeypatch.delenv("WIREDESK_DB", raising=False)
    monkeypatch.delenv("WIREDESK_SIM_PROXY", raising=False)
    resources = default_resources()
    crawler = resources["crawler"]
    assert isinstance(crawler.data_dir, dg.EnvVar)
    assert crawler.data_dir.env_var_name == "WIREDESK_DATA_DIR"
    assert crawler.sim_releases == 300 and crawler.sim_proxy is None
    # The value is read when the resource is initialised (at run time), not at load.
    monkeypatch.setenv("WIREDESK_DATA_DIR", str(tmp_path / "later"))
    ready = resolved(crawler)
    assert (ready.data_dir, ready.sim_seed) == (str(tmp_path / "later"), 11)
    assert resolved(resources["warehouse"]).path == str(tmp_path / "later" / "warehouse.duckdb")


def test_explicit_values_win_over_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WIREDESK_SIM_PROXY", "http://127.0.0.1:9/")
    monkeypatch.setenv("WIREDESK_DB", str(tmp_path / "env.duckdb"))
    resources = default_resources(sim_proxy="http://127.0.0.1:8/", sim_releases=40,
                                  db=str(tmp_path / "mine.duckdb"))
    crawler = resolved(resources["crawler"])
    assert (crawler.sim_proxy, crawler.sim_releases) == ("http://127.0.0.1:8/", 40)
    assert resolved(resources["warehouse"]).path == str(tmp_path / "mine.duckdb")


def test_a_simulated_network_comes_from_the_hook_unless_one_is_given():
    SERVED.clear()
    hooked = CrawlerResource(network_hook=f"{__name__}:fake_network", sim_releases=25,
                             sim_seed=3)
    with hooked.simulator() as proxy:
        assert proxy == "http://127.0.0.1:1/?releases=25"
    assert SERVED == [(25, 3)]
    given = CrawlerResource(network_hook=f"{__name__}:fake_network",
                            sim_proxy="http://127.0.0.1:7/")
    with given.simulator() as proxy:
        assert proxy == "http://127.0.0.1:7/"
    assert SERVED == [(25, 3)]
