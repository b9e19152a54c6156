"""Bugs the hostile corpus found in later stages, kept as regression tests."""

from __future__ import annotations

from crawlers.dates import read_timestamp


def test_rss_year_zero_is_not_read_as_2000():
    # The corpus's main feed gives this pubDate; the release row got published_at
    # 2000-01-01 (published_from 'feed') over its dateline's 2026-07-14.
    moment, problem = read_timestamp("Sat, 01 Jan 0000 00:00:00 GMT")  # 4 digits: year 0
    assert moment is None and problem is not None


def test_rss_dates_keep_their_years():
    moment, problem = read_timestamp("Tue, 14 Jul 2026 09:30:00 -0400")
    assert problem is None and moment.year == 2026
    assert moment.utcoffset().total_seconds() == -4 * 3600
