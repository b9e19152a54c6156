"""``make demo``: the whole pipeline over the simulated wire network, then what landed.

Stored text (titles, datelines, reasons, anything a crawled page said) is printed as
inert :class:`rich.text.Text`, never as rich markup: a title such as
``[link=http://…]…[/link]`` is shown as written (no terminal hyperlink), one starting with
``[/]`` cannot break the summary, and control characters are shown as escapes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from warehouse.db import connect
from warehouse.load import fetch_dicts
from warehouse.render import terminal_text

EXAMPLE_SQL = """\
SELECT s.carriers, r.source_id, r.dateline_city, r.agency, r.title
FROM stories s JOIN releases r ON r.release_id = s.canonical_release_id
WHERE s.carriers > 1
ORDER BY s.carriers DESC, s.first_seen_at
LIMIT 5"""


def inert(value: Any, style: str = "") -> Text:
    """Stored text as a rich Text that no markup, escape or control character in it can
    drive (see the module's doc)."""
    return Text(terminal_text("" if value is None else str(value)), style=style)


def line(*parts: Any) -> Text:
    """A line of styled labels and inert values: ``("Label:", "bold")`` pairs are styled,
    anything else is shown as text."""
    text = Text()
    for part in parts:
        text.append_text(inert(*part) if isinstance(part, tuple) else inert(part))
    return text


@contextmanager
def serve_network(releases: int = 300, seed: int = 7) -> Iterator[str]:
    """Serve the simulated wire network on loopback for the block; yields its proxy URL.
    The crawler resource's ``network_hook``: a crawl of a simulated source with no running
    simulator (``WIREDESK_SIM_PROXY``) serves one through it."""
    from simulator import SimulatorServer, WireNetwork

    with SimulatorServer(WireNetwork(n_releases=releases, seed=seed)) as sim:
        yield sim.proxy_url


def run_demo(releases: int = 300, seed: int = 7, console: Console | None = None,
             proxy: str | None = None) -> dict:
    """Serve the simulated network (or use the one already serving at ``proxy``, which
    must have been built with the same ``releases`` and ``seed``), materialise every
    simulated source and the stories through the persistent Dagster instance, print a
    summary, and return the counts. The simulated sources are registered here
    (``simulator/sources/``), not in production."""
    console = console or Console()
    from simulator.registry import use_simulated_sources

    use_simulated_sources()
    from crawlers.registry import enabled_sources
    from pipelines.definitions import build_defs
    from pipelines.defs.resources import default_resources, resolved
    from pipelines.defs.runner import STORIES, launch

    serving = nullcontext(proxy) if proxy else serve_network(releases, seed)
    with serving as proxy_url:
        console.print(line(("Simulated wire network", "bold"),
                           f" ({releases} releases, seed {seed}) on {proxy_url}"))
        resources = default_resources(sim_proxy=proxy_url, sim_releases=releases,
                                      sim_seed=seed)
        outcomes = launch(
            build_defs(resources), [s.id for s in enabled_sources(network="simulated")],
            stop_on_failure=True, progress=lambda name: console.print(
                "  grouping copies into stories …" if name == STORIES
                else line("  materialising ", (name, "cyan"), " …")))
        failed = [name for name, o in outcomes.items() if not o.success]
        if failed:
            raise SystemExit(f"ingest of {failed[0]} failed" if failed[0] != STORIES
                             else "story refresh failed")
    return show_summary(Path(resolved(resources["warehouse"]).path), console)


def show_summary(db_path: Path, console: Console) -> dict:
    """Print what landed in the warehouse and return the headline counts."""
    con = connect(db_path, read_only=True)
    try:
        per_source = fetch_dicts(con, """
            SELECT p.source_id,
                   count(*) FILTER (WHERE p.role = 'release') AS release_pages,
                   count(*) FILTER (WHERE p.role = 'release' AND p.outcome = 'ok') AS ok_pages,
                   (SELECT count(*) FROM releases r WHERE r.source_id = p.source_id) AS releases,
                   count(*) FILTER (WHERE p.role = 'release' AND p.outcome <> 'ok') AS problems
            FROM pages p GROUP BY p.source_id ORDER BY p.source_id""")
        table = Table(title="Releases per wire")
        for col in ("source", "release pages", "cleaned", "releases", "not usable"):
            table.add_column(col, justify="right" if col != "source" else "left")
        for row in per_source:
            table.add_row(*(inert(row[k]) for k in ("source_id", "release_pages", "ok_pages",
                                                     "releases", "problems")))
        console.print(table)

        reasons = fetch_dicts(con, "SELECT reason, count(*) AS n FROM pages "
                                   "WHERE reason IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1")
        console.print(inert("Pages not used, by reason: " + ", ".join(
            f"{r['reason']}={r['n']}" for r in reasons)))

        datelines = fetch_dicts(con, """
            SELECT source_id, dateline_raw, dateline_city, dateline_country, dateline_date, agency
            FROM releases WHERE dateline_raw IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY release_id) <= 2
            ORDER BY source_id""")
        table = Table(title="Parsed datelines (sample)")
        for col in ("source", "dateline", "city", "country", "date", "agency"):
            table.add_column(col)
        for d in datelines:
            table.add_row(*(inert(d[k]) for k in (
                "source_id", "dateline_raw", "dateline_city", "dateline_country",
                "dateline_date", "agency")))
        console.print(table)

        groups = fetch_dicts(con, """
            SELECT s.title, s.carriers, s.members,
                   string_agg(m.source_id || CASE WHEN m.is_canonical THEN '*' ELSE '' END, ', '
                              ORDER BY m.lag_minutes) AS carried_by
            FROM stories s JOIN story_members m USING (story_id)
            WHERE s.members > 1 GROUP BY ALL ORDER BY s.members DESC, s.title LIMIT 8""")
        table = Table(title="Duplicate groups (stories with more than one copy; * canonical)")
        for col in ("story", "carriers", "copies", "carried by"):
            table.add_column(col)
        for g in groups:
            table.add_row(inert((g["title"] or "")[:60]), inert(g["carriers"]),
                          inert(g["members"]), inert(g["carried_by"]))
        console.print(table)

        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
            "sources", "crawl_runs", "pages", "articles", "releases", "stories",
            "story_members")}
        console.print(inert("Rows: " + ", ".join(f"{k}={v}" for k, v in counts.items())))
        console.print(line("\n", ("Warehouse:", "bold"), f" {db_path.resolve()}"))
        console.print(line(("Example query:", "bold")))
        console.print(inert(EXAMPLE_SQL))
        rows = con.execute(EXAMPLE_SQL).fetchall()
        for row in rows:
            console.print(inert("  " + " | ".join("" if v is None else str(v)[:60]
                                                  for v in row)))
        return counts
    finally:
        con.close()
