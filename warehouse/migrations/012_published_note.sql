-- Why publication-time evidence was set aside (an absurd or future date), per release.
ALTER TABLE releases ADD COLUMN published_note VARCHAR;
COMMENT ON COLUMN releases.published_note IS 'Evidence for published_at that was set aside and why, e.g. feed ''9999-12-31'': in the future; NULL when none was.';
