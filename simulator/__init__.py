"""Simulated wire network for offline crawling: deterministic sites served over an HTTP proxy.

Usage::

    from simulator import WireNetwork, SimulatorServer
    net = WireNetwork(n_releases=12, seed=7)
    with SimulatorServer(net, port=0) as sim:
        sim.proxy_url   # "http://127.0.0.1:PORT"; send every request through it
        sim.hits()      # [{host, path, status, method, time}, ...]

See :mod:`simulator.network` for the truth format.
"""

from .network import WireNetwork
from .server import SimulatorServer

__all__ = ["SimulatorServer", "WireNetwork"]
