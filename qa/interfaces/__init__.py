"""The interfaces over the library: the `qa` command, the REPL, rendering, default settings.

They call `qa.Retriever` (and `qa.evaluation` for `qa eval`); nothing in the domain imports them.
"""

from qa.interfaces.cli import app, main
from qa.interfaces.settings import BUNDLED_SEEDS, history_path, resolve_corpus, resolve_index_dir

__all__ = ["BUNDLED_SEEDS", "app", "history_path", "main", "resolve_corpus", "resolve_index_dir"]
