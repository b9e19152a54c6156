-- version 2: keep the page's own declared publication timestamp beside trafilatura's date.
ALTER TABLE articles ADD COLUMN page_published VARCHAR;
