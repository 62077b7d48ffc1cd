"""Capture `qa ask --json` for every seeds dev question in every mode, or compare with a capture.

A check that a refactoring leaves behaviour unchanged: capture before, compare after.

    .venv/bin/python scripts/answers_snapshot.py --write /tmp/before.json
    .venv/bin/python scripts/answers_snapshot.py --compare /tmp/before.json

Each run builds a fresh index of the seeds in a temporary directory and calls the `qa` command
in-process (one model load for all 27 answers). Exits 1 and names the differing answers when
the comparison fails.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from index.search import MODES

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "seeds_dev.jsonl"


def capture(corpus: Path, dev: Path) -> dict[str, object]:
    """{"<id> <mode>": the parsed `qa ask --json` output} for every dev question and mode."""
    from typer.testing import CliRunner

    from qa.interfaces.cli import app

    questions = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    runner = CliRunner()
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for q in questions:
            for mode in MODES:
                args = ["ask", q["question"], "--json", "--mode", mode,
                        "--corpus", str(corpus), "--index-dir", str(Path(tmp) / "index")]
                res = runner.invoke(app, args, catch_exceptions=False)
                if res.exit_code != 0:
                    sys.exit(f"qa {' '.join(args)} exited {res.exit_code}: {res.output}")
                out[f"{q['id']} {mode}"] = json.loads(res.stdout)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the capture to this file")
    group.add_argument("--compare", type=Path, help="compare with the capture in this file")
    ap.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    ap.add_argument("--dev", type=Path, default=DEV)
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    now = capture(args.corpus.resolve(), args.dev)
    if args.write:
        args.write.write_text(json.dumps(now, ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")
        print(f"wrote {len(now)} answers to {args.write}")
        return
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = sorted(key for key in before.keys() | now.keys() if before.get(key) != now.get(key))
    if differ:
        print(f"{len(differ)} of {len(before)} answers differ: {', '.join(differ)}")
        sys.exit(1)
    print(f"all {len(now)} answers identical")


if __name__ == "__main__":
    main()
