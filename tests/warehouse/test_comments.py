"""Every table, view and column of the warehouse has a description (COMMENT ON).

If this fails after adding a migration or a mart, add to the same file, e.g.
    COMMENT ON TABLE my_table IS 'One row per ...';
    COMMENT ON COLUMN my_table.my_column IS 'What it holds, its unit or its values.';
(marts: after the CREATE OR REPLACE VIEW, in the same warehouse/marts/*.sql file).
"""

from __future__ import annotations

from warehouse.db import connect


def test_every_table_view_and_column_has_a_comment(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    try:
        tables = con.execute("""
            SELECT table_name FROM duckdb_tables()
            WHERE database_name = current_database() AND schema_name = 'main'
              AND (comment IS NULL OR trim(comment) = '')
            UNION ALL
            SELECT view_name FROM duckdb_views()
            WHERE database_name = current_database() AND schema_name = 'main'
              AND NOT internal AND (comment IS NULL OR trim(comment) = '')
            ORDER BY 1""").fetchall()
        columns = con.execute("""
            SELECT table_name || '.' || column_name FROM duckdb_columns()
            WHERE database_name = current_database() AND schema_name = 'main'
              AND NOT internal AND (comment IS NULL OR trim(comment) = '')
            ORDER BY 1""").fetchall()
    finally:
        con.close()
    missing = [f"table/view {t}" for (t,) in tables] + [f"column {c}" for (c,) in columns]
    assert not missing, (
        "uncommented (add COMMENT ON ... IS '...' in the migration or mart that creates "
        "them):\n  " + "\n  ".join(missing))
