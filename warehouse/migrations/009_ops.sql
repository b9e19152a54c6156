-- version 9: operations. Partitions are per source and UTC day ("2026-07-01|prwire");
-- failed Dagster runs are recorded; source_health summarises each source for operators.

-- Rows loaded under the earlier per-source keys move to the day their crawl started.
UPDATE crawl_runs SET partition_key = strftime(started_at, '%Y-%m-%d') || '|' || source_id
WHERE partition_key NOT LIKE '%|%' AND started_at IS NOT NULL;
UPDATE pages SET partition_key = c.partition_key FROM crawl_runs c
WHERE pages.run_id = c.run_id AND pages.partition_key NOT LIKE '%|%';
UPDATE releases SET partition_key = c.partition_key FROM crawl_runs c
WHERE releases.run_id = c.run_id AND releases.partition_key NOT LIKE '%|%';
UPDATE articles SET partition_key = p.partition_key FROM pages p
WHERE articles.page_id = p.page_id AND articles.partition_key NOT LIKE '%|%';
UPDATE mentions SET partition_key = r.partition_key FROM releases r
WHERE mentions.release_id = r.release_id AND mentions.partition_key NOT LIKE '%|%';
UPDATE contacts SET partition_key = r.partition_key FROM releases r
WHERE contacts.release_id = r.release_id AND contacts.partition_key NOT LIKE '%|%';

-- One row per failed Dagster run, written by the run-failure sensor's job.
CREATE TABLE run_failures (
    run_id         VARCHAR PRIMARY KEY,        -- the Dagster run that failed
    job_name       VARCHAR NOT NULL,
    partition_key  VARCHAR,                    -- "day|source" for ingest runs
    source_id      VARCHAR,
    failed_at      TIMESTAMPTZ NOT NULL,
    failed_steps   VARCHAR[],
    message        VARCHAR
);

-- Per source: its last crawl, what it found, and its recent failures.
CREATE VIEW source_health AS
WITH runs AS (
    SELECT source_id,
           max(started_at) AS last_crawl_at,
           arg_max(exit_code, started_at) AS last_exit_code,
           arg_max(release_pages, started_at) AS last_release_pages,
           arg_max(errors, started_at) AS last_errors,
           count(*) AS crawl_runs
    FROM crawl_runs GROUP BY source_id
), rel AS (
    SELECT source_id,
           count(*) AS releases,
           max(first_seen_at) AS newest_release_seen,
           count(*) FILTER (WHERE first_seen_at >= now() - INTERVAL 1 DAY) AS releases_24h
    FROM releases GROUP BY source_id
), fail AS (
    SELECT source_id,
           count(*) FILTER (WHERE failed_at >= now() - INTERVAL 7 DAY) AS failures_7d,
           max(failed_at) AS last_failure_at,
           arg_max(message, failed_at) AS last_failure
    FROM run_failures GROUP BY source_id
)
SELECT ids.source_id, s.name, s.kind, s.schedule, s.enabled,
       runs.last_crawl_at, runs.last_exit_code, runs.last_release_pages, runs.last_errors,
       coalesce(runs.crawl_runs, 0) AS crawl_runs,
       coalesce(rel.releases, 0) AS releases, rel.newest_release_seen,
       coalesce(rel.releases_24h, 0) AS releases_24h,
       coalesce(fail.failures_7d, 0) AS failures_7d, fail.last_failure_at, fail.last_failure,
       CASE
           WHEN fail.last_failure_at IS NOT NULL
                AND (runs.last_crawl_at IS NULL OR fail.last_failure_at > runs.last_crawl_at)
               THEN 'failing'
           WHEN runs.last_crawl_at IS NULL THEN 'never_crawled'
           WHEN runs.last_errors > 0 THEN 'degraded'
           ELSE 'ok'
       END AS status
FROM (SELECT source_id FROM sources
      UNION SELECT source_id FROM run_failures WHERE source_id IS NOT NULL) ids
LEFT JOIN sources s USING (source_id)
LEFT JOIN runs USING (source_id)
LEFT JOIN rel USING (source_id)
LEFT JOIN fail USING (source_id);

COMMENT ON TABLE run_failures IS 'One row per failed Dagster run, recorded by the run-failure sensor''s job.';
COMMENT ON COLUMN run_failures.run_id IS 'The Dagster run id of the failed run.';
COMMENT ON COLUMN run_failures.job_name IS 'The Dagster job that failed, e.g. ingest_source.';
COMMENT ON COLUMN run_failures.partition_key IS 'The run''s partition, "YYYY-MM-DD|source_id" for ingest runs; NULL if unpartitioned.';
COMMENT ON COLUMN run_failures.source_id IS 'The source of the failed partition; NULL for runs of no one source.';
COMMENT ON COLUMN run_failures.failed_at IS 'When the run ended (UTC).';
COMMENT ON COLUMN run_failures.failed_steps IS 'Keys of the steps that failed, e.g. articles.';
COMMENT ON COLUMN run_failures.message IS 'The run failure message and each failed step''s error (first 4000 characters).';

COMMENT ON VIEW source_health IS 'Per source: its last crawl, what it found, its recent failed runs, and a status (ok, degraded, failing, never_crawled).';
COMMENT ON COLUMN source_health.source_id IS 'The source (registry id, or inbox).';
COMMENT ON COLUMN source_health.name IS 'The source''s display name.';
COMMENT ON COLUMN source_health.kind IS 'wire, agency, issuer, outlet, or archive for the inbox.';
COMMENT ON COLUMN source_health.schedule IS 'The source''s cron schedule from the registry (UTC).';
COMMENT ON COLUMN source_health.enabled IS 'Whether the registry enables the source.';
COMMENT ON COLUMN source_health.last_crawl_at IS 'Start of the newest loaded crawl run (UTC).';
COMMENT ON COLUMN source_health.last_exit_code IS 'Exit code of the newest loaded crawl subprocess.';
COMMENT ON COLUMN source_health.last_release_pages IS 'Release pages the newest loaded crawl fetched.';
COMMENT ON COLUMN source_health.last_errors IS 'Release pages of the newest loaded crawl that were not usable.';
COMMENT ON COLUMN source_health.crawl_runs IS 'Loaded crawl runs of the source (one per day partition).';
COMMENT ON COLUMN source_health.releases IS 'Releases of the source in the warehouse.';
COMMENT ON COLUMN source_health.newest_release_seen IS 'When the newest release was first seen (UTC): freshness.';
COMMENT ON COLUMN source_health.releases_24h IS 'Releases first seen in the last 24 hours.';
COMMENT ON COLUMN source_health.failures_7d IS 'Failed Dagster runs of the source in the last 7 days.';
COMMENT ON COLUMN source_health.last_failure_at IS 'When the newest failed run ended (UTC).';
COMMENT ON COLUMN source_health.last_failure IS 'The newest failed run''s message.';
COMMENT ON COLUMN source_health.status IS 'failing (a failure after the last loaded crawl), never_crawled, degraded (last crawl had unusable pages) or ok.';
