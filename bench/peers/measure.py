"""Run a command and measure its whole process tree: wall time, CPU time and peak memory.

CPU is the ``RUSAGE_CHILDREN`` user + system delta over the run (every descendant that was
waited for, which the tools here all do). Peak memory is the largest sum over the tree,
sampled from ``/proc`` every 0.2 s, of resident set sizes (RSS: pages that forked workers
share with their parent count once per process, as ``ps`` shows them) and, beside it, of
proportional set sizes (PSS: a shared page is split between the processes sharing it, so
the sum is what the tree really holds).
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.2


@dataclass(frozen=True)
class Usage:
    """What one run cost."""

    wall: float
    cpu: float
    peak_mib: float  # RSS summed over the tree
    peak_pss_mib: float
    returncode: int


def _children() -> dict[int, list[int]]:
    """``{parent pid: [child pids]}`` for every process now running."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _pss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def tree_memory(root: int) -> tuple[int, int]:
    """Bytes resident (RSS, PSS) in ``root`` and all its descendants now."""
    tree, todo, rss, pss = _children(), [root], 0, 0
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, ()))
        try:
            rss += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
            pss += _pss(pid)
        except (OSError, IndexError, ValueError):
            pass
    return rss, pss


def run_measured(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
                 log: Path | None = None, timeout: float | None = None) -> Usage:
    """Run ``cmd`` to the end (output to ``log``) and return its :class:`Usage`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = peak_pss = 0
    done = threading.Event()
    with open(log or os.devnull, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)

        def sample() -> None:
            nonlocal peak, peak_pss
            while not done.wait(SAMPLE_SECONDS):
                rss, pss = tree_memory(proc.pid)
                peak, peak_pss = max(peak, rss), max(peak_pss, pss)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            code = proc.wait(timeout=timeout)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            done.set()
            sampler.join()
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Usage(wall=wall, cpu=cpu, peak_mib=peak / 2**20,
                 peak_pss_mib=peak_pss / 2**20, returncode=code)
