"""In-process answer times on a built index: open, corpus data, warm-up, then the first question
about each of several people (as in the REPL after loading), a who-said and a factoid question.

    .venv/bin/python scripts/time_answers.py CORPUS INDEX_DIR [--mode hybrid|bm25] [-q Q ...]

Build the index first (`qa index CORPUS --index-dir INDEX_DIR`); timings depend on the machine's
load: say so when you report them. The default questions are about bbc-full.
"""

from __future__ import annotations

import argparse
import time

QUESTIONS = (
    "what did Blair say about Iraq?",
    "what did the chancellor say about the budget?",
    "what did Michael Howard say about immigration?",
    "what did Mourinho say?",
    "what did Kennedy say about the war?",
    "who said the economy would grow?",
    "How much was the transfer fee Chelsea paid for Mutu?",
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("index_dir")
    ap.add_argument("--mode", default="hybrid", choices=["hybrid", "bm25", "dense"])
    ap.add_argument("-q", "--question", action="append", help="replaces the default questions")
    args = ap.parse_args()
    t = time.perf_counter()
    from index.search import HybridIndex
    from qa import Retriever

    print(f"imports {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    with HybridIndex.open(args.corpus, args.index_dir) as ix:
        print(f"HybridIndex.open {time.perf_counter() - t:.3f} s; files read "
              f"{len(ix.snapshot.read)}; {ix.chunk_count} chunks")
    t = time.perf_counter()
    r = Retriever(args.corpus, args.index_dir)
    print(f"Retriever open {time.perf_counter() - t:.3f} s")
    t = time.perf_counter()
    n = len(r.quotes)
    print(f"corpus data ({n} statements, {len(r.table.people)} people) "
          f"{time.perf_counter() - t:.3f} s")
    t = time.perf_counter()
    r.warm()
    print(f"warm (statement vectors, model) {time.perf_counter() - t:.3f} s")
    for q in args.question or QUESTIONS:
        t = time.perf_counter()
        a = r.ask(q, mode=args.mode)
        print(f"{args.mode} {time.perf_counter() - t:.3f} s  {q!r}: speaker "
              f"{a.speaker.name if a.speaker else None}, {len(a.quotes)} statements, "
              f"answered {a.answered}")
    t = time.perf_counter()
    r.stats()
    print(f"stats {time.perf_counter() - t:.3f} s")


if __name__ == "__main__":
    main()
