"""Tests for combining extractors: agreement, page signals, reasons, bad input, the wires."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lxml.html import fromstring

from pipelines.clean import clean_html
from pipelines.clean.candidates import READABILITY, TRAFILATURA, Candidate, run_readability
from pipelines.clean.combine import Choice, combine, fill_gaps, first_suffices
from pipelines.clean.decode import decode_body
from pipelines.clean.extract import MAX_HTML_CHARS
from pipelines.clean.guard import PageTimeout, time_limit
from pipelines.clean.pageindex import page_index
from pipelines.clean.pagemeta import trafilatura_metadata
from simulator.network import WireNetwork

LONG_1 = ("The harbour authority approved a dredging plan for the northern channel on Tuesday, "
          "which will let larger grain carriers berth at the old quay from next spring.")
LONG_2 = ("Engineers expect the work to take eleven weeks and say the spoil will be used to "
          "rebuild the salt marsh that was lost to storms along the estuary last winter.")
LONG_3 = ("Local fishing crews asked for the work to pause during the herring run, and the "
          "authority agreed to stop the dredgers for two weeks in the middle of March.")
TEASER = "Ferry timetable changes for the summer season announced"
CAPTION = ("A dredger moored at the quay while engineers inspect the channel walls before the "
           "work begins. Photo: Harbour Authority")

PAGE = f"""<html><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Channel to be dredged</h1><p><a href="/port">Port news</a></p>
<p>{LONG_1}</p><p>{LONG_2}</p>
<figure><img src="x.jpg"><figcaption>{CAPTION}</figcaption></figure><p>{LONG_3}</p></article>
<aside class="related"><ul><li><a href="/ferry">{TEASER}</a></li></ul></aside>
<footer>Copyright Harbour Times</footer></body></html>"""


def _cand(name: str, *paras: str) -> Candidate:
    return Candidate(name, "1.0", "\n".join(paras))


@pytest.fixture(scope="module")
def index():  # type: ignore[no-untyped-def]
    return page_index(fromstring(PAGE))


def test_page_index_knows_links_widgets_and_blocks(index) -> None:  # type: ignore[no-untyped-def]
    assert index.is_link("port news")
    assert not index.is_link("the harbour authority")  # not a link's text
    assert index.in_widget("ferry timetable changes for the summer season announced")
    assert index.in_widget("photo harbour authority")  # inside the figcaption
    assert not index.in_widget("engineers expect the work")  # article text
    assert any(key.startswith("the harbour authority approved") for key in index.blocks)


def test_agreeing_extractors_keep_the_first_body(index) -> None:  # type: ignore[no-untyped-def]
    choice = combine(_cand(TRAFILATURA, LONG_1, LONG_2, LONG_3),
                     _cand(READABILITY, LONG_1, LONG_2, LONG_3), index)
    assert choice.text == "\n".join([LONG_1, LONG_2, LONG_3])
    assert (choice.extractor, choice.extractor_version) == (TRAFILATURA, "1.0")
    assert "100% of trafilatura's words found by readability-lxml" in choice.reason


def test_link_text_only_the_first_has_is_dropped(index) -> None:  # type: ignore[no-untyped-def]
    choice = combine(_cand(TRAFILATURA, LONG_1, LONG_2, LONG_3, TEASER),
                     _cand(READABILITY, LONG_1, LONG_2, LONG_3), index)
    assert TEASER not in choice.text and LONG_3 in choice.text
    assert choice.extractor == "trafilatura+readability-lxml"
    assert "dropped 1 link or widget paragraphs" in choice.reason


def test_text_both_have_is_kept_even_if_it_is_a_link(index) -> None:  # type: ignore[no-untyped-def]
    choice = combine(_cand(TRAFILATURA, LONG_1, TEASER), _cand(READABILITY, LONG_1, TEASER), index)
    assert TEASER in choice.text and choice.extractor == TRAFILATURA


def test_missing_body_paragraph_is_added_in_place_but_not_captions(index) -> None:  # type: ignore[no-untyped-def]
    choice = combine(_cand(TRAFILATURA, LONG_1, LONG_3),
                     _cand(READABILITY, LONG_1, LONG_2, CAPTION, LONG_3), index)
    assert choice.text.split("\n") == [LONG_1, LONG_2, LONG_3]
    assert "added 1 paragraphs (30 words) only readability-lxml found" in choice.reason


def test_fragment_from_the_first_gives_way_to_the_second(index) -> None:  # type: ignore[no-untyped-def]
    choice = combine(_cand(TRAFILATURA, "Channel to be dredged"),
                     _cand(READABILITY, LONG_1, LONG_2, LONG_3), index)
    assert choice.text.split("\n") == [LONG_1, LONG_2, LONG_3]
    assert choice.reason.startswith("trafilatura found under 25% of readability-lxml's words")


def test_one_or_no_extractor_with_text(index) -> None:  # type: ignore[no-untyped-def]
    only = combine(_cand(TRAFILATURA), _cand(READABILITY, LONG_1, TEASER), index)
    assert (only.text, only.extractor) == (LONG_1, READABILITY)
    assert only.reason.startswith("only readability-lxml found text; dropped 1 link")
    furniture = combine(_cand(TRAFILATURA), _cand(READABILITY, TEASER), index)
    assert furniture.text == "" and furniture.reason.endswith("all of it link or widget text")
    none = combine(_cand(TRAFILATURA), _cand(READABILITY, "  "), index)
    assert (none.text, none.reason) == ("", "no extractor found text")


def test_first_suffices_only_when_nothing_could_change(index) -> None:  # type: ignore[no-untyped-def]
    assert first_suffices(_cand(TRAFILATURA, LONG_1, LONG_2, LONG_3), index)
    assert not first_suffices(_cand(TRAFILATURA, LONG_1, LONG_3), index)  # LONG_2 missing
    assert not first_suffices(_cand(TRAFILATURA, LONG_1, LONG_2, LONG_3, TEASER), index)
    assert not first_suffices(_cand(TRAFILATURA), index)


CARD = '<div class="card"><div class="card-text"><p>{}</p></div></div>'
LINKED = ('The approval was announced in a notice published on Monday by the '
          '<a href="/notice">harbour authority</a>.')
PROMO = "Sign up to our weekly newsletter and never miss a story from the harbour front."
GAP_PAGE = f"""<html><body><article>
{CARD.format(LONG_1)}{CARD.format(LINKED)}{CARD.format(LONG_2)}
<div class="signup"><p>{PROMO}</p></div>{CARD.format(LONG_3)}
<div><script>var slot = "a long advertising script that is no text block at all, none";</script>
</div><p><a href="/a">Another story from the harbour front page today</a>,
<a href="/b">and one more story linked from this page</a></p>
<div class="body">Runs of text split by line breaks, straight inside a container that
also holds a block, are paragraphs too.<br>A second run of text in that container is
the next paragraph of the page.<div>x</div></div>
</article></body></html>"""


def test_page_index_blocks_are_visible_text_in_page_order() -> None:
    index = page_index(fromstring(GAP_PAGE))
    starts = [text.split()[0] for text in index.texts]
    assert starts == ["The", "The", "Engineers", "Sign", "Local", "Runs", "A"]
    assert index.blocks[1].startswith("the approval was announced")
    assert not any("script" in key or "another story" in key for key in index.blocks)
    assert index.prose == (True,) * 7
    assert index.shapes[0] == index.shapes[1] == "div.card-text>p." != index.shapes[3]
    assert index.shapes[5] == index.shapes[6] == "div.body>"


def test_prose_between_body_paragraphs_is_added_in_place() -> None:
    index = page_index(fromstring(GAP_PAGE))
    body = Choice("\n".join([LONG_1, LONG_2, LONG_3]), TRAFILATURA, "1.0", "agreed")
    filled = fill_gaps(body, index)
    linked = "The approval was announced in a notice published on Monday by the harbour authority."
    # the promo sits between body paragraphs too, but not in the shape of its neighbours
    assert filled.text.split("\n") == [LONG_1, linked, LONG_2, LONG_3]
    assert filled.reason == ("agreed; added 1 paragraphs (14 words) the page prints "
                             "between body paragraphs")
    assert (filled.extractor, filled.extractor_version) == (TRAFILATURA, "1.0")
    whole = Choice(filled.text, TRAFILATURA, "1.0", "agreed")
    assert fill_gaps(whole, index) is whole


def test_first_suffices_ignores_blocks_that_are_not_prose() -> None:
    headline = ("Ferry operators across the estuary prepare for a busy summer season of "
                "crossings and repairs")
    page = f"<html><body><p>{LONG_1}</p><p>{LONG_2}</p><div>{headline}</div></body></html>"
    index = page_index(fromstring(page))
    assert first_suffices(_cand(TRAFILATURA, LONG_1, LONG_2), index)
    assert not first_suffices(_cand(TRAFILATURA, LONG_1), index)


def test_first_suffices_ignores_prose_laid_out_apart_from_the_body() -> None:
    bio = ("Our harbour correspondent has covered the port and its shipping for the paper "
           "since the old quay was rebuilt.")
    page = (f"<html><body><div class='story'><p>{LONG_1}</p><p>{LONG_2}</p></div>"
            f"<div class='author-bio'><div>{bio}</div></div></body></html>")
    index = page_index(fromstring(page))
    assert first_suffices(_cand(TRAFILATURA, LONG_1, LONG_2), index)
    # the same text laid out like the body's paragraphs could be body: ask the second
    same = page_index(fromstring(page.replace(f"<div>{bio}</div>", f"<p>{bio}</p>")
                                 .replace("'author-bio'", "'story'")))
    assert not first_suffices(_cand(TRAFILATURA, LONG_1, LONG_2), same)


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("name", ["prn_like.html", "bw_like.html", "wp_agency.html"])
def test_faster_readability_gives_readability_lxml_s_body(name: str) -> None:
    from readability import Document

    from pipelines.clean import candidates

    class Base(candidates._Readability):
        remove_unlikely_candidates = Document.remove_unlikely_candidates
        transform_misused_divs_into_paragraphs = Document.transform_misused_divs_into_paragraphs

    html = (FIXTURES / name).read_text(encoding="utf-8")
    fast = run_readability(fromstring(html))
    base = candidates._Readability
    try:
        candidates._Readability = Base  # type: ignore[misc]
        slow = run_readability(fromstring(html))
    finally:
        candidates._Readability = base  # type: ignore[misc]
    assert fast.text and fast.text == slow.text


@pytest.mark.parametrize("name", ["prn_like.html", "bw_like.html", "wp_agency.html"])
def test_metadata_is_trafilatura_s(name: str) -> None:
    from trafilatura.metadata import extract_metadata

    html = (FIXTURES / name).read_text(encoding="utf-8")
    url = "https://wire.example.test/news/a.html"
    ours, theirs = trafilatura_metadata(fromstring(html), url), extract_metadata(html, url)
    for field in ("title", "author", "date", "sitename", "description", "url", "hostname"):
        assert getattr(ours, field) == getattr(theirs, field), field
    assert ours.title


def test_clean_html_records_extractor_and_reason() -> None:
    result = clean_html(PAGE, "https://harbour.example.test/dredging")
    assert result.ok and result.body_text is not None
    for para in (LONG_1, LONG_2, LONG_3):
        assert para in result.body_text
    for junk in ("Home", TEASER, "Copyright Harbour Times", "Photo: Harbour Authority"):
        assert junk not in result.body_text, junk
    assert result.extractor in {TRAFILATURA, READABILITY, "trafilatura+readability-lxml"}
    assert result.extractor_version and result.choice_reason


# --- bad input ---------------------------------------------------------------------------


def test_huge_page_is_refused_with_a_reason() -> None:
    page = "<html><body>" + "<p>filler text for a very large page</p>" * (
        MAX_HTML_CHARS // 30) + "</body></html>"
    assert len(page) > MAX_HTML_CHARS
    result = clean_html(page, "https://example.test/huge")
    assert (result.ok, result.reason, result.body_text) == (False, "page_too_large", None)


def test_page_without_body_text_has_a_reason() -> None:
    nav_only = ('<html><body><nav><a href="/a">Home</a><a href="/b">World</a></nav>'
                "<script>track()</script></body></html>")
    result = clean_html(nav_only, "https://example.test/empty")
    assert (result.ok, result.reason, result.body_text) == (False, "no_text_extracted", None)
    assert result.choice_reason


def test_time_limit_interrupts_a_stuck_extraction() -> None:
    with pytest.raises(PageTimeout), time_limit(0.05):
        while True:
            pass
    with time_limit(5):  # a block that finishes in time is untouched
        assert sum(range(10)) == 45


# --- the simulated wires: release bodies without site furniture, with trailers -------------

WORD = re.compile(r"\w+")
# Trailer lines the pages print that the simulator's plain-text documents leave out.
TRAILERS = ("SOURCE ", "View original content", "Media Contact", "Contacts", "Source:",
            "###")


def _overlap(got: str, want: str) -> tuple[float, float]:
    a, b = Counter(WORD.findall(got)), Counter(WORD.findall(want))
    common = sum((a & b).values())
    return common / max(sum(a.values()), 1), common / max(sum(b.values()), 1)


@pytest.fixture(scope="module")
def network() -> WireNetwork:
    return WireNetwork(n_releases=12, seed=7)


def test_simulated_release_pages_come_out_whole_and_clean(network: WireNetwork) -> None:
    truth = network.truth()
    docs = {doc["id"]: doc for doc in network.documents()}
    corrected = {v["url"] for v in truth["versions"]}  # served as a later version
    seen: Counter[str] = Counter()
    for page in truth["pages"]:
        doc = docs.get(page["url"])
        if (doc is None or page["special"] or page["expected_status"] != 200
                or page["url"] in corrected):
            continue
        host, _, rest = page["url"].split("://", 1)[1].partition("/")
        path, _, query = rest.partition("?")
        resp = network.respond(host, "/" + path, query, lambda _url: False)
        html, _ = decode_body(resp.body, resp.content_type)
        result = clean_html(html, page["url"])
        body = result.body_text or ""
        lines = doc["text"].split("\n\n")
        first = WORD.findall(body.split("\n")[0])
        assert first == WORD.findall(lines[0]), page["url"]  # dateline + first paragraph
        for trailer in lines[-3:]:  # contact and About lines the page prints
            if trailer in html:
                assert trailer in body, (page["url"], trailer)
        # recall over the document's lines the page prints (agency pages print no contacts)
        page_words = " ".join(WORD.findall(fromstring(html).text_content()))
        printed = [ln for ln in lines if len(WORD.findall(ln)) >= 5
                   and " ".join(WORD.findall(ln)) in page_words]
        assert _overlap(body, "\n".join(printed))[1] > 0.99, page["url"]
        want = " ".join(WORD.findall(doc["text"]))
        extra = [line for line in body.split("\n") if " ".join(WORD.findall(line)) not in want]
        assert all(line.startswith(TRAILERS) for line in extra), (page["url"], extra)
        seen[page["site"]] += 1
    assert set(seen) == {"prwire", "bizwire", "globewire", "dnanews"}
