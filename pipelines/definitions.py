"""The Dagster code location: ``dagster dev -m pipelines.definitions``."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.assets import (
    articles,
    raw_pages,
    releases,
    stories,
    warehouse_partition,
)
from pipelines.defs.resources import default_resources

ingest_job = dg.define_asset_job(
    "ingest_source",
    selection=[raw_pages, articles, releases, warehouse_partition],
    description="Crawl, clean, parse and load one source partition.",
)
stories_job = dg.define_asset_job(
    "refresh_stories", selection=[stories], description="Regroup releases into stories."
)


def build_defs(resources: dict | None = None) -> dg.Definitions:
    """The definitions, with resources from the environment unless given."""
    return dg.Definitions(
        assets=[raw_pages, articles, releases, warehouse_partition, stories],
        jobs=[ingest_job, stories_job],
        resources=resources or default_resources(),
    )


defs = build_defs()
