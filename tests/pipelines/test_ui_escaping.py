"""Stored text shown as inert text: the markdown built for the Dagster UI, the terminal
table of ``wiredesk sql``, and the real UI in headless Chromium over a partition whose
release has a hostile title (ingested from a WARC dropped into the inbox)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from pipelines.defs.metadata import link_target, md_cell, md_link, md_links, new_releases_table
from pipelines.defs.partitions import partition_key
from tests.conftest import write_warc
from tests.pipelines.test_dagster_ui import (  # noqa: F401 - the headless Chromium fixture
    browser,
    click_if_shown,
)
from warehouse.db import connect
from warehouse.publish import publish
from warehouse.render import cell, write_rows

HOSTILE_TITLE = ('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> '
                 "[click](javascript:alert(1)) ![x](http://evil.test/x.png) "
                 "<http://evil.test/auto> www.evil.test &amp; | **bold** [bold red]x[/]")


def rendered_markdown(md: str) -> str:
    """The markdown as CommonMark with GFM tables renders it (markdown-it-py; GFM's bare-URL
    autolinks are checked in the real UI below)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(md)


def test_stored_text_is_inert_in_ui_markdown() -> None:
    rows = [{"title": HOSTILE_TITLE, "canonical_url": "javascript:alert(1)"},
            {"title": "[x](data:text/html,<script>alert(1)</script>)",
             "canonical_url": "data:text/html,<script>alert(1)</script>"},
            {"title": "Fine title", "canonical_url": "https://wire.test/a (b)<c>\"d'"},
            {"title": "]](http://evil.test)", "canonical_url": " JAVASCRIPT:alert(1)"},
            {"title": "\u202eevil\u202c\x1b[31m", "canonical_url": "http:///nohost"}]
    md = new_releases_table(rows).value
    html = rendered_markdown(md)
    assert "<script" not in html and "<img" not in html and "<strong>" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["https://wire.test/a%20%28b%29%3Cc%3E%22d%27"]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html  # shown, as text
    assert "[click](javascript:alert(1))" in html and "![x](http://evil.test/x.png)" in html
    assert "\u202e" not in md and "\x1b" not in md
    assert md.count("\n") == len(rows) + 1  # one line per row: no cell broke the table
    assert link_target("ftp://x.test/") is None and link_target(None) is None
    assert md_link("label", "file:///etc/passwd") == "label"
    assert "](" not in md_links(["/tmp/a](javascript:x).warc.gz"]).value
    assert md_cell("a|b") == "a&#124;b"


def test_the_terminal_table_shows_control_characters_as_escapes() -> None:
    assert cell("\x1b[31mred\x1b[0m\x07\x9b2J\u202eabc") == \
        "\\x1b[31mred\\x1b[0m\\x07\\x9b2J\\u202eabc"
    out = io.StringIO()
    write_rows(["title"], [("\x1b]8;;http://evil.test\x1b\\link\x1b]8;;\x1b\\",)], "table", out)
    assert "\x1b" not in out.getvalue() and "\\x1b]8;;http://evil.test" in out.getvalue()
    data = io.StringIO()  # CSV is data: byte-faithful, formulas included (documented)
    write_rows(["title"], [("=HYPERLINK(\"http://evil.test\")\x1b[31m",)], "csv", data)
    assert data.getvalue() == 'title\n"=HYPERLINK(""http://evil.test"")\x1b[31m"\n'


@pytest.mark.slow
def test_wiredesk_sql_and_search_print_no_escape_sequences(tmp_path) -> None:
    db = tmp_path / "warehouse.duckdb"
    con = connect(db)
    con.execute("INSERT INTO releases (release_id, article_id, source_id, run_id, title, "
                "body_main, canonical_url, urls, page_ids, carrier, content_hash, "
                "first_seen_at, partition_key) VALUES ('r1', 'a1', 'inbox', 'run', ?, ?, "
                "'http://x.test/', ['http://x.test/'], ['a1'], 'x.test', 'h', now(), 'k')",
                ["\x1b[2J\x1b[31mRed title [bold red]boom[/] trade",
                 "Harbour trade grew \x1b]0;pwned\x07 this year."])
    con.close()
    publish(str(db))
    for args in (["sql", "SELECT title, body_main FROM releases"], ["search", "trade"],
                 ["sql", "SELECT CAST(title AS INTEGER) FROM releases"]):
        out = subprocess.run([sys.executable, "-m", "pipelines.cli", *args, "--db", str(db)],
                             capture_output=True, timeout=120)
        text = (out.stdout + out.stderr).decode()
        assert "\x1b" not in text and "\x07" not in text, text
        assert "\\x1b[31mRed title [bold red]boom[/]" in text, text


# -- the real UI ----------------------------------------------------------------------------

PAGE = """<html><head><title>{title}</title>
<link rel="canonical" href="javascript:alert(1)"></head><body><article><h1>{title}</h1>
<p>PORTWELL, March 6, 2026 /Harbour Wire/ -- The harbour board said it would repaint the
lighthouse and the north pier before the summer season, with work starting next week.</p>
<p>The board said the work would cost less than last year's repairs, and that boats could
use the pier as usual while the painters worked from the landward side.</p>
<p>Residents can see the colour samples at the harbour office until the end of the month.</p>
</article></body></html>"""


@pytest.mark.slow
def test_a_hostile_title_is_inert_text_in_the_dagster_ui(dagster_dev, browser) -> None:  # noqa: F811
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.pipelines.test_dagster_graphql import launch_partition

    escaped = (HOSTILE_TITLE.replace("&", "&amp;").replace("<", "&lt;")
               .replace(">", "&gt;"))
    write_warc(dagster_dev.data_dir / "inbox" / "hostile.warc.gz", [
        ("http://news.hostile.test/lighthouse.html", 200,
         PAGE.format(title=escaped).encode())])
    run_id = launch_partition(dagster_dev, "ingest_source", partition_key("inbox"))
    assert dagster_dev.wait_for_run(run_id, timeout=300) == "SUCCESS", \
        dagster_dev.log.read_text()[-3000:]

    wait = WebDriverWait(browser, 90)
    browser.get(f"{dagster_dev.url}/assets/warehouse_partition?view=events")
    click_if_shown(browser, "Skip")
    page_title = browser.title
    # the materialisation's metadata, new_releases among it, is rendered on the Events tab
    label = "<script>window.__pwned=1</script>"
    wait.until(lambda d: label in d.find_element(By.TAG_NAME, "body").text)
    time.sleep(1)  # anything the markdown could have started has had its chance

    assert browser.execute_script("return window.__pwned") is None
    assert browser.title == page_title
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "[click](javascript:alert(1))" in body and "![x](http://evil.test/x.png)" in body
    hrefs = [a.get_attribute("href") or "" for a in browser.find_elements(By.TAG_NAME, "a")]
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))]
    assert "http://news.hostile.test/lighthouse.html" in hrefs  # the one real link
    for img in browser.find_elements(By.TAG_NAME, "img"):
        src = img.get_attribute("src") or ""
        host = urlsplit(src).hostname
        assert src.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"), src
