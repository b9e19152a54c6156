"""The inbox (issue 20): one bad record, archive or entry never blocks the others; symlinks
are refused in the inbox and accepted around the data folder; half-written files are left
alone; claiming never reads a file whole into memory."""

from __future__ import annotations

import gzip
import io
import os
import time
import tracemalloc
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawlers.archive import BAD_HEADERS, BAD_STATUS
from pipelines.articles import clean_pages
from pipelines.inbox import (
    BAD_TARGET,
    NO_TARGET,
    SYMLINK,
    UNREADABLE_ARCHIVE,
    claim,
    day_records,
    file_sha256,
    pending,
    warc_records,
)
from pipelines.manifest import page_rows
from pipelines.releases import release_rows
from tests.conftest import inbox_release_pages, write_warc
from warehouse.db import connect
from warehouse.load import replace_partition

GOOD = inbox_release_pages()[:2]


def _junk_response(buf: io.BytesIO, uri: str, block: bytes) -> None:
    """A response record whose HTTP block is not HTTP, written by hand (warcio refuses)."""
    head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + "\r\n"
            "WARC-Record-ID: <urn:uuid:6f1c1a52-0000-4000-8000-000000000005>\r\n"
            "WARC-Date: 2026-07-03T08:00:00Z\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    buf.write(gzip.compress(head + block + b"\r\n\r\n"))


def _response(writer: WARCWriter, uri: str | None, status_line: str, body: bytes) -> None:
    headers = StatusAndHeaders(status_line, [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    record = writer.create_warc_record(uri or "http://placeholder.test/", "response",
                                       payload=io.BytesIO(body), length=len(body),
                                       http_headers=headers)
    if uri is None:
        record.rec_headers.remove_header("WARC-Target-URI")
    writer.write_record(record)


def bad_records_warc(path: Path) -> Path:
    """A good release, then every kind of bad record, then another good release."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    (url_a, _, body_a), (url_b, _, body_b) = GOOD
    _response(writer, url_a, "200 OK", body_a)
    _response(writer, "http://[::1/x", "200 OK", body_a)                # malformed URI
    _response(writer, "http://news.harbourtimes.test/n/2", "99999999999 OK", body_a)
    _response(writer, "http://news.harbourtimes.test/n/3", "abc OK", body_a)
    _response(writer, None, "200 OK", body_a)                            # no target URI
    _junk_response(buf, "http://news.harbourtimes.test/n/5",
                   b"\x00\x01 not an HTTP block\r\n\x00\r\n\r\n")         # junk headers
    _response(writer, url_b, "200 OK", body_b)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return path


def test_each_bad_record_gets_its_own_reason_and_the_rest_loads(tmp_path):
    warc = bad_records_warc(tmp_path / "raw" / "inbox" / "day" / "mixed.warc.gz")
    records = list(warc_records(warc, tmp_path, "run-1"))
    reasons = [r.reason for r in records]
    assert reasons == [None, BAD_TARGET, BAD_STATUS, BAD_STATUS, NO_TARGET,
                       reasons[5], None], reasons
    assert reasons[5].startswith(BAD_HEADERS)
    assert "warc_truncated" not in reasons
    assert records[4].url.endswith(f"#offset={records[4].warc_offset}")
    assert {r.status for r in records[2:4]} == {None}
    pages = page_rows(records)
    pages, articles = clean_pages(pages, tmp_path, workers=1)
    assert sorted(a.url for a in articles) == sorted(u for u, _, _ in GOOD)
    releases = release_rows(articles, pages, carrier="harbourtimes")
    con = connect(tmp_path / "warehouse.duckdb")
    try:
        counts = replace_partition(con, "2026-07-03|inbox", {"run_id": "run-1",
                                   "source_id": "inbox"}, [p.to_row() for p in pages],
                                   [a.to_row() for a in articles], releases)
        assert counts["releases"] == 2 and counts["pages"] == len(pages) == 7
        stored = dict(con.execute("SELECT reason, count(*) FROM pages GROUP BY 1").fetchall())
    finally:
        con.close()
    assert stored[BAD_STATUS] == 2 and stored[None] == 2


def test_an_archive_that_cannot_be_read_does_not_block_the_day(tmp_path):
    landing = tmp_path / "raw" / "inbox" / "day"
    good = write_warc(landing / "a-good.warc.gz", GOOD)
    gone = landing / "b-vanished.warc.gz"       # listed, then gone before it was read
    later = write_warc(landing / "c-later.warc.gz", inbox_release_pages()[2:3])
    records = day_records([good, gone, later], landing, tmp_path, "run-1")
    unreadable = [r for r in records if (r.reason or "").startswith(UNREADABLE_ARCHIVE)]
    assert [r.warc_file for r in unreadable] == ["raw/inbox/day/b-vanished.warc.gz"]
    assert [r.warc_file for r in records if r.reason is None] == [
        "raw/inbox/day/a-good.warc.gz"] * 2 + ["raw/inbox/day/c-later.warc.gz"]


def test_a_symlinked_inbox_entry_is_refused_with_a_reason(tmp_path):
    data, outside = tmp_path / "data", tmp_path / "elsewhere"
    secret = write_warc(outside / "secret.warc.gz", GOOD)
    inbox = data / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "linked.warc.gz").symlink_to(secret)
    write_warc(inbox / "real.warc.gz", inbox_release_pages()[2:3])
    landing = data / "raw" / "inbox" / "day"
    files = claim(inbox, landing)
    assert [f.name for f in files] == ["real.warc.gz"]
    assert not list(inbox.iterdir()) and secret.exists()      # the target is untouched
    records = day_records(files, landing, data, "run-1")
    refused = [r for r in records if r.reason == SYMLINK]
    assert [r.url for r in refused] == ["raw/inbox/day/refused/linked.warc.gz"]
    assert sum(r.reason is None for r in records) == 1
    assert all(not r.url.startswith(str(outside)) for r in records)


def test_a_symlinked_data_raw_is_accepted(tmp_path):
    data, bigger_disk = tmp_path / "data", tmp_path / "big-disk"
    (bigger_disk / "raw").mkdir(parents=True)
    data.mkdir()
    (data / "raw").symlink_to(bigger_disk / "raw")
    write_warc(data / "inbox" / "drop.warc.gz", GOOD)
    landing = data / "raw" / "inbox" / "day"
    records = day_records(claim(data / "inbox", landing), landing, data, "run-1")
    assert {r.warc_file for r in records} == {"raw/inbox/day/drop.warc.gz"}
    assert (bigger_disk / "raw" / "inbox" / "day" / "drop.warc.gz").exists()
    _, articles = clean_pages(page_rows(records), data, workers=1)
    assert len(articles) == 2


def test_a_file_still_being_written_is_not_claimed(tmp_path):
    inbox, landing = tmp_path / "inbox", tmp_path / "raw" / "inbox" / "day"
    growing = write_warc(inbox / "growing.warc.gz", GOOD, settled=False)
    assert pending(inbox, settle=30) == []
    assert claim(inbox, landing, settle=30) == [] and growing.exists()
    past = time.time() - 31
    os.utime(growing, (past, past))
    assert pending(inbox, settle=30) == [growing]
    assert [f.name for f in claim(inbox, landing, settle=30)] == ["growing.warc.gz"]


def test_claiming_hashes_in_a_stream(tmp_path):
    inbox, landing = tmp_path / "inbox", tmp_path / "landing"
    inbox.mkdir()
    landing.mkdir()
    size = 48 * 1024 * 1024
    for folder in (inbox, landing):   # the same name landed before: a hash suffix is due
        with open(folder / "big.warc.gz", "wb") as fh:
            fh.truncate(size)
    past = time.time() - 3600
    os.utime(inbox / "big.warc.gz", (past, past))
    want = file_sha256(inbox / "big.warc.gz")[:8]
    tracemalloc.start()
    try:
        files = claim(inbox, landing)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sorted(f.name for f in files) == ["big-" + want + ".warc.gz", "big.warc.gz"]
    assert peak < 8 * 1024 * 1024, peak
