-- version 6: near-duplicate detection. Signatures, LSH buckets and version chains are kept in
-- tables of their own, keyed by release_id / canonical_url, so a partition reload (which
-- deletes and re-inserts its releases) never loses them.

-- One row per release as last signed: its MinHash, facts and the story it was put in.
CREATE TABLE dedupe_signatures (
    release_id        VARCHAR PRIMARY KEY,
    source_id         VARCHAR NOT NULL,
    canonical_url     VARCHAR NOT NULL,
    content_hash      VARCHAR NOT NULL,          -- releases.content_hash when signed
    signature_version VARCHAR NOT NULL,
    shingles          INTEGER NOT NULL,          -- size of the word-shingle set
    exact_hash        BIGINT NOT NULL,           -- uint64 bits stored signed
    lead_hashes       BIGINT[] NOT NULL,         -- first sentences, 0 where absent
    minhash           BLOB NOT NULL,             -- uint32 x NUM_PERM, little-endian
    fact_minhash      BLOB NOT NULL,             -- uint32 x FACT_PERM
    facts             VARCHAR[] NOT NULL,        -- figures, names, quotes in order
    story_id          VARCHAR NOT NULL,
    linked_to         VARCHAR,                   -- the release it matched best
    method            VARCHAR NOT NULL,          -- first | exact | near | facts
    similarity        DOUBLE NOT NULL,
    title             VARCHAR,
    published_at      TIMESTAMPTZ,
    first_seen_at     TIMESTAMPTZ NOT NULL,
    signed_at         TIMESTAMPTZ NOT NULL
);

-- LSH bucket keys of every signed release (text bands, fact bands, lead sentences, exact).
CREATE TABLE dedupe_bands (
    key        UBIGINT NOT NULL,
    release_id VARCHAR NOT NULL
);

-- The version chain of a release: the same URL seen again with changed text.
CREATE TABLE release_versions (
    release_id    VARCHAR NOT NULL,
    canonical_url VARCHAR NOT NULL,
    version       INTEGER NOT NULL,
    content_hash  VARCHAR NOT NULL,
    body_main     VARCHAR,
    seen_at       TIMESTAMPTZ NOT NULL,          -- when this text was first seen
    changes       JSON,                          -- {"added": [...], "removed": [...]} vs previous
    PRIMARY KEY (release_id, version)
);

ALTER TABLE stories ADD COLUMN carrier_first_seen JSON;   -- {source_id: first_seen_at}
ALTER TABLE stories ADD COLUMN methods VARCHAR[];
ALTER TABLE story_members ADD COLUMN first_seen_at TIMESTAMPTZ;
ALTER TABLE story_members ADD COLUMN linked_to VARCHAR;
ALTER TABLE story_members ADD COLUMN versions INTEGER;
