"""The `qa` command: a thin typer layer over `qa.Retriever`."""

from __future__ import annotations

import typer

from qa import __version__

app = typer.Typer(
    name="qa",
    help="Search and question answering over a folder of news articles, with exact citations.",
    no_args_is_help=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qa-index {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Ask questions about a folder of articles."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


def main() -> None:
    """Console-script entry point."""
    app()
