"""Crawling the live sources' fixtures: a fixture proxy on 127.0.0.1 and a crawl helper."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crawlers.records import CrawlRun
from crawlers.registry import registry
from pipelines.crawl import SIMULATED_SETTINGS, run_crawl

# The day the fixtures were written: "today" for date archives.
TODAY = "2026-11-28"
# As fast as the simulator (no politeness delays on loopback); the address guard stays on.
FIXTURE_SETTINGS = {**SIMULATED_SETTINGS, "WIREDESK_TODAY": TODAY, "RETRY_TIMES": "1",
                    "DOWNLOAD_TIMEOUT": "10"}
LIVE_SOURCES = sorted(s.id for s in registry().values() if s.network == "live")


def crawl(source_id: str, data: Path, proxy: str, **kwargs: Any) -> tuple[CrawlRun, list[dict]]:
    """Crawl one source through the fixture proxy; the run and its manifest records."""
    settings = {**FIXTURE_SETTINGS, **kwargs.pop("settings", {})}
    run = run_crawl(source_id, data, proxy=proxy, settings=settings, timeout=120, **kwargs)
    with open(run.manifest, encoding="utf-8") as fh:
        return run, [json.loads(line) for line in fh]


def release_urls(records: list[dict]) -> set[str]:
    """URLs of the release pages a run requested."""
    return {r["url"] for r in records if r["role"] == "release"}
