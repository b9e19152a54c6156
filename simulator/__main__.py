"""CLI: ``python -m simulator --releases 300 --seed 7 --port 8765``.

Prints the proxy URL on the first line of stdout, then serves until SIGINT/SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from .network import WireNetwork
from .server import SimulatorServer


def main(argv: list[str] | None = None) -> int:
    """Run the simulator until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m simulator",
                                     description="Serve the simulated wire network.")
    parser.add_argument("--releases", type=int, default=300, help="number of releases")
    parser.add_argument("--seed", type=int, default=7, help="generator seed")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = any)")
    parser.add_argument("--truth-out", type=Path, help="write the truth JSON to this file")
    args = parser.parse_args(argv)

    network = WireNetwork(n_releases=args.releases, seed=args.seed)
    if args.truth_out:
        args.truth_out.write_text(json.dumps(network.truth(), indent=1), encoding="utf-8")
    stop = threading.Event()

    def _stop(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    with SimulatorServer(network, port=args.port) as sim:
        print(sim.proxy_url, flush=True)
        print(f"serving {args.releases} releases (seed {args.seed}); Ctrl-C to stop",
              file=sys.stderr, flush=True)
        while not stop.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
