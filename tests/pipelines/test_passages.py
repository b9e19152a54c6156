"""Passage matching on invented texts: one test per kind of copy and of look-alike."""

from __future__ import annotations

import numpy as np

from pipelines.dedupe.cluster import explain_pair
from pipelines.dedupe.figures import compare, figures_of
from pipelines.dedupe.match import longest_run
from pipelines.dedupe.passages import fingerprint, lines_of, tokens_of
from pipelines.dedupe.stories import cluster_documents

STORY = [
    "The Harbour Authority of Port Velmar said on Tuesday that cargo handled at its three "
    "terminals rose to 4,812,000 tonnes in the first quarter, up 12.4 percent from a year "
    "earlier, as grain shipments from the northern plains recovered after the drought.",
    "Container traffic climbed to 318,500 boxes while bulk liquids were flat at 1.1 million "
    "tonnes, the authority said in a statement issued at its offices on the waterfront.",
    "“We expect the new eastern berth to open in September and lift capacity by a fifth,” "
    "chief executive Miriam Oduya told reporters, adding that dredging of the outer channel "
    "would start once the monsoon season ends and the pilots' union approves the rota.",
    "The authority also plans to tender two mobile harbour cranes worth 38 million dollars "
    "and to extend the rail spur that links the grain silos with the inland freight yard.",
    "Shipping lines have complained about berthing delays of up to 36 hours during the peak "
    "weeks, which the authority blamed on a shortage of tug crews and on silting near the "
    "breakwater that forced larger vessels to wait for the high tide.",
]
BACKGROUND = ("Port Velmar, founded as a fishing harbour in the nineteenth century, is the "
              "second busiest port on the coast and employs about nine thousand people in "
              "stevedoring, logistics and ship repair.")


def body(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


def same(a: str, b: str) -> bool:
    return explain_pair(a, b).same


def test_chrome_lines_are_dropped_and_quotes_unified():
    text = "Advertisement\nRead more\nIt’s the port's busiest quarter since the harbour opened."
    assert lines_of(text) == ["its the ports busiest quarter since the harbour opened"]
    assert tokens_of("Share this\nThe pilots’ union met") == ["the", "pilots", "union", "met"]


def test_a_copy_with_page_chrome_is_one_story():
    chrome = ["Sunday 5-Day Forecast", "Advertisement", STORY[0], "Read more", *STORY[1:3],
              "Related: Port strike ends", *STORY[3:], "Leave a comment", "Follow us"]
    score = explain_pair(body(STORY), body(chrome))
    assert score.same and score.method in ("exact", "passages")
    assert score.features.coverage > 0.95


def test_truncated_teaser_and_padded_carry_are_one_story():
    assert same(body(STORY), body(STORY[:2]))                       # shortened carry
    assert same(body(STORY), body([*STORY, BACKGROUND, BACKGROUND.replace("nine", "ten")]))
    assert same(body(STORY[:3]), body(["PORT VELMAR (Wire) -", *STORY, BACKGROUND]))


def test_reordered_merged_and_respelled_paragraphs_are_one_story():
    reordered = [STORY[0] + " " + STORY[1], STORY[4], STORY[2], STORY[3]]
    assert same(body(STORY), body(reordered))
    respelt = body(STORY).replace("harbour", "harbor").replace("“", '"').replace("”", '"')
    assert same(body(STORY), respelt)


def test_a_repost_with_one_figure_corrected_is_one_story():
    fixed = body(STORY).replace("12.4 percent", "12.6 percent")
    score = explain_pair(body(STORY), fixed)
    assert score.same
    assert score.features.figures.conflict == 1


def test_a_template_sibling_with_new_figures_stays_apart():
    sibling = body(STORY)
    for old, new in (("Tuesday", "Wednesday"), ("first quarter", "second quarter"),
                     ("4,812,000", "5,020,000"), ("12.4", "9.8"), ("318,500", "331,200"),
                     ("1.1 million", "1.3 million"), ("38 million", "41 million"),
                     ("36 hours", "20 hours")):
        sibling = sibling.replace(old, new)
    score = explain_pair(body(STORY), sibling)
    assert not score.same
    assert score.features.figures.conflict >= 3 and score.features.figures.missing >= 3
    assert "differ in the same wording" in score.reason and "not one story" in score.reason


def test_a_common_quoted_statement_does_not_make_one_story():
    own = body([
        "Dock workers at Port Velmar gathered outside the gates on Wednesday to protest "
        "against night shifts, their third walkout this year, union organisers said.",
        STORY[2],
        "Union leader Tomas Ferrand said members would vote next week on a longer strike "
        "unless the rota for tug crews was changed and overtime pay was restored.",
        "Police closed the coastal road for two hours while the marchers crossed the bridge "
        "towards the customs house, where a petition was handed to the port manager.",
    ])
    score = explain_pair(body(STORY), own)
    assert not score.same and score.features.coverage < 0.5


def test_a_follow_up_on_the_same_event_stays_apart():
    follow = body([
        "The Harbour Authority of Port Velmar opened its new eastern berth on Monday, three "
        "weeks ahead of the date chief executive Miriam Oduya gave in the spring.",
        "The first vessel to tie up was a grain carrier from the northern plains with 52,000 "
        "tonnes of wheat, and the authority said the berth lifts capacity by a fifth.",
        "Dredging of the outer channel begins next month, the authority said.",
    ])
    assert not same(body(STORY), follow)


def test_longest_run_counts_passages_in_the_same_order():
    a = np.array([1, 2, 3, 4, 5, 6], dtype=np.uint64)
    assert longest_run(a, np.array([9, 3, 4, 5, 1], dtype=np.uint64)) == 3
    assert longest_run(a, np.array([6, 5, 4], dtype=np.uint64)) == 1
    assert longest_run(a, np.array([7], dtype=np.uint64)) == 0


def test_figures_agree_conflict_and_go_missing():
    a = figures_of("cargo rose to 48 tonnes in may and 7 ships came".split())
    b = figures_of("cargo rose to 51 tonnes in may and 7 ships came".split())
    check = compare(a, b)
    assert (check.agree, check.conflict, check.missing, check.shared) == (2, 1, 1, 1)


def test_fingerprints_are_distinct_and_in_text_order():
    p = fingerprint([body(STORY), "", body(STORY[:1])])
    assert len(p) == 3 and len(p.of(1)) == 0
    first = p.of(0)
    assert len(np.unique(first)) == len(first)
    assert set(p.of(2).tolist()) <= set(first.tolist())


def test_cluster_documents_groups_copies_and_keeps_lookalikes_apart():
    sibling = body(STORY).replace("4,812,000", "5,020,000").replace("12.4", "9.8").replace(
        "318,500", "331,200").replace("38 million", "41 million").replace("36 hours", "20 hours")
    docs = [{"id": "orig", "text": body(STORY)},
            {"id": "teaser", "text": body(STORY[:2])},
            {"id": "padded", "text": body(["Advertisement", *STORY, BACKGROUND])},
            {"id": "sibling", "text": sibling}]
    rows = {r["id"]: r for r in cluster_documents(docs)}
    assert rows["orig"]["story"] == rows["teaser"]["story"] == rows["padded"]["story"]
    assert rows["sibling"]["story"] != rows["orig"]["story"]
