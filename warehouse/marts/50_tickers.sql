-- mart_ticker_timeline: releases per ticker per UTC day, from releases.tickers.
CREATE OR REPLACE VIEW mart_ticker_timeline AS
WITH t AS (
    SELECT unnest(tickers) AS ticker, release_id, story_id, source_id, title, day, week,
           coalesce(published_at, first_seen_at) AS appeared_at
    FROM mart_releases
)
SELECT
    ticker,
    split_part(ticker, ':', 1) AS exchange,
    split_part(ticker, ':', 2) AS symbol,
    day,
    week,
    count(*) AS releases,
    count(DISTINCT coalesce(story_id, release_id)) AS stories,
    count(DISTINCT source_id) AS carriers,
    min(appeared_at) AS first_at,
    arg_min(title, appeared_at) AS first_title
FROM t
GROUP BY ALL;

COMMENT ON VIEW mart_ticker_timeline IS 'Ticker timeline: releases naming each ticker per UTC day.';
COMMENT ON COLUMN mart_ticker_timeline.ticker IS 'EXCHANGE:SYMBOL as parsed, e.g. NASDAQ:HGLB.';
COMMENT ON COLUMN mart_ticker_timeline.exchange IS 'Exchange part of the ticker.';
COMMENT ON COLUMN mart_ticker_timeline.symbol IS 'Symbol part of the ticker.';
COMMENT ON COLUMN mart_ticker_timeline.day IS 'UTC day of publication.';
COMMENT ON COLUMN mart_ticker_timeline.week IS 'Monday of the UTC week.';
COMMENT ON COLUMN mart_ticker_timeline.releases IS 'Releases naming the ticker that day (every carrier''s copy).';
COMMENT ON COLUMN mart_ticker_timeline.stories IS 'Distinct stories naming it (copies counted once).';
COMMENT ON COLUMN mart_ticker_timeline.carriers IS 'Distinct sources carrying them.';
COMMENT ON COLUMN mart_ticker_timeline.first_at IS 'Earliest appearance that day, UTC.';
COMMENT ON COLUMN mart_ticker_timeline.first_title IS 'Headline of the earliest release that day.';
