"""Asset checks block bad data: a deliberately broken partition fails its extraction check
and its downstream assets never run; the failed run is recorded for source health."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import dagster as dg
import pytest

from pipelines.defs.checks import freshness_rows
from pipelines.defs.partitions import partition_key
from pipelines.defs.sensors import record_failures
from tests.conftest import local_pipeline, write_warc
from warehouse.db import connect

# Pages that fetch fine but hold no text: navigation and a footer only.
EMPTY_PAGE = b"<html><body><nav><a href='/'>Home</a></nav><footer>(c)</footer></body></html>"


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory, dagster_home):
    setup = local_pipeline(tmp_path_factory.mktemp("broken"), dagster_home)
    defs, crawler, instance = setup["defs"], setup["crawler"], setup["instance"]
    pages = [(f"http://shells.example.test/item/{i}.html", 200, EMPTY_PAGE) for i in range(4)]
    write_warc(crawler.inbox_dir / "broken.warc.gz", pages)
    key = partition_key("inbox")
    result = defs.resolve_job_def("ingest_source").execute_in_process(
        partition_key=str(key), instance=instance, raise_on_error=False)
    return {"defs": defs, "instance": instance, "result": result, "key": key,
            "warehouse": setup["warehouse"]}


def test_failing_extraction_check_blocks_downstream_assets(broken_run):
    result = broken_run["result"]
    assert not result.success
    [evaluation] = [e for e in result.get_asset_check_evaluations()
                    if e.check_name == "extraction_failure_rate"]
    assert not evaluation.passed
    assert evaluation.severity == dg.AssetCheckSeverity.ERROR
    assert evaluation.metadata["failure_rate"].value == 1.0
    materialised = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert materialised == {"raw_pages", "articles"}
    started = {e.step_key for e in result.all_events if e.is_step_start}
    assert started == {"raw_pages", "articles"}  # releases and the load never ran


def test_failed_run_is_recorded_for_source_health(broken_run):
    instance, run_id = broken_run["instance"], broken_run["result"].run_id
    run = instance.get_run_by_id(run_id)
    failure = instance.get_records_for_run(
        run_id, of_type=dg.DagsterEventType.RUN_FAILURE).records[0].event_log_entry.dagster_event
    context = dg.build_run_status_sensor_context(
        sensor_name="record_failures", dagster_instance=instance, dagster_run=run,
        dagster_event=failure).for_run_failure()
    request = record_failures(context)
    assert isinstance(request, dg.RunRequest) and request.run_key == run_id

    job = broken_run["defs"].resolve_job_def("record_run_failure")
    for _ in range(2):  # recording the same failure twice keeps one row
        assert job.execute_in_process(run_config=request.run_config, instance=instance).success
    con = connect(broken_run["warehouse"].path, read_only=True)
    try:
        rows = con.execute("SELECT run_id, job_name, partition_key, source_id, failed_steps, "
                           "message FROM run_failures").fetchall()
        health = dict(con.execute("SELECT source_id, status FROM source_health").fetchall())
        releases = con.execute("SELECT count(*) FROM releases").fetchone()[0]
    finally:
        con.close()
    [(rid, job_name, key, source, steps, message)] = rows
    assert (rid, job_name, key, source) == (run_id, "ingest_source", str(broken_run["key"]),
                                            "inbox")
    assert steps == ["articles"] and "extraction_failure_rate" in message
    assert releases == 0  # the broken partition never reached the warehouse
    assert health["inbox"] == "failing"


def test_freshness_window_follows_the_schedule():
    now = datetime(2026, 7, 1, 12, tzinfo=UTC)
    rows = {r["source"]: r for r in freshness_rows({
        "prwire": now - timedelta(minutes=90), "bizwire": now - timedelta(hours=3)}, now)}
    assert rows["prwire"]["fresh"] and rows["prwire"]["window_hours"] == 2.0
    assert not rows["bizwire"]["fresh"]
    assert not rows["globewire"]["fresh"] and rows["globewire"]["newest_release_seen"] == "never"
