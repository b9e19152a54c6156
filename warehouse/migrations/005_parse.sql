-- version 5: the dateline's printed time of day and zone, and tickers with their companies.
ALTER TABLE releases ADD COLUMN dateline_time VARCHAR;        -- "08:00" as printed, local
ALTER TABLE releases ADD COLUMN dateline_zone VARCHAR;        -- "ET", "PKT", ...
ALTER TABLE releases ADD COLUMN headline VARCHAR;
ALTER TABLE releases ADD COLUMN ticker_companies JSON;        -- [{ticker, exchange, symbol, company}]

COMMENT ON COLUMN releases.dateline_time IS 'Time of day printed in the dateline or the wire''s header line, local, "HH:MM"';
COMMENT ON COLUMN releases.dateline_zone IS 'Zone printed with that time ("ET", "PKT"); converted to UTC in published_at';
COMMENT ON COLUMN releases.headline IS 'The release''s headline (page title, or the first line before the dateline)';
COMMENT ON COLUMN releases.ticker_companies IS 'Tickers with exchange, symbol and the company the text names for them';
