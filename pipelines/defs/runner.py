"""Materialise sources, then stories, from Python (the demo, ``wiredesk run``, tests) as
the UI would: :func:`launch` is the one way in.

These runs execute in the calling process and bypass Dagster's run queue (its per-source
and per-partition tag limits); the file locks apply to them (``pipelines.locks`` for the
crawl, ``warehouse.db.connect`` for the writer). Their steps do claim a slot of the
``duckdb_writer`` pool, and a process killed while holding one (SIGKILL, OOM) would keep it
for good: nothing frees the slots of a run nobody marks finished, so every later writer
would wait forever. Each run is therefore tagged with its process, and before each run the
runner marks failed the runs of this host whose process is gone, freeing their slots.

``python -m pipelines.defs.runner --sources prwire,bizwire [--stories]`` runs them in a
process of its own, with resources from the environment (``WIREDESK_*``) and the instance
of ``$DAGSTER_HOME``: the crash tests kill that process at chosen points.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

import dagster as dg

from pipelines.defs.partitions import partition_key

# Runs still log every event to the instance (the UI shows them); the terminal gets warnings.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
PID_TAG, HOST_TAG, START_TAG = "wiredesk/pid", "wiredesk/host", "wiredesk/pid_start"
STORIES = "stories"  # the story refresh's name among :func:`launch`'s outcomes


def _process_start(pid: int) -> str | None:
    """When a process started (clock ticks since boot; Linux), to tell a reused pid apart."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def process_tags() -> dict[str, str]:
    """Tags naming the process a run executes in."""
    pid = os.getpid()
    return {PID_TAG: str(pid), HOST_TAG: socket.gethostname(),
            START_TAG: _process_start(pid) or ""}


def _alive(tags: dict[str, str]) -> bool:
    pid = int(tags[PID_TAG])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not tags.get(START_TAG) or _process_start(pid) == tags[START_TAG]


def reap_dead_runs(instance: dg.DagsterInstance) -> list[str]:
    """Mark failed the unfinished runs started by this host's runner whose process is
    gone, and free every pool slot they (or finished runs) still hold; returns their ids."""
    from dagster._core.storage.dagster_run import FINISHED_STATUSES

    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits:
        return []
    reaped = []
    for run_id in sorted(storage.get_concurrency_run_ids()):
        run = instance.get_run_by_id(run_id)
        if run is not None and run.status not in FINISHED_STATUSES:
            if (PID_TAG not in run.tags or run.tags.get(HOST_TAG) != socket.gethostname()
                    or _alive(run.tags)):
                continue  # alive, or launched by the daemon, which watches it
            instance.report_run_failed(run, message=f"run process {run.tags[PID_TAG]} died "
                                       "(killed) without finishing; its pool slots are freed")
            reaped.append(run_id)
        storage.free_concurrency_slots_for_run(run_id)
    return reaped


def step_errors(result: dg.ExecuteInProcessResult) -> list[str]:
    """``step: message`` of every failed step of a run: the error that failed it, under
    Dagster's wrappers."""
    out = []
    for event in result.all_events:
        if not (event.is_step_failure and event.step_failure_data
                and event.step_failure_data.error):
            continue
        error = event.step_failure_data.error
        while error.cause is not None and (error.cls_name or "").startswith("Dagster"):
            error = error.cause
        out.append(f"{event.step_key}: {error.message.strip()}")
    return out


def _execute(defs: dg.Definitions, job: str, instance: dg.DagsterInstance, quiet: bool,
             partition: str | None = None) -> dg.ExecuteInProcessResult:
    """Run ``job`` in this process (after reaping dead runs), tagged with the process."""
    reap_dead_runs(instance)
    return defs.resolve_job_def(job).execute_in_process(
        partition_key=partition, instance=instance, run_config=QUIET if quiet else None,
        raise_on_error=False, tags=process_tags(),
    )


@dataclass(frozen=True)
class Outcome:
    """How one run of :func:`launch` ended: success, and ``step: message`` per failed step."""

    success: bool
    errors: list[str] = field(default_factory=list)


def instance_from_env() -> dg.DagsterInstance:
    """The persistent instance of ``$DAGSTER_HOME``; without it, an ephemeral one (runs are
    then not kept)."""
    from dagster._core.errors import DagsterHomeNotSetError

    try:
        return dg.DagsterInstance.get()
    except DagsterHomeNotSetError:
        return dg.DagsterInstance.ephemeral()


def launch(
    defs: dg.Definitions,
    sources: Iterable[str] = (),
    *,
    stories: bool = True,
    instance: dg.DagsterInstance | None = None,
    day: date | datetime | str | None = None,
    quiet: bool = True,
    stop_on_failure: bool = False,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Outcome]:
    """Materialise sources, then stories: the one launcher of the demo, ``wiredesk run``,
    ``python -m pipelines.defs.runner`` and the tests.

    Runs the ingest job for each source's partition of ``day`` (today, UTC, by default),
    in order, then (if ``stories``) the story refresh, unless every source failed. With
    ``stop_on_failure`` the first failed source ends the launch. ``progress`` is told the
    name of each run before it starts. ``instance`` defaults to :func:`instance_from_env`.
    Returns ``{source_id | "stories": Outcome}``.
    """
    instance = instance or instance_from_env()
    outcomes: dict[str, Outcome] = {}
    for source_id in sources:
        if progress:
            progress(source_id)
        result = _execute(defs, "ingest_source", instance, quiet, partition_key(source_id, day))
        outcomes[source_id] = Outcome(result.success, step_errors(result))
        if stop_on_failure and not result.success:
            return outcomes
    if stories and (not outcomes or any(o.success for o in outcomes.values())):
        if progress:
            progress(STORIES)
        result = _execute(defs, "refresh_stories", instance, quiet)
        outcomes[STORIES] = Outcome(result.success, step_errors(result))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    """Materialise the given sources (then the stories) and print one JSON line of
    ``{name: {"success": bool, "errors": [...]}}``; exit 1 if anything failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", required=True, help="comma-separated source ids")
    parser.add_argument("--day", default=None, help="UTC day (default today)")
    parser.add_argument("--stories", action="store_true", help="then refresh the stories")
    args = parser.parse_args(argv)
    from pipelines.definitions import build_defs

    outcomes = launch(build_defs(), filter(None, args.sources.split(",")),
                      stories=args.stories, instance=dg.DagsterInstance.get(), day=args.day)
    print(json.dumps({name: asdict(o) for name, o in outcomes.items()}), flush=True)
    return 0 if all(o.success for o in outcomes.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
