"""Sensors: archives dropped into the inbox are ingested; failed runs are recorded in the
warehouse (``run_failures``, summarised by the ``source_health`` view)."""

import hashlib
from datetime import UTC, datetime
from typing import Any

import dagster as dg

from pipelines.defs.assets import WRITER_POOL
from pipelines.defs.partitions import INBOX, partition_key
from pipelines.defs.resources import CrawlerResource, WarehouseResource
from pipelines.defs.schedules import sensor_status
from pipelines.inbox import pending, symlinks
from warehouse.load import record_run_failure
from warehouse.publish import publish

RECORD_JOB = "record_run_failure"
RECORD_OP = "write_run_failure"


def inbox_fingerprint(crawler: CrawlerResource) -> tuple[list[str], str]:
    """The waiting archives' names and a fingerprint of them (name, size, mtime)."""
    files = pending(crawler.inbox_dir) + symlinks(crawler.inbox_dir)  # links: to refuse
    digest = hashlib.sha256()
    for f in files:
        st = f.lstat()  # a symlink (to refuse) may point nowhere
        digest.update(f"{f.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return [f.name for f in files], digest.hexdigest()[:16]


def build_inbox_sensor(job: Any) -> dg.SensorDefinition:
    """A sensor that ingests the inbox's waiting WARC files into today's inbox partition."""

    @dg.sensor(name="inbox_warc", job=job, minimum_interval_seconds=30,
               default_status=sensor_status(),
               description="WARC files dropped into <data>/inbox/ (write them elsewhere and "
               "move them in) are claimed into raw/inbox/<day>/ and go through clean, "
               "parse and load as today's inbox partition.")
    def inbox_warc(context: dg.SensorEvaluationContext, crawler: CrawlerResource):
        names, fingerprint = inbox_fingerprint(crawler)
        if not names:
            return dg.SkipReason(f"nothing waiting in {crawler.inbox_dir}")
        key = partition_key(INBOX)
        context.log.info(f"{len(names)} archive(s) waiting: {', '.join(names)}")
        return dg.RunRequest(run_key=f"inbox:{fingerprint}", partition_key=key,
                             tags={"wiredesk/inbox_files": ",".join(names)[:1000]})

    return inbox_warc


class FailureConfig(dg.Config):
    """One failed run, as the run-failure sensor saw it."""

    run_id: str
    job_name: str
    partition_key: str | None = None
    source_id: str | None = None
    failed_at: str
    failed_steps: list[str] = []
    message: str = ""


@dg.op(name=RECORD_OP, pool=WRITER_POOL,
       description="Write one failed run into the warehouse's run_failures table.")
def record_run_failure_op(config: FailureConfig, warehouse: WarehouseResource) -> None:
    row = {**config.model_dump(), "failed_at": datetime.fromisoformat(config.failed_at)}
    with warehouse.connect() as con:
        record_run_failure(con, row)
        publish(warehouse.path, con)


@dg.job(name=RECORD_JOB, description="Record a failed run for the source-health view.",
        tags={"wiredesk/kind": "ops"})
def record_run_failure_job() -> None:
    record_run_failure_op()


def failed_at(context: dg.RunFailureSensorContext) -> datetime:
    """When the run ended (its record's end time), else now."""
    record = context.instance.get_run_record_by_id(context.dagster_run.run_id)
    end = record.end_time if record else None
    return datetime.fromtimestamp(end, UTC) if end else datetime.now(UTC)


def failure_request(context: dg.RunFailureSensorContext) -> dg.RunRequest | dg.SkipReason:
    """The run request that records ``context``'s failed run (none for the recorder)."""
    run = context.dagster_run
    if run.job_name == RECORD_JOB:
        return dg.SkipReason("a failed failure recorder is not recorded again")
    steps = [e.step_key for e in context.get_step_failure_events() if e.step_key]
    errors = [e.event_specific_data.error.message.strip()  # type: ignore[union-attr]
              for e in context.get_step_failure_events()
              if e.event_specific_data and getattr(e.event_specific_data, "error", None)]
    message = "\n".join([context.failure_event.message or "", *errors])[:4000]
    config = FailureConfig(
        run_id=run.run_id, job_name=run.job_name,
        partition_key=run.tags.get("dagster/partition"),
        source_id=run.tags.get("dagster/partition/source"),
        failed_at=failed_at(context).isoformat(),
        failed_steps=steps, message=message)
    return dg.RunRequest(run_key=run.run_id,
                         run_config={"ops": {RECORD_OP: {"config": config.model_dump()}}})


@dg.run_failure_sensor(name="record_failures", request_job=record_run_failure_job,
                       default_status=dg.DefaultSensorStatus.RUNNING,
                       description="Record every failed run (job, partition, source, failed "
                       "steps, error) in the warehouse's run_failures table.")
def record_failures(context: dg.RunFailureSensorContext):
    return failure_request(context)
