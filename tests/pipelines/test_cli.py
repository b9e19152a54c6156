"""The wiredesk console script: clean and parse read stdin and write text or JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Every test here starts processes (the slow tier: make test-slow).
pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
CLI = [sys.executable, "-m", "pipelines.cli"]


def run(args: list[str], stdin: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + args, input=stdin, capture_output=True, timeout=120)


def test_clean_prints_the_body_and_json_fields():
    html = (FIXTURES / "prn_like.html").read_bytes()
    out = run(["clean", "--url", "http://www.prwire.test/news-releases/x-300000001.html"], html)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert "/PRNewswire/" in text
    assert "Accept all cookies" not in text and "cookie" not in text.lower()
    out = run(["clean", "--json"], html)
    data = json.loads(out.stdout)
    assert data["ok"] is True and data["extractor"] == "trafilatura"
    assert data["title"]


def test_clean_jsonl_keeps_order_and_reports_bad_pages():
    good = (FIXTURES / "bw_like.html").read_text()
    lines = [json.dumps({"url": "http://a.test/1", "html": good}),
             json.dumps({"url": "http://a.test/2", "html": ""})]
    out = run(["clean", "--jsonl"], "\n".join(lines).encode())
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [r["url"] for r in rows] == ["http://a.test/1", "http://a.test/2"]
    assert rows[0]["ok"] and not rows[1]["ok"] and rows[1]["reason"] == "empty_body"


def test_clean_of_an_empty_page_fails_with_a_reason():
    out = run(["clean"], b"")
    assert out.returncode == 1
    assert b"empty_body" in out.stderr


def test_parse_reads_dateline_agency_and_tickers():
    text = ("AUSTIN, Texas--(BUSINESS WIRE)--Harrowgate Labs (NASDAQ: HGLB) said on Monday "
            "it would open a second plant.\nThe plant will employ 140 people.\n"
            "About Harrowgate Labs\nHarrowgate Labs makes sensors.\n")
    out = run(["parse", "--json"], text.encode())
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["dateline"]["city"] == "Austin"
    assert data["dateline"]["region"] == "Texas"
    assert data["dateline"]["country"] == "US"
    assert data["agency"] == "Business Wire"
    assert data["tickers"] == ["NASDAQ:HGLB"]
    assert "Harrowgate Labs makes sensors" not in data["body_main"]
    out = run(["parse", "--jsonl"], (json.dumps({"text": text}) + "\n").encode())
    assert json.loads(out.stdout)["tickers"] == ["NASDAQ:HGLB"]
