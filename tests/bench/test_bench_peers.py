"""The plain Scrapy + trafilatura peer of bench/bench_peers.py still captures a small
simulated network whole, so the benchmark's yardstick cannot rot unnoticed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from simulator import SimulatorServer, WireNetwork

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from peers.score import network_truth, score  # noqa: E402


@pytest.mark.slow
def test_plain_spider_captures_every_release_with_its_body(tmp_path: Path) -> None:
    net = WireNetwork(n_releases=10, seed=7)
    truth = network_truth(net)
    db = tmp_path / "plain.duckdb"
    with SimulatorServer(net) as sim:
        done = subprocess.run([sys.executable, str(BENCH / "peers" / "plain_spider.py"),
                               "--db", str(db), "--proxy", sim.proxy_url],
                              capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    con = duckdb.connect(str(db), read_only=True)
    kept = con.execute("SELECT url, body FROM releases").fetchall()
    con.close()
    got = score(truth, kept)
    assert got.targets == len(truth.targets) > 10
    assert got.captured == got.targets
    assert got.body_f1 > 0.8


def test_scoring_tells_a_wrong_body_and_a_missing_page() -> None:
    truth = network_truth(WireNetwork(n_releases=10, seed=7))
    first, *rest = sorted(truth.targets)
    got = score(truth, [(first, "an unrelated line about tide tables and ferry fares")])
    assert (got.captured, got.body_f1 < 0.1) == (1, True)
    assert score(truth, [(url, None) for url in rest]).captured == 0
