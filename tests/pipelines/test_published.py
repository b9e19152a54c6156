"""Publication time reconciled from feed, page, dateline (with zone) and first-seen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.parse import parse_release
from pipelines.published import reconcile_published


@pytest.mark.parametrize(
    ("day", "clock", "zone", "utc", "offset"),
    [
        ("2026-07-08", "08:00", "ET", datetime(2026, 7, 8, 12, 0, tzinfo=UTC), "-04:00"),
        ("2026-01-08", "08:00", "ET", datetime(2026, 1, 8, 13, 0, tzinfo=UTC), "-05:00"),
        # the Sunday of the spring change, and the Saturday before it
        ("2026-03-08", "09:00", "ET", datetime(2026, 3, 8, 13, 0, tzinfo=UTC), "-04:00"),
        ("2026-03-07", "09:00", "ET", datetime(2026, 3, 7, 14, 0, tzinfo=UTC), "-05:00"),
        ("2026-07-08", "10:30", "PKT", datetime(2026, 7, 8, 5, 30, tzinfo=UTC), "+05:00"),
        ("2026-07-08", "08:00", "EST", datetime(2026, 7, 8, 13, 0, tzinfo=UTC), "-05:00"),
        ("2026-07-08", "14:00", "CET", datetime(2026, 7, 8, 13, 0, tzinfo=UTC), "+01:00"),
    ],
)
def test_dateline_time_in_a_known_zone(day: str, clock: str, zone: str, utc: datetime,
                                       offset: str) -> None:
    assert reconcile_published(None, None, day, dateline_time=clock, dateline_zone=zone) == (
        utc, offset, "dateline")


def test_feed_then_page_then_dateline() -> None:
    feed = "Wed, 08 Jul 2026 12:05:00 +0000"
    page = "2026-07-08T08:00:00-04:00"
    assert reconcile_published(feed, page, "2026-07-08")[2] == "feed"
    assert reconcile_published(None, page, "2026-07-08") == (
        datetime(2026, 7, 8, 12, 0, tzinfo=UTC), "-04:00", "page")
    assert reconcile_published(None, None, "2026-07-08")[2] == "dateline"
    assert reconcile_published(None, None, None) == (None, None, None)


def test_a_timestamp_far_from_the_dateline_or_after_first_seen_loses() -> None:
    modified = "2026-09-30T10:00:00+00:00"  # an update months later
    got = reconcile_published(None, modified, "2026-07-08", dateline_time="08:00",
                              dateline_zone="ET")
    assert got[2] == "dateline"
    seen = datetime(2026, 7, 9, tzinfo=UTC)
    got = reconcile_published("Fri, 10 Jul 2026 12:00:00 +0000", "2026-07-08T08:00:00-04:00",
                              None, first_seen=seen)
    assert got[2] == "page"


def test_time_from_a_wire_header_line_and_the_dateline() -> None:
    text = ("July 08, 2026 08:00 ET | Source: Swan River Lithium Limited\n"
            "PERTH, Australia, July 08, 2026 (GLOBE NEWSWIRE) -- Swan River started work.\n"
            "More follows.")
    parsed = parse_release(text)
    assert parsed.dateline is not None
    assert (parsed.dateline.time, parsed.dateline.zone) == ("08:00", "ET")
    assert parsed.boilerplate_kinds == ["timestamp"]
    inline = parse_release("NEW YORK, Jan. 8, 2026 8:00 AM ET /PRNewswire/ -- Orrin priced.")
    assert inline.dateline is not None and inline.dateline.time == "08:00"


def test_a_utc_feed_time_keeps_the_publishers_offset_from_the_page():
    from pipelines.published import reconcile_published

    at, offset, evidence = reconcile_published(
        "Wed, 01 Jul 2026 10:00:00 +0000", "2026-07-01T15:00:00+05:00", None)
    assert evidence == "feed"
    assert offset == "+05:00"
    assert at.isoformat() == "2026-07-01T10:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "utc", "offset"),
    [
        # CST is China Standard Time in Beijing, US Central time in Chicago
        ("BEIJING, July 8, 2026 9:00 AM CST /PRNewswire/ -- Jadeport said it would expand.",
         datetime(2026, 7, 8, 1, 0, tzinfo=UTC), "+08:00"),
        ("CHICAGO, July 8, 2026 9:00 AM CST /PRNewswire/ -- Lakeshore said it would expand.",
         datetime(2026, 7, 8, 15, 0, tzinfo=UTC), "-06:00"),
        # IST is Irish summer time in Dublin, Israel Standard Time in Jerusalem, India's
        ("DUBLIN, July 8, 2026 10:00 IST /PRNewswire/ -- Liffeyside said it would expand.",
         datetime(2026, 7, 8, 9, 0, tzinfo=UTC), "+01:00"),
        ("JERUSALEM, Jan. 8, 2026 10:00 IST /PRNewswire/ -- Zionhill said it would expand.",
         datetime(2026, 1, 8, 8, 0, tzinfo=UTC), "+02:00"),
        ("MUMBAI, July 8, 2026 10:00 IST /PRNewswire/ -- Saffronpay said it would expand.",
         datetime(2026, 7, 8, 4, 30, tzinfo=UTC), "+05:30"),
        # BST is Bangladesh Standard Time in Dhaka, British Summer Time in London
        ("DHAKA, July 8, 2026 10:00 BST /PRNewswire/ -- Padmaline said it would expand.",
         datetime(2026, 7, 8, 4, 0, tzinfo=UTC), "+06:00"),
        ("LONDON, July 8, 2026 10:00 BST /PRNewswire/ -- Thamesway said it would expand.",
         datetime(2026, 7, 8, 9, 0, tzinfo=UTC), "+01:00"),
    ],
)  # fmt: skip
def test_zone_abbreviations_are_read_by_the_datelines_country(text: str, utc: datetime,
                                                              offset: str) -> None:
    from pipelines.commands.parse import parsed_json

    doc = parsed_json(text)
    assert doc["published_from"] == "dateline"
    assert (doc["published_at"], doc["published_offset"]) == (utc.isoformat(), offset)


def test_a_year_less_dateline_takes_its_year_from_the_feed_as_evidence_only() -> None:
    from pipelines.commands.parse import parsed_json

    doc = parsed_json("KARACHI, Dec 31 (APP): The port said volumes rose.",
                      published="2026-01-01T10:00:00Z")
    assert doc["dateline"]["date"] is None and doc["dateline"]["month_day"] == "12-31"
    assert doc["published_from"] == "feed"
    doc = parsed_json("KARACHI, Dec 31 (APP): The port said volumes rose.\n"
                      "The figures for January 2, 2026 follow.")
    assert doc["published_at"].startswith("2025-12-31") and doc["published_from"] == "dateline"
