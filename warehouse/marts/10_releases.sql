-- mart_releases: one row per release, its latest version, with its story.
-- Days and weeks are UTC calendar days whatever the session's TimeZone.
CREATE OR REPLACE VIEW mart_releases AS
WITH versions AS (
    -- narrow on purpose: the window sorts keys only, bodies are joined afterwards
    SELECT release_id,
           count(*) OVER (PARTITION BY source_id, canonical_url) AS versions,
           row_number() OVER (PARTITION BY source_id, canonical_url
                              ORDER BY first_seen_at DESC, release_id DESC) AS version_rank
    FROM releases
), membership AS (
    SELECT m.*, s.carriers, s.members, s.first_published_at AS story_first_published_at
    FROM story_members m JOIN stories s USING (story_id)
    QUALIFY row_number() OVER (PARTITION BY m.release_id
                               ORDER BY m.is_canonical DESC, m.similarity DESC) = 1
)
SELECT
    r.release_id,
    m.story_id,
    coalesce(m.is_canonical, true) AS is_canonical,
    coalesce(m.carriers, 1) AS story_carriers,
    coalesce(m.members, 1) AS story_members,
    m.lag_minutes,
    m.similarity,
    m.method AS match_method,
    r.source_id,
    r.carrier,
    r.agency,
    r.title,
    r.subheadline,
    r.lead,
    r.body_main,
    r.dateline_raw,
    r.dateline_city,
    r.dateline_region,
    r.dateline_country,
    r.dateline_date,
    coalesce(r.tickers, []::VARCHAR[]) AS tickers,
    r.language,
    r.published_at,
    r.published_offset,
    r.published_from,
    r.first_seen_at,
    date_diff('minute', r.published_at, r.first_seen_at) AS seen_after_minutes,
    CAST(timezone('UTC', coalesce(r.published_at, r.first_seen_at)) AS DATE) AS day,
    CAST(date_trunc('week', timezone('UTC', coalesce(r.published_at, r.first_seen_at)))
         AS DATE) AS week,
    r.canonical_url,
    v.versions,
    r.parse_status,
    r.run_id,
    r.warc_file,
    r.warc_offset,
    r.extractor_version,
    r.parser_version
FROM releases r
JOIN versions v USING (release_id)
LEFT JOIN membership m USING (release_id)
WHERE v.version_rank = 1;

COMMENT ON VIEW mart_releases IS 'One row per release (the latest version of each source''s canonical URL) with its story and whether it is the story''s canonical copy.';
COMMENT ON COLUMN mart_releases.release_id IS 'Release key (releases.release_id).';
COMMENT ON COLUMN mart_releases.story_id IS 'Story the release belongs to (stories.story_id); NULL until stories are refreshed.';
COMMENT ON COLUMN mart_releases.is_canonical IS 'Whether this copy is its story''s canonical copy (true when it has no story yet).';
COMMENT ON COLUMN mart_releases.story_carriers IS 'Distinct sources that carried the story (1 without a story).';
COMMENT ON COLUMN mart_releases.story_members IS 'Copies in the story (1 without a story).';
COMMENT ON COLUMN mart_releases.lag_minutes IS 'Minutes after the story''s first appearance that this copy appeared.';
COMMENT ON COLUMN mart_releases.similarity IS 'Similarity to the story''s canonical copy, 0-1.';
COMMENT ON COLUMN mart_releases.match_method IS 'How the copy joined its story (story_members.method).';
COMMENT ON COLUMN mart_releases.source_id IS 'Source that carried the release.';
COMMENT ON COLUMN mart_releases.carrier IS 'Name of the carrying site.';
COMMENT ON COLUMN mart_releases.agency IS 'Agency or wire named in the dateline.';
COMMENT ON COLUMN mart_releases.title IS 'Headline.';
COMMENT ON COLUMN mart_releases.subheadline IS 'Subheadline.';
COMMENT ON COLUMN mart_releases.lead IS 'First paragraph.';
COMMENT ON COLUMN mart_releases.body_main IS 'Body without boilerplate.';
COMMENT ON COLUMN mart_releases.dateline_raw IS 'Dateline as printed.';
COMMENT ON COLUMN mart_releases.dateline_city IS 'Dateline city.';
COMMENT ON COLUMN mart_releases.dateline_region IS 'Dateline state, province or region.';
COMMENT ON COLUMN mart_releases.dateline_country IS 'Dateline country.';
COMMENT ON COLUMN mart_releases.dateline_date IS 'Date printed in the dateline.';
COMMENT ON COLUMN mart_releases.tickers IS 'Tickers mentioned, EXCHANGE:SYMBOL (empty list if none).';
COMMENT ON COLUMN mart_releases.language IS 'Language, ISO 639-1.';
COMMENT ON COLUMN mart_releases.published_at IS 'Publication time, UTC.';
COMMENT ON COLUMN mart_releases.published_offset IS 'UTC offset the source printed.';
COMMENT ON COLUMN mart_releases.published_from IS 'Evidence for published_at: feed | page | dateline.';
COMMENT ON COLUMN mart_releases.first_seen_at IS 'First fetched by the crawl, UTC.';
COMMENT ON COLUMN mart_releases.seen_after_minutes IS 'Minutes from publication to first fetch (first_seen_at - published_at).';
COMMENT ON COLUMN mart_releases.day IS 'UTC day of publication (of first fetch if unpublished).';
COMMENT ON COLUMN mart_releases.week IS 'Monday of the UTC week of day.';
COMMENT ON COLUMN mart_releases.canonical_url IS 'Canonical URL on its source.';
COMMENT ON COLUMN mart_releases.versions IS 'Versions of this URL held in releases (1 if never changed).';
COMMENT ON COLUMN mart_releases.parse_status IS 'How the parse went.';
COMMENT ON COLUMN mart_releases.run_id IS 'Crawl run that fetched it.';
COMMENT ON COLUMN mart_releases.warc_file IS 'WARC file holding its page.';
COMMENT ON COLUMN mart_releases.warc_offset IS 'Offset of its page in the WARC file.';
COMMENT ON COLUMN mart_releases.extractor_version IS 'Body extractor version.';
COMMENT ON COLUMN mart_releases.parser_version IS 'Release parser version.';
