"""Build (or update) an index and print when each stage of the build starts and ends: scan,
chunk, keyword index, embedding, then the QA layer's statements, corpus data and statement
vectors (what `qa index` does, with the stage times the progress bar only shows live).

    .venv/bin/python scripts/time_build_stages.py ../shared/corpora/bbc-full /tmp/full-build

Timings depend on the machine's load: quote them from a quiet machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from qa.retriever import Retriever


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("index_dir", type=Path)
    args = ap.parse_args()
    started = time.perf_counter()
    stages: dict[str, list[float]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter() - started
        if stage not in stages:
            print(f"{now:7.1f} s  start {stage} ({total})", flush=True)
            stages[stage] = [now, now]
        stages[stage][1] = now

    r = Retriever(args.corpus, args.index_dir, progress=progress)
    r.prepare(progress)
    print(f"{time.perf_counter() - started:7.1f} s  done")
    for stage, (first, last) in stages.items():
        print(f"{stage:>20}: {last - first:6.1f} s")


if __name__ == "__main__":  # statement workers start from a forkserver: main code guarded
    main()
