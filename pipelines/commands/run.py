"""``wiredesk run``: crawl real sources once and load what they yield, with a summary."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def source_ids(sources: str | None) -> list[str]:
    """The ids asked for (comma-separated), or every enabled live source; unknown ids fail."""
    from crawlers.registry import enabled_sources, registry, registry_problems

    if not sources:
        return [s.id for s in enabled_sources(network="live")]
    ids = [s.strip() for s in sources.split(",") if s.strip()]
    unknown = [i for i in ids if i not in registry()]
    if unknown:
        disabled = [p for p in registry_problems() if any(f"/{i}.yaml" in p for i in unknown)]
        raise typer.BadParameter(f"unknown source(s): {', '.join(unknown)}; "
                                 + (f"disabled: {'; '.join(disabled)}; " if disabled else "")
                                 + f"known: {', '.join(sorted(registry()))}",
                                 param_hint="--sources")
    return ids


def run_summary(data_dir: Path, source_id: str, ok: bool) -> str:
    """One line on a source's latest crawl: what it fetched, or why it failed."""
    from crawlers.runinfo import STATS_NAME, failure_summary, latest_run_dir

    run_dir = latest_run_dir(data_dir, source_id)
    stats_path = run_dir / STATS_NAME if run_dir else None
    stats = json.loads(stats_path.read_text()) if stats_path and stats_path.exists() else {}
    if not stats:
        return "no crawl ran"
    parts = [f"{stats.get('wiredesk/records/release', 0)} release pages",
             f"{stats.get('wiredesk/skipped_quietly/known', 0)} already known"]
    if stats.get("wiredesk/not_modified"):
        parts.append(f"{stats['wiredesk/not_modified']} feeds unchanged")
    if stats.get("wiredesk/flag/layout_changed"):
        parts.append(f"FLAG: {stats['wiredesk/flag/layout_changed']}")
    if not ok or stats.get("wiredesk/stop_reason"):
        parts.append(failure_summary(stats))
    return ", ".join(parts)


def run(
    sources: str = typer.Option(None, "--sources",
                                help="Comma-separated source ids (default: every enabled "
                                     "live source)."),
) -> None:
    """Crawl each source once (politely, incrementally), load it into the warehouse and
    regroup stories; exits non-zero if any source failed. A failed source's warehouse rows
    are left as they were."""
    from pipelines.definitions import build_defs
    from pipelines.defs.resources import resolved
    from pipelines.defs.runner import STORIES, launch

    ids = source_ids(sources)
    defs = build_defs()
    data_dir = Path(resolved(defs.resources["crawler"]).data_dir)
    outcomes = launch(defs, ids, progress=lambda name: typer.echo(f"crawling {name} …")
                      if name != STORIES else None)
    # The story refresh is listed only when it failed.
    results = {name: o.success for name, o in outcomes.items()
               if name != STORIES or not o.success}
    if STORIES in results:
        typer.echo("story refresh failed", err=True)
    typer.echo("\nsource          result  details")
    for source_id, ok in results.items():
        detail = run_summary(data_dir, source_id, ok) if source_id != STORIES else ""
        typer.echo(f"{source_id:<15} {'ok' if ok else 'FAILED':<7} {detail}")
    failed = [s for s, ok in results.items() if not ok]
    if failed:
        typer.echo(f"\n{len(failed)} of {len(results)} failed: {', '.join(failed)}", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(run)
