"""Schedules and sensors evaluated with Dagster's test helpers, and the inbox sensor
ingesting a WARC dropped into the inbox through clean → parse → load."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import dagster as dg
import pytest

from crawlers.registry import enabled_sources, registry
from pipelines.definitions import build_defs
from pipelines.defs.partitions import partition_key
from pipelines.defs.schedules import (
    DAILY_ISSUER,
    HOURLY,
    automation_status,
    schedule_period,
    source_cron,
)
from tests.conftest import inbox_release_pages, local_pipeline, write_warc
from warehouse.db import connect

TICK = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)


@pytest.fixture
def setup(tmp_path, dagster_home):
    return local_pipeline(tmp_path / "data", dagster_home)


def test_every_source_has_a_stopped_utc_schedule_for_its_day_partition(setup):
    defs = setup["defs"]
    for source in enabled_sources():
        schedule = defs.resolve_schedule_def(f"ingest_{source.id}")
        assert schedule.cron_schedule == source_cron(source)
        if source.kind == "issuer" and source.schedule == HOURLY:
            assert schedule.cron_schedule == DAILY_ISSUER
        assert schedule.execution_timezone == "UTC"
        assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED
        result = schedule.evaluate_tick(dg.build_schedule_context(
            scheduled_execution_time=TICK, repository_def=defs.get_repository_def()))
        [request] = result.run_requests
        assert request.partition_key == f"2026-07-01|{source.id}"
        assert request.run_key == f"{source.id}:{TICK.isoformat()}"
    daily = defs.resolve_schedule_def("refresh_stories_daily")
    assert daily.job_name == "refresh_stories" and daily.execution_timezone == "UTC"
    assert daily.default_status == dg.DefaultScheduleStatus.STOPPED


def test_schedule_windows_and_issuer_default():
    wire = next(iter(registry().values()))
    issuer = dataclasses.replace(wire, kind="issuer", schedule=HOURLY)
    assert source_cron(issuer) == DAILY_ISSUER
    assert source_cron(dataclasses.replace(issuer, schedule="0 */6 * * *")) == "0 */6 * * *"
    assert schedule_period("5 * * * *") == timedelta(hours=1)
    assert schedule_period("0 */6 * * *") == timedelta(hours=6)
    assert schedule_period(DAILY_ISSUER) == timedelta(days=1)
    assert schedule_period("0 8 * * 1") == timedelta(weeks=1)


def test_automation_is_started_by_config(monkeypatch):
    monkeypatch.delenv("WIREDESK_AUTOMATION", raising=False)
    assert automation_status() == dg.DefaultScheduleStatus.STOPPED
    monkeypatch.setenv("WIREDESK_AUTOMATION", "on")
    assert automation_status() == dg.DefaultScheduleStatus.RUNNING
    defs = build_defs()
    assert defs.resolve_schedule_def("ingest_prwire").default_status.value == "RUNNING"
    assert defs.resolve_sensor_def("inbox_warc").default_status.value == "RUNNING"


def test_inbox_sensor_ingests_a_dropped_warc(setup):
    defs, crawler, instance = setup["defs"], setup["crawler"], setup["instance"]
    sensor = defs.resolve_sensor_def("inbox_warc")
    context = dg.build_sensor_context(instance=instance, definitions=defs,
                                    resources={"crawler": crawler})
    assert sensor.evaluate_tick(context).skip_message.startswith("nothing waiting")

    write_warc(crawler.inbox_dir / "harbour.warc.gz", inbox_release_pages())
    [request] = sensor.evaluate_tick(
        dg.build_sensor_context(instance=instance, definitions=defs,
                                    resources={"crawler": crawler})).run_requests
    key = partition_key("inbox")
    assert request.partition_key == str(key)

    job = defs.resolve_job_def("ingest_source")
    for _ in range(2):  # materialising the partition again changes nothing
        result = job.execute_in_process(partition_key=request.partition_key, instance=instance,
                                        tags=request.tags, raise_on_error=False)
        assert result.success
        con = connect(setup["warehouse"].path, read_only=True)
        try:
            rels = con.execute("SELECT source_id, carrier, partition_key, dateline_city, title "
                               "FROM releases ORDER BY title").fetchall()
            pages = con.execute("SELECT reason, count(*) FROM pages GROUP BY 1").fetchall()
            warcs = con.execute("SELECT warc_files FROM crawl_runs").fetchall()
        finally:
            con.close()
        assert [r[4] for r in rels] == sorted(t[0] for t in (
            ("Coastal rail line to reopen after repairs",),
            ("Fishing cooperative opens market hall",),
            ("Harbour authority plans new berths for ferries",)))
        assert {r[:3] for r in rels} == {("inbox", "news.harbourtimes.test", str(key))}
        assert {r[3] for r in rels} == {"PORTWELL", "SALTMERE"} or all(r[3] for r in rels)
        assert dict(pages) == {None: 3, "http_404": 1}
        assert warcs == [([f"raw/inbox/{key.keys_by_dimension['day']}/harbour.warc.gz"],)]

    # The archive was claimed into the raw landing; the inbox is empty again.
    assert not list(crawler.inbox_dir.iterdir())
    context = dg.build_sensor_context(instance=instance, definitions=defs,
                                    resources={"crawler": crawler})
    assert sensor.evaluate_tick(context).skip_message.startswith("nothing waiting")
