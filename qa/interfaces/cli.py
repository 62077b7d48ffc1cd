"""The `qa` command: a thin typer layer over `qa.Retriever` and `index.HybridIndex`.

User errors print one line on stderr and exit 1; set QA_DEBUG=1 to see the traceback.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from index.search import MODES, Mode, is_mode
from qa import __version__
from qa.interfaces.progress import progress_bar
from qa.interfaces.settings import resolve_corpus, resolve_index_dir

if TYPE_CHECKING:
    from qa.retriever import Retriever


app = typer.Typer(
    name="qa",
    help="Search and question answering over a folder of news articles, with exact citations.\n\n"
    "With no command, starts the interactive REPL on the corpus (default: the bundled seeds).",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

CorpusOpt = typer.Option(
    None, "--corpus", "-c", help="Corpus folder (default: $QA_CORPUS, else the bundled seeds)."
)
IndexDirOpt = typer.Option(
    None, "--index-dir", help="Index directory (default: $QA_INDEX_DIR, else the user cache dir)."
)
ExcludeOpt = typer.Option(
    None, "--exclude", "-x", metavar="GLOB",
    help="Leave out files matching GLOB (gitignore syntax, repeatable); for a lasting rule, "
    "write it in the corpus' .qaignore.",
)
FORMATS = ("text", "json", "markdown", "csv")


class UserError(Exception):
    """A problem with what the user asked for, reported as one line."""


def _fail(message: str, code: int = 1) -> typer.Exit:
    Console(stderr=True, soft_wrap=True).print(f"qa: error: {message}", style="red",
                                               markup=False, highlight=False)
    return typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn any failure into a one-line message and exit code 1 (130 for Ctrl-C)."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except KeyboardInterrupt:
        raise _fail("interrupted; the previous index is kept", 130) from None
    except BrokenPipeError:
        raise
    except Exception as e:  # the interface's last line of defence: never a traceback
        if os.environ.get("QA_DEBUG"):
            raise
        message = " ".join(str(e).split()) or type(e).__name__
        raise _fail(message) from None


def _check_k(k: int) -> None:
    if k < 1:
        raise UserError(f"-k must be a positive number of passages, not {k}")


def _check_mode(mode: str) -> Mode:
    if not is_mode(mode):
        raise UserError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    return mode


def open_retriever(corpus: Path | None, index_dir: Path | None,
                   progress: Callable[[str, int, int], None] | None = None,
                   keyword_engine: str | None = None,
                   exclude: list[str] | None = None,
                   **index_options: Any) -> Retriever:
    """Open (build or update) the index of a corpus; a missing corpus is a user error."""
    from qa.retriever import Retriever

    root = resolve_corpus(corpus)
    if not root.exists():
        raise UserError(f"corpus folder {str(root)!r} does not exist")
    if not root.is_dir():
        raise UserError(f"corpus {str(root)!r} is not a folder")
    return Retriever(root, resolve_index_dir(index_dir), progress=progress,
                     keyword_engine=keyword_engine, exclude=tuple(exclude or ()),
                     **index_options)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qa-index {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    corpus: Path | None = CorpusOpt,
    index_dir: Path | None = IndexDirOpt,
    exclude: list[str] | None = ExcludeOpt,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Ask questions about a folder of articles."""
    given = {"corpus": corpus, "index_dir": index_dir, "exclude": exclude}
    given = {name: value for name, value in given.items() if value}
    if given:  # `qa --index-dir X index`: a command's own option still wins over the group's
        ctx.default_map = {name: given for name in getattr(ctx.command, "commands", {})}
    if ctx.invoked_subcommand is None:
        repl(corpus=corpus, index_dir=index_dir, exclude=exclude)


@app.command()
def repl(corpus: Path | None = CorpusOpt, index_dir: Path | None = IndexDirOpt,
         exclude: list[str] | None = ExcludeOpt) -> None:
    """The interactive REPL (reads one question a line when stdin is not a terminal)."""
    from qa.interfaces.repl import run_repl

    with user_errors():
        root = resolve_corpus(corpus)
        if not root.is_dir():
            raise UserError(f"corpus folder {str(root)!r} does not exist or is not a folder")
        code = run_repl(lambda: open_retriever(corpus, index_dir, exclude=exclude),
                        exit_now=True)
    raise typer.Exit(code)


@app.command()
def ask(
    question: str = typer.Argument(..., help="The question, in quotes."),
    k: int = typer.Option(5, "-k", help="How many passages to return."),
    mode: str = typer.Option("hybrid", "--mode", "-m", help="hybrid, bm25 or dense."),
    as_json: bool = typer.Option(False, "--json", help="Print the answer as JSON (--format json)."),
    fmt: str = typer.Option(
        "text", "--format", "-f",
        help="text (for reading), json, markdown (a quote list with citations, for notes) or "
        "csv (one statement a row: speaker, text, source, paragraph, start, end, published, …).",
    ),
    all_statements: bool = typer.Option(
        False, "--all-statements",
        help="Show every statement of a speaker answer (default text: the k most relevant; "
             "json, markdown and csv always hold all)."),
    timeline: bool = typer.Option(
        False, "--timeline",
        help="For a question about a person: all their statements by the date they were said "
             "(text or json)."),
    corpus: Path | None = CorpusOpt,
    index_dir: Path | None = IndexDirOpt,
    exclude: list[str] | None = ExcludeOpt,
) -> None:
    """Answer one question and exit."""
    from qa.interfaces.formats import answer_csv, answer_markdown
    from qa.interfaces.render import emit, render_answer

    with user_errors():
        _check_k(k)
        checked = _check_mode(mode)
        if fmt not in FORMATS:
            raise UserError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        if as_json:
            if fmt not in ("text", "json"):
                raise UserError(f"--json and --format {fmt} disagree; give one of them")
            fmt = "json"
        if timeline and fmt not in ("text", "json"):
            raise UserError(f"--timeline prints text or json, not {fmt}")
        r = open_retriever(corpus, index_dir, exclude=exclude)
        answer = r.ask(question, k=k, mode=checked).to_dict()
        if timeline:
            _print_timeline(r, answer, fmt)
        elif fmt == "json":
            sys.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2) + "\n")
        elif fmt == "markdown":
            sys.stdout.write(answer_markdown(answer))
        elif fmt == "csv":
            sys.stdout.write(answer_csv(answer))
        else:
            console = Console(highlight=False)
            emit(console, render_answer(answer, None if all_statements else k,
                                        inline=console.is_terminal))


def _print_timeline(r: Retriever, answer: dict[str, Any], fmt: str) -> None:
    """The timeline of the person the question is about (`Retriever.timeline`)."""
    from qa.interfaces.render import emit
    from qa.interfaces.timeline_view import render_timeline

    if not answer.get("speaker"):
        raise UserError("--timeline needs a question about a person, e.g. \"what did <name> "
                        f"say?\" ({answer.get('reason') or 'no person in the question'})")
    tl = r.timeline(answer["speaker"]["name"]).to_dict()
    if fmt == "json":
        sys.stdout.write(json.dumps(tl, ensure_ascii=False, indent=2) + "\n")
    else:
        emit(Console(highlight=False), render_timeline(tl))


@app.command("index")
def index_cmd(
    directory: Path | None = typer.Argument(None, help="Corpus folder (default: --corpus)."),
    corpus: Path | None = CorpusOpt,
    index_dir: Path | None = IndexDirOpt,
    keyword_engine: str | None = typer.Option(
        None, "--keyword-engine",
        help="tantivy (default), bm25s or whoosh (or $QA_KEYWORD_ENGINE); remembered by the "
             "index, and a switch rebuilds only the keyword side.",
    ),
    exclude: list[str] | None = ExcludeOpt,
    backend: str | None = typer.Option(
        None, "--backend",
        help="embedded (default) or milvus (or $QA_BACKEND); remembered by the index.",
    ),
    milvus_uri: str | None = typer.Option(
        None, "--milvus-uri", metavar="URI",
        help="Milvus server (http://host:19530) or a local milvus-lite file (./corpus.db); or "
        "$QA_MILVUS_URI. A token is read from $QA_MILVUS_TOKEN only.",
    ),
    workers: int = typer.Option(
        1, "--workers", min=1,
        help="Embed in this many worker processes, each loading the model (index.parallel_embed).",
    ),
    watch: bool = typer.Option(
        False, "--watch", "-w",
        help="Then keep watching the folder: re-index on every change, one line per update, "
        "until Ctrl-C (which keeps the last published index).",
    ),
) -> None:
    """Build or update the index (and the statements of new articles), with a progress bar;
    Ctrl-C keeps the previous index."""
    with user_errors():
        started = time.perf_counter()
        embedder = _parallel_embedder(workers)
        with progress_bar(label_width=12) as progress:
            r = open_retriever(directory or corpus, index_dir, progress=progress,
                               keyword_engine=keyword_engine, exclude=exclude,
                               backend=backend, milvus_uri=milvus_uri, embedder=embedder)
            r.prepare(progress)  # statements, speakers, idf, statement vectors: stored now
            if embedder is not None:
                embedder.close()  # the workers' part is done; queries embed in-process
            statements = len(r.quotes)
        rep = r.index.last_update
        typer.echo(
            f"indexed {r.corpus}: {len(rep.added)} added, {len(rep.changed)} changed, "
            f"{len(rep.removed)} removed; {r.index.chunk_count} chunks, "
            f"{rep.embedded} embedded, {statements} statements; "
            f"{time.perf_counter() - started:.1f} s"
        )
        if watch:
            _watch(r, index_dir, exclude)


def _parallel_embedder(workers: int) -> Any:
    """The default embedder, spread over `workers` processes when more than one (else None:
    the index's own default)."""
    if workers <= 1:
        return None
    from index.parallel_embed import ParallelEmbedder

    return ParallelEmbedder(workers)


def _watch(r: Retriever, index_dir: Path | None, exclude: list[str] | None) -> None:
    """`qa index --watch`: one line per update until Ctrl-C (exit 0, last index kept)."""
    from index.watch import watch_index

    def updated(rep: Any, index: Any) -> None:
        from qa.corpus_data import corpus_data, statement_vectors

        statement_vectors(index, corpus_data(index, vectors=True))  # stored with the generation
        stamp = time.strftime("%H:%M:%S")
        typer.echo(
            f"{stamp} updated: {len(rep.added)} added, {len(rep.changed)} changed, "
            f"{len(rep.removed)} removed; {index.chunk_count} chunks, {rep.embedded} embedded; "
            f"{rep.seconds:.1f} s"
        )

    def failed(e: Exception) -> None:
        Console(stderr=True, soft_wrap=True).print(
            f"qa: error: {' '.join(str(e).split())} (still watching)", style="red",
            markup=False, highlight=False)

    typer.echo(f"watching {r.corpus} for changes; Ctrl-C to stop")
    embedder = r.index.embedder
    r.index.close()
    try:
        watch_index(r.corpus, resolve_index_dir(index_dir), on_update=updated, on_error=failed,
                    embedder=embedder, exclude=tuple(exclude or ()))
    except KeyboardInterrupt:
        typer.echo("stopped watching; the last published index is kept")


@app.command()
def stats(
    corpus: Path | None = CorpusOpt,
    index_dir: Path | None = IndexDirOpt,
    exclude: list[str] | None = ExcludeOpt,
    as_json: bool = typer.Option(False, "--json", help="Print the facts as JSON."),
) -> None:
    """Corpus and index facts: documents, chunks, encodings, dates, ignored files, quotes,
    speakers, index size, model."""
    from qa.interfaces.formats import corpus_fact_lines

    with user_errors():
        facts = open_retriever(corpus, index_dir, exclude=exclude).stats()
        if as_json:
            typer.echo(json.dumps(facts, ensure_ascii=False, indent=2))
            return
        for key, value in facts.items():
            if key in ("dated_documents", "encodings", "not_utf8", "ignored", "skipped"):
                if key == "dated_documents":  # all corpus facts together, in this place
                    for line in corpus_fact_lines(facts):
                        typer.echo(line)
            elif key == "speakers":
                typer.echo(f"{'speakers':<16}{len(value)}")
                for s in value:
                    typer.echo(f"  {s['statements']:>4}  {s['name']}")
            elif key == "index_bytes":
                typer.echo(f"{'index size':<16}{value / 1e6:.1f} MB")
            else:
                typer.echo(f"{key.replace('_', ' '):<16}{value}")


@app.command("eval")
def eval_cmd(
    directory: Path = typer.Argument(..., help="BEIR folder: corpus.jsonl, queries.jsonl, qrels/"),
    mode: str = typer.Option(
        "hybrid", "--mode", "-m",
        help="hybrid, bm25, dense, hybrid-rrf60 (the former RRF default) or all."),
    split: str = typer.Option("test", "--split", help="Which qrels/<split>.tsv to score."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
    alpha: float | None = typer.Option(
        None, "--alpha", help="Min-max fusion with this BM25 weight 0..1 instead of the default."
    ),
    index_dir: Path | None = typer.Option(
        None, "--index-dir", help="Index directory (default: user cache dir, not $QA_INDEX_DIR)."
    ),
) -> None:
    """Retrieval quality on a BEIR collection: nDCG@10, Recall@100, MRR@10 per mode."""
    from qa.evaluation import evaluate_beir, load_beir, resolve_modes

    with user_errors():
        resolve_modes(mode)
        if alpha is not None and not 0.0 <= alpha <= 1.0:
            raise UserError(f"--alpha must be between 0 and 1, not {alpha}")
        load_beir(directory, split)  # bad input fails here, before any progress bar
        with progress_bar() as progress:
            result = evaluate_beir(directory, mode, split, index_dir=index_dir, progress=progress,
                                   alpha=alpha)
        d = result.to_dict()
        if as_json:
            sys.stdout.write(json.dumps(d, indent=2) + "\n")
            return
        typer.echo(f"{d['dataset']} ({split}): {d['queries']} queries, {d['documents']} documents, "
                   f"{d['chunks']} chunks")
        for name, r in d["results"].items():
            typer.echo(f"  {name:<7} nDCG@10 {r['nDCG@10']:.4f}  Recall@100 {r['R@100']:.4f}  "
                       f"MRR@10 {r['RR@10']:.4f}  ({r['seconds']:.1f} s)")


def main() -> None:
    """The command line (tests may call it in-process: it returns or raises SystemExit)."""
    try:
        app()
    except BrokenPipeError:  # `qa ask ... | head`: the reader left; that is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


def console() -> None:
    """Console-script entry point: `main`, then the process ends without the interpreter's
    teardown (freeing the loaded index and corpus data took 0.7-0.9 s of a one-shot `qa ask`
    under load). atexit handlers (temporary directories, logging) still run, and the output
    is flushed first. Never call this in-process: it ends the process."""
    import atexit

    code: int | str | None = 0
    try:
        main()
    except SystemExit as e:
        code = e.code
    atexit._run_exitfuncs()
    if not isinstance(code, int):  # sys.exit("message") prints it and exits 1, as Python does
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)
