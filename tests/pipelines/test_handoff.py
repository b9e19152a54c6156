"""Stage rows through Parquet and back: equal rows, whatever shapes the stages make."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pyarrow.parquet as pq

from crawlers.records import CrawlRun, ManifestRecord, Page
from pipelines.handoff import hand_off, read_rows, run_of, take, take_records, write_rows
from pipelines.manifest import page_rows

KARACHI = timezone(timedelta(hours=5))


def test_rows_come_back_equal_with_types_kept(tmp_path):
    rows = [
        {"id": "a", "n": 3, "score": 0.5, "ok": True,
         "seen": datetime(2026, 7, 1, 9, 30, tzinfo=KARACHI), "day": date(2026, 7, 1),
         "tickers": ["NYSE:ABC"], "mentions": [{"name": "Portwell Harbour", "start": 4}],
         "stats": {"finish_reason": "finished", "retry/count": 2}, "mixed": 1},
        {"id": "b", "n": None, "score": 2.0, "ok": False, "seen": None, "day": None,
         "tickers": [], "mentions": [], "stats": {}, "mixed": 1.5, "only_here": "x"},
    ]
    path = write_rows(tmp_path / "t.parquet", rows)
    back = read_rows(path)
    assert back == [{**rows[0], "only_here": None}, rows[1]]
    assert back[0]["seen"].utcoffset() == timedelta(hours=5)
    schema = pq.read_schema(path)
    assert str(schema.field("n").type) == "int64" and str(schema.field("ok").type) == "bool"
    assert read_rows(write_rows(tmp_path / "empty.parquet", [])) == []


def test_a_reference_is_small_and_carries_earlier_tables(tmp_path):
    run = CrawlRun("prwire", "r1", str(tmp_path / "run"), "2026-07-01T09:00:00+00:00",
                   "2026-07-01T09:05:00+00:00", 0, {"warc_files": ["raw/a.warc.gz"]})
    pages = [{"page_id": f"p{i}", "body": "text " * 200,
              "fetched_at": datetime(2026, 7, 1, tzinfo=UTC)} for i in range(50)]
    first = hand_off(run, "2026-07-01|prwire", pages=pages)
    second = hand_off(run, "2026-07-01|prwire", first, releases=[{"release_id": "x"}])
    assert second["counts"] == {"pages": 50, "releases": 1}
    assert take(second, "pages") == pages
    assert "2026-07-01_prwire" in second["tables"]["releases"]
    assert run_of(second) == run
    assert len(repr(second)) < 1000


def test_a_manifest_line_becomes_a_page_that_survives_the_hand_off(tmp_path):
    rec = ManifestRecord(source_id="prwire", run_id="r1", url="http://wire.test/a",
                         final_url="http://wire.test/a?x=1", role="release", status=200,
                         fetched_at="2026-07-01T09:30:00+05:00", warc_file="raw/a.warc.gz",
                         warc_offset=812, sha256="ab" * 32, flags=("cached",))
    line = rec.to_line()
    assert line.endswith("\n") and ManifestRecord.from_row(json.loads(line)) == rec
    (page,) = page_rows([ManifestRecord.from_row({**json.loads(line), "later_key": 1})])
    assert (page.outcome, page.base_url, page.fetched_at.utcoffset()) == \
        ("ok", "http://wire.test/a?x=1", timedelta(hours=5))
    failed = page.failed("no_text_extracted").failed("http_500")
    assert (failed.outcome, failed.reason, page.reason) == ("error", "no_text_extracted", None)
    run = CrawlRun("prwire", "r1", str(tmp_path), "", "", 0)
    ref = hand_off(run, "2026-07-01|prwire", pages=[page, failed])
    assert take_records(ref, "pages", Page) == [page, failed]
    assert take(ref, "pages")[1]["reason"] == "no_text_extracted"
