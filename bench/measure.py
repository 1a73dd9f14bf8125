"""Measuring helpers for the benchmarks: wall time, CPU time and peak memory of a command and
all its descendants, read from /proc every 50 ms.

A worker pool's processes are not always the command's own children (multiprocessing's
forkserver starts them and reaps them itself), so the CPU time the kernel hands back when the
command exits can miss them. Each process's own CPU time is therefore sampled while it runs,
and the last figure seen for every process is summed (a process's last 50 ms can be missed).

Memory is reported two ways: the sum of the processes' resident sets (RSS), which counts the
pages they share (the libraries, and what worker processes inherit from the process that
forked them) once per process, and the sum of their proportional sets (PSS, each shared page
split among its users), which is what the tree costs the machine.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
TREE_EVERY = 5
"""Samples between two searches for the command's processes (every 250 ms)."""


@dataclass
class Usage:
    wall: float
    cpu: float
    peak_rss_mb: float
    peak_pss_mb: float
    returncode: int
    stdout: str
    stderr: str


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    return children


def _tree(pid: int) -> list[int]:
    """pid and all its descendants."""
    children = _children()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (None once the process is gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of the process in kB; zeros once it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = {line.split(":")[0]: int(line.split()[1]) for line in text.splitlines()[1:]
              if line.split(":")[0] in ("Rss", "Pss")}
    return values.get("Rss", 0), values.get("Pss", 0)


@dataclass
class _Sampler:
    root: int
    cpu: dict[tuple[int, float], float] = field(default_factory=dict)
    """Last CPU seconds seen, by (pid, start time), so a reused pid is a new process."""
    peak_rss_kb: int = 0
    peak_pss_kb: int = 0
    pids: list[int] = field(default_factory=list)
    samples: int = 0

    def sample(self) -> None:
        # Finding the tree reads every process's stat (2 ms of the 4 a sample costs with a
        # worker pool, on 2 cores shared with the workers): done every TREE_EVERY samples,
        # since a process's CPU time accumulates and is read whenever it is found.
        if self.samples % TREE_EVERY == 0:
            self.pids = _tree(self.root)
        self.samples += 1
        rss = pss = 0
        for pid in self.pids:
            fields = _stat(pid)
            if fields is None:
                continue
            # utime + stime (the process's own, not its reaped children's), by start time.
            self.cpu[(pid, float(fields[19]))] = (int(fields[11]) + int(fields[12])) / TICKS
            r, p = _memory_kb(pid)
            rss, pss = rss + r, pss + p
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        self.peak_pss_kb = max(self.peak_pss_kb, pss)


def run_timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Wall seconds of `command`, with nothing sampling it: the sampler's own CPU (about a
    sixteenth of a core, reading every process's memory map 20 times a second) comes out of
    the cores a run that uses them all would have had, and not out of a one-process run's."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def run_measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Usage:
    """Run `command`, sampling the CPU time and memory of its process tree every 50 ms."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    sampler, done = _Sampler(proc.pid), threading.Event()

    def sample() -> None:
        while not done.is_set():
            sampler.sample()
            time.sleep(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    thread.join()
    cpu = sum(sampler.cpu.values())
    return Usage(wall, cpu, sampler.peak_rss_kb / 1024, sampler.peak_pss_kb / 1024,
                 proc.returncode, stdout, stderr)
