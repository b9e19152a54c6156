-- mart_source_runs: one row per crawl run, with fetches, errors and release yield.
-- mart_source_health: one row per configured source, its last run and freshness.
CREATE OR REPLACE VIEW mart_source_runs AS
WITH p AS (
    SELECT run_id,
           count(*) FILTER (WHERE status IS NOT NULL) AS fetches,
           count(*) FILTER (WHERE role = 'release') AS release_pages,
           count(*) FILTER (WHERE role = 'release' AND outcome = 'ok') AS release_pages_ok,
           count(*) FILTER (WHERE outcome = 'error') AS errors,
           count(*) FILTER (WHERE outcome = 'skipped') AS skipped,
           count(*) FILTER (WHERE status >= 500) AS server_errors
    FROM pages GROUP BY run_id
), r AS (
    SELECT run_id, count(*) AS releases FROM releases GROUP BY run_id
)
SELECT
    c.run_id,
    c.source_id,
    c.started_at,
    c.finished_at,
    date_diff('millisecond', c.started_at, c.finished_at) / 1000.0 AS duration_s,
    c.finish_reason,
    c.exit_code,
    c.requests,
    c.responses,
    coalesce(p.fetches, 0) AS fetches,
    coalesce(p.release_pages, 0) AS release_pages,
    coalesce(p.release_pages_ok, 0) AS release_pages_ok,
    coalesce(p.errors, 0) AS errors,
    coalesce(p.skipped, 0) AS skipped,
    coalesce(p.server_errors, 0) AS server_errors,
    coalesce(r.releases, 0) AS releases,
    round(coalesce(p.errors, 0) / nullif(p.fetches, 0), 4) AS error_rate,
    round(coalesce(r.releases, 0) / nullif(p.release_pages, 0), 4) AS yield
FROM crawl_runs c
LEFT JOIN p USING (run_id)
LEFT JOIN r USING (run_id);

COMMENT ON VIEW mart_source_runs IS 'Crawl runs with their fetches, errors and yield (releases per release page).';
COMMENT ON COLUMN mart_source_runs.run_id IS 'Crawl run key.';
COMMENT ON COLUMN mart_source_runs.source_id IS 'Crawled source.';
COMMENT ON COLUMN mart_source_runs.started_at IS 'Run start, UTC.';
COMMENT ON COLUMN mart_source_runs.finished_at IS 'Run end, UTC.';
COMMENT ON COLUMN mart_source_runs.duration_s IS 'Run duration in seconds.';
COMMENT ON COLUMN mart_source_runs.finish_reason IS 'Scrapy finish reason.';
COMMENT ON COLUMN mart_source_runs.exit_code IS 'Exit code of the crawl subprocess.';
COMMENT ON COLUMN mart_source_runs.requests IS 'HTTP requests sent.';
COMMENT ON COLUMN mart_source_runs.responses IS 'HTTP responses received.';
COMMENT ON COLUMN mart_source_runs.fetches IS 'Pages with an HTTP response (feeds, sitemaps, listings and releases).';
COMMENT ON COLUMN mart_source_runs.release_pages IS 'Release pages attempted.';
COMMENT ON COLUMN mart_source_runs.release_pages_ok IS 'Release pages that yielded text.';
COMMENT ON COLUMN mart_source_runs.errors IS 'Pages with outcome error (bad status, truncated, empty, unreadable feed ...).';
COMMENT ON COLUMN mart_source_runs.skipped IS 'Pages not fetched on purpose (robots.txt, off-site).';
COMMENT ON COLUMN mart_source_runs.server_errors IS 'Pages whose final status was 5xx.';
COMMENT ON COLUMN mart_source_runs.releases IS 'Releases loaded from the run.';
COMMENT ON COLUMN mart_source_runs.error_rate IS 'errors / fetches.';
COMMENT ON COLUMN mart_source_runs.yield IS 'releases / release_pages: the share of release pages that became releases.';

CREATE OR REPLACE VIEW mart_source_health AS
WITH last_run AS (
    SELECT * FROM mart_source_runs
    QUALIFY row_number() OVER (PARTITION BY source_id
                               ORDER BY finished_at DESC NULLS LAST, run_id DESC) = 1
), runs AS (
    SELECT source_id, count(*) AS runs, sum(fetches) AS fetches, sum(errors) AS errors
    FROM mart_source_runs GROUP BY source_id
), rel AS (
    SELECT source_id, count(*) AS releases, max(published_at) AS newest_published_at,
           max(first_seen_at) AS newest_seen_at
    FROM releases GROUP BY source_id
)
SELECT
    s.source_id,
    s.name,
    s.kind,
    s.network,
    s.enabled,
    s.schedule,
    coalesce(runs.runs, 0) AS runs,
    l.run_id AS last_run_id,
    l.started_at AS last_started_at,
    l.finished_at AS last_finished_at,
    l.finish_reason AS last_finish_reason,
    l.exit_code AS last_exit_code,
    coalesce(runs.fetches, 0) AS fetches,
    coalesce(runs.errors, 0) AS errors,
    round(runs.errors / nullif(runs.fetches, 0), 4) AS error_rate,
    l.yield AS last_yield,
    coalesce(rel.releases, 0) AS releases,
    rel.newest_published_at,
    rel.newest_seen_at,
    round(date_diff('second', l.finished_at, now()) / 3600.0, 2) AS hours_since_last_run,
    round(date_diff('second', rel.newest_published_at, now()) / 3600.0, 2)
        AS hours_since_newest_release,
    CASE
        WHEN l.run_id IS NULL THEN 'never_run'
        WHEN l.exit_code <> 0 OR l.yield = 0 THEN 'failing'
        WHEN l.error_rate > 0.5 THEN 'degraded'
        WHEN date_diff('hour', l.finished_at, now()) > 48 THEN 'stale'
        ELSE 'ok'
    END AS health
FROM sources s
LEFT JOIN last_run l USING (source_id)
LEFT JOIN runs USING (source_id)
LEFT JOIN rel USING (source_id);

COMMENT ON VIEW mart_source_health IS 'Source health: every configured source with its last run, fetches, errors, yield and freshness.';
COMMENT ON COLUMN mart_source_health.source_id IS 'Source key.';
COMMENT ON COLUMN mart_source_health.name IS 'Source name.';
COMMENT ON COLUMN mart_source_health.kind IS 'wire | agency | issuer | outlet.';
COMMENT ON COLUMN mart_source_health.network IS 'live | simulated.';
COMMENT ON COLUMN mart_source_health.enabled IS 'Whether it is crawled on schedule.';
COMMENT ON COLUMN mart_source_health.schedule IS 'Cron schedule.';
COMMENT ON COLUMN mart_source_health.runs IS 'Crawl runs held in crawl_runs.';
COMMENT ON COLUMN mart_source_health.last_run_id IS 'The latest run.';
COMMENT ON COLUMN mart_source_health.last_started_at IS 'Start of the latest run, UTC.';
COMMENT ON COLUMN mart_source_health.last_finished_at IS 'End of the latest run, UTC.';
COMMENT ON COLUMN mart_source_health.last_finish_reason IS 'Scrapy finish reason of the latest run.';
COMMENT ON COLUMN mart_source_health.last_exit_code IS 'Exit code of the latest run.';
COMMENT ON COLUMN mart_source_health.fetches IS 'Pages fetched over the runs held.';
COMMENT ON COLUMN mart_source_health.errors IS 'Pages with outcome error over the runs held.';
COMMENT ON COLUMN mart_source_health.error_rate IS 'errors / fetches.';
COMMENT ON COLUMN mart_source_health.last_yield IS 'Yield of the latest run: releases / release pages.';
COMMENT ON COLUMN mart_source_health.releases IS 'Releases held for the source.';
COMMENT ON COLUMN mart_source_health.newest_published_at IS 'Newest publication time among its releases, UTC.';
COMMENT ON COLUMN mart_source_health.newest_seen_at IS 'Newest first fetch among its releases, UTC.';
COMMENT ON COLUMN mart_source_health.hours_since_last_run IS 'Hours since the latest run finished.';
COMMENT ON COLUMN mart_source_health.hours_since_newest_release IS 'Hours since its newest release was published (freshness).';
COMMENT ON COLUMN mart_source_health.health IS 'never_run | failing (non-zero exit or no releases) | degraded (over half the fetches failed) | stale (no run in 48 h) | ok.';
