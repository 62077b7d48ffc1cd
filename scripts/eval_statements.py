"""Score the current product on the labelled BBC dev articles (issue 11): statement extraction
precision/recall (span overlap >= 50 % and the right speaker) and speaker answers (every gold
statement among the answer's quotes; the right person resolved).

    .venv/bin/python scripts/eval_statements.py [--mode bm25|hybrid|dense] [--json] [-v]
        [--misses]   (every missed label and imprecise statement, for error analysis)

The questions are asked of the 80 labelled articles alone: they are copied into a temporary
folder (keeping section/NNN.txt) that is indexed for this run and removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from qa.evaluation.dev_articles import (
    add_dev_article_options,
    article_list,
    copy_articles,
    missing_inputs,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "statements"
SHARED = ROOT.parent / "shared"


def _found_of_quote(q, speaker: str | None = None):
    from qa.evaluation.statement_set import Found

    return Found(path=q.doc_id, start=q.start, end=q.end,
                 speaker=q.speaker if speaker is None else speaker)


def _print_misses(ext, by_id, extracted, texts) -> None:
    """One line per missed label (id, kind, speaker, mention, cue, span; then the speaker of any
    extracted statement over that span) and per extracted statement that matches no label."""
    from qa.evaluation.statement_set import overlaps

    print(f"missed labels: {len(ext.missed)}")
    for lid in ext.missed:
        lab = by_id[lid]
        over = [f.speaker for f in extracted
                if f.path == lab.path and overlaps(lab.start, lab.end, f.start, f.end)]
        kind = "continued" if lab.continued else lab.kind
        print(f"  {lid:18s} {kind:9s}{'?' if lab.borderline else ' '} {lab.speaker!s:24.24s} "
              f"mention={lab.mention!s:26.26s} cue={lab.cue!s:12.12s} "
              f"got={'|'.join(map(str, over)) if over else '-'}")
        print(f"      {lab.text[:110]!r}")
    print(f"imprecise extracted: {len(ext.wrong)}")
    for f in ext.wrong:
        print(f"  {f.path}:{f.start}-{f.end} speaker={f.speaker!s}: "
              f"{texts[f.path][f.start:f.end][:100]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_article_options(ap, SHARED, "keep the copied articles and their index here between "
                            "runs (the statements are always recomputed); default: a temporary "
                            "folder")
    ap.add_argument("--mode", default="bm25", choices=["bm25", "hybrid", "dense"])
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every question's result")
    ap.add_argument("--misses", action="store_true",
                    help="list every missed label (with what was extracted over its span, if "
                         "anything) and every imprecise extracted statement")
    args = ap.parse_args(argv)
    if error := missing_inputs(args):
        print(error, file=sys.stderr)
        return 1
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from qa.evaluation.statement_set import (
        check_offsets,
        load_aliases,
        load_questions,
        load_statements,
        read_article,
        score_extraction,
        score_question,
        summarize_questions,
    )
    from qa.retriever import Retriever

    labels = load_statements(DATA / "statements.jsonl")
    questions = load_questions(DATA / "questions.jsonl")
    aliases = load_aliases(DATA / "aliases.json")
    by_id = {lab.id: lab for lab in labels}
    paths = article_list(args.articles)
    texts = {p: read_article(args.corpus / p)[0] for p in paths}
    problems = check_offsets(labels, texts)
    if problems:
        print(f"error: {len(problems)} labels do not match the corpus, e.g. {problems[0]}",
              file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = str(args.work) if args.work else tmp_dir
        corpus = Path(tmp) / "bbc-dev"
        copy_articles(args.corpus, paths, corpus)
        for cached in (Path(tmp) / "index").rglob("qa.statements@*.json"):
            cached.unlink()  # extraction is what is measured: never reuse it
        for cached in (Path(tmp) / "index").glob("derived/qa.corpus@*"):
            shutil.rmtree(cached)  # nor the corpus data derived from it (qa.corpus_data)
        t0 = time.monotonic()
        r = Retriever(corpus, Path(tmp) / "index")
        differs = [d for d, doc in r.index.documents.items() if texts.get(d) != doc.text]
        if differs:
            print(f"warning: {len(differs)} documents read differently from the labels' "
                  f"reading (offsets may not agree), e.g. {differs[0]}", file=sys.stderr)
        extracted = [_found_of_quote(q) for q in r.quotes]
        index_seconds = time.monotonic() - t0
        ext = score_extraction(labels, extracted, aliases)
        if args.misses and not args.json:
            _print_misses(ext, by_id, extracted, texts)
        scores = []
        t1 = time.monotonic()
        for q in questions:
            a = r.ask(q.question, k=args.k, mode=args.mode)
            quotes = []
            for g in a.quotes:
                quotes.append(_found_of_quote(g.quote, g.speaker))
                quotes.extend(_found_of_quote(o, g.speaker) for o in g.corroborated_by)
            resolved = a.speaker.name if a.speaker is not None else None
            s = score_question(q, by_id, a.answered, resolved, quotes, aliases)
            scores.append(s)
            if args.verbose and not args.json:
                flag = "ok " if (s.all_gold and s.right_person and s.answered_ok) else "BAD"
                print(f"{flag} {q.kind:22s} gold {len(s.gold_found)}/{len(q.gold)} "
                      f"extra {s.extra:2d} person={resolved!s:28.28s} "
                      f"answered={a.answered!s:5s} {q.question}")
                missing = [g for g in q.gold if g not in s.gold_found]
                if missing:
                    print(f"    missing: {' '.join(missing)}")
        ask_seconds = time.monotonic() - t1
        r.index.close()
    summary = summarize_questions(scores)
    out = {
        "mode": args.mode, "articles": len(paths), "labels": len(labels),
        "questions": len(questions), "extraction": ext.to_dict(), "speaker_questions": summary,
        "seconds_under_load": {"index_and_extract": round(index_seconds, 1),
                               "ask_all": round(ask_seconds, 1)},
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    e = ext
    print(f"labelled set: {len(paths)} articles, {len(labels)} statements "
          f"({e.core_labels} not borderline), {len(questions)} questions; mode {args.mode}")
    print(f"extraction  precision {e.precision:.3f}  recall {e.recall:.3f}  "
          f"(recall without borderline {e.core_recall:.3f}; span only: precision "
          f"{e.span_precision:.3f} recall {e.span_recall:.3f}; {e.extracted} extracted)")
    print("  recall by kind: " + ", ".join(
        f"{k} {rc}/{n}" for k, (rc, n) in sorted(e.by_kind.items())))
    print(f"speaker questions  all gold {summary['all_gold_rate']:.3f} "
          f"(of {summary['with_gold']} with gold; without borderline "
          f"{summary['all_core_gold_rate']:.3f})  gold statement recall "
          f"{summary['gold_statement_recall']:.3f}  right person "
          f"{summary['right_person_rate']:.3f}  answered as expected "
          f"{summary['answered_as_expected_rate']:.3f}  abstained when no gold "
          f"{summary['abstained_when_no_gold_rate']:.3f}")
    for kind, k in sorted(summary["by_kind"].items()):
        print(f"  {kind:22s} n={k['n']:2d} all_gold={k['all_gold']:2d} "
              f"right_person={k['right_person']:2d} answered_ok={k['answered_ok']:2d}")
    print(f"(under load: index+extract {index_seconds:.0f}s, {len(questions)} questions "
          f"{ask_seconds:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
