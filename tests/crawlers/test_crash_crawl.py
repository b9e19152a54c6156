"""Crash safety on the crawl side, driven for real: ``scrapy crawl`` subprocesses killed with
SIGKILL at chosen points (``plumbing/faults.py``) or from outside, a size-limited tmpfs
for a full disk, and a real gzip bomb; each outcome compared with the simulator's truth."""

from __future__ import annotations

import errno
import gzip
import json
import os
import signal
import struct
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import brotli
import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from crawlers.archive import (
    MAX_DECODED_BYTES,
    TOO_LARGE,
    ArchiveWriteError,
    WarcArchiveWriter,
    WarcScan,
    decoded_payload,
    iter_responses,
    read_record,
    verify_warc,
)
from crawlers.pipelines import ManifestPipeline
from crawlers.records import CrawlRun, ManifestRecord
from crawlers.registry import registry
from crawlers.resume import resumable
from crawlers.runinfo import (
    MANIFEST_NAME,
    RUN_NAME,
    STATS_NAME,
    archived_release_urls,
    read_manifest,
)
from crawlers.spiders import spider_class_for
from pipelines.articles import clean_pages
from pipelines.crawl import SIMULATED_SETTINGS, ArchiveWriteFailed, run_crawl
from pipelines.inbox import TRUNCATED, warc_records
from pipelines.manifest import page_rows
from plumbing.faults import ENV as CRASH_ENV
from simulator import SimulatorServer, WireNetwork
from tests.conftest import fill_disk, inbox_release_pages, small_disk_at, write_warc

N_RELEASES = 40
SEED = 11
TORN_REASONS = {"record_truncated", "gzip_member_incomplete", "trailing_bytes"}


@pytest.fixture(scope="module")
def sim() -> Iterator[SimulatorServer]:
    """A 40-release network of this module's own on loopback, with its own hit log."""
    with SimulatorServer(WireNetwork(n_releases=N_RELEASES, seed=SEED), port=0) as server:
        yield server


@pytest.fixture(scope="module")
def crash_truth(sim: SimulatorServer) -> dict[str, Any]:
    return sim.network.truth()


@contextmanager
def crash_at(spec: str | None) -> Iterator[None]:
    """Set ``WIREDESK_CRASH_AT`` for the crawl subprocesses started inside."""
    old = os.environ.get(CRASH_ENV)
    if spec:
        os.environ[CRASH_ENV] = spec
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(CRASH_ENV, None)
        else:
            os.environ[CRASH_ENV] = old


def crawl(source: str, data: Path, sim: SimulatorServer, **kwargs: Any) -> CrawlRun:
    settings = {**SIMULATED_SETTINGS, **kwargs.pop("settings", {})}
    return run_crawl(source, data, proxy=sim.proxy_url, settings=settings, timeout=300,
                     **kwargs)


def killed_crawl(source: str, data: Path, sim: SimulatorServer, spec: str) -> Path:
    """Crawl until the crash point ``spec`` kills the process; the interrupted run folder."""
    with crash_at(spec), pytest.raises(RuntimeError, match=r"exit -9"):
        crawl(source, data, sim)
    (run_dir,) = (data / "raw" / source).iterdir()
    assert not (run_dir / STATS_NAME).exists()
    return run_dir


def expected_releases(truth: dict[str, Any], source: str) -> set[str]:
    """The truth's release pages of a source that a crawl can archive."""
    return {p["url"] for p in truth["pages"] if p["site"] == source and p["reachable"]}


def ok_releases(records: list[dict[str, Any]]) -> list[str]:
    """Final URLs (after redirects) of release records archived without a reason, one per
    fetch."""
    return [r.final_url or r.url for r in records
            if r.role == "release" and r.warc_file and not r.reason]


def hit_urls(sim: SimulatorServer) -> list[str]:
    return [f"http://{h['host']}{h['path']}" for h in sim.hits()]


def settle_and_clear(sim: SimulatorServer) -> None:
    """Let requests a killed crawl left in flight reach the hit log, then clear it."""
    seen = -1
    while seen != len(sim.hits()):
        seen = len(sim.hits())
        time.sleep(0.5)
    sim.clear_hits()


def assert_sound(data: Path, records: list[dict[str, Any]]) -> None:
    """Every manifest record with a WARC location points at a complete, readable record."""
    scans: dict[str, WarcScan] = {}
    for rec in records:
        if not rec.warc_file:
            continue
        scan = scans.setdefault(rec.warc_file, verify_warc(data / rec.warc_file))
        assert rec.warc_offset in {r.offset for r in scan.records}, rec
        raw = read_record(data / rec.warc_file, rec.warc_offset)
        assert raw.url == rec.final_url and raw.error is None


def assert_resumed_completely(data: Path, source: str, truth: dict[str, Any],
                              sim: SimulatorServer, first: list[dict[str, Any]],
                              run_dir: Path) -> CrawlRun:
    """Resume the interrupted run; it completes with every release of the truth, once,
    without fetching any release the interrupted run had archived."""
    done = archived_release_urls(first)
    settle_and_clear(sim)
    run = crawl(source, data, sim)
    assert run.resumed and Path(run.run_dir) == run_dir
    assert [p.name for p in (data / "raw" / source).iterdir()] == [run_dir.name]
    assert run.stats["wiredesk/resumed"] is True
    assert run.stats["wiredesk/resume/records_carried"] == len(first)
    records = read_manifest(run.manifest)
    urls = ok_releases(records)
    assert sorted(urls) == sorted(set(urls)), "a release archived twice"
    assert set(urls) == expected_releases(truth, source)
    assert not done & set(hit_urls(sim)), "an archived release was fetched again"
    assert records[:len(first)] == first          # carried over as they were
    assert_sound(data, records)
    assert json.loads((run_dir / RUN_NAME).read_text())["attempts"][1] == run.started_at
    return run


# -- SIGKILL mid-crawl, then resume ---------------------------------------------------------


@pytest.mark.slow
def test_killed_after_n_releases_resumes_without_refetching(tmp_path, sim, crash_truth):
    first_dir = killed_crawl("bizwire", tmp_path, sim, "manifest.after_release:8")
    first = read_manifest(first_dir / MANIFEST_NAME)
    assert sum(r.role == "release" for r in first) == 8
    carried = len(ok_releases(first))
    assert carried >= 6
    run = assert_resumed_completely(tmp_path, "bizwire", crash_truth, sim, first, first_dir)
    assert run.stats["wiredesk/resume/releases_carried"] == carried
    assert run.stats["wiredesk/skipped_quietly/archived_before_resume"] >= carried
    # A new WARC file after the interrupted one; the interrupted one is not touched.
    assert [Path(f).name[-13:] for f in run.stats["warc_files"]] == [
        "00000.warc.gz", "00001.warc.gz"]
    # Discovery documents were fetched again.
    assert {urlsplit(u).path for u in hit_urls(sim)} >= {"/robots.txt"}


@pytest.mark.slow
@pytest.mark.parametrize("spec", [
    "warc.mid_record:12",        # half a WARC record on disk
    "warc.after_record:6",       # record archived, its manifest line not written
    "manifest.mid_line:9",       # half a manifest line on disk
    "manifest.after_discovery:2",
    "stats.before_write",        # everything done but the stats file
])
def test_killed_at_crash_point_resumes_and_loses_nothing(tmp_path, sim, crash_truth, spec):
    run_dir = killed_crawl("globewire", tmp_path, sim, spec)
    size_before = {p.name: p.stat().st_size for p in run_dir.glob("*.warc.gz")}
    first = read_manifest(run_dir / MANIFEST_NAME)
    assert_resumed_completely(tmp_path, "globewire", crash_truth, sim, first, run_dir)
    # Never appended to: each file the killed process wrote is as it left it.
    assert {n: (run_dir / n).stat().st_size for n in size_before} == size_before
    if spec == "stats.before_write":
        assert not [u for u in hit_urls(sim) if u in expected_releases(crash_truth,
                                                                       "globewire")]


@pytest.mark.slow
def test_torn_warc_is_detected_and_its_complete_records_kept(tmp_path, sim):
    run_dir = killed_crawl("globewire", tmp_path, sim, "warc.mid_record:10")
    (warc,) = run_dir.glob("*.warc.gz")
    scan = verify_warc(warc)
    assert not scan.complete and scan.reason in TORN_REASONS
    assert scan.torn_at == scan.records[-1].offset + scan.records[-1].length
    assert scan.torn_at < scan.size and len(scan.records) == 9     # warcinfo + 8 responses
    # iter_responses stops cleanly at the tail and yields every complete response.
    walked = WarcScan(str(warc))
    responses = list(iter_responses(warc, walked))
    assert [o for o, _ in responses] == [r.offset for r in scan.responses]
    assert walked.torn_at == scan.torn_at
    for offset, raw in responses:
        assert read_record(warc, offset).body == raw.body and raw.status
    with pytest.raises(ValueError, match="incomplete WARC record"):
        read_record(warc, scan.torn_at)
    # The manifest never points at the torn record.
    records = read_manifest(run_dir / MANIFEST_NAME)
    assert scan.torn_at not in {r.warc_offset for r in records}
    assert_sound(tmp_path, records)


@pytest.mark.slow
def test_killed_from_outside_when_manifest_reaches_n_lines(tmp_path, sim, crash_truth):
    """A SIGKILL from another process (no crash point): the run still resumes."""
    slow = {"DOWNLOAD_DELAY": "0.3", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["run"] = crawl("prwire", tmp_path, sim, settings=slow)
        except Exception as exc:  # noqa: BLE001 - inspected below
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    pid = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and thread.is_alive():
        manifests = list((tmp_path / "raw" / "prwire").glob(f"*/{MANIFEST_NAME}"))
        if manifests and manifests[0].read_bytes().count(b"\n") >= 7:
            pid = crawl_pid(tmp_path)
            os.kill(pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    thread.join(timeout=120)
    assert pid is not None, "the crawl ended before it could be killed"
    assert "exit -9" in str(outcome.get("error"))
    (run_dir,) = (tmp_path / "raw" / "prwire").iterdir()
    first = read_manifest(run_dir / MANIFEST_NAME)
    assert 7 <= len(first) < 19
    assert_resumed_completely(tmp_path, "prwire", crash_truth, sim, first, run_dir)


def crawl_pid(data: Path) -> int:
    """The pid of the ``scrapy crawl`` this test started over ``data``."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"scrapy" in cmd and f"WIREDESK_DATA_DIR={data}".encode() in cmd:
            return int(proc.name)
    raise AssertionError("crawl process not found")


@pytest.mark.slow
def test_redirect_to_an_archived_release_is_not_followed_again(tmp_path, sim, crash_truth):
    """The interrupted run archived a redirect's target directly; on resume the redirecting
    URL is requested (it was never recorded) but its target is not fetched again."""
    source = "bizwire"
    run = crawl(source, tmp_path, sim, resume=False)
    target, origin = crash_truth["special"]["redirect_to"], crash_truth["special"][
        "redirect_from"]
    records = read_manifest(run.manifest)
    kept = [r for r in records if r.role != "release" or r.final_url == target]
    (rec,) = [r for r in kept if r.role == "release"]
    # as if it had been found directly
    kept[kept.index(rec)] = replace(rec, url=target)
    Path(run.manifest).write_text("".join(r.to_line() for r in kept))
    (Path(run.run_dir) / STATS_NAME).unlink()    # killed before the end
    sim.clear_hits()
    resumed = crawl(source, tmp_path, sim)
    assert resumed.resumed
    hits = hit_urls(sim)
    assert origin in hits and target not in hits
    final = read_manifest(resumed.manifest)
    assert sorted(ok_releases(final)) == sorted(expected_releases(crash_truth, source))


# -- which runs are resumed -----------------------------------------------------------------


@pytest.mark.slow
def test_resume_limits(tmp_path, sim, crash_truth):
    run_dir = killed_crawl("prwire", tmp_path, sim, "manifest.after_release:3")
    same = {"since": None, "until": None, "resume_key": None}
    assert resumable(run_dir, same)
    assert not resumable(run_dir, {**same, "resume_key": "2026-07-01|prwire"})
    assert not resumable(run_dir, {**same, "since": "2026-06-01", "until": "2026-06-30"})
    info = json.loads((run_dir / RUN_NAME).read_text())
    info["started_at"] = "2020-01-01T00:00:00+00:00"
    (run_dir / RUN_NAME).write_text(json.dumps(info))
    assert not resumable(run_dir, same)           # too old: a new run starts
    run = crawl("prwire", tmp_path, sim, resume=False)
    assert not run.resumed and Path(run.run_dir) != run_dir
    assert set(ok_releases(read_manifest(run.manifest))) == expected_releases(crash_truth,
                                                                              "prwire")


@pytest.mark.slow
def test_known_urls_still_skipped_on_resume(tmp_path, sim, crash_truth):
    run_dir = killed_crawl("prwire", tmp_path, sim, "manifest.after_release:2")
    known = sorted(expected_releases(crash_truth, "prwire"))[:5]
    settle_and_clear(sim)
    run = crawl("prwire", tmp_path, sim, known_urls=known)
    assert run.resumed and Path(run.run_dir) == run_dir
    assert (run_dir / "known_urls.txt").read_text().split() == known
    assert not set(known) & set(hit_urls(sim))
    fetched = set(ok_releases(read_manifest(run.manifest)))
    assert fetched | set(known) == expected_releases(crash_truth, "prwire")


# -- the inbox: a truncated archive ---------------------------------------------------------


def test_truncated_warc_in_the_inbox_keeps_complete_records(tmp_path):
    releases, gone = inbox_release_pages()[:-1], inbox_release_pages()[-1]
    pages = [gone, *releases]
    warc = write_warc(tmp_path / "raw" / "inbox" / "day" / "dropped.warc.gz", pages)
    last = verify_warc(warc).records[-1]
    data = warc.read_bytes()
    warc.write_bytes(data[:last.offset + last.length * 3 // 4])  # died mid-record
    records = list(warc_records(warc, tmp_path, "run-1"))
    assert [r.url for r in records] == [u for u, _, _ in pages]
    assert [r.reason for r in records] == ["http_404", None, None, TRUNCATED]
    tail = records[-1]
    assert tail.warc_offset == last.offset and tail.role == "release"
    assert tail.flags[0] in TORN_REASONS
    rows = page_rows(records)
    assert sum(r.reason == TRUNCATED for r in rows) == 1
    # A tail that is not even a record header: still counted, named by file and offset.
    warc.write_bytes(data[:last.offset + 5])
    tail = list(warc_records(warc, tmp_path, "run-2"))[-1]
    assert tail.reason == TRUNCATED and tail.url.endswith(f"#offset={last.offset}")


def test_verify_finds_the_torn_tail_at_every_cut(tmp_path):
    """Cut a small archive at every byte: complete records are always exactly those
    that end before the cut, and the torn tail starts where the last one ends."""
    pages = [(u, s, b) for u, s, b in inbox_release_pages()[:2]]
    pages.append(("http://x.test/z", 200, gzip.compress(b"<p>zipped</p>" * 50)))
    warc = write_warc(tmp_path / "whole.warc.gz", pages)
    data = warc.read_bytes()
    ends = [r.offset + r.length for r in verify_warc(warc).records]
    cut_file = tmp_path / "cut.warc.gz"
    for cut in range(1, len(data), 7):
        cut_file.write_bytes(data[:cut])
        scan = verify_warc(cut_file)
        complete = [e for e in ends if e <= cut]
        assert len(scan.records) == len(complete), cut
        assert scan.torn_at == (None if cut in ends else max([0, *complete])), cut
        assert len(list(iter_responses(cut_file))) == max(0, len(complete) - 1)


# -- disk full ------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs mounted for the test."""
    with small_disk_at(tmp_path / "disk", 4) as mount:
        yield mount


@pytest.mark.slow
def test_disk_full_stops_with_the_path_and_resumes_with_space(small_disk, sim, crash_truth):
    data = small_disk / "data"
    data.mkdir()
    ballast = fill_disk(small_disk, 40 * 1024)
    with pytest.raises(ArchiveWriteFailed) as failed:
        crawl("bizwire", data, sim)
    err = failed.value
    assert str(err).startswith("crawl of bizwire failed: disk full: ")
    path = Path(err.path)
    assert str(path) in str(err) and path.is_relative_to(data)
    assert path.name.endswith((".warc.gz", MANIFEST_NAME, STATS_NAME, ".tmp"))
    assert err.run.stats["wiredesk/resumable"] is True
    assert not (data / "state").exists()           # its feed validators are not kept
    (run_dir,) = (data / "raw" / "bizwire").iterdir()
    first = read_manifest(run_dir / MANIFEST_NAME)
    assert_sound(data, first)                      # no line points at a partial record
    assert len(ok_releases(first)) < len(expected_releases(crash_truth, "bizwire"))
    ballast.unlink()                               # space again
    assert_resumed_completely(data, "bizwire", crash_truth, sim, first, run_dir)


@pytest.mark.slow
def test_disk_full_cuts_the_partial_write_off_warc_and_manifest(small_disk):
    """Each writer on a full disk: the error names the file, the half-written record or
    line is cut back off, and nothing more is written after it."""
    data = small_disk / "data"
    writer = WarcArchiveWriter(data / "run", data, "full", max_bytes=1 << 30)
    crawler = get_crawler(spider_class_for(registry()["prwire"]),
                          {"WIREDESK_DATA_DIR": str(data)})
    crawler._apply_settings()
    spider = crawler.spidercls.from_crawler(crawler, run_id="run")
    manifest = ManifestPipeline.from_crawler(crawler)
    manifest.open_spider(spider)
    fill_disk(small_disk, 24 * 1024)
    locations = []
    with pytest.raises(ArchiveWriteError) as warc_err:
        for i in range(100):
            locations.append(writer.write_response(
                f"http://x.test/{i}", 200, "OK", [], os.urandom(3000)))
    assert warc_err.value.errno == errno.ENOSPC
    warc = data / writer.files[-1]
    assert warc_err.value.filename == str(warc)
    assert verify_warc(warc).complete                  # the partial record was cut off
    assert [r.offset for r in verify_warc(warc).responses] == [x.offset for x in locations]
    with pytest.raises(ArchiveWriteError):
        writer.write_response("http://x.test/late", 200, "OK", [], b"tiny")
    writer.close()
    fill_disk(small_disk, 8 * 1024)                         # some room again for the manifest
    with pytest.raises(DropItem):
        for i in range(1000):
            manifest.process_item(ManifestRecord(role="release", url=f"http://x.test/{i}",
                                             reason="x" * 500), spider)
    path = data / "raw" / "prwire" / "run" / MANIFEST_NAME
    assert crawler.stats.get_value("wiredesk/stop_reason") == f"disk full: {path}"
    assert crawler.stats.get_value("wiredesk/resumable") is True
    with pytest.raises(DropItem):                      # nothing after the failure
        manifest.process_item(ManifestRecord(role="release", url="http://x.test/tiny"), spider)
    manifest.close_spider(spider)
    text = path.read_bytes()
    assert text.endswith(b"\n") and len(read_manifest(path)) == text.count(b"\n") > 4


# -- bounded decompression when reading back ------------------------------------------------

BOMB_GIB = 2


def gzip_bomb(gib: int = BOMB_GIB) -> bytes:
    """A valid gzip stream of ``gib`` GiB of zeros (about 1 MiB compressed per GiB), built
    block by block: the deflate of 1 MiB of zeros after a full flush is the same bytes
    every time, so only one block is ever compressed."""
    zeros = bytes(1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(gib << 10):
        crc = zlib.crc32(zeros, crc)
    tail = comp.flush(zlib.Z_FINISH)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + block * (gib << 10) + tail + struct.pack("<II", crc, (gib << 30) & 0xFFFFFFFF)


def test_gzip_bomb_is_flagged_not_expanded(tmp_path):
    bomb = gzip_bomb()
    assert len(bomb) < 3 << 20
    head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(bomb[:1 << 16], 1 << 20)
    assert head == bytes(1 << 20)   # really gzip of zeros
    html = b"<html><body><article><p>" + b"A short honest page. " * 40 + b"</p></article>"
    writer = WarcArchiveWriter(tmp_path / "raw", tmp_path, "bomb", max_bytes=1 << 30)
    headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]
    bomb_loc = writer.write_response("http://bomb.test/news/zeros.html", 200, "OK", headers,
                                     bomb)
    page_loc = writer.write_response("http://bomb.test/news/fine.html", 200, "OK", headers,
                                     gzip.compress(html))
    writer.close()
    warc = tmp_path / bomb_loc.file
    tracemalloc.start()
    try:
        raw = read_record(warc, bomb_loc.offset)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert raw.error == TOO_LARGE and raw.body == b""
    assert peak < MAX_DECODED_BYTES + (48 << 20), peak
    assert read_record(warc, page_loc.offset).body == html
    # The inbox records it with its reason; the clean stage refuses it with that reason.
    records = list(warc_records(warc, tmp_path, "run-1"))
    assert [r.reason for r in records] == [TOO_LARGE, None]
    pages = page_rows(records)
    pages, _ = clean_pages(pages, tmp_path, workers=1)
    assert [p.reason for p in pages][0] == TOO_LARGE
    assert pages[0].outcome == "error"


def test_decoding_within_the_cap(tmp_path):
    """Each coding decodes whole below the cap; past a (small) cap it is flagged."""
    html = b"<p>" + b"plain words " * 2000 + b"</p>"
    bodies = {"gzip": gzip.compress(html), "deflate": zlib.compress(html),
              "br": brotli.compress(html), "": html,
              "x-gzip": gzip.compress(html[:100]) + gzip.compress(html[100:])}
    writer = WarcArchiveWriter(tmp_path, tmp_path, "codings", max_bytes=1 << 30)
    locs = {}
    for coding, body in bodies.items():
        headers = [("Content-Type", "text/html")] + (
            [("Content-Encoding", coding)] if coding else [])
        locs[coding] = writer.write_response(f"http://c.test/{coding}", 200, "OK", headers,
                                             body)
    writer.close()
    for coding, loc in locs.items():
        raw = read_record(tmp_path / loc.file, loc.offset)
        assert raw.body == html and raw.error is None, coding
    with open(tmp_path / locs["br"].file, "rb") as fh:
        fh.seek(locs["br"].offset)
        record = next(iter(ArchiveIterator(fh)))
        assert decoded_payload(record, cap=1000) == (b"", TOO_LARGE)



# -- issue 20: bad records before a torn tail; a producer killed while writing ----------------


def test_bad_records_then_a_torn_tail_keep_every_good_record(tmp_path):
    """Every kind of bad record in the middle of an archive whose writer then died: each
    bad record keeps its own reason, the good records around them load, and only the torn
    tail is ``warc_truncated``."""
    from tests.pipelines.test_inbox import bad_records_warc

    warc = bad_records_warc(tmp_path / "raw" / "inbox" / "day" / "mixed.warc.gz")
    good_tail = write_warc(tmp_path / "tail.warc.gz", inbox_release_pages()[2:3])
    data = warc.read_bytes() + good_tail.read_bytes()
    last = verify_warc(good_tail).records[-1]
    warc.write_bytes(data[: len(warc.read_bytes()) + last.offset + last.length // 2])
    reasons = [r.reason for r in warc_records(warc, tmp_path, "run-1")]
    assert reasons[0] is None and reasons[-2] is None           # the good ones, either side
    assert reasons[1:6] == ["bad_target_uri", "bad_http_status", "bad_http_status",
                            "no_target_uri", reasons[5]] and reasons[5].startswith(
                                "bad_http_headers")
    assert reasons.count(TRUNCATED) == 1 and reasons[-1] == TRUNCATED


def test_an_archive_whose_producer_died_mid_write_is_claimed_once_settled(tmp_path):
    """A producer writing in place is killed half-way: the file is left alone while it may
    still grow, then claimed with its complete records and its torn tail recorded."""
    from pipelines.inbox import claim, pending

    inbox, landing = tmp_path / "inbox", tmp_path / "raw" / "inbox" / "day"
    whole = write_warc(tmp_path / "whole.warc.gz", inbox_release_pages(), settled=False)
    cut = inbox / "in-place.warc.gz"
    inbox.mkdir()
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    assert pending(inbox, settle=30) == [] and claim(inbox, landing, settle=30) == []
    past = time.time() - 60
    os.utime(cut, (past, past))
    files = claim(inbox, landing, settle=30)
    records = [r for f in files for r in warc_records(f, tmp_path, "run-1")]
    assert records[-1].reason == TRUNCATED
    assert sum(r.reason is None for r in records) >= 1
