"""CPU and wall seconds of each part of the QA layer's corpus derivation, all in this one
process (no worker processes, so CPU time is the work's own), on an index already built, and
sha1 digests of what each part gives (compare them across code versions: the same digests,
the same derived data).

    .venv/bin/python scripts/time_derive_parts.py ../shared/corpora/bbc-full /tmp/full-build [N]

Parts: per-document extraction (`qa.statements.statements_of`, what the build's worker
processes run), the speaker merge, the passage idf, statement terms, statement dates, and the
context terms. N: only the first N documents (by id). Nothing is written to the index.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from index.keyword import tokenize
from index.search import HybridIndex
from qa import corpus_data as cd
from qa.lexical import passage_idf
from qa.statement_dates import date_statement
from qa.statements import corpus_statements, statements_of


def _sha1(value: object) -> str:
    return hashlib.sha1(repr(value).encode()).hexdigest()[:16]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("index_dir", type=Path)
    ap.add_argument("n", type=int, nargs="?", help="only the first N documents")
    args = ap.parse_args()
    index = HybridIndex.open(args.corpus, args.index_dir)
    docs = index.documents
    ids = sorted(docs)[: args.n]

    def part(name: str, run: Callable[[], Any]) -> Any:
        cpu, wall = time.process_time(), time.perf_counter()
        out = run()
        print(f"{name:>14}: {time.process_time() - cpu:7.2f} s CPU "
              f"{time.perf_counter() - wall:7.2f} s wall", flush=True)
        return out

    per_doc = part("extraction", lambda: {
        d: json.loads(json.dumps(statements_of(docs[d], index.chunks_of(d)),
                                 ensure_ascii=False)) for d in ids})
    table, quotes = part("merge", lambda: corpus_statements(per_doc))
    wanted = set(ids)
    terms_of = cd._memo_tokenize()  # as `qa.corpus_data._derive` shares it
    idf = part("idf", lambda: passage_idf(
        (c.text for c in index.chunks if c.doc_id in wanted), terms_of))
    canonical = {s: table.canonical(s) for s in dict.fromkeys(q.speaker for q in quotes)}
    terms = part("terms", lambda: tuple(tuple(tokenize(q.text)) for q in quotes))
    said_on = part("said_on", lambda: tuple(
        date_statement(docs[q.doc_id].text, q.start, q.end, docs[q.doc_id].published)
        for q in quotes))
    data = cd.CorpusData(table=table, quotes=tuple(quotes), idf=idf, canonical=canonical,
                         terms=terms, said_on=said_on)
    context = part("context terms", lambda: cd._derive_context_terms(index, data, terms_of))
    print(f"{len(quotes)} statements, {len({q.text for q in quotes})} distinct texts")
    print("sha1 statements   ", hashlib.sha1(json.dumps(
        per_doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16])
    print("sha1 corpus data  ", _sha1((data.quotes, sorted(idf.items()), sorted(
        canonical.items()), terms, said_on, data.table.people)))
    print("sha1 context terms", _sha1((context.vocab, context.offsets.tolist(),
                                       context.ids.tolist())))


if __name__ == "__main__":
    main()
