"""``wiredesk cluster`` and ``wiredesk explain``: the dedupe stage's logic from the command line."""

from __future__ import annotations

import json
import sys

import typer

from pipelines.commands import dump_json_line, say


def cluster(
    jsonl: bool = typer.Option(False, "--jsonl",
                               help='Read {"id", "text", "url"?, "published_at"?} lines.'),
) -> None:
    """Group releases into stories; print one {"id", "story", ...} line per release."""
    from pipelines.dedupe.stories import cluster_documents

    if not jsonl:
        typer.echo("error: only --jsonl input is supported", err=True)
        raise typer.Exit(2)
    docs = [json.loads(line) for line in sys.stdin if line.strip()]
    for row in cluster_documents(docs):
        dump_json_line(row)


def _release(con: object, key: str) -> dict:
    from warehouse.load import fetch_dicts

    rows = fetch_dicts(con, "SELECT r.release_id, r.canonical_url, r.source_id, r.title, "  # type: ignore[arg-type]
                            "coalesce(r.body_main, '') AS body_main, m.story_id "
                            "FROM releases r LEFT JOIN story_members m USING (release_id) "
                            "WHERE r.release_id = ? OR r.canonical_url = ? "
                            "OR list_contains(r.urls, ?)", [key, key, key])
    if not rows:
        say(f"error: no release {key!r} in the warehouse", err=True)
        raise typer.Exit(1)
    return rows[0]


def explain(
    a: str = typer.Argument(..., help="Release id or URL."),
    b: str = typer.Argument(..., help="Release id or URL."),
    db: str = typer.Option(None, "--db", help="Warehouse file (default: the read copy)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Why two releases are, or are not, one story: shared passages, figures and the rule."""
    from pipelines.dedupe.cluster import explain_pair
    from warehouse.db import connect, default_path
    from warehouse.publish import read_copy_path

    con = connect(db or read_copy_path(default_path()), read_only=True)
    try:
        ra, rb = _release(con, a), _release(con, b)
    finally:
        con.close()
    score = explain_pair(ra["body_main"], rb["body_main"])
    stored_same = ra["story_id"] is not None and ra["story_id"] == rb["story_id"]
    if as_json:
        dump_json_line({"a": ra["release_id"], "b": rb["release_id"], **score.to_dict(),
                        "same_story_in_warehouse": stored_same})
        return
    for label, rel in (("A", ra), ("B", rb)):
        say(f"{label}: {rel['release_id']} [{rel['source_id']}] {rel['title'] or ''}")
    f = score.features
    typer.echo(f"passages shared {f.shared} of {f.shorter} (coverage ~{f.coverage:.2f}), "
               f"longest in-order run {f.run}; figures: {f.figures.agree} agree, "
               f"{f.figures.conflict} differ, {f.figures.missing} missing, "
               f"{f.figures.shared} shared")
    verdict = f"same story ({score.method})" if score.same else "different stories"
    typer.echo(f"{verdict}: {score.reason}")
    if stored_same != score.same:
        typer.echo("in the warehouse they are " + ("in one story (linked through other copies)"
                   if stored_same else "in different stories"))


def register(app: typer.Typer) -> None:
    app.command()(cluster)
    app.command()(explain)
