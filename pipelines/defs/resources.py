"""Dagster resources: the crawler (with the simulated network) and the DuckDB warehouse."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from crawlers.registry import Source
from pipelines.crawl import SIMULATED_SETTINGS, CrawlRun, run_crawl
from warehouse.db import connect


class CrawlerResource(dg.ConfigurableResource):
    """Runs crawls out of process. Simulated sources are crawled through the simulated
    wire network: the one at ``sim_proxy`` if given, else one started for the crawl."""

    data_dir: str = "data"
    sim_proxy: str | None = None
    sim_releases: int = 300
    sim_seed: int = 7
    max_releases: int | None = None

    def crawl(self, source: Source) -> CrawlRun:
        if source.network != "simulated":
            return run_crawl(source.id, Path(self.data_dir), max_releases=self.max_releases)
        with self.simulator() as proxy:
            return run_crawl(source.id, Path(self.data_dir), proxy=proxy,
                             settings=SIMULATED_SETTINGS, max_releases=self.max_releases)

    @contextmanager
    def simulator(self) -> Iterator[str]:
        if self.sim_proxy:
            yield self.sim_proxy
            return
        from crawlers.simulator import SimulatorServer, WireNetwork

        with SimulatorServer(WireNetwork(n_releases=self.sim_releases, seed=self.sim_seed)) as sim:
            yield sim.proxy_url


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file. All writers share the ``duckdb_writer`` pool (limit 1)."""

    path: str = "data/warehouse.duckdb"

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        con = connect(self.path, read_only=read_only)
        try:
            yield con
        finally:
            con.close()


def default_resources() -> dict[str, dg.ConfigurableResource]:
    """Resources configured from the environment (``WIREDESK_*``), with project defaults."""
    data_dir = os.environ.get("WIREDESK_DATA_DIR", "data")
    return {
        "crawler": CrawlerResource(
            data_dir=data_dir,
            sim_proxy=os.environ.get("WIREDESK_SIM_PROXY") or None,
            sim_releases=int(os.environ.get("WIREDESK_SIM_RELEASES", "300")),
            sim_seed=int(os.environ.get("WIREDESK_SIM_SEED", "7")),
        ),
        "warehouse": WarehouseResource(
            path=os.environ.get("WIREDESK_DB", str(Path(data_dir) / "warehouse.duckdb"))
        ),
    }
