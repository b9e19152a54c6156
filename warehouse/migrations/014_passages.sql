-- version 14: stories from shared passages (issue 14). A release's signature is now its
-- winnowed word 5-gram fingerprints and its figures; MinHash, lead and fact columns go.
-- Story assignments are kept; every stored signature is re-signed by the next dedupe run
-- (its signature_version differs), which keeps each release in its story or merges stories.
CREATE TABLE dedupe_signatures_14 (
    release_id        VARCHAR PRIMARY KEY,
    source_id         VARCHAR NOT NULL,
    canonical_url     VARCHAR NOT NULL,
    content_hash      VARCHAR NOT NULL,          -- releases.content_hash when signed
    signature_version VARCHAR NOT NULL,
    shingles          INTEGER NOT NULL,          -- word 5-grams of the body
    exact_hash        BIGINT NOT NULL,           -- uint64 bits stored signed
    fingerprints      BLOB NOT NULL,             -- uint64 x n, little-endian, text order
    content_fingerprints BLOB NOT NULL,          -- the same over content words only
    figures           BLOB NOT NULL,             -- (key, figure) uint64 pairs, little-endian
    story_id          VARCHAR NOT NULL,
    linked_to         VARCHAR,                   -- the release it matched best
    method            VARCHAR NOT NULL,          -- first|exact|passages|figures-agree|reworded
    similarity        DOUBLE NOT NULL,
    title             VARCHAR,
    published_at      TIMESTAMPTZ,
    first_seen_at     TIMESTAMPTZ NOT NULL,
    signed_at         TIMESTAMPTZ NOT NULL
);
INSERT INTO dedupe_signatures_14
SELECT release_id, source_id, canonical_url, content_hash, signature_version, shingles,
       exact_hash, ''::BLOB, ''::BLOB, ''::BLOB, story_id, linked_to, method, similarity, title,
       published_at, first_seen_at, signed_at
FROM dedupe_signatures;
DROP TABLE dedupe_signatures;
ALTER TABLE dedupe_signatures_14 RENAME TO dedupe_signatures;
DELETE FROM dedupe_bands;

COMMENT ON TABLE dedupe_signatures IS 'Near-duplicate signature of every release as last signed, and the story it was put in; kept across partition reloads.';
COMMENT ON COLUMN dedupe_signatures.release_id IS 'releases.release_id.';
COMMENT ON COLUMN dedupe_signatures.source_id IS 'Carrier of the release: sources.source_id.';
COMMENT ON COLUMN dedupe_signatures.canonical_url IS 'Canonical URL of the release.';
COMMENT ON COLUMN dedupe_signatures.content_hash IS 'releases.content_hash when signed; a different hash later means a new version.';
COMMENT ON COLUMN dedupe_signatures.signature_version IS 'Fingerprint scheme the signature was computed with; another value is re-signed.';
COMMENT ON COLUMN dedupe_signatures.shingles IS 'Number of word 5-grams of the body (chrome lines dropped).';
COMMENT ON COLUMN dedupe_signatures.exact_hash IS 'Hash of the normalised body words (uint64 bits stored as BIGINT).';
COMMENT ON COLUMN dedupe_signatures.fingerprints IS 'Winnowed word 5-gram fingerprints in text order: little-endian uint64.';
COMMENT ON COLUMN dedupe_signatures.content_fingerprints IS 'Winnowed 5-gram fingerprints of the body''s content words (function words set aside), for reworded copies: little-endian uint64.';
COMMENT ON COLUMN dedupe_signatures.figures IS 'Figures keyed by their wording: (key, figure) little-endian uint64 pairs.';
COMMENT ON COLUMN dedupe_signatures.story_id IS 'The story the release belongs to: stories.story_id.';
COMMENT ON COLUMN dedupe_signatures.linked_to IS 'The release it matched best when it joined (NULL for a story''s first release).';
COMMENT ON COLUMN dedupe_signatures.method IS 'How it joined: first | exact | passages | figures-agree | reworded.';
COMMENT ON COLUMN dedupe_signatures.similarity IS 'Score of that match: rarity-weighted passage coverage; 1 for exact and first.';
COMMENT ON COLUMN dedupe_signatures.title IS 'Headline when signed.';
COMMENT ON COLUMN dedupe_signatures.published_at IS 'Publication time when signed (UTC).';
COMMENT ON COLUMN dedupe_signatures.first_seen_at IS 'When the release was first fetched (UTC).';
COMMENT ON COLUMN dedupe_signatures.signed_at IS 'When the signature was computed (UTC).';
COMMENT ON TABLE dedupe_bands IS 'Passage fingerprints of every signed release (the inverted index).';
COMMENT ON COLUMN dedupe_bands.key IS 'A winnowed word 5-gram fingerprint.';
