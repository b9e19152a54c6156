"""Dagster resources: the crawler (with the simulated network and the inbox) and the
DuckDB warehouse with its published read copy."""

from __future__ import annotations

import importlib
import os
from collections.abc import Collection, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

import dagster as dg
import duckdb

from crawlers.records import CrawlRun
from crawlers.registry import Source, enabled_sources
from pipelines.crawl import crawl_settings, run_crawl
from pipelines.inbox import import_inbox
from warehouse.db import connect, warehouse_path
from warehouse.publish import read_copy_path

ConfiguredResource = TypeVar("ConfiguredResource", bound=dg.ConfigurableResource)


class CrawlerResource(dg.ConfigurableResource):
    """Runs crawls out of process. Simulated sources are crawled through the simulated
    wire network: the one at ``sim_proxy`` if given, else one that ``network_hook`` (a
    ``module:function`` taking releases and seed and returning a context manager that
    yields a proxy URL; the demo's by default) serves for the crawl. Production code
    never starts a simulator itself. ``requests_per_domain`` caps Scrapy's concurrent
    requests to one domain (a source's concurrent runs are capped by the
    ``dagster/partition/source`` tag limit)."""

    data_dir: str = "data"
    sim_proxy: str | None = None
    sim_releases: int = 300
    sim_seed: int = 7
    network_hook: str = "pipelines.demo:serve_network"
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
        simulated = source.network == "simulated"
        with self.simulator() if simulated else nullcontext(None) as proxy:
            return run_crawl(source.id, Path(self.data_dir), proxy=proxy,
                             settings=crawl_settings(source, self.requests_per_domain) or None,
                             max_releases=self.max_releases, known_urls=known_urls,
                             resume_key=partition_key)

    def import_inbox(self, day: str) -> CrawlRun:
        """Claim the inbox's waiting archives as the inbox run of ``day``
        (:func:`pipelines.inbox.import_inbox`)."""
        return import_inbox(self.inbox_dir, self.data_dir, day, enabled_sources())

    @contextmanager
    def simulator(self) -> Iterator[str]:
        """The simulated network's proxy URL: ``sim_proxy``, else one served by
        ``network_hook`` for the block."""
        if self.sim_proxy:
            yield self.sim_proxy
            return
        module, _, name = self.network_hook.partition(":")
        serve = getattr(importlib.import_module(module), name)
        with serve(self.sim_releases, self.sim_seed) as proxy:
            yield proxy


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file: ``db``, else ``<data_dir>/warehouse.duckdb``. All writers
    share the ``duckdb_writer`` pool (limit 1); readers (checks, sensors, the known-URL
    lookup) use the published read copy."""

    db: str | None = None
    data_dir: str = "data"

    @property
    def path(self) -> str:
        """The warehouse file."""
        return str(warehouse_path(self.db, self.data_dir))

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


# Environment variables behind each resource field (README: Configuration).
ENV_FIELDS: dict[str, dict[str, str]] = {
    "crawler": {"data_dir": "WIREDESK_DATA_DIR", "sim_proxy": "WIREDESK_SIM_PROXY",
                "sim_releases": "WIREDESK_SIM_RELEASES", "sim_seed": "WIREDESK_SIM_SEED",
                "requests_per_domain": "WIREDESK_REQUESTS_PER_DOMAIN"},
    "warehouse": {"db": "WIREDESK_DB", "data_dir": "WIREDESK_DATA_DIR"},
}
INT_FIELDS = {"sim_releases", "sim_seed", "requests_per_domain"}


def _env_config(resource: str) -> dict[str, Any]:
    """``dg.EnvVar`` for each field of ``resource`` whose variable is set (Dagster reads
    its value when a run starts); fields whose variable is unset keep their default."""
    return {name: dg.EnvVar.int(var) if name in INT_FIELDS else dg.EnvVar(var)
            for name, var in ENV_FIELDS[resource].items() if os.environ.get(var)}


def default_resources(**explicit: Any) -> dict[str, dg.ConfigurableResource]:
    """The crawler and warehouse resources: ``explicit`` values (any field of either,
    e.g. ``sim_proxy=...`` from the demo) over the ``WIREDESK_*`` environment variables
    (as ``dg.EnvVar``) over the project's defaults."""
    made: dict[str, dg.ConfigurableResource] = {}
    for key, cls in (("crawler", CrawlerResource), ("warehouse", WarehouseResource)):
        fields = {k: v for k, v in explicit.items() if k in cls.model_fields}
        made[key] = cls(**{**_env_config(key), **fields})
    return made


def resolved(resource: ConfiguredResource) -> ConfiguredResource:
    """``resource`` with its ``dg.EnvVar`` fields read (for code outside a run)."""
    return resource.process_config_and_initialize()
