"""The console-script entry point (`qa.interfaces.cli.console`) ends the process without the
interpreter's teardown: what it prints, its exit codes and atexit work must be as `main`'s."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _run(entry: str, *args: str, pre: str = "") -> subprocess.CompletedProcess[str]:
    code = f"{pre}from qa.interfaces.cli import {entry}; {entry}()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=120)


def test_console_prints_and_exits_as_main_does(tmp_path: Path):
    for args in (("--version",), ("ask", ""), ("no-such-command",)):
        a, b = _run("main", *args), _run("console", *args)
        assert (b.returncode, b.stdout, b.stderr) == (a.returncode, a.stdout, a.stderr)
    assert _run("console", "no-such-command").returncode != 0


def test_console_runs_atexit_handlers_and_flushes_buffered_output(tmp_path: Path):
    marker = tmp_path / "ran"
    pre = (f"import atexit, pathlib, sys; atexit.register(pathlib.Path({str(marker)!r})."
           "write_text, 'x'); sys.stdout = open(sys.stdout.fileno(), 'w', buffering=1 << 20); ")
    out = _run("console", "--version", pre=pre)
    assert out.returncode == 0 and out.stdout.strip()
    assert marker.read_text() == "x"
