"""How much the statement extractor parses (issue 11 "Cost"): extract the statements of every
article of a corpus folder in this one process and print the sentences and words the
dependency parser was given, its CPU seconds, and the extraction's CPU seconds in all.

  PYTHONPATH=$PWD python scripts/count_parses.py ../shared/corpora/bbc-full
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.parser_model import parse_totals
from qa.quotes import extract_quotes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"error: not a folder: {args.corpus}", file=sys.stderr)
        return 2
    docs = words = statements = 0
    t0 = time.process_time()
    for path in sorted(args.corpus.rglob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for doc in parse_file(str(path.relative_to(args.corpus)), text):
            docs += 1
            words += len(doc.text.split())
            statements += len(extract_quotes(doc, chunk_document(doc)))
    cpu = time.process_time() - t0
    t = parse_totals()
    print(f"{docs} documents, {words} words, {statements} statements; extraction CPU "
          f"{cpu:.1f} s (model load {t.load_seconds:.1f} s)")
    print(f"parsed {t.sentences} sentences, {t.words} tokens "
          f"({t.words / max(1, words):.1%} of the words); parser CPU {t.cpu_seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
