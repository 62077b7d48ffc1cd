"""Build tests/data/statements/statements.jsonl from the hand-written label sources.

Each labels_*.txt line names a statement by a short exact snippet of the article ("START ~~ END"
or the whole span); this script finds the character offsets, so every label's offsets are exact
and checked (see tests/data/statements/README.md for the line format).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qa.evaluation import read_article

REPO = Path(__file__).resolve().parent.parent
LABEL_DIR = REPO / "tests" / "data" / "statements"
CORPUS = REPO / ".." / "shared" / "corpora" / "bbc-full"

KINDS = {"d": "direct", "r": "reported", "c": "direct"}
SPEAKER_KINDS = {"p": "person", "o": "organisation", "u": "unnamed"}


def find_span(text: str, span: str, where: str) -> tuple[int, int]:
    """Offsets of "START ~~ END" (START unique in the article) or of a unique exact snippet.

    A leading "#N " picks the N-th occurrence of START when it is not unique.
    """
    occurrence = 0
    if span.startswith("#") and " " in span:
        mark, span = span.split(" ", 1)
        occurrence = int(mark[1:])
    if " ~~ " in span:
        head, tail = span.split(" ~~ ", 1)
    else:
        head, tail = span, ""
    found = text.count(head)
    if occurrence:
        if found < occurrence:
            raise ValueError(f"{where}: start snippet found {found} times: {head!r}")
        start = -1
        for _ in range(occurrence):
            start = text.index(head, start + 1)
    elif found != 1:
        raise ValueError(f"{where}: start snippet found {found} times: {head!r}")
    else:
        start = text.index(head)
    if not tail:
        return start, start + len(head)
    end = text.find(tail, start + len(head))
    if end < 0:
        raise ValueError(f"{where}: end snippet not found after start: {tail!r}")
    return start, end + len(tail)


def parse_sources(label_dir: Path, corpus: Path) -> list[dict]:
    """Every label of every labels_*.txt, with offsets resolved against the corpus."""
    records: list[dict] = []
    for source in sorted(label_dir.glob("labels_*.txt")):
        path = None
        text = ""
        encoding = "utf-8"
        count = 0
        for number, raw in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            where = f"{source.name}:{number}"
            if not line or line.startswith("#"):
                continue
            if line.startswith("@ "):
                path = line[2:].strip()
                text, encoding = read_article(corpus / path)
                count = 0
                continue
            if path is None:
                raise ValueError(f"{where}: label before any '@ path' line")
            fields = [f.strip() for f in line.split("|")]
            if len(fields) != 5:
                raise ValueError(f"{where}: expected 5 fields, got {len(fields)}")
            kinds, speaker, cue, mention, span = fields
            kind_code, speaker_code = kinds.split()
            borderline = kind_code.endswith("?")
            kind_code = kind_code.rstrip("?")
            start, end = find_span(text, span, where)
            count += 1
            speakers = [s.strip() for s in speaker.split(" + ")]
            record = {
                "id": f"{path.removesuffix('.txt')}#{count}",
                "path": path,
                "start": start,
                "end": end,
                "text": text[start:end],
                "speaker": speakers[0],
                "speaker_kind": SPEAKER_KINDS[speaker_code],
                "kind": KINDS[kind_code],
                "continued": kind_code == "c",
                "cue": cue,
                "mention": mention or None,
                "borderline": borderline,
            }
            if len(speakers) > 1:
                record["co_speakers"] = speakers[1:]
            if encoding != "utf-8":
                record["encoding"] = encoding
            records.append(record)
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--check", action="store_true", help="only check, do not write")
    args = parser.parse_args(argv)
    try:
        records = parse_sources(LABEL_DIR, args.corpus)
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    paths = {r["path"] for r in records}
    print(f"{len(records)} statements in {len(paths)} articles")
    if not args.check:
        out = LABEL_DIR / "statements.jsonl"
        with open(out, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"wrote {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
