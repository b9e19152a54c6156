"""The Dagster code location: ``dagster dev -m pipelines.definitions``.

Assets (``defs/assets.py``) are partitioned by source and UTC day
(``defs/partitions.py``); checks in ``defs/checks.py``; schedules as data from the source
registry (``defs/schedules.py``); the inbox and run-failure sensors (``defs/sensors.py``).
"""

from __future__ import annotations

import dagster as dg

from pipelines.defs.assets import (
    articles,
    raw_pages,
    releases,
    stories,
    warehouse_partition,
)
from pipelines.defs.checks import source_freshness
from pipelines.defs.resources import default_resources
from pipelines.defs.schedules import build_schedules
from pipelines.defs.sensors import build_inbox_sensor, record_failures, record_run_failure_job

ingest_job = dg.define_asset_job(
    "ingest_source",
    selection=dg.AssetSelection.assets(raw_pages, articles, releases, warehouse_partition)
    - dg.AssetSelection.checks(source_freshness),
    description="Crawl, clean, parse and load one source's day partition.",
    tags={"wiredesk/kind": "ingest"},
)
# Stories and whatever is built on them later (marts, search) refresh together, with the
# freshness check over the published copy.
stories_job = dg.define_asset_job(
    "refresh_stories",
    selection=dg.AssetSelection.assets(stories).downstream()
    | dg.AssetSelection.checks(source_freshness),
    description="Regroup releases into stories, refresh what depends on them, and check "
    "every source's freshness.",
    tags={"wiredesk/kind": "stories"},
)


def build_defs(resources: dict | None = None) -> dg.Definitions:
    """The definitions, with resources from the environment unless given."""
    return dg.Definitions(
        assets=[raw_pages, articles, releases, warehouse_partition, stories],
        asset_checks=[source_freshness],
        jobs=[ingest_job, stories_job, record_run_failure_job],
        schedules=build_schedules(ingest_job, stories_job),
        sensors=[build_inbox_sensor(ingest_job), record_failures],
        resources=resources or default_resources(),
    )


defs = build_defs()
