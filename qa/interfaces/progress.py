"""A rich progress bar on stderr for long steps (indexing, evaluation), one task per stage,
each with its time so far and an estimate of the time left (from its recent rate)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

__all__ = ["progress_bar"]


@contextmanager
def progress_bar(
    label_width: int = 16, *, file: IO[str] | None = None
) -> Iterator[Callable[[str, int, int], None]]:
    """Yield ``progress(stage, done, total)``, drawing one bar per stage until the block ends.

    `file`: where to draw (default: stderr, and only when it is a terminal).
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(file=file, force_terminal=True) if file else Console(stderr=True)
    with Progress(TextColumn(f"{{task.description:<{label_width}}}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"),
                  TimeRemainingColumn(), console=console, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update
