"""Every query in docs/queries.md runs against the demo warehouse and gives a sensible answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from warehouse.load import fetch_dicts
from warehouse.search import load_fts

DOC = Path(__file__).resolve().parents[2] / "docs" / "queries.md"
Rows = list[dict[str, Any]]


def doc_queries() -> list[tuple[int, str, str]]:
    """``(number, question, sql)`` for each numbered question in the document."""
    text = DOC.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"^## (\d+)\. (.+?)$(.*?)(?=^## |\Z)", text, re.M | re.S):
        blocks = re.findall(r"```sql\n(.*?)```", m.group(3), re.S)
        assert len(blocks) == 1, f"question {m.group(1)} needs exactly one sql block"
        out.append((int(m.group(1)), m.group(2).strip(), blocks[0]))
    return out


def _sorted_desc(rows: Rows, key: str) -> bool:
    values = [r[key] for r in rows]
    return values == sorted(values, reverse=True)


# What a sensible answer looks like, per question number.
CHECKS: dict[int, Callable[[Rows], bool]] = {
    1: lambda rows: all(r["source_id"] == "dnanews" for r in rows),
    2: lambda rows: all(r["minutes_behind"] >= 0 for r in rows)
    and all(r["minutes_behind"] == 0 for r in rows if r["carry_order"] == 1)
    and all(r["first_source"] == r["carrier"] for r in rows if r["carry_order"] == 1),
    3: lambda rows: "Harbour Trade Council" in {r["organisation"] for r in rows
                                                if r["agency"] == "DNA"}
    and all(_sorted_desc([r for r in rows if r["agency"] == a], "releases")
            for a in {r["agency"] for r in rows}),
    4: lambda rows: all(re.fullmatch(r"[A-Z]+:[A-Z.]+", r["ticker"]) for r in rows)
    and all(r["copies"] >= r["stories"] >= 1 for r in rows),
    5: lambda rows: all(r["releases"] >= r["originals"] for r in rows),
    6: lambda rows: {r["source_id"] for r in rows} >= {"prwire", "bizwire", "globewire",
                                                       "dnanews"}
    and all(0 <= r["error_rate"] <= 1 and 0 < r["last_yield"] <= 1 for r in rows),
    7: lambda rows: _sorted_desc(rows, "score") and all(r["score"] > 0 for r in rows),
    8: lambda rows: any({r["name_a"], r["name_b"]} == {"Pakistan", "Iran"} for r in rows),
    9: lambda rows: rows[0]["carriers"] >= 2 and _sorted_desc(rows, "carriers"),
    10: lambda rows: {"http_404", "robots_disallowed"} <= {r["reason"] for r in rows},
    11: lambda rows: all(r["median_minutes"] is None or r["median_minutes"] >= 0
                         for r in rows),
    12: lambda rows: all(r["dateline_city"] and r["releases"] >= r["stories"] for r in rows),
    13: lambda rows: all(0 < r["minutes_behind"] <= 60 for r in rows),
}


def test_the_document_has_at_least_ten_checked_questions():
    numbers = [n for n, _, _ in doc_queries()]
    assert len(numbers) >= 10
    assert numbers == list(range(1, len(numbers) + 1))
    assert set(CHECKS) == set(numbers)


@pytest.fixture(scope="module")
def read_con(demo):
    con = duckdb.connect(str(demo["read"]), read_only=True)
    con.execute("SET TimeZone = 'UTC'")
    load_fts(con)
    yield con
    con.close()


@pytest.mark.slow
@pytest.mark.parametrize("number,question,sql", doc_queries(),
                         ids=[f"q{n}" for n, _, _ in doc_queries()])
def test_documented_query_answers_sensibly(read_con, number, question, sql):
    rows = fetch_dicts(read_con, sql)
    assert rows, f"question {number} ({question}) returned nothing"
    assert CHECKS[number](rows), f"question {number} ({question}): {rows[:5]}"
