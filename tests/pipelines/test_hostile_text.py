"""Hostile text after the crawl: the real clean, parse and load stages stay bounded, never
crash, store no control characters or invalid UTF-8, and set absurd dates aside with a
reason. Invented pages, archived as WARC with the project's own writer."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from crawlers.dates import read_timestamp
from pipelines.articles import clean_pages
from pipelines.clean.decode import decode_body, scrub_text
from pipelines.clean.guard import PageTimeout, time_limit
from pipelines.inbox import warc_records
from pipelines.manifest import page_rows
from pipelines.parse import parse_release
from pipelines.parse.tickers import find_tickers
from pipelines.published import reconcile_with_notes
from pipelines.releases import parse_guarded, release_rows
from tests.conftest import write_warc
from warehouse.db import connect
from warehouse.load import replace_partition

LEAD = ("NEW YORK, July 8, 2026 /PRNewswire/ -- Quillon Health said it would hire forty "
        "engineers for its new office by the river.\n"
        + "The office will hold two hundred staff when it is full, the firm said.\n" * 40)
BOUND = 60  # seconds: a bound on runaway cost, not a benchmark (the old parser took ~10 min)
CONTROLS = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f", "\x9b"}


@pytest.mark.parametrize("unit", ["1", "Mr. Aa ", ":", "(NYSE: A) ", "Aa's ", "Qa Bank, ",
                                  "a:", "( A ", "#", "About ", "-"])
def test_a_one_megabyte_line_parses_in_bounded_time(unit: str) -> None:
    line = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    started = time.perf_counter()
    parsed = parse_release(LEAD + line)
    assert time.perf_counter() - started < BOUND
    assert not parsed.parse_status.startswith("error"), parsed.parse_status
    assert parsed.dateline is not None and parsed.dateline.city == "New York"


def test_many_people_and_possessives_in_one_run_do_not_overflow_the_stack() -> None:
    parsed = parse_release(LEAD + "Mr. Qa Zed " * 12_000 + "\n" + "Aa's " * 5_000)
    assert parsed.parse_status == "ok"
    assert any(e["kind"] == "person" and e["name"] == "Qa Zed" for e in parsed.entities)


def test_extreme_lengths_are_bounded() -> None:
    tickers = LEAD + " ".join(f"(NYSE: Q{i % 9999})" for i in range(100_000))
    contacts = LEAD + "Contact:\nJane Roe\nTel: +1 212 555 0100\n" * 10_000
    for text in (tickers, contacts):
        started = time.perf_counter()
        parsed = parse_release(text)
        assert time.perf_counter() - started < BOUND
        assert parsed.parse_status == "truncated"
    assert len(find_tickers(tickers)) <= 9999


def test_a_release_that_runs_out_of_time_is_marked_and_the_run_goes_on() -> None:
    parsed = parse_guarded(LEAD * 50, seconds=0.001)
    assert parsed.parse_status == "timeout" and parsed.dateline is None
    assert parse_guarded(LEAD).parse_status == "ok"  # the next one is unaffected


def test_time_limits_nest() -> None:
    with pytest.raises(PageTimeout), time_limit(0.2):
        with time_limit(5):
            pass  # the inner limit ends in time and gives the outer one back
        while True:
            time.sleep(0.01)


def test_urdu_release_keeps_its_language_and_a_latin_dateline() -> None:
    urdu = ("حکومت نے منگل کو نئے بجٹ کا اعلان کیا اور کہا کہ ترقیاتی منصوبوں کے لیے رقم "
            "بڑھائی جائے گی۔\nوزیر خزانہ نے کہا کہ مہنگائی کم ہو رہی ہے۔")
    plain = parse_release(urdu)
    assert (plain.language, plain.parse_status, plain.dateline) == ("ur", "rtl_script", None)
    dated = parse_release("ISLAMABAD, July 3, 2026 (APP): " + urdu)
    assert dated.language == "ur" and dated.parse_status == "rtl_script"
    assert dated.dateline is not None and dated.dateline.city == "Islamabad"
    assert dated.dateline.date == "2026-07-03" and dated.agency == "APP"


@pytest.mark.parametrize("value", [
    "0000-00-00", "0000-01-01T00:00:00Z", "9999-12-31", "9999-12-31T23:59:59-12:00",
    "2999-01-01T00:00:00Z", "-0001-01-01", "2026-02-30", "1751980800", "1e9",
    "Thu, 01 Jan 1970 00:00:00 +0000", "Fri, 31 Dec 9999 23:59:59 -1200", "9" * 100_000,
])
def test_absurd_timestamps_are_never_a_publication_time(value: str) -> None:
    moment, problem = read_timestamp(value)
    assert moment is None and problem in ("unparseable", "before 1990", "in the future",
                                         "out of range")
    at, _, evidence, note = reconcile_with_notes(value, value, None)
    assert at is None and evidence is None and note.startswith("feed ")


@pytest.mark.parametrize(("dateline", "problem"), [
    ("December 31, 9999 11:00 PM ET", "in the future"),
    ("January 1, 0001 8:00 AM ET", "before 1990"),
    ("February 30, 2026", None),
    ("July 8, 2999", "in the future"),
    ("July 8, 1970 8:00 AM ET", "before 1990"),
])
def test_absurd_dateline_dates_are_set_aside(dateline: str, problem: str | None) -> None:
    seen = datetime(2026, 7, 8, 12, tzinfo=UTC)
    parsed = parse_release(f"NEW YORK, {dateline} /PRNewswire/ -- Acme opened a plant in "
                           "the city.\nMore follows.")
    dl = parsed.dateline
    at, _, _, note = reconcile_with_notes(
        None, None, dl.date if dl else None, dateline_time=dl.time if dl else None,
        dateline_zone=dl.zone if dl else None, first_seen=seen)
    assert at is None
    assert (problem in note) if problem else note is None


def test_a_date_two_days_after_first_seen_is_not_used() -> None:
    seen = datetime(2026, 7, 8, 12, tzinfo=UTC)
    later = (seen + timedelta(days=3)).isoformat()
    at, _, evidence, note = reconcile_with_notes(later, None, "2026-07-08", first_seen=seen)
    assert evidence == "dateline" and at == datetime(2026, 7, 8, tzinfo=UTC)
    assert note == f"feed {later!r}: in the future"


def test_forbidden_character_references_do_not_cost_a_page_its_text() -> None:
    text, _ = decode_body(b"<p>a&#27;b&#xFFFE;c&#0;d&#150;e&#x85;f&#99999999999;g</p>", None)
    assert text == "<p>a\ufffdb\ufffdc\ufffdd&#150;e&#x85;f\ufffdg</p>"
    assert scrub_text("a\x00b\x1b[31mc\x9b\td\ne\ud800") == "ab[31mc\td\ne\ufffd"


# -- the real stages over a WARC of hostile pages, into a real DuckDB file ---------------

HOST = "http://hostile.test"
PARA = ("<p>{lead}</p><p>The board said that teachers would be hired in two rounds, the "
        "first in September, and that parents could register children at the district "
        "offices until the end of August this year.</p><p>The chair thanked the assembly "
        "for approving the budget and said the schools would open on time.</p>")


def page(title: str, lead: str, head: str = "", extra: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}"
            f"</h1>{PARA.format(lead=lead)}{extra}</article></body></html>").encode()


def jsonld(published: str) -> str:
    return ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
            + json.dumps(published) + "}</script>")


HOSTILE_PAGES: dict[str, bytes] = {
    "controls": page("Board\x00 opens\x1b[31m schools\x07",
                     "LAHORE, July 3, 2026 /DNA/ -- The board\x00 will open \x1b[2Jforty "
                     "schools across the district."),
    "entities": page("Board &#27;opens&#xFFFE; schools",
                     "LAHORE, July 3, 2026 /DNA/ -- The board &#0;will open forty schools "
                     "across the &#xD800;district."),
    "surrogate_jsonld": page("Board opens schools in Multan",
                             "MULTAN, July 3, 2026 /DNA/ -- The board will open twelve "
                             "schools in Multan.", head=jsonld("2026-07-03\ud800")),
    "bad_utf8": page("Board opens schools in Quetta \xff", "QUETTA, July 3, 2026 /DNA/ -- "
                     "The board will open nine schools in Quetta.").replace(
                         b"\xc3\xbf", b"\xed\xa0\x80\xc0\xaf\xff"),
    "future_jsonld": page("Board opens schools in Sukkur", "SUKKUR, July 3, 2026 /DNA/ -- "
                          "The board will open six schools in Sukkur.", head=jsonld("9999-12-31")),
    "year_zero": page("Board opens schools in Hyderabad", "HYDERABAD, December 31, 9999 "
                      "11:00 PM ET /DNA/ -- The board will open five schools in Hyderabad.",
                      head=jsonld("0000-00-00T00:00:00Z")),
    "urdu": ('<html lang="ur"><head><title>بجٹ کا اعلان</title></head><body><article>'
             "<h1>بجٹ کا اعلان</h1><p>اسلام آباد: حکومت نے منگل کو نئے بجٹ کا اعلان کیا اور کہا "
             "کہ ترقیاتی منصوبوں کے لیے رقم بڑھائی جائے گی۔</p><p>وزیر خزانہ نے کہا کہ مہنگائی "
             "کم ہو رہی ہے اور اگلے سال معیشت تیزی سے بڑھے گی۔</p><p>انہوں نے کہا کہ نئے "
             "اسکول اور اسپتال بنائے جائیں گے۔</p></article></body></html>").encode(),
    "scripts_only": ("<html><head><title>x</title><script>window.__pwned = 1</script></head>"
                     "<body><script>" + "alert(1);" * 5000 + "</script><style>p{}</style>"
                     "</body></html>").encode(),
    "markup_title": page("&lt;script&gt;window.__pwned=1&lt;/script&gt; [click](javascript:"
                         "alert(1)) ![x](http://evil.test/x.png)",
                         "KARACHI, July 3, 2026 /DNA/ -- The board will open thirty schools "
                         "in Karachi."),
    "one_line": page("Board opens schools in Gwadar", "GWADAR, July 3, 2026 /DNA/ -- The board "
                     "will open forty schools. " + "1" * 300_000),
}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    data = tmp_path_factory.mktemp("hostile")
    warc = write_warc(data / "raw" / "inbox" / "hostile.warc.gz",
                      [(f"{HOST}/{name}.html", 200, body) for name, body in HOSTILE_PAGES.items()])
    pages = page_rows(warc_records(warc, data, "hostile"))  # the inbox's own path
    pages = [replace(p, feed_published="2999-01-01T00:00:00Z")
             if p.url.endswith("/year_zero.html") else p for p in pages]
    pages, articles = clean_pages(pages, data, workers=1)
    started = time.perf_counter()
    releases = release_rows(articles, pages, carrier="hostile.test")
    parse_seconds = time.perf_counter() - started
    con = connect(data / "warehouse.duckdb")
    counts = replace_partition(
        con, "2026-07-03|inbox", {"run_id": "hostile", "source_id": "inbox"},
        [p.to_row() for p in pages], [a.to_row() for a in articles],
        releases, entities=[e for r in releases for e in r["entities"]],
        mentions=[m for r in releases for m in r["mentions"]],
        contacts=[c for r in releases for c in r["contacts"]])
    yield {"pages": pages, "articles": articles, "releases": releases, "con": con,
           "counts": counts, "parse_seconds": parse_seconds}
    con.close()


def by_name(rows: list[dict], name: str) -> dict:
    return next(r for r in rows if (r.get("url") or r["canonical_url"]).endswith(f"/{name}.html"))


def test_every_hostile_page_is_archived_cleaned_or_recorded_with_a_reason(hostile_run):
    pages = hostile_run["pages"]
    assert len(pages) == len(HOSTILE_PAGES)
    assert all(p.outcome == "ok" or p.reason for p in pages)
    cleaned = {a.url.rsplit("/", 1)[1][:-5] for a in hostile_run["articles"]}
    assert cleaned == set(HOSTILE_PAGES) - {"scripts_only"}
    assert by_name([p.to_row() for p in pages], "scripts_only")["reason"] == \
        "no_text_extracted"
    statuses = {r["canonical_url"].rsplit("/", 1)[1][:-5]: r["parse_status"]
                for r in hostile_run["releases"]}
    assert statuses["one_line"] == "garbage"  # 300k digits: said so, in bounded time
    assert statuses["controls"] == statuses["markup_title"] == "ok"
    assert hostile_run["parse_seconds"] < BOUND


def test_the_partition_loads_and_stored_text_is_clean(hostile_run):
    con = hostile_run["con"]
    assert hostile_run["counts"]["releases"] == len(hostile_run["releases"]) >= 9
    for table, columns in (("articles", "title, body_text, page_published"),
                           ("releases", "title, body_main, headline, lead, dateline_raw")):
        for row in con.execute(f"SELECT {columns} FROM {table}").fetchall():
            for value in row:
                assert not CONTROLS & set(value or ""), (table, value[:80])
    titles = {r[0] for r in con.execute("SELECT title FROM releases").fetchall()}
    assert "Board opens[31m schools" in titles  # "Board\x00 opens\x1b[31m schools\x07"
    assert "Board \ufffdopens\ufffd schools" in titles


def test_absurd_page_and_feed_dates_are_set_aside_with_a_reason(hostile_run):
    rows = dict(((r[0].rsplit("/", 1)[1][:-5]), r[1:]) for r in hostile_run["con"].execute(
        "SELECT canonical_url, published_at, published_from, published_note FROM releases"
    ).fetchall())
    at, evidence, note = rows["future_jsonld"]
    assert (at.date().isoformat(), evidence) == ("2026-07-03", "dateline")
    assert note == "page '9999-12-31': in the future"
    at, evidence, note = rows["year_zero"]
    assert at is None and evidence is None
    assert "feed '2999-01-01T00:00:00Z': in the future" in note
    assert "page '0000-00-00T00:00:00Z': unparseable" in note
    assert "dateline 9999-12-31T23:00:00-05:00: out of range" in note  # UTC is year 10000
    assert rows["surrogate_jsonld"][2] == "page '2026-07-03\ufffd': unparseable"


def test_urdu_and_markup_pages_keep_their_text(hostile_run):
    urdu = by_name(hostile_run["releases"], "urdu")
    assert urdu["language"] == "ur" and urdu["parse_status"] == "rtl_script"
    assert "بجٹ" in urdu["body_main"]
    markup = by_name(hostile_run["releases"], "markup_title")
    assert markup["title"].startswith("<script>window.__pwned=1</script> [click](javascript:")
