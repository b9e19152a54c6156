-- version 4: why each article's body came from the extractor(s) it came from.
-- extractor / extractor_version name one extractor ("trafilatura", "readability-lxml") or a
-- combination ("trafilatura+readability-lxml", versions joined the same way).
ALTER TABLE articles ADD COLUMN choice_reason VARCHAR;
COMMENT ON COLUMN articles.choice_reason IS 'Why the body came from this extractor or combination: agreement between trafilatura and readability-lxml, paragraphs dropped as link or widget text, paragraphs added that only one found';
