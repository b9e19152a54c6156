"""Tests for the clean stage: decoding, extraction and metadata on press-release pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.clean import (
    EXTRACTOR,
    EXTRACTOR_VERSION,
    CleanResult,
    clean_html,
    clean_many,
    decode_body,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def prn() -> CleanResult:
    return clean_html(_page("prn_like.html"), "https://wire.example.test/news-releases/x.html")


@pytest.fixture(scope="module")
def bw() -> CleanResult:
    return clean_html(_page("bw_like.html"), "https://bw.example.test/news/home/20260730005123/en/")


@pytest.fixture(scope="module")
def wp() -> CleanResult:
    return clean_html(_page("wp_agency.html"), "https://observer.example.test/?p=88123")


# --- decoding -------------------------------------------------------------

CP1252_PAGE = (
    "<!DOCTYPE html><html><head>"
    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    "<title>Caf\u00e9 chain opens</title></head><body><article>"
    "<p>\u201cWe are delighted\u201d \u2013 said the caf\u00e9 owner \u2014 at the opening.</p>"
    "</article></body></html>"
)


def test_decode_cp1252_from_meta_http_equiv() -> None:
    body = CP1252_PAGE.encode("cp1252")
    text, encoding = decode_body(body, "text/html")
    assert encoding == "cp1252"
    assert "\u201cWe are delighted\u201d \u2013 said the caf\u00e9 owner \u2014" in text


def test_decode_cp1252_without_content_type() -> None:
    text, encoding = decode_body(CP1252_PAGE.encode("cp1252"), None)
    assert encoding == "cp1252"
    assert "caf\u00e9" in text


def test_decode_http_charset_wins_over_meta() -> None:
    body = '<meta charset="windows-1252"><p>Z\u00fcrich</p>'.encode()
    text, encoding = decode_body(body, "text/html; charset=utf-8")
    assert encoding == "utf-8"
    assert "Z\u00fcrich" in text


def test_decode_bom_and_empty() -> None:
    text, encoding = decode_body("\ufeff<p>na\u00efve</p>".encode(), None)
    assert (text, encoding) == ("<p>na\u00efve</p>", "utf-8")
    assert decode_body(b"", None) == ("", "utf-8")


def test_decode_then_clean_cp1252_page() -> None:
    text, _ = decode_body(CP1252_PAGE.encode("cp1252"), None)
    result = clean_html(text)
    assert result.ok
    assert result.body_text is not None
    assert "\u201cWe are delighted\u201d \u2013" in result.body_text


# --- extraction on press-release pages ------------------------------------

NAV_STRINGS = [
    "News in Focus",
    "Browse All News Categories",
    "Send a Release",
    "cookies",
    "Accept",
    "Share this article",
    "Related Links",
    "Quayside Freight",
    "All Rights Reserved",
    "Privacy Policy",
]


def test_prn_like_body_keeps_release_and_trailers(prn: CleanResult) -> None:
    assert prn.ok and prn.reason is None
    body = prn.body_text or ""
    assert "NEW YORK, July 8, 2026 /PRNewswire/ -- Harbourline Robotics" in body
    assert "sequences vessel calls, yard moves and truck gates" in body
    assert "About Harbourline Robotics" in body
    assert "This press release contains forward-looking statements" in body
    assert "Media Contact:" in body and "press@harbourline.example" in body
    assert "SOURCE Harbourline Robotics, Inc." in body
    assert "Tidewater M" in body  # table kept
    for junk in NAV_STRINGS:
        assert junk not in body, junk


def test_prn_like_paragraphs_are_lines(prn: CleanResult) -> None:
    lines = (prn.body_text or "").split("\n")
    assert any(line.startswith("NEW YORK, July 8, 2026") for line in lines)
    assert "SOURCE Harbourline Robotics, Inc." in lines
    assert "" not in lines


def test_prn_like_metadata(prn: CleanResult) -> None:
    assert prn.title == "Harbourline Robotics Unveils Tidewater Dock Automation Suite"
    assert prn.canonical_url == (
        "https://wire.example.test/news-releases/"
        "harbourline-robotics-unveils-tidewater-dock-automation-suite-302000111.html"
    )
    assert prn.date is not None and prn.date.startswith("2026-07-08")
    assert prn.sitename == "Example Newswire"
    assert prn.language == "en"
    assert prn.description is not None and "dock automation" in prn.description
    assert EXTRACTOR == "trafilatura"  # the metadata always comes from trafilatura
    assert prn.extractor.startswith("trafilatura")
    assert prn.extractor_version.startswith(EXTRACTOR_VERSION)
    assert prn.choice_reason


def test_bw_like_body(bw: CleanResult) -> None:
    assert bw.ok
    body = bw.body_text or ""
    assert body.startswith("AUSTIN, Texas--(BUSINESS WIRE)--Copperleaf Analytics")
    assert "About Copperleaf Analytics" in body
    assert "ir@copperleaf.example" in body and "+1 512-555-0199" in body
    for junk in ["stores cookies", "Cookie Settings", "Log In", "Search news",
                 "More News From", "Social Media Profiles", "Privacy Statement"]:  # fmt: skip
        assert junk not in body, junk
    assert bw.title == "Copperleaf Analytics Reports Second Quarter 2026 Results"
    assert bw.canonical_url == "https://bw.example.test/news/home/20260730005123/en/"  # og:url


def test_wordpress_agency_page_drops_comments(wp: CleanResult) -> None:
    assert wp.ok
    body = wp.body_text or ""
    assert body.startswith("ISLAMABAD, JUL 29 /DNA/ \u2013 The Ministry of Water Stewardship")
    assert "publish monthly figures on the waste collected" in body
    assert "###" in body
    assert "About the Ministry of Water Stewardship" in body
    assert "info@water-ministry.example" in body
    for junk in ["Good step but", "Our college group", "Leave a Reply", "thoughts on",
                 "Recent Posts", "Wheat procurement", "Dam inspection", "Share this",
                 "powered by WordPress", "Posted in", "Sports"]:  # fmt: skip
        assert junk not in body, junk
    assert wp.title == "Ministry launches river clean-up drive in three districts"
    assert wp.canonical_url == "https://observer.example.test/2026/07/29/river-clean-up-drive/"
    assert wp.sitename == "Daily Indus Observer"


def test_relative_canonical_resolved_against_url() -> None:
    html = (
        '<html><head><title>T</title><link rel="canonical" href="../a/b.html"></head><body>'
        "<article><p>"
        + "Plain words about a harbour project. " * 12
        + "</p></article></body></html>"
    )
    result = clean_html(html, "https://example.test/x/y/z.html")
    assert result.canonical_url == "https://example.test/x/a/b.html"
    assert clean_html(html).canonical_url is None  # relative and nothing to resolve against


def test_to_dict_has_all_fields(prn: CleanResult) -> None:
    data = prn.to_dict()
    assert set(data) == {
        "ok", "reason", "title", "body_text", "author", "date", "published", "sitename", "language",
        "description", "canonical_url", "extractor", "extractor_version", "choice_reason",
    }  # fmt: skip
    assert data["ok"] is True


# --- bad input --------------------------------------------------------------


@pytest.mark.parametrize("html", ["", "   \n\t  "])
def test_empty_body(html: str) -> None:
    result = clean_html(html)
    assert (result.ok, result.reason, result.body_text) == (False, "empty_body", None)


def test_binary_input_is_not_html() -> None:
    blob = bytes(range(256)) * 8 + b"\x00" * 64
    text, _ = decode_body(blob, "application/octet-stream")
    result = clean_html(text)
    assert (result.ok, result.reason) == (False, "not_html")
    png_like = "\x89PNG\r\n\x1a\n" + "\x00" * 40 + "IHDR" + "\x00\x01" * 30
    assert clean_html(png_like).reason == "not_html"
    random_bytes, _ = decode_body(os.urandom(4096), None)
    assert clean_html(random_bytes).reason == "not_html"


def test_plain_text_without_markup_is_not_html() -> None:
    assert clean_html("Just a line of plain text, no markup at all.").reason == "not_html"


def test_scripts_only_page_has_no_text() -> None:
    html = (
        "<html><head><script>var cfg = {a: 1};</script><style>p{color:red}</style></head>"
        "<body><script>document.write('hello')</script><noscript></noscript></body></html>"
    )
    result = clean_html(html)
    assert (result.ok, result.reason, result.body_text) == (False, "no_text_extracted", None)


def test_bytes_passed_by_mistake_do_not_raise() -> None:
    result = clean_html(b"<html><body><p>tiny</p></body></html>")  # type: ignore[arg-type]
    assert isinstance(result, CleanResult)


def test_trafilatura_error_falls_back_to_readability(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    result = clean_html(_page("prn_like.html"), "https://wire.example.test/a.html")
    assert result.ok and result.extractor == "readability-lxml"
    assert result.choice_reason is not None and "trafilatura failed" in result.choice_reason
    assert "Harbourline Robotics" in (result.body_text or "")
    assert result.title == "Harbourline Robotics Unveils Tidewater Dock Automation Suite"


def test_every_extractor_failing_is_an_extractor_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    from pipelines.clean import candidates

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    monkeypatch.setattr(candidates, "_Readability", boom)
    result = clean_html(_page("prn_like.html"), "https://wire.example.test/a.html")
    assert (result.ok, result.reason, result.body_text) == (False, "extractor_error", None)


# --- parallel ------------------------------------------------------------------


def test_clean_many_parallel_equals_inline() -> None:
    docs: list[tuple[str, str | None]] = [
        (_page("prn_like.html"), "https://wire.example.test/1.html"),
        ("", None),
        (_page("bw_like.html"), "https://bw.example.test/2"),
        (CP1252_PAGE, None),
        (_page("wp_agency.html"), "https://observer.example.test/3"),
        ("<html><body><script>x()</script></body></html>", None),
    ]
    inline = clean_many(docs, workers=1)
    parallel = clean_many(docs, workers=2)
    assert [r.to_dict() for r in parallel] == [r.to_dict() for r in inline]
    assert [r.reason for r in inline] == [
        None, "empty_body", None, None, None, "no_text_extracted",
    ]  # fmt: skip
    assert clean_many([]) == []


def test_page_published_prefers_json_ld_then_meta_then_time() -> None:
    from lxml.html import fromstring

    from pipelines.clean.pagemeta import page_published

    ld = ('<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebPage"},'
          '{"@type": "NewsArticle", "datePublished": "2026-03-08T09:15:00-05:00"}]}</script>'
          '<meta property="article:published_time" content="2026-03-09T00:00:00Z"></head>'
          '<body><p>x</p></body></html>')
    assert page_published(fromstring(ld)) == "2026-03-08T09:15:00-05:00"
    meta = '<html><head><meta property="article:published_time" content="2026-03-09T01:02:03Z">'
    assert page_published(fromstring(meta + "</head><body>x</body></html>")) == (
        "2026-03-09T01:02:03Z")
    bad_ld = ('<html><head><script type="application/ld+json">{not json</script></head>'
              '<body><time datetime="2026-01-02T03:04:05+05:00">Jan 2</time></body></html>')
    assert page_published(fromstring(bad_ld)) == "2026-01-02T03:04:05+05:00"
    assert page_published(fromstring("<html><body><p>none</p></body></html>")) is None
