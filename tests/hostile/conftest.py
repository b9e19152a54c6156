"""The hostile corpus crawled end to end once per session: the simulator on loopback (its
hit log), the whole pipeline in a subprocess (peak memory), and the warehouse it left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from simulator import SimulatorServer, WireNetwork
from simulator.hostile import crawl_env

PROJECT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT = 900


@pytest.fixture(scope="session")
def hostile_sim() -> Iterator[SimulatorServer]:
    """A simulator of its own, so its hit log holds only the corpus run's requests."""
    with SimulatorServer(WireNetwork(n_releases=8, seed=7)) as sim:
        yield sim


@pytest.fixture(scope="session")
def corpus_run(hostile_sim: SimulatorServer, tmp_path_factory: pytest.TempPathFactory
               ) -> dict[str, Any]:
    """``tests.hostile.driver`` over the corpus: its report, data dir, hits and pages."""
    data = tmp_path_factory.mktemp("hostile")
    env = {**os.environ, **crawl_env(hostile_sim.proxy_url)}
    proc = subprocess.run([sys.executable, "-m", "tests.hostile.driver", str(data)], cwd=PROJECT,
                          env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert proc.returncode == 0, proc.stderr[-4000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    with duckdb.connect(str(data / "warehouse.read.duckdb"), read_only=True) as con:
        rel = con.sql("SELECT * FROM pages")
        pages = [dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()]
    return {"report": report, "data": data, "hits": hostile_sim.hits(), "pages": pages}
