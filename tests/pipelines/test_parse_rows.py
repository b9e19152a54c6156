"""Release rows carry structure, contacts, entities and mentions for the warehouse."""

from __future__ import annotations

from datetime import UTC, datetime

from crawlers.records import Article, Page
from pipelines.releases import release_rows

TEXT = (
    "KARACHI, JUL 29 /DNA/ – The Centre for Coastal Policy Karachi (CCPK) hosted a "
    "roundtable. Ambassador Tariq Hameed, Director General CCPK, opened it.\n"
    "DG CCPK Ambassador Tariq Hameed said trade with Oman could double.\n"
    "Media contact: Sana Iqbal, sana@ccpk.example, +92 21 5550 1234"
)


def _rows() -> list[dict]:
    page = Page(page_id="p1", source_id="dna", run_id="r1", url="http://d.test/a",
                fetched_at=datetime(2026, 7, 29, 9, 0, tzinfo=UTC), warc_file="f",
                warc_offset=0)
    art = Article(page_id="p1", article_id="a1", source_id="dna", url="http://d.test/a",
                  canonical_url="http://d.test/a", title="CCPK roundtable", body_text=TEXT,
                  extractor_version="x")
    return release_rows([art], [page], carrier="DNA News")


def test_rows_have_structure_contacts_entities_and_mentions() -> None:
    (row,) = _rows()
    assert row["dateline_month_day"] == "07-29"
    assert row["dateline_date"] is None  # the dateline prints no year
    # the year comes from first-seen, as evidence of the publication date
    assert row["published_at"].date().isoformat() == "2026-07-29"
    assert row["published_from"] == "dateline"
    assert row["parse_status"] == "ok" and row["language"] == "en"
    assert row["agency"] == "DNA" and row["carrier"] == "DNA News"
    assert "contacts" in row["boilerplate_kinds"]
    assert row["contacts"] == [{"release_id": row["release_id"], "position": 0,
                                "name": "Sana Iqbal", "organisation": None, "role": None,
                                "email": "sana@ccpk.example", "phone": "+92 21 5550 1234"}]
    orgs = [e for e in row["entities"] if e["kind"] == "organisation"]
    assert [(o["name"], o["acronym"]) for o in orgs] == [
        ("Centre for Coastal Policy Karachi", "CCPK")]
    org_id = orgs[0]["entity_id"]
    body = row["body_main"]
    for m in row["mentions"]:
        assert body[m["start_offset"]:m["end_offset"]] == m["surface"]
    ccpk = [m for m in row["mentions"] if m["entity_id"] == org_id]
    assert [m["surface"] for m in ccpk] == [
        "Centre for Coastal Policy Karachi", "CCPK", "CCPK", "CCPK"]
    people = [m for m in row["mentions"] if m["kind"] == "person"]
    assert {m["surface"] for m in people} == {"Tariq Hameed"}
    assert people[0]["title"] == "Ambassador" and people[0]["role"] == "Director General"
    assert all(m["role_org_id"] == org_id for m in people)
    assert len({(m["start_offset"], m["entity_id"]) for m in row["mentions"]}) == len(
        row["mentions"])
