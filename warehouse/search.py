"""Full-text search: BM25 over release headlines and bodies with DuckDB's fts extension.

The extension is loaded from the ``duckdb-extension-fts`` wheel (pinned to the same
version as duckdb), never downloaded, so search works with no network. The index lives
in the warehouse file (schema ``fts_main_releases``), so the published read copy carries
it; ``rebuild_search`` runs before each publish.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

INDEX_SCHEMA = "fts_main_releases"
INDEXED = ("title", "body_main")
STATE_TABLE = f"{INDEX_SCHEMA}.indexed_state"
SNIPPET_CHARS = 200


class SearchUnavailable(RuntimeError):
    """The fts extension or the index is missing."""


def fts_extension_path() -> Path:
    """The fts extension binary shipped by the ``duckdb-extension-fts`` wheel."""
    try:
        import duckdb_extension_fts
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise SearchUnavailable("install duckdb-extension-fts matching duckdb "
                                f"{duckdb.__version__}") from exc
    root = Path(duckdb_extension_fts.__file__).parent / "extensions"
    path = root / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if not path.exists():
        found = sorted(p.parent.name for p in root.glob("*/fts.duckdb_extension"))
        raise SearchUnavailable(f"duckdb-extension-fts ships {found}, duckdb is "
                                f"v{duckdb.__version__}: pin the same version of both")
    return path


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load the fts extension into a connection from the wheel (no download)."""
    # duckdb_extensions() would list the extension folder, which a locked-down connection
    # (warehouse.db.lock_down) may not read: ask for a function the extension adds instead.
    if con.execute("SELECT count(*) FROM duckdb_functions() WHERE function_name = 'stem'"
                   ).fetchone() != (0,):
        return
    path = str(fts_extension_path()).replace("'", "''")
    con.execute(f"LOAD '{path}'")


def has_index(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the warehouse holds a search index."""
    return con.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ? "
                       "AND database_name = current_database()", [INDEX_SCHEMA]
                       ).fetchone()[0] > 0


def _fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute(
        "SELECT count(*), coalesce(bit_xor(hash(release_id, title, body_main)), 0) "
        "FROM releases").fetchone()
    return f"{row[0]}:{row[1]}"


def rebuild_search(con: duckdb.DuckDBPyConnection, force: bool = False) -> bool:
    """Rebuild the BM25 index over ``releases`` (title and body_main) on a writable
    connection; skipped when the indexed text has not changed. Returns whether it rebuilt."""
    load_fts(con)
    fingerprint = _fingerprint(con)
    if not force and has_index(con):
        try:
            stored = con.execute(f"SELECT fingerprint FROM {STATE_TABLE}").fetchone()
        except duckdb.CatalogException:
            stored = None
        if stored and stored[0] == fingerprint:
            return False
    columns = ", ".join(f"'{c}'" for c in INDEXED)
    con.execute(f"PRAGMA create_fts_index('releases', 'release_id', {columns}, "
                "stemmer = 'porter', stopwords = 'english', strip_accents = 1, lower = 1, "
                "overwrite = 1)")
    con.execute(f"CREATE TABLE {STATE_TABLE} AS SELECT ? AS fingerprint, now() AS built_at",
                [fingerprint])
    return True


@dataclass(slots=True)
class Hit:
    """One search result."""

    rank: int
    score: float
    release_id: str
    story_id: str | None
    source_id: str
    agency: str | None
    published_at: datetime | None
    title: str | None
    snippet: str
    url: str
    carriers: int

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


SEARCH_SQL = f"""
WITH scored AS (
    SELECT release_id, score FROM (
        SELECT r.release_id,
               {INDEX_SCHEMA}.match_bm25(r.release_id, $query, conjunctive := $all_terms)
               AS score
        FROM releases r
        WHERE ($since IS NULL OR coalesce(r.published_at, r.first_seen_at) >= $since)
          AND ($until IS NULL OR coalesce(r.published_at, r.first_seen_at) < $until)
          AND (len($sources) = 0 OR list_contains($sources, r.source_id)
               OR list_contains($sources, lower(r.agency)))
    ) WHERE score IS NOT NULL
), best AS (
    SELECT s.score, s.release_id, m.story_id, coalesce(m.is_canonical, true) AS is_canonical
    FROM scored s LEFT JOIN story_members m USING (release_id)
    QUALIFY NOT $one_per_story OR row_number() OVER (
        PARTITION BY coalesce(m.story_id, s.release_id)
        ORDER BY s.score DESC, is_canonical DESC, s.release_id) = 1
    ORDER BY s.score DESC, s.release_id LIMIT $limit
)
SELECT b.score, r.release_id, b.story_id, r.source_id, r.agency, r.published_at, r.title,
       r.body_main, r.canonical_url, coalesce(st.carriers, 1)
FROM best b JOIN releases r USING (release_id) LEFT JOIN stories st USING (story_id)
ORDER BY b.score DESC, r.published_at DESC NULLS LAST, r.release_id
"""


def search(
    con: duckdb.DuckDBPyConnection,
    query: str,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    sources: Sequence[str] = (),
    limit: int = 20,
    one_per_story: bool = True,
    all_terms: bool = False,
) -> list[Hit]:
    """BM25-ranked releases matching ``query``; every filter is a bound parameter.

    ``sources`` matches a source id or a dateline agency (case-insensitive);
    ``one_per_story`` shows the best-scoring copy of each story once;
    ``all_terms`` requires every query term (conjunctive).
    """
    load_fts(con)
    if not has_index(con):
        raise SearchUnavailable("the warehouse has no search index yet: it is built when "
                                "the pipeline publishes (warehouse.search.rebuild_search)")
    rows = con.execute(SEARCH_SQL, {
        "query": query, "since": _instant(since), "until": _instant(until),
        "sources": [s.lower() for s in sources], "limit": limit,
        "one_per_story": one_per_story, "all_terms": int(all_terms),
    }).fetchall()
    return [Hit(rank=i, score=round(r[0], 4), release_id=r[1], story_id=r[2], source_id=r[3],
                agency=r[4], published_at=r[5], title=r[6],
                snippet=snippet(r[7] or "", query), url=r[8], carriers=r[9])
            for i, r in enumerate(rows, 1)]


def _instant(value: date | datetime | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def query_terms(query: str) -> list[str]:
    """The words of a query, lower-cased."""
    return [t for t in re.findall(r"\w+", query.lower()) if len(t) > 1]


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` around the first query term it contains
    (word prefixes match, so "trade" finds "trading"), on one line."""
    text = " ".join(text.split())
    terms = query_terms(query)
    start = 0
    if terms:
        stems = "|".join(re.escape(t[:max(4, len(t) - 2)]) for t in terms)
        m = re.search(rf"\b(?:{stems})", text, re.IGNORECASE)
        if m:
            start = max(0, m.start() - width // 3)
    piece = text[start:start + width]
    if start > 0:
        piece = "…" + piece[piece.find(" ") + 1:] if " " in piece else "…" + piece
    if start + width < len(text):
        piece = piece[:piece.rfind(" ")] + "…" if " " in piece else piece + "…"
    return piece
