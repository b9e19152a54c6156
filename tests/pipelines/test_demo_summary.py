"""``wiredesk demo``'s summary prints stored text as text (issue 20): rich markup in a title
plants no terminal hyperlink, a title starting with ``[/]`` does not crash the summary."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from rich.console import Console

from pipelines.demo import show_summary
from warehouse.db import connect
from warehouse.load import insert_rows

LINK_TITLE = "[link=http://attacker.test/login]Reset your password[/link] now"
CLOSING_TITLE = "[/] Harbour board opens a second quay"
STYLED_DATELINE = "[blink red]PORTWELL[/], July 3 \x1b[2J"
WHEN = datetime(2026, 7, 3, 9, 0, tzinfo=UTC)


def hostile_warehouse(path):
    con = connect(path)
    try:
        insert_rows(con, "pages", [
            {"page_id": f"p{i}", "source_id": "[bold]prwire[/]", "role": "release",
             "outcome": "ok" if i < 2 else "error", "reason": None if i < 2 else "[/]oops",
             "url": f"http://www.prwire.test/{i}", "partition_key": "k", "run_id": "run"}
            for i in range(3)])
        insert_rows(con, "releases", [
            {"release_id": f"r{i}", "source_id": "[bold]prwire[/]", "title": title,
             "dateline_raw": STYLED_DATELINE, "dateline_city": "[/]", "agency": "[i]PR[/i]",
             "canonical_url": f"http://www.prwire.test/{i}", "first_seen_at": WHEN,
             "partition_key": "k", "article_id": f"p{i}", "run_id": "run",
             "urls": [f"http://www.prwire.test/{i}"], "page_ids": [f"p{i}"],
             "carrier": "[u]PR Wire[/u]", "content_hash": f"h{i}"}
            for i, title in enumerate((LINK_TITLE, CLOSING_TITLE))])
        insert_rows(con, "stories", [
            {"story_id": "s1", "canonical_release_id": "r0", "title": LINK_TITLE,
             "carriers": 2, "members": 2, "first_seen_at": WHEN},
            {"story_id": "s2", "canonical_release_id": "r1", "title": CLOSING_TITLE,
             "carriers": 2, "members": 2, "first_seen_at": WHEN}])
        insert_rows(con, "story_members", [
            {"story_id": f"s{s}", "release_id": f"r{r}", "source_id": "[/]",
             "is_canonical": r == s - 1, "lag_minutes": r, "method": "exact",
             "similarity": 1.0} for s in (1, 2) for r in (0, 1)])
    finally:
        con.close()


def test_stored_markup_is_printed_as_text(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    hostile_warehouse(db)
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="truecolor", width=400)
    counts = show_summary(db, console)          # raised MarkupError on the "[/]" title
    text = out.getvalue()
    assert counts["releases"] == 2
    assert "\x1b]8;" not in text                  # no OSC 8 terminal hyperlink
    assert "\x1b[5m" not in text and "\x1b[2J" not in text   # no blink, no screen clear
    assert "[link=http://attacker.test/login]" in text
    assert "[/] Harbour board opens a second quay" in text
    assert "[blink red]PORTWELL[/]" in text and "\\x1b[2J" in text
