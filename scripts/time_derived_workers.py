"""Time the per-document derived step of `qa index` (statements, `index.derived.per_document`
with `qa.statements.statements_of`) on bbc-full with a given worker start method, CPU counted
over the process and every worker it started.

    PYTHONPATH=$PWD .venv/bin/python scripts/time_derived_workers.py forkserver [-n 64]

Methods: serial (one process), fork, forkserver (the default of `index.derived`), spawn. Run
each in its own process (a start method's server outlives the step); take it under load unless
the machine is quiet.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from contextlib import nullcontext
from multiprocessing import forkserver
from pathlib import Path

from index import derived
from index.chunking import chunk_document
from index.corpus import read_corpus
from qa.statements import STATEMENTS_VERSION, statements_of

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _cpu(who: int) -> float:
    ru = resource.getrusage(who)
    return ru.ru_utime + ru.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("method", choices=("serial", "fork", "forkserver", "spawn"))
    ap.add_argument("-n", type=int, default=0, help="first N documents (default: all)")
    args = ap.parse_args(argv)
    docs = {d.doc_id: d for d in read_corpus(SHARED / "corpora" / "bbc-full")}
    if args.n:
        docs = dict(list(docs.items())[: args.n])
    chunks = {d: chunk_document(doc) for d, doc in docs.items()}
    first = next(iter(docs))
    statements_of(docs[first], chunks[first])  # the parent's caches, as `qa index` has them
    if args.method == "serial":
        derived.PARALLEL_MIN_DOCUMENTS = 10**9
    else:
        derived.START_METHOD = args.method
    cpu0 = _cpu(resource.RUSAGE_SELF)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        derived.per_document(Path(tmp), "qa.statements", STATEMENTS_VERSION, docs,
                             chunks.__getitem__, statements_of, nullcontext)
        wall = time.perf_counter() - t0
    if args.method == "forkserver":  # reap the server, and through it its workers' CPU
        forkserver._forkserver._stop()  # type: ignore[attr-defined]
    print(json.dumps({"method": args.method, "documents": len(docs), "wall_s": round(wall, 2),
                      "cpu_s": round(_cpu(resource.RUSAGE_SELF) - cpu0
                                     + _cpu(resource.RUSAGE_CHILDREN), 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
