"""crawlers/dates.py: one reader of printed dates for the spider and the publication-time
reconciler, and the spider's listing and feed readers using it (in-process)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from scrapy import Request

from crawlers.dates import parse_date, parse_day, read_timestamp
from pipelines.published import reconcile_with_notes
from tests.crawlers.inprocess import LISTING, make_spider, response, xml_response


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        ("Tue, 14 Jul 2026 09:30:00 -0400", datetime(2026, 7, 14, 13, 30, tzinfo=UTC)),
        ("2026-11-27T10:00:00Z", datetime(2026, 11, 27, 10, 0, tzinfo=UTC)),
        ("2026-11-27", datetime(2026, 11, 27, tzinfo=UTC)),
        ("November 27, 2026", datetime(2026, 11, 27, tzinfo=UTC)),
        ("Nov 27, 2026", datetime(2026, 11, 27, tzinfo=UTC)),
        ("Nov. 27, 2026", datetime(2026, 11, 27, tzinfo=UTC)),
        ("27 November 2026", datetime(2026, 11, 27, tzinfo=UTC)),
        ("  27 Nov\n 2026 ", datetime(2026, 11, 27, tzinfo=UTC)),
        ("27/11/2026", datetime(2026, 11, 27, tzinfo=UTC)),
    ],
)
def test_every_printed_form_reads_to_one_moment(printed: str, moment: datetime) -> None:
    got, problem = read_timestamp(printed)
    assert problem is None and got == moment


@pytest.mark.parametrize(
    ("printed", "problem"),
    [
        ("Sat, 01 Jan 0000 00:00:00 GMT", "year 0000"),   # email.utils says 2000
        ("0001-01-01T00:00:00Z", "before 1990"),
        ("March 3, 1989", "before 1990"),
        ("9999-12-31", "in the future"),
        ("2026-02-30", "unparseable"),
        ("the day after tomorrow", "unparseable"),
        ("2026-11-27" + " " * 10 + "x" * 100, "unparseable"),  # too long to read at all
    ],
)
def test_absurd_dates_are_refused_with_a_reason(printed: str, problem: str) -> None:
    assert read_timestamp(printed) == (None, problem)
    assert parse_date(printed) is None


def test_a_date_keeps_the_day_printed_in_its_own_offset() -> None:
    assert parse_date("Sat, 28 Nov 2026 01:30:00 +0500") == date(2026, 11, 28)
    assert parse_date(None) is None and read_timestamp("  ") == (None, None)


def test_spider_arguments_are_strict() -> None:
    assert parse_day("2026-11-01") == date(2026, 11, 1)
    with pytest.raises(ValueError, match="Invalid isoformat"):
        parse_day("November 1, 2026")


def test_a_printed_listing_date_is_evidence_of_publication() -> None:
    seen = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    at, offset, evidence, notes = reconcile_with_notes("November 27, 2026", None, None,
                                                       first_seen=seen)
    assert (at, offset, evidence, notes) == (datetime(2026, 11, 27, tzinfo=UTC), "+00:00",
                                             "feed", None)
    # A page timestamp still beats a bare listing date.
    got = reconcile_with_notes("November 27, 2026", "2026-11-27T15:00:00+05:00", None,
                               first_seen=seen)
    assert got[2] == "page" and got[1] == "+05:00"


def test_year_zero_in_a_feed_is_set_aside_with_a_note() -> None:
    got = reconcile_with_notes("Sat, 01 Jan 0000 00:00:00 GMT", None, "2026-07-14")
    assert got[0] == datetime(2026, 7, 14, tzinfo=UTC) and got[2] == "dateline"
    assert got[3] == "feed 'Sat, 01 Jan 0000 00:00:00 GMT': year 0000"


LISTING_PAGE = b"""<html><body><ul>
<li><a href="/news/harbour-opens">Harbour opens</a><time>November 27, 2026</time></li>
<li><a href="/news/old-results">Old results</a><time>Oct 2, 2026</time></li>
<li><a href="/news/year-zero">Year zero</a><time>Sat, 01 Jan 0000 00:00:00 GMT</time></li>
</ul></body></html>"""


def test_the_spiders_listing_reader_dates_entries_with_the_shared_reader(tmp_path) -> None:
    spider = make_spider(tmp_path, since="2026-11-01", until="2026-11-30")
    page = response(LISTING.url, LISTING_PAGE)
    got = [r for r in spider.read_listing(page, LISTING) if r is not None]
    assert [r.url for r in got if isinstance(r, Request)] == [
        "https://wire.example/news/harbour-opens",
        # year 0000 is no date (not 2000-01-01, out of range): undated releases are taken
        "https://wire.example/news/year-zero",
    ]
    assert got[0].meta["wd_published"] == "November 27, 2026"
    assert spider.crawler.stats.get_value("wiredesk/skipped_quietly/out_of_range") == 1


def test_the_spiders_feed_reader_does_not_read_year_zero_as_2000(tmp_path) -> None:
    spider = make_spider(tmp_path, since="2000-01-01", until="2000-01-31")
    soon = (datetime.now(UTC) + timedelta(days=400)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>Zero</title><link>https://wire.example/news/zero</link>
<pubDate>Sat, 01 Jan 0000 00:00:00 GMT</pubDate></item>
<item><title>Later</title><link>https://wire.example/news/later</link>
<pubDate>{soon}</pubDate></item>
<item><title>Dated</title><link>https://wire.example/news/dated</link>
<pubDate>Wed, 01 Jul 2026 10:00:00 GMT</pubDate></item>
</channel></rss>""".encode()
    got = list(spider.read_rss(xml_response("https://wire.example/feed", feed), None))
    # Only the release dated in 2026 is out of the 2000 range; the absurd ones are undated.
    assert [r.url for r in got if isinstance(r, Request)] == [
        "https://wire.example/news/zero", "https://wire.example/news/later"]
