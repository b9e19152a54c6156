-- version 3: rows know their Dagster partition; release structure, contacts and entities.

-- A partition's load replaces exactly the rows carrying its key.
ALTER TABLE pages ADD COLUMN partition_key VARCHAR;
ALTER TABLE articles ADD COLUMN partition_key VARCHAR;
ALTER TABLE releases ADD COLUMN partition_key VARCHAR;
UPDATE pages SET partition_key = source_id;
UPDATE articles SET partition_key = source_id;
UPDATE releases SET partition_key = source_id;

-- Release structure from the parse stage.
ALTER TABLE releases ADD COLUMN subheadline VARCHAR;
ALTER TABLE releases ADD COLUMN dateline_month_day VARCHAR;     -- "MM-DD" when printed
ALTER TABLE releases ADD COLUMN language VARCHAR;
ALTER TABLE releases ADD COLUMN boilerplate_kinds VARCHAR[];
ALTER TABLE releases ADD COLUMN parse_status VARCHAR;           -- ok | no_dateline | ...

-- Media and investor contacts printed in a release.
CREATE TABLE contacts (
    release_id     VARCHAR NOT NULL,
    partition_key  VARCHAR NOT NULL,
    position       INTEGER NOT NULL,             -- order in the release
    name           VARCHAR,
    organisation   VARCHAR,
    role           VARCHAR,
    email          VARCHAR,
    phone          VARCHAR,
    PRIMARY KEY (release_id, position)
);

-- Things releases mention: one row per distinct entity across the warehouse.
CREATE TABLE entities (
    entity_id      VARCHAR PRIMARY KEY,          -- stable: hash of kind + normalised key
    kind           VARCHAR NOT NULL,             -- organisation | person | country | city | ticker
    name           VARCHAR NOT NULL,             -- preferred display name
    acronym        VARCHAR,                      -- organisations: "ISSI"
    country        VARCHAR,                      -- ISO 3166-1 alpha-2 where it applies
    extra          JSON                          -- e.g. a person's title, a ticker's exchange
);

-- Each mention of an entity in a release, with its character span in body_main.
CREATE TABLE mentions (
    release_id     VARCHAR NOT NULL,
    partition_key  VARCHAR NOT NULL,
    entity_id      VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    surface        VARCHAR NOT NULL,             -- the text as printed
    start_offset   INTEGER NOT NULL,
    end_offset     INTEGER NOT NULL,
    title          VARCHAR,                      -- people: "Ambassador"
    role           VARCHAR,                      -- people: "Director General"
    role_org_id    VARCHAR,                      -- people: the organisation of that role
    PRIMARY KEY (release_id, start_offset, entity_id)
);
