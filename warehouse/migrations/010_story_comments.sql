-- version 10: describe story members as the dedupe stage now fills them.
COMMENT ON COLUMN story_members.method IS 'How the copy joined the story: canonical (the story''s first copy), exact (identical text), near (MinHash text similarity) or facts (same figures, dates, names and quotes in order).';
COMMENT ON COLUMN story_members.similarity IS 'Similarity to the copy it matched (see linked_to), 0-1; 1 for exact copies and for the canonical copy.';
