-- mart_entity_mentions: mentions per UTC week, entity, source and agency.
-- mart_co_mentions: organisations and countries named together in a release, per week.
CREATE OR REPLACE VIEW mart_entity_mentions AS
SELECT
    r.week,
    e.entity_id,
    e.kind,
    e.name,
    e.acronym,
    e.country,
    r.source_id,
    r.agency,
    count(*) AS mentions,
    count(DISTINCT r.release_id) AS releases,
    count(DISTINCT coalesce(r.story_id, r.release_id)) AS stories
FROM mentions m
JOIN entities e USING (entity_id)
JOIN mart_releases r USING (release_id)
GROUP BY ALL;

COMMENT ON VIEW mart_entity_mentions IS 'Entity mentions per UTC week, entity, source and dateline agency.';
COMMENT ON COLUMN mart_entity_mentions.week IS 'Monday of the UTC week of publication.';
COMMENT ON COLUMN mart_entity_mentions.entity_id IS 'Entity key (entities.entity_id).';
COMMENT ON COLUMN mart_entity_mentions.kind IS 'organisation | person | country | city | ticker.';
COMMENT ON COLUMN mart_entity_mentions.name IS 'Entity display name.';
COMMENT ON COLUMN mart_entity_mentions.acronym IS 'Organisation acronym.';
COMMENT ON COLUMN mart_entity_mentions.country IS 'Entity country, ISO 3166-1 alpha-2.';
COMMENT ON COLUMN mart_entity_mentions.source_id IS 'Source of the mentioning releases.';
COMMENT ON COLUMN mart_entity_mentions.agency IS 'Dateline agency of the mentioning releases.';
COMMENT ON COLUMN mart_entity_mentions.mentions IS 'Mentions (one release may mention an entity several times).';
COMMENT ON COLUMN mart_entity_mentions.releases IS 'Releases mentioning the entity.';
COMMENT ON COLUMN mart_entity_mentions.stories IS 'Distinct stories mentioning the entity (copies counted once).';

CREATE OR REPLACE VIEW mart_co_mentions AS
WITH present AS (
    SELECT DISTINCT m.release_id, m.entity_id
    FROM mentions m JOIN entities e USING (entity_id)
    WHERE e.kind IN ('organisation', 'country')
)
SELECT
    r.week,
    a.entity_id AS entity_a,
    ea.kind AS kind_a,
    ea.name AS name_a,
    b.entity_id AS entity_b,
    eb.kind AS kind_b,
    eb.name AS name_b,
    count(*) AS releases,
    count(DISTINCT coalesce(r.story_id, r.release_id)) AS stories
FROM present a
JOIN present b ON a.release_id = b.release_id AND a.entity_id < b.entity_id
JOIN entities ea ON ea.entity_id = a.entity_id
JOIN entities eb ON eb.entity_id = b.entity_id
JOIN mart_releases r ON r.release_id = a.release_id
GROUP BY ALL;

COMMENT ON VIEW mart_co_mentions IS 'Pairs of organisations and countries mentioned in the same release, per UTC week (each pair once, entity_a < entity_b).';
COMMENT ON COLUMN mart_co_mentions.week IS 'Monday of the UTC week of publication.';
COMMENT ON COLUMN mart_co_mentions.entity_a IS 'First entity of the pair (the smaller entity_id).';
COMMENT ON COLUMN mart_co_mentions.kind_a IS 'Kind of entity_a: organisation | country.';
COMMENT ON COLUMN mart_co_mentions.name_a IS 'Name of entity_a.';
COMMENT ON COLUMN mart_co_mentions.entity_b IS 'Second entity of the pair.';
COMMENT ON COLUMN mart_co_mentions.kind_b IS 'Kind of entity_b: organisation | country.';
COMMENT ON COLUMN mart_co_mentions.name_b IS 'Name of entity_b.';
COMMENT ON COLUMN mart_co_mentions.releases IS 'Releases mentioning both.';
COMMENT ON COLUMN mart_co_mentions.stories IS 'Distinct stories mentioning both (copies counted once).';
