"""Build (or update) an index and print when each stage of the build starts and ends: scan,
chunk, keyword index, embedding, then the QA layer's statements, corpus data and statement
vectors (what `qa index` does, with the stage times the progress bar only shows live), in wall
seconds and in CPU seconds of this process and its worker processes (on Linux; CPU time says
what a stage costs even on a machine other jobs share, wall time only on a quiet one).

    .venv/bin/python scripts/time_build_stages.py ../shared/corpora/bbc-full /tmp/full-build

A stage runs from its first progress report to the next stage's first; "statements" holds
the extraction, the corpus data and the context terms, "statement vectors" the embedding. The
last line is issue 11's cost figure: the wall time of those two stages over that of the rest.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from qa.retriever import Retriever


def tree_cpu() -> float:
    """CPU seconds (user + system) used so far by this process, the children it has waited for
    and every live descendant (their own finished children included), read from /proc; this
    process's alone where there is no /proc."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parent: dict[int, int] = {}
    used: dict[int, float] = {}
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return time.process_time()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        parent[pid] = int(fields[1])
        used[pid] = sum(int(x) for x in fields[11:15]) / tick  # utime stime cutime cstime
    total, todo = 0.0, [os.getpid()]
    while todo:
        pid = todo.pop()
        total += used.get(pid, 0.0)
        todo += [p for p, pp in parent.items() if pp == pid]
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("index_dir", type=Path)
    args = ap.parse_args()
    started = time.perf_counter()
    cpu0 = tree_cpu()
    marks: list[tuple[str, float, float]] = []  # (stage, wall, cpu) at each stage's start

    def progress(stage: str, done: int, total: int) -> None:
        if stage not in {s for s, _, _ in marks}:
            now, cpu = time.perf_counter() - started, tree_cpu() - cpu0
            print(f"{now:7.1f} s  {cpu:7.1f} s CPU  start {stage} ({total})", flush=True)
            marks.append((stage, now, cpu))

    r = Retriever(args.corpus, args.index_dir, progress=progress)
    r.prepare(progress)
    end, cpu_end = time.perf_counter() - started, tree_cpu() - cpu0
    print(f"{end:7.1f} s  {cpu_end:7.1f} s CPU  done")
    for (stage, wall, cpu), (_, next_wall, next_cpu) in zip(
            marks, [*marks[1:], ("done", end, cpu_end)], strict=True):
        print(f"{stage:>20}: {next_wall - wall:6.1f} s wall {next_cpu - cpu:6.1f} s CPU")
    qa_start = next((wall for stage, wall, _ in marks if stage == "statements"), None)
    if qa_start is not None and qa_start > 0:
        # issue 11's cost target: statements add at most 50 % to the index time
        print(f"statements add {end - qa_start:.1f} s to {qa_start:.1f} s: "
              f"{100 * (end - qa_start) / qa_start:+.1f} % (wall)")


if __name__ == "__main__":  # statement workers start from a forkserver: main code guarded
    main()
