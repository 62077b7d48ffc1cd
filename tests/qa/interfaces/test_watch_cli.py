"""`qa index --watch` as a user runs it: one line per update, Ctrl-C stops it with exit 0 and
the last published index kept."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from index.search import HybridIndex

# Bounded waits (the subprocess loads the model once: seconds, more on a loaded machine).
TIMEOUT = 240.0


def _lines(proc: subprocess.Popen, errors: list[str] | None = None) -> queue.Queue:
    """stdout's lines as they come; stderr drained into `errors` (an undrained pipe that fills
    up would block the child and look like a hang)."""
    q: queue.Queue = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            q.put(line.rstrip("\n"))

    def read_errors() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if errors is not None:
                errors.append(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    if proc.stderr is not None:
        threading.Thread(target=read_errors, daemon=True).start()
    return q


def _wait_for(q: queue.Queue, needle: str) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            line = q.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        if needle in line:
            return line
    raise AssertionError(f"no line with {needle!r} within {TIMEOUT:g} s")


@pytest.mark.model  # the subprocess loads the real model
def test_watch_prints_one_line_per_update_and_ctrl_c_keeps_the_index(tmp_path: Path,
                                                                    real_embedder):
    corpus, idx = tmp_path / "c", tmp_path / "idx"
    corpus.mkdir()
    (corpus / "one.txt").write_text("Harbour talks\n\nThe harbour authority met on Monday.\n",
                                    encoding="utf-8")
    proc = subprocess.Popen(
        # Ctrl-C as at a terminal: a runner started in the background (`cmd &` without job
        # control) ignores SIGINT and the child inherits that, so the child restores Python's
        # handler itself (a `preexec_fn` would run Python between fork and exec in a process
        # with gRPC threads: not safe).
        [sys.executable, "-c", "import signal; signal.signal(signal.SIGINT, "
         "signal.default_int_handler); from qa.interfaces.cli import main; main()", "index",
         str(corpus), "--index-dir", str(idx), "--watch"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ},
    )
    try:
        errors: list[str] = []
        q = _lines(proc, errors)
        _wait_for(q, "watching")
        time.sleep(1.0)
        (corpus / "two.txt").write_text("Snow closes pass\n\nHeavy snow closed the pass.\n",
                                        encoding="utf-8")
        line = _wait_for(q, "updated:")
        assert "1 added, 0 changed, 0 removed; 2 chunks" in line
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running {TIMEOUT:g} s after Ctrl-C; stdout "
                                 f"{list(q.queue)}, stderr {errors[-20:]}") from None
        assert proc.returncode == 0, errors
        _wait_for(q, "stopped watching")
    finally:
        if proc.poll() is None:
            proc.kill()
    with HybridIndex.open(corpus, idx, embedder=real_embedder) as index:  # published, up to date
        assert set(index.documents) == {"one.txt", "two.txt"}
        assert not index.last_update.changed_anything
