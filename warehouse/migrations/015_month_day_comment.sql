-- The dateline parser sets dateline_month_day whenever the dateline prints a month and a
-- day, also when it prints the year (issue 13's contract); the comment said otherwise.
COMMENT ON COLUMN releases.dateline_month_day IS 'Month and day printed in the dateline, MM-DD, whenever it prints them, also when it prints the year (in dateline_date).';
