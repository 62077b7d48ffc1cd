"""The REPL's start in the background (open the index, then load the model) and its way out.

The prompt appears at once while a thread opens the index and then loads the embedding model,
so a question asked meanwhile is answered as soon as what it needs is there. Leaving must not
wait for that thread: a build or a model load can take minutes, and ending the interpreter
while native code (onnxruntime, tantivy) still runs in it can abort the process ("terminate
called without an active exception", seen on Ctrl-D during a first build), and even with all
loaded the interpreter's teardown took 0.7-1.4 s here (under load). `leave` flushes the
output and ends the process at once; the store is crash-safe, so a build cut short loses
nothing already published, and the REPL history is written line by line.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from qa.retriever import Retriever

__all__ = ["BackgroundOpen", "leave"]


@dataclass
class BackgroundOpen:
    """Opens a retriever in a daemon thread and (if `warm`) loads what the first question
    needs; `opened` is set when both are done (a question waits for it)."""

    open_retriever: Callable[[], Retriever]
    warm: bool = True
    retriever: Retriever | None = None
    error: BaseException | None = None
    opened: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="qa-load", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.retriever = self.open_retriever()
        except BaseException as e:  # reported to the user at the first question
            self.error = e
        if self.retriever is not None and self.warm:
            # What the first question needs (`Retriever.warm`: corpus data, the model); a
            # failure here is the first question's to report.
            warm = getattr(self.retriever, "warm", None)
            with suppress(Exception):
                warm() if warm is not None else self.retriever.index.embed(["warm-up"])
        self.opened.set()

    @property
    def busy(self) -> bool:
        """Whether the thread is still opening the index or loading the model."""
        return self._thread is not None and self._thread.is_alive()

    def wait(self) -> Retriever:
        """The opened retriever, waiting for it (RuntimeError if it could not be opened)."""
        self.opened.wait()
        if self.error is not None:
            raise RuntimeError(f"could not open the corpus: {self.error}")
        assert self.retriever is not None
        return self.retriever


def leave(code: int) -> NoReturn:
    """End the process now with `code`, output flushed, not waiting for background work."""
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
