"""Materialise sources from Python (the demo, ``wiredesk run``, tests) as the UI would."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import dagster as dg

from pipelines.defs.partitions import partition_key

# Runs still log every event to the instance (the UI shows them); the terminal gets warnings.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def materialise_sources(
    defs: dg.Definitions,
    source_ids: Iterable[str],
    instance: dg.DagsterInstance,
    quiet: bool = True,
    day: date | datetime | str | None = None,
) -> dict[str, bool]:
    """Run the ingest job for each source's partition of ``day`` (today, UTC, by default);
    returns ``{source_id: success}``."""
    ingest = defs.resolve_job_def("ingest_source")
    results: dict[str, bool] = {}
    for source_id in source_ids:
        result = ingest.execute_in_process(
            partition_key=partition_key(source_id, day), instance=instance,
            run_config=QUIET if quiet else None, raise_on_error=False,
        )
        results[source_id] = result.success
    return results


def refresh_stories(defs: dg.Definitions, instance: dg.DagsterInstance, quiet: bool = True
                    ) -> bool:
    """Run the story refresh job; returns whether it succeeded."""
    job = defs.resolve_job_def("refresh_stories")
    run_config: Any = QUIET if quiet else None
    return job.execute_in_process(instance=instance, run_config=run_config,
                                  raise_on_error=False).success
