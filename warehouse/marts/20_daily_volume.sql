-- mart_daily_volume: releases per UTC day, source and dateline agency.
CREATE OR REPLACE VIEW mart_daily_volume AS
SELECT
    day,
    source_id,
    agency,
    count(*) AS releases,
    count(*) FILTER (WHERE is_canonical) AS canonical_releases,
    count(DISTINCT story_id) AS stories,
    count(*) FILTER (WHERE len(tickers) > 0) AS with_tickers,
    count(*) FILTER (WHERE dateline_raw IS NOT NULL) AS with_dateline
FROM mart_releases
GROUP BY day, source_id, agency;

COMMENT ON VIEW mart_daily_volume IS 'Release volume per UTC day, source and dateline agency.';
COMMENT ON COLUMN mart_daily_volume.day IS 'UTC day of publication.';
COMMENT ON COLUMN mart_daily_volume.source_id IS 'Source that carried the releases.';
COMMENT ON COLUMN mart_daily_volume.agency IS 'Agency or wire named in the dateline (NULL when none).';
COMMENT ON COLUMN mart_daily_volume.releases IS 'Releases carried.';
COMMENT ON COLUMN mart_daily_volume.canonical_releases IS 'Of those, canonical copies of their story (first or preferred carrier).';
COMMENT ON COLUMN mart_daily_volume.stories IS 'Distinct stories among them.';
COMMENT ON COLUMN mart_daily_volume.with_tickers IS 'Releases mentioning at least one ticker.';
COMMENT ON COLUMN mart_daily_volume.with_dateline IS 'Releases with a parsed dateline.';
