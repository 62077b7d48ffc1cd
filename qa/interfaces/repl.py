"""The interactive REPL (prompt-toolkit): questions in, answers out, `:commands` for the rest.

A thin layer: every answer comes from `Retriever.ask`, every fact from the library. The index
and model load in a background thread so the first prompt appears at once; quitting does not
wait for them (`qa.interfaces.loading`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.document import Document as PTDocument
from prompt_toolkit.history import FileHistory, InMemoryHistory
from rich.console import Console
from rich.text import Text

from index.search import MODES, Mode, is_mode
from qa.interfaces.loading import BackgroundOpen, leave
from qa.interfaces.render import (
    emit,
    render_answer,
    render_article,
    render_explain,
    render_more,
)
from qa.interfaces.settings import history_path
from qa.interfaces.timeline_view import render_timeline

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from qa.retriever import Retriever

__all__ = ["COMMANDS", "Repl", "run_repl"]

COMMANDS = {
    ":help": "this list",
    ":k N": "how many passages to show (now {k})",
    ":mode M": "hybrid, bm25 or dense (now {mode})",
    ":open N": "the whole article of passage N, with the passage marked",
    ":explain N": "why passage N ranked there: BM25 and dense ranks and scores, fused score",
    ":more": "the rest of the last answer's statements (answers show the k most relevant)",
    ":timeline [NAME]": "a person's statements by date (default: the last answer's speaker)",
    ":sources": "the documents in the corpus",
    ":speakers": "the people quoted in the corpus, with their statement counts",
    ":json": "toggle JSON output (now {json})",
    ":quit": "leave (Ctrl-D too)",
}


class Quit(Exception):
    """Raised by `:quit`."""


class _Completer(Completer):
    """Completes `:commands` and, elsewhere, speaker names once the corpus is loaded."""

    def __init__(self, names: Callable[[], Iterable[str]]) -> None:
        self._names = names

    def get_completions(self, document: PTDocument, complete_event: Any) -> Iterator[Completion]:
        line = document.text_before_cursor
        if line.startswith(":"):
            for cmd in COMMANDS:
                name = cmd.split()[0]
                if name.startswith(line.split(" ")[0]) and " " not in line:
                    yield Completion(name, start_position=-len(line))
            return
        word = document.get_word_before_cursor(WORD=True)
        if len(word) < 2:
            return
        for name in self._names():
            for part in (name, *name.split()):
                if part.lower().startswith(word.lower()) and part.lower() != word.lower():
                    yield Completion(part, start_position=-len(word), display_meta=name)
                    break


@dataclass
class Repl:
    """The REPL's state and command handling, independent of the terminal."""

    open_retriever: Callable[[], Retriever]
    console: Console
    k: int = 5
    mode: Mode = "hybrid"
    as_json: bool = False
    last: dict[str, Any] | None = None
    loader: BackgroundOpen | None = None

    def start_loading(self, warm: bool = True) -> None:
        """Open the index, then (if `warm`) load what the first question needs
        (`Retriever.warm`: corpus data, the model), in the background."""
        self.loader = BackgroundOpen(self.open_retriever, warm=warm and self.mode != "bm25")
        self.loader.start()

    @property
    def retriever(self) -> Retriever:
        if self.loader is None:
            self.start_loading()
        assert self.loader is not None
        if not self.loader.opened.is_set():
            self.console.print("loading the index and the model… (Ctrl-C to stop waiting)",
                               style="dim")
        return self.loader.wait()

    def speaker_names(self) -> list[str]:
        if self.loader is None or self.loader.retriever is None:
            return []
        return [s["name"] for s in self.loader.retriever.speakers()]

    def handle(self, line: str) -> None:
        """Answer a question or run a `:command`; errors are printed, never raised."""
        line = line.strip()
        if not line:
            return
        try:
            if line.startswith(":"):
                self._command(line)
            else:
                self._ask(line)
        except Quit:
            raise
        except Exception as e:
            self.console.print(f"error: {' '.join(str(e).split())}", style="red", markup=False)

    def _ask(self, question: str) -> None:
        answer = self.retriever.ask(question, k=self.k, mode=self.mode).to_dict()
        self.last = answer
        if self.as_json:
            self.console.print_json(json.dumps(answer, ensure_ascii=False))
        else:
            emit(self.console, render_answer(answer, self.k, inline=self.console.is_terminal))

    def _passage(self, arg: str) -> dict[str, Any]:
        if not self.last or not self.last["passages"]:
            raise ValueError("ask a question first")
        n = int(arg) if arg.isdigit() else 0
        if not 1 <= n <= len(self.last["passages"]):
            raise ValueError(f"give a passage number from 1 to {len(self.last['passages'])}")
        passage: dict[str, Any] = self.last["passages"][n - 1]
        return passage

    def _command(self, line: str) -> None:
        cmd, _, arg = line.partition(" ")
        arg = arg.strip()
        if cmd in (":quit", ":q", ":exit"):
            raise Quit
        if cmd == ":help":
            for name, text in COMMANDS.items():
                desc = text.format(k=self.k, mode=self.mode, json="on" if self.as_json else "off")
                self.console.print(f"  {name:<16} {desc}", markup=False, highlight=False)
            self.console.print("  anything else is a question, e.g. what did <name> say?",
                               markup=False)
        elif cmd == ":k":
            if not arg.isdigit() or int(arg) < 1:
                raise ValueError(":k takes a positive number, e.g. :k 10")
            self.k = int(arg)
            self.console.print(f"k = {self.k}")
        elif cmd == ":mode":
            if not is_mode(arg):
                raise ValueError(f":mode takes one of {', '.join(MODES)}")
            self.mode = arg
            self.console.print(f"mode = {self.mode}")
        elif cmd == ":json":
            self.as_json = not self.as_json
            self.console.print(f"JSON output {'on' if self.as_json else 'off'}")
        elif cmd == ":open":
            p = self._passage(arg)
            doc = self.retriever.index.documents[p["doc_id"]]
            self.console.print(render_article(doc.text, p["start"], p["end"], doc.title))
        elif cmd == ":explain":
            p = self._passage(arg)
            last = self.last or {}
            self.console.print(render_explain(p, last["mode"], bool(last["quotes"])))
        elif cmd == ":more":
            if not self.last:
                raise ValueError("ask a question first")
            emit(self.console, render_more(self.last, self.k))
        elif cmd == ":timeline":
            speaker = arg or ((self.last or {}).get("speaker") or {}).get("name")
            if not speaker:
                raise ValueError("ask about a person first, or give a name: :timeline <name>")
            tl = self.retriever.timeline(speaker).to_dict()
            if self.as_json:
                self.console.print_json(json.dumps(tl, ensure_ascii=False))
            else:
                emit(self.console, render_timeline(tl))
        elif cmd == ":sources":
            docs = self.retriever.index.documents.values()
            for d in docs:
                date = f"  ({d.published or d.date})" if d.published or d.date else ""
                enc = f"  [{d.encoding}]" if d.encoding != "utf-8" else ""
                self.console.print(f"  {d.doc_id}  {d.title}{date}{enc}", markup=False,
                                   highlight=False)
            self.console.print(f"{len(docs)} documents", style="dim")
        elif cmd == ":speakers":
            for s in self.retriever.speakers():
                self.console.print(f"  {s['statements']:>4}  {s['name']}", markup=False,
                                   highlight=False)
        else:
            raise ValueError(f"unknown command {cmd}; :help lists the commands")


def run_repl(open_retriever: Callable[[], Retriever], *, input: Input | None = None,
             output: Output | None = None, console: Console | None = None,
             interactive: bool | None = None, exit_now: bool = False) -> int:
    """Run the REPL until :quit or Ctrl-D; with stdin not a terminal, answer each line.

    `exit_now` (the CLI's choice): on quitting, end the process at once, output flushed
    (`qa.interfaces.loading.leave`), instead of returning: at a terminal always (it waits
    neither for an index or model still loading nor for the interpreter's teardown of the
    native libraries, 0.7-1.4 s here under load with everything loaded); with piped input
    only while the index is still opening (piped questions wait for it, and the model is not
    loaded ahead), so an in-process caller that asked something gets its return."""
    interactive = sys.stdin.isatty() if interactive is None else interactive
    console = console or Console(highlight=False)
    repl = Repl(open_retriever, console)

    def done(code: int) -> int:
        if exit_now and (interactive or (repl.loader is not None and repl.loader.busy)):
            leave(code)
        return code

    if not interactive:
        repl.start_loading(warm=False)
        try:
            for line in sys.stdin:
                repl.handle(line)
        except Quit:
            pass
        return done(0)
    console.print(Text("qa-index — ask about the articles; :help for commands, Ctrl-D to quit",
                       style="dim"))
    repl.start_loading()
    history: FileHistory | InMemoryHistory
    try:
        path = history_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        history = FileHistory(str(path))
    except OSError:
        history = InMemoryHistory()
    session: PromptSession[str] = PromptSession(
        history=history,
        auto_suggest=AutoSuggestFromHistory(),
        completer=_Completer(repl.speaker_names),
        complete_while_typing=False,
        input=input,
        output=output,
    )
    while True:
        try:
            line = session.prompt("qa> ")
        except KeyboardInterrupt:
            continue  # Ctrl-C clears the line
        except EOFError:
            return done(0)
        try:
            repl.handle(line)
        except Quit:
            return done(0)
        except KeyboardInterrupt:  # Ctrl-C while waiting for the index or the model
            console.print("stopped waiting; ask again, or Ctrl-D to quit", style="dim")
