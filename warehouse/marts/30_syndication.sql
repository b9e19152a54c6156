-- mart_syndication: one row per carrier of a story, in the order the copies appeared.
CREATE OR REPLACE VIEW mart_syndication AS
WITH copies AS (
    SELECT
        m.story_id, s.title, s.carriers, s.members, s.first_published_at,
        m.source_id, m.release_id, m.is_canonical, m.method, m.similarity,
        coalesce(m.lag_minutes, 0) AS lag_minutes,
        coalesce(r.published_at, r.first_seen_at) AS appeared_at
    FROM story_members m
    JOIN stories s USING (story_id)
    JOIN releases r USING (release_id)
)
SELECT
    story_id,
    title,
    carriers,
    members,
    row_number() OVER (PARTITION BY story_id
                       ORDER BY lag_minutes, appeared_at, is_canonical DESC, source_id)
        AS carry_order,
    first(source_id ORDER BY lag_minutes, appeared_at, is_canonical DESC, source_id)
        OVER (PARTITION BY story_id) AS first_source,
    source_id,
    release_id,
    is_canonical,
    method,
    similarity,
    appeared_at,
    lag_minutes,
    max(lag_minutes) OVER (PARTITION BY story_id) AS story_max_lag_minutes
FROM copies;

COMMENT ON VIEW mart_syndication IS 'Syndication: each copy of each story, which carrier was first and how far behind each other carrier was.';
COMMENT ON COLUMN mart_syndication.story_id IS 'Story key.';
COMMENT ON COLUMN mart_syndication.title IS 'Headline of the story''s canonical copy.';
COMMENT ON COLUMN mart_syndication.carriers IS 'Distinct sources carrying the story.';
COMMENT ON COLUMN mart_syndication.members IS 'Copies in the story.';
COMMENT ON COLUMN mart_syndication.carry_order IS '1 for the copy that appeared first, then 2, 3, ... by lag.';
COMMENT ON COLUMN mart_syndication.first_source IS 'Source that carried the story first.';
COMMENT ON COLUMN mart_syndication.source_id IS 'Source of this copy.';
COMMENT ON COLUMN mart_syndication.release_id IS 'This copy (releases.release_id).';
COMMENT ON COLUMN mart_syndication.is_canonical IS 'Whether this copy is the story''s canonical copy.';
COMMENT ON COLUMN mart_syndication.method IS 'How this copy joined the story.';
COMMENT ON COLUMN mart_syndication.similarity IS 'Similarity to the canonical copy, 0-1.';
COMMENT ON COLUMN mart_syndication.appeared_at IS 'When this copy was published (first fetched if no date), UTC.';
COMMENT ON COLUMN mart_syndication.lag_minutes IS 'Minutes behind the first carrier (0 for the first).';
COMMENT ON COLUMN mart_syndication.story_max_lag_minutes IS 'Lag of the story''s last carrier.';
