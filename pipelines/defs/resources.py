"""Dagster resources: the crawler (with the simulated network and the inbox) and the
DuckDB warehouse with its published read copy."""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb

from crawlers.registry import Source, enabled_sources
from crawlers.runinfo import MANIFEST_NAME, STATS_NAME, new_run_id
from pipelines.crawl import SIMULATED_SETTINGS, CrawlRun, run_crawl
from pipelines.inbox import INBOX_SOURCE, claim, day_records
from warehouse.db import connect
from warehouse.publish import read_copy_path


class CrawlerResource(dg.ConfigurableResource):
    """Runs crawls out of process. Simulated sources are crawled through the simulated
    wire network: the one at ``sim_proxy`` if given, else one started for the crawl.
    ``requests_per_domain`` caps Scrapy's concurrent requests to one domain (a source's
    concurrent runs are capped by the ``dagster/partition/source`` tag limit)."""

    data_dir: str = "data"
    sim_proxy: str | None = None
    sim_releases: int = 300
    sim_seed: int = 7
    max_releases: int | None = None
    requests_per_domain: int | None = None

    @property
    def inbox_dir(self) -> Path:
        """Where other crawlers drop WARC archives: ``<data>/inbox/``."""
        return Path(self.data_dir) / "inbox"

    def crawl(self, source: Source, known_urls: Collection[str] = (),
              partition_key: str | None = None) -> CrawlRun:
        """Crawl one source to completion; ``known_urls`` are handed to the spider. An
        interrupted crawl of the same partition is resumed (``crawlers/resume.py``)."""
        settings: dict[str, str] = {}
        if source.network == "simulated":
            settings.update(SIMULATED_SETTINGS)
        if self.requests_per_domain:
            settings["CONCURRENT_REQUESTS_PER_DOMAIN"] = str(self.requests_per_domain)
        if source.network != "simulated":
            return run_crawl(source.id, Path(self.data_dir), settings=settings or None,
                             max_releases=self.max_releases, known_urls=known_urls,
                             resume_key=partition_key)
        with self.simulator() as proxy:
            return run_crawl(source.id, Path(self.data_dir), proxy=proxy, settings=settings,
                             max_releases=self.max_releases, known_urls=known_urls,
                             resume_key=partition_key)

    def import_inbox(self, day: str) -> CrawlRun:
        """Claim the archives waiting in the inbox into ``raw/inbox/<day>/`` and write a
        manifest of every archive claimed that day, as a crawl run would."""
        data_dir = Path(self.data_dir).absolute()  # by name: data/raw may be a symlink
        landing = data_dir / "raw" / INBOX_SOURCE / day
        started = datetime.now(UTC)
        run_id = new_run_id()
        files = claim(self.inbox_dir, landing)
        records = day_records(files, landing, data_dir, run_id, enabled_sources())
        with open(landing / MANIFEST_NAME, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        stats = {
            "finish_reason": "inbox",
            "downloader/response_count": len(records),
            "wiredesk/records/release": sum(r["role"] == "release" for r in records),
            "warc_files": [str(f.relative_to(data_dir)) for f in files],
        }
        (landing / STATS_NAME).write_text(json.dumps(stats))
        return CrawlRun(INBOX_SOURCE, run_id, str(landing), started.isoformat(),
                        datetime.now(UTC).isoformat(), 0, stats)

    @contextmanager
    def simulator(self) -> Iterator[str]:
        if self.sim_proxy:
            yield self.sim_proxy
            return
        from crawlers.simulator import SimulatorServer, WireNetwork

        with SimulatorServer(WireNetwork(n_releases=self.sim_releases, seed=self.sim_seed)) as sim:
            yield sim.proxy_url


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file. All writers share the ``duckdb_writer`` pool (limit 1);
    readers (checks, sensors, the known-URL lookup) use the published read copy."""

    path: str = "data/warehouse.duckdb"

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        con = connect(self.path, read_only=read_only)
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        """A read-only connection to the published copy, or None before the first publish."""
        copy = read_copy_path(self.path)
        if not copy.exists():
            yield None
            return
        con = connect(copy, read_only=True)
        try:
            yield con
        finally:
            con.close()


def default_resources() -> dict[str, dg.ConfigurableResource]:
    """Resources configured from the environment (``WIREDESK_*``), with project defaults."""
    data_dir = os.environ.get("WIREDESK_DATA_DIR", "data")
    per_domain = os.environ.get("WIREDESK_REQUESTS_PER_DOMAIN")
    return {
        "crawler": CrawlerResource(
            data_dir=data_dir,
            sim_proxy=os.environ.get("WIREDESK_SIM_PROXY") or None,
            sim_releases=int(os.environ.get("WIREDESK_SIM_RELEASES", "300")),
            sim_seed=int(os.environ.get("WIREDESK_SIM_SEED", "7")),
            requests_per_domain=int(per_domain) if per_domain else None,
        ),
        "warehouse": WarehouseResource(
            path=os.environ.get("WIREDESK_DB", str(Path(data_dir) / "warehouse.duckdb"))
        ),
    }
