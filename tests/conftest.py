"""Shared fixtures: the simulated wire network on loopback, crawls, and a full pipeline run."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawlers.simulator import SimulatorServer, WireNetwork

SEED = 7
SIZE = 12
PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def network() -> WireNetwork:
    """A dozen-release simulated network (deterministic)."""
    return WireNetwork(n_releases=SIZE, seed=SEED)


@pytest.fixture(scope="session")
def truth(network: WireNetwork) -> dict[str, Any]:
    return network.truth()


@pytest.fixture(scope="session")
def simulator(network: WireNetwork) -> Iterator[SimulatorServer]:
    """The network served on 127.0.0.1 as an HTTP proxy, for the whole session."""
    with SimulatorServer(network, port=0) as sim:
        yield sim


@pytest.fixture(scope="session")
def dagster_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary Dagster instance folder with the project's dagster.yaml."""
    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copy(PROJECT / "dagster.yaml", home / "dagster.yaml")
    return home
