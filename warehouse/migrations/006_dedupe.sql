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

COMMENT ON TABLE dedupe_signatures IS 'Near-duplicate signature of every release as last signed, and the story it was put in; kept across partition reloads.';
COMMENT ON COLUMN dedupe_signatures.release_id IS 'releases.release_id.';
COMMENT ON COLUMN dedupe_signatures.source_id IS 'Carrier of the release: sources.source_id.';
COMMENT ON COLUMN dedupe_signatures.canonical_url IS 'Canonical URL of the release.';
COMMENT ON COLUMN dedupe_signatures.content_hash IS 'releases.content_hash when signed; a different hash later means a new version.';
COMMENT ON COLUMN dedupe_signatures.signature_version IS 'Library, shingle size and MinHash sizes the signature was computed with.';
COMMENT ON COLUMN dedupe_signatures.shingles IS 'Number of distinct 5-word shingles of the body.';
COMMENT ON COLUMN dedupe_signatures.exact_hash IS 'Hash of the normalised body words (uint64 bits stored as BIGINT).';
COMMENT ON COLUMN dedupe_signatures.lead_hashes IS 'Hashes of the body''s first 24 and next 24 words (0 when shorter).';
COMMENT ON COLUMN dedupe_signatures.minhash IS 'MinHash of the body''s word shingles: 128 little-endian uint32 (rensa).';
COMMENT ON COLUMN dedupe_signatures.fact_minhash IS 'MinHash of the fact tokens: 48 little-endian uint32.';
COMMENT ON COLUMN dedupe_signatures.facts IS 'Figures (n:), dates (d:), years (y:), names (e:) and quotes (q:) in text order.';
COMMENT ON COLUMN dedupe_signatures.story_id IS 'The story the release belongs to: stories.story_id.';
COMMENT ON COLUMN dedupe_signatures.linked_to IS 'The release it matched best when it joined (NULL for a story''s first release).';
COMMENT ON COLUMN dedupe_signatures.method IS 'How it joined: first | exact | near (shingles and facts) | facts (rewritten copy).';
COMMENT ON COLUMN dedupe_signatures.similarity IS 'Score of that match: shingle containment (near), fact overlap (facts), 1 (exact, first).';
COMMENT ON COLUMN dedupe_signatures.title IS 'Headline when signed.';
COMMENT ON COLUMN dedupe_signatures.published_at IS 'Publication time when signed (UTC).';
COMMENT ON COLUMN dedupe_signatures.first_seen_at IS 'When the release was first fetched (UTC).';
COMMENT ON COLUMN dedupe_signatures.signed_at IS 'When the signature was computed (UTC).';
COMMENT ON TABLE dedupe_bands IS 'LSH bucket keys of every signed release: text bands, fact bands, lead keys and the exact hash.';
COMMENT ON COLUMN dedupe_bands.key IS 'Bucket key (band id mixed in).';
COMMENT ON COLUMN dedupe_bands.release_id IS 'A release in that bucket: dedupe_signatures.release_id.';
COMMENT ON TABLE release_versions IS 'Version chain of each release: the same URL seen again with changed text; kept across partition reloads.';
COMMENT ON COLUMN release_versions.release_id IS 'releases.release_id.';
COMMENT ON COLUMN release_versions.canonical_url IS 'Canonical URL of the release.';
COMMENT ON COLUMN release_versions.version IS '1 for the first text seen, then 2, 3, ...';
COMMENT ON COLUMN release_versions.content_hash IS 'Hash of this version''s normalised body_main.';
COMMENT ON COLUMN release_versions.body_main IS 'The body of this version.';
COMMENT ON COLUMN release_versions.seen_at IS 'When this text was first seen (UTC).';
COMMENT ON COLUMN release_versions.changes IS 'Sentences added and removed against the previous version: {"added": [...], "removed": [...]}.';
COMMENT ON COLUMN stories.carrier_first_seen IS 'When each carrier first had the story: {source_id: first_seen_at}.';
COMMENT ON COLUMN stories.methods IS 'How its members were matched: canonical, exact, near, facts.';
COMMENT ON COLUMN story_members.first_seen_at IS 'When this copy was first fetched (UTC).';
COMMENT ON COLUMN story_members.linked_to IS 'The release this copy matched best when it joined.';
COMMENT ON COLUMN story_members.versions IS 'Number of versions of this release (1 if its text never changed).';
