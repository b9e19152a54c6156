"""Schedules as data: one per registry source from its cron, and a daily story refresh.

Every schedule runs on UTC (``TIMEZONE``) and targets the UTC day partition of its tick,
and all ship stopped: start them in the UI (Automation), or set ``WIREDESK_AUTOMATION=on``
to have every schedule and sensor start running when the code location loads.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import dagster as dg

from crawlers.registry import Source, registry
from pipelines.defs.partitions import TIMEZONE, partition_key

HOURLY = "0 * * * *"  # the registry's default schedule
DAILY_ISSUER = "30 6 * * *"  # issuers publish a few releases a day
STORIES_CRON = "55 23 * * *"  # regroup stories (and marts) as the UTC day closes


def automation_status() -> dg.DefaultScheduleStatus:
    """STOPPED unless ``WIREDESK_AUTOMATION`` is ``on``/``1``/``true``."""
    on = os.environ.get("WIREDESK_AUTOMATION", "").lower() in ("1", "on", "true", "yes")
    return dg.DefaultScheduleStatus.RUNNING if on else dg.DefaultScheduleStatus.STOPPED


def sensor_status() -> dg.DefaultSensorStatus:
    """The inbox sensor's default status, following ``WIREDESK_AUTOMATION`` likewise."""
    running = automation_status() == dg.DefaultScheduleStatus.RUNNING
    return dg.DefaultSensorStatus.RUNNING if running else dg.DefaultSensorStatus.STOPPED


def source_cron(source: Source) -> str:
    """The source's cron; an issuer left on the registry's hourly default runs daily."""
    if source.kind == "issuer" and source.schedule == HOURLY:
        return DAILY_ISSUER
    return source.schedule


def schedule_period(cron: str) -> timedelta:
    """The longest gap between ticks of a simple cron: hourly, daily or weekly."""
    fields = cron.split()
    if len(fields) != 5:
        raise ValueError(f"not a five-field cron: {cron!r}")
    minute, hour, dom, month, dow = fields
    if hour == "*" or hour.startswith("*/"):
        step = int(hour[2:]) if hour.startswith("*/") else 1
        return timedelta(hours=step)
    if dom == "*" and month == "*" and dow == "*":
        return timedelta(days=1)
    if dom == "*" and month == "*":
        return timedelta(weeks=1)
    return timedelta(days=31)


def source_schedule(source: Source, job: Any
                    ) -> dg.ScheduleDefinition:
    """A schedule that crawls one source into the UTC day partition of each tick."""

    @dg.schedule(name=f"ingest_{source.id}", cron_schedule=source_cron(source), job=job,
                 execution_timezone=TIMEZONE, default_status=automation_status(),
                 description=f"Crawl {source.name} ({source_cron(source)}, {TIMEZONE}) into "
                 "the day partition of the tick.", tags={"wiredesk/source": source.id})
    def _schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
        tick = context.scheduled_execution_time
        key = partition_key(source.id, tick)
        return dg.RunRequest(run_key=f"{source.id}:{tick.isoformat() if tick else key}",
                             partition_key=key)

    return _schedule


def build_schedules(ingest_job: Any,
                    stories_job: Any) -> list:
    """Every enabled registry source's schedule and the daily story refresh."""
    schedules: list = [source_schedule(s, ingest_job) for s in registry().values() if s.enabled]
    schedules.append(dg.ScheduleDefinition(
        name="refresh_stories_daily", job=stories_job, cron_schedule=STORIES_CRON,
        execution_timezone=TIMEZONE, default_status=automation_status(),
        description="Regroup every release into stories, refresh what depends on them and "
        "check source freshness, as the UTC day closes."))
    return schedules
