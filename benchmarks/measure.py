"""Whole processes measured from outside: wall time, CPU time of the process and all its descendants, and the
peak memory of the process tree.

- **CPU**: user + system time from ``os.wait4`` for the child. Linux adds to it the time of every descendant
  the child waited for (Pagefind's service, validation's worker processes), so it is the tree's CPU time.
- **Peak memory**: every 50 ms the resident set sizes (``/proc/PID/statm``) of the child and all its living
  descendants are summed; the largest sum is the tree's peak. Pages shared between processes (a forked
  worker's copy of its parent) count once per process, so it errs high, never low. The largest single
  process (``ru_maxrss`` from ``wait4``) is kept too, and the peak is never reported below it (a spike
  between two samples).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.05
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@dataclass(frozen=True)
class Usage:
    """One process (tree) run, or several run one after the other (``then``)."""

    wall_s: float
    cpu_s: float
    peak_mb: float
    largest_process_mb: float

    def then(self, other: Usage) -> Usage:
        return Usage(self.wall_s + other.wall_s, self.cpu_s + other.cpu_s, max(self.peak_mb, other.peak_mb),
                     max(self.largest_process_mb, other.largest_process_mb))


@dataclass(frozen=True)
class Spread:
    """Median, min and max of one measure over the repetitions."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values))


def _parent_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ")"
            return int(stat.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _resident_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_BYTES
    except (OSError, IndexError, ValueError):
        return 0


class TreeSampler:
    """Samples the summed RSS of a process and its descendants until stopped. Each new PID's parent is read
    once (a cheap scan: the machine's other processes are not read again), the tree's RSS every sample."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.parents: dict[int, int | None] = {}
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, sum(_resident_bytes(pid) for pid in self.tree()))
            self._stop.wait(SAMPLE_SECONDS)

    def tree(self) -> list[int]:
        living = {int(name) for name in os.listdir("/proc") if name.isdigit()}
        for pid in living - self.parents.keys():
            self.parents[pid] = _parent_of(pid)
        for pid in self.parents.keys() - living:
            del self.parents[pid]
        members = {self.root}
        grown = True
        while grown:
            found = {pid for pid, parent in self.parents.items() if parent in members} - members
            members |= found
            grown = bool(found)
        return sorted(members & living)


class ChildFailed(RuntimeError):
    pass


def run_measured(command: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> Usage:
    """Run ``command`` to its end and measure it; raises ChildFailed (with its output) when it fails."""
    start = time.perf_counter()
    with subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,  # noqa: S603
                          stderr=subprocess.STDOUT) as child, TreeSampler(child.pid) as sampler:
        output = child.stdout.read() if child.stdout else b""
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise ChildFailed(f"{' '.join(command)} failed ({child.returncode}):\n{output.decode(errors='replace')[-4000:]}")
    largest = usage.ru_maxrss * 1024 / MB  # Linux gives KiB
    return Usage(wall, usage.ru_utime + usage.ru_stime, max(sampler.peak_bytes / MB, largest), largest)
