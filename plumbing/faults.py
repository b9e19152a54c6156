"""Fault injection for crash tests: a process kills itself with SIGKILL at a named point.

Set ``WIREDESK_CRASH_AT=<point>`` (die the first time the point is reached) or
``<point>:<n>`` (die the n-th time) in a process's environment; several specs may be
given, separated by commas. Unset, ``crash_point`` costs one environment lookup.
Points are named ``<stage>.<moment>``, e.g. ``warc.mid_record`` or ``load.before_commit``;
``grep -rn crash_point`` lists them all.
"""

from __future__ import annotations

import os
import signal

ENV = "WIREDESK_CRASH_AT"
_reached: dict[str, int] = {}


def _wanted(name: str, spec: str) -> int | None:
    for part in spec.split(","):
        point, _, nth = part.strip().partition(":")
        if point == name:
            return int(nth) if nth else 1
    return None


def crash_point(name: str) -> None:
    """Die here, as abruptly as a power cut or the OOM killer, if the environment asks."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    nth = _wanted(name, spec)
    if nth is None:
        return
    _reached[name] = _reached.get(name, 0) + 1
    if _reached[name] >= nth:
        os.kill(os.getpid(), signal.SIGKILL)
