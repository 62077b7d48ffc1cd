"""The parser's model process (`qa.parser_model`): what loading it brings into a process."""

from __future__ import annotations

import subprocess
import sys


def test_parsing_does_not_import_torch() -> None:
    """thinc imports torch whenever it is installed (~6 s); the parse must not bring it onto the
    query path (`qa ask` on a new folder extracts statements in its own process)."""
    code = ("import sys\n"
            "from qa.parser_model import parse_span\n"
            "text = 'Tom Hale said the plan would fail.'\n"
            "p = parse_span(text, 0, len(text))\n"
            "assert [text[t.start:t.end] for t in p.tokens][:3] == ['Tom', 'Hale', 'said']\n"
            "assert 'torch' not in sys.modules, 'torch was imported'\n"
            "import torch  # still importable afterwards\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
