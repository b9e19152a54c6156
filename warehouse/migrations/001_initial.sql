-- wiredesk warehouse, version 1: sources, crawl runs, pages, articles, releases, stories.
-- Timestamps are TIMESTAMPTZ in UTC; where a release printed its own offset, it is kept
-- beside it. Keys are stable: re-loading the same content gives the same ids.

CREATE TABLE sources (
    source_id      VARCHAR PRIMARY KEY,
    name           VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    agency         VARCHAR,
    country        VARCHAR,
    language       VARCHAR,
    timezone       VARCHAR,
    homepage       VARCHAR,
    network        VARCHAR,
    priority       INTEGER,
    schedule       VARCHAR,
    enabled        BOOLEAN
);

CREATE TABLE crawl_runs (
    run_id         VARCHAR PRIMARY KEY,
    source_id      VARCHAR NOT NULL,
    partition_key  VARCHAR NOT NULL,
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ,
    finish_reason  VARCHAR,
    exit_code      INTEGER,
    requests       INTEGER,
    responses      INTEGER,
    release_pages  INTEGER,
    errors         INTEGER,
    warc_files     VARCHAR[],
    stats          JSON
);

CREATE TABLE pages (
    page_id         VARCHAR PRIMARY KEY,
    source_id       VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    final_url       VARCHAR,
    canonical_url   VARCHAR,
    role            VARCHAR NOT NULL,          -- release | discovery
    discovered_via  VARCHAR,
    discovered_from VARCHAR,
    feed_published  VARCHAR,
    status          INTEGER,                   -- HTTP status; NULL if never fetched
    content_type    VARCHAR,
    encoding        VARCHAR,
    fetched_at      TIMESTAMPTZ,
    warc_file       VARCHAR,
    warc_offset     BIGINT,
    warc_length     BIGINT,
    sha256          VARCHAR,
    size            BIGINT,
    outcome         VARCHAR NOT NULL,          -- ok | error | skipped
    reason          VARCHAR                    -- why it is not ok, e.g. http_404, robots_disallowed
);

CREATE TABLE articles (
    article_id        VARCHAR PRIMARY KEY,
    page_id           VARCHAR NOT NULL,
    source_id         VARCHAR NOT NULL,
    url               VARCHAR NOT NULL,
    canonical_url     VARCHAR NOT NULL,
    title             VARCHAR,
    author            VARCHAR,
    page_date         VARCHAR,
    sitename          VARCHAR,
    language          VARCHAR,
    description       VARCHAR,
    body_text         VARCHAR NOT NULL,
    extractor         VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
);

CREATE TABLE releases (
    release_id        VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    source_id         VARCHAR NOT NULL,
    run_id            VARCHAR NOT NULL,
    canonical_url     VARCHAR NOT NULL,
    urls              VARCHAR[] NOT NULL,      -- every fetched URL collapsed into this release
    page_ids          VARCHAR[] NOT NULL,
    title             VARCHAR,
    dateline_raw      VARCHAR,
    dateline_location VARCHAR,
    dateline_city     VARCHAR,
    dateline_region   VARCHAR,
    dateline_country  VARCHAR,
    dateline_date     DATE,
    agency            VARCHAR,
    carrier           VARCHAR NOT NULL,        -- the site that carried it (source name)
    tickers           VARCHAR[],
    lead              VARCHAR,
    body_main         VARCHAR,
    boilerplate       VARCHAR,
    content_hash      VARCHAR NOT NULL,        -- hash of normalised body_main
    published_at      TIMESTAMPTZ,             -- UTC
    published_offset  VARCHAR,                 -- the offset the source printed, e.g. -04:00
    published_from    VARCHAR,                 -- which evidence won: feed | page | dateline
    first_seen_at     TIMESTAMPTZ NOT NULL,
    warc_file         VARCHAR,
    warc_offset       BIGINT,
    extractor_version VARCHAR,
    parser_version    VARCHAR
);

CREATE TABLE stories (
    story_id             VARCHAR PRIMARY KEY,
    canonical_release_id VARCHAR NOT NULL,
    title                VARCHAR,
    first_seen_at        TIMESTAMPTZ,
    first_published_at   TIMESTAMPTZ,
    carriers             INTEGER NOT NULL,
    members              INTEGER NOT NULL
);

CREATE TABLE story_members (
    story_id      VARCHAR NOT NULL,
    release_id    VARCHAR NOT NULL,
    source_id     VARCHAR NOT NULL,
    method        VARCHAR NOT NULL,            -- canonical | exact
    similarity    DOUBLE NOT NULL,
    is_canonical  BOOLEAN NOT NULL,
    lag_minutes   DOUBLE,
    PRIMARY KEY (story_id, release_id)
);
