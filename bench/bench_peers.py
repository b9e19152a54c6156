"""Benchmark: wiredesk end to end beside the scripts a user would write instead.

    .venv/bin/python bench/bench_peers.py --releases 500,2000 [--rounds 3] [--with-news-please]
    .venv/bin/python bench/bench_peers.py --from-json bench/results/peers-2026-12-03.json

For each N, the simulated wire network (one seed for every tool) is served on 127.0.0.1,
afresh for each run, and each tool runs in its own subprocess, in turns (the order rotates
each round): wiredesk (``wiredesk demo --proxy``: crawl, archive, clean, parse, load,
stories, with a fresh data folder and Dagster instance), a plain Scrapy spider calling
trafilatura and inserting into DuckDB (``bench/peers/plain_spider.py``), trafilatura's own
fetch and extract over the release URLs (``bench/peers/trafilatura_fetch.py``) and, with
``--with-news-please``, news-please in its own virtual environment (``bench/.peers-venv``,
created with pip if missing; skipped if that fails). Measured per run: wall and CPU time
and peak memory of the whole process tree (``bench/peers/measure.py``), pages captured and
body F1 against the network's truth (``bench/peers/score.py``). Prints medians and
wiredesk's ratio to each peer; saves every run under ``bench/results/peers-<date>.json``.
The simulator serves from this process, outside every tool's figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import duckdb  # noqa: E402
from peers.measure import Usage, run_measured  # noqa: E402
from peers.score import Truth, network_truth, score  # noqa: E402

from simulator import SimulatorServer, WireNetwork  # noqa: E402

PEERS_VENV = BENCH / ".peers-venv"
NEWS_PLEASE = "news-please==1.6.16"
RESULTS = BENCH / "results"
RUN_TIMEOUT = 3600.0
BIN = Path(sys.executable).parent
Kept = list[tuple[str, str | None]]


@dataclass(frozen=True)
class Run:
    """Where one tool runs: the simulator, a fresh folder, the network's size and seed."""

    proxy: str
    work: Path
    releases: int
    seed: int
    urls: Path  # the release URLs to capture, one a line


def _jsonl(path: Path) -> Kept:
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r["url"], r["body"]) for r in rows]


def _duckdb(path: Path, sql: str) -> Kept:
    if not path.exists():
        return []
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def wiredesk(run: Run) -> tuple[Usage, Kept]:
    """``wiredesk demo`` against the running simulator, in a fresh data folder and instance."""
    home, data = run.work / "dagster", run.work / "data"
    home.mkdir()
    shutil.copy(ROOT / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_HOME": str(home), "WIREDESK_DATA_DIR": str(data),
           "WIREDESK_DB": str(data / "warehouse.duckdb"), "WIREDESK_AUTOMATION": "off"}
    usage = run_measured([str(BIN / "wiredesk"), "demo", "--releases", str(run.releases),
                          "--seed", str(run.seed), "--proxy", run.proxy],
                         env=env, cwd=ROOT, log=run.work / "tool.log", timeout=RUN_TIMEOUT)
    return usage, _duckdb(data / "warehouse.duckdb", "SELECT url, body_text FROM articles")


def plain_spider(run: Run) -> tuple[Usage, Kept]:
    """The plain Scrapy + trafilatura + DuckDB spider."""
    db = run.work / "plain.duckdb"
    usage = run_measured([sys.executable, str(BENCH / "peers" / "plain_spider.py"),
                          "--db", str(db), "--proxy", run.proxy],
                         log=run.work / "tool.log", timeout=RUN_TIMEOUT)
    return usage, _duckdb(db, "SELECT url, body FROM releases")


def trafilatura_fetch(run: Run) -> tuple[Usage, Kept]:
    """trafilatura's own downloader and extractor over the release URLs."""
    out = run.work / "bodies.jsonl"
    usage = run_measured([sys.executable, str(BENCH / "peers" / "trafilatura_fetch.py"),
                          "--urls", str(run.urls), "--out", str(out), "--proxy", run.proxy],
                         log=run.work / "tool.log", timeout=RUN_TIMEOUT)
    return usage, _jsonl(out)


def news_please(run: Run) -> tuple[Usage, Kept]:
    """news-please's ``from_urls`` over the release URLs, in its own virtual environment."""
    out = run.work / "bodies.jsonl"
    usage = run_measured([str(PEERS_VENV / "bin" / "python"),
                          str(BENCH / "peers" / "newsplease_fetch.py"),
                          "--urls", str(run.urls), "--out", str(out), "--proxy", run.proxy],
                         log=run.work / "tool.log", timeout=RUN_TIMEOUT)
    return usage, _jsonl(out)


TOOLS: dict[str, Callable[[Run], tuple[Usage, Kept]]] = {
    "wiredesk": wiredesk,
    "scrapy+trafilatura": plain_spider,
    "trafilatura fetch": trafilatura_fetch,
    "news-please": news_please,
}


def peers_venv_ready() -> bool:
    """True when news-please is importable in ``bench/.peers-venv``, creating it if missing."""
    python = PEERS_VENV / "bin" / "python"
    check = [str(python), "-c", "import newsplease"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return True
    print(f"creating {PEERS_VENV} with {NEWS_PLEASE} …", file=sys.stderr)
    made = subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)]).returncode == 0
    made = made and subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                                    NEWS_PLEASE]).returncode == 0
    return made and subprocess.run(check, capture_output=True).returncode == 0


def one_run(tool: str, net: WireNetwork, truth: Truth, seed: int) -> dict:
    """Run ``tool`` once against a freshly served ``net``; its figures as a dict."""
    with tempfile.TemporaryDirectory(prefix="wiredesk-peers-") as tmp, \
            SimulatorServer(net) as sim:
        work = Path(tmp)
        urls = work / "urls.txt"
        urls.write_text("\n".join(sorted(truth.targets)) + "\n", encoding="utf-8")
        tool_dir = work / "tool"
        tool_dir.mkdir()
        usage, kept = TOOLS[tool](Run(sim.proxy_url, tool_dir, net.n_releases, seed, urls))
        if usage.returncode != 0:
            tail = (tool_dir / "tool.log").read_text(errors="replace")[-2000:]
            print(f"{tool} exited {usage.returncode}:\n{tail}", file=sys.stderr)
        got = score(truth, kept)
    return {**asdict(usage), "captured": got.captured, "targets": got.targets,
            "body_f1": got.body_f1}


def results_path() -> Path:
    """A new ``bench/results/peers-<date>[-k].json``."""
    day = datetime.now(UTC).date().isoformat()
    path, k = RESULTS / f"peers-{day}.json", 2
    while path.exists():
        path, k = RESULTS / f"peers-{day}-{k}.json", k + 1
    return path


def measure(sizes: list[int], rounds: int, seed: int, tools: list[str], out: Path) -> dict:
    """Every tool at every size, ``rounds`` times in rotating turns; saved after each run."""
    result: dict = {"date": datetime.now(UTC).isoformat(timespec="seconds"),
                    "cores": os.cpu_count(), "load_at_start": os.getloadavg(), "seed": seed,
                    "rounds": rounds, "tools": tools, "sizes": {}}
    for n in sizes:
        net = WireNetwork(n_releases=n, seed=seed)
        truth = network_truth(net)
        size = result["sizes"][str(n)] = {"targets": len(truth.targets),
                                          "simulated_until": net.now.isoformat(),
                                          "runs": {t: [] for t in tools}}
        for r in range(rounds):
            for tool in tools[r % len(tools):] + tools[:r % len(tools)]:
                figures = one_run(tool, net, truth, seed)
                size["runs"][tool].append(figures)
                print(f"N={n} round {r + 1}/{rounds} {tool}: {figures['wall']:.1f} s wall, "
                      f"{figures['cpu']:.1f} s CPU, {figures['peak_mib']:.0f} MiB, "
                      f"{figures['captured']}/{figures['targets']}, "
                      f"F1 {figures['body_f1']:.3f}", file=sys.stderr)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


def _share(captured: float, targets: int) -> str:
    """A percentage rounded down, so that 100.0% means every page."""
    return f"{math.floor(1000 * captured / targets) / 10:.1f}%" if targets else "-"


def table(result: dict) -> str:
    """The medians of every tool at every size, and wiredesk's ratio to each peer."""
    lines = [f"wiredesk and its peers on the simulated wire network ({result['date']}, "
             f"{result['cores']} cores, load {result['load_at_start'][0]:.1f} at start, "
             f"seed {result['seed']})"]
    for n, size in result["sizes"].items():
        runs = {t: rs for t, rs in size["runs"].items() if rs}
        if not runs:
            continue
        lines += ["", f"N = {n} releases: {size['targets']} release pages to capture; "
                      f"simulated calendar ends {size['simulated_until'][:10]}; medians of "
                      f"{max(len(rs) for rs in runs.values())} run(s)",
                  f"{'tool':<20}{'wall s':>8}{'CPU s':>8}{'RSS MiB':>9}{'PSS MiB':>9}"
                  f"{'captured':>10}{'body F1':>9}{'wd/peer wall':>14}{'RSS':>7}{'PSS':>7}"]
        med = {t: {k: statistics.median(r[k] for r in rs)
                   for k in ("wall", "cpu", "peak_mib", "peak_pss_mib", "captured", "body_f1")}
               for t, rs in runs.items()}
        wd = med.get("wiredesk")
        for tool, m in med.items():
            ratios = ["-", "-", "-"]
            if wd and tool != "wiredesk":
                ratios = [f"{wd[k] / m[k]:.2f}x" for k in ("wall", "peak_mib", "peak_pss_mib")]
            failed = sum(r["returncode"] != 0 for r in runs[tool])
            lines.append(f"{tool:<20}{m['wall']:>8.1f}{m['cpu']:>8.1f}{m['peak_mib']:>9.0f}"
                         f"{m['peak_pss_mib']:>9.0f}{_share(m['captured'], size['targets']):>10}"
                         f"{m['body_f1']:>9.3f}{ratios[0]:>14}{ratios[1]:>7}{ratios[2]:>7}"
                         + (f"  ({failed} run(s) failed)" if failed else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--releases", default="500,2000",
                    help="comma-separated sizes, e.g. 500,2000,8000")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--tools", default="wiredesk,scrapy+trafilatura,trafilatura fetch",
                    help=f"comma-separated, from: {', '.join(TOOLS)}")
    ap.add_argument("--with-news-please", action="store_true",
                    help=f"add news-please ({NEWS_PLEASE} in {PEERS_VENV.name})")
    ap.add_argument("--out", type=Path, help="results file (default bench/results/...)")
    ap.add_argument("--from-json", type=Path, help="print a saved result and stop")
    args = ap.parse_args(argv)
    if args.from_json:
        print(table(json.loads(args.from_json.read_text(encoding="utf-8"))))
        return 0
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = set(tools) - set(TOOLS)
    if unknown:
        ap.error(f"unknown tools: {', '.join(sorted(unknown))}")
    if args.with_news_please and "news-please" not in tools:
        if peers_venv_ready():
            tools.append("news-please")
        else:
            print("news-please could not be installed; running without it", file=sys.stderr)
    sizes = [int(n) for n in args.releases.split(",") if n.strip()]
    out = args.out or results_path()
    result = measure(sizes, args.rounds, args.seed, tools, out)
    print(table(result))
    print(f"\nsaved {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
