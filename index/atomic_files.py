"""Crash-safe file writing: fsync'd writes, atomic replacement, hard-linked copies, JSON.

Readers of a file written by `atomic_write_bytes` see the old or the new content, never a mix.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from contextlib import suppress
from pathlib import Path
from typing import Any

__all__ = [
    "atomic_write_bytes",
    "fsync_path",
    "fsync_tree",
    "is_lock_file",
    "json_bytes",
    "link_tree",
    "read_json",
    "write_json",
]


def fsync_path(path: Path) -> None:
    """fsync a file that is already written, or a directory (so that a rename or a new file in
    it is durable)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old or the new content, never a mix."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    fsync_path(path.parent)


def json_bytes(obj: Any) -> bytes:
    """Compact UTF-8 JSON."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_json(path: Path, obj: Any) -> None:
    """Write `obj` as JSON to a new file and fsync it (not atomic: for files of a new
    generation, which is published later)."""
    with open(path, "wb") as f:
        f.write(json_bytes(obj))
        f.flush()
        os.fsync(f.fileno())


def read_json(path: Path) -> Any:
    """The JSON value in a file."""
    return json.loads(path.read_bytes().decode("utf-8"))


def is_lock_file(name: str) -> bool:
    """Lock files engines create while they work (whoosh WRITELOCK, tantivy .lock): not data."""
    return "WRITELOCK" in name or name.endswith(".lock")


def link_tree(src: Path, dst: Path) -> None:
    """Hard-link (or copy, where links are impossible) every file of `src` into new `dst`.

    JSON files (tantivy's meta.json and .managed.json) are copied: small, and engines replace
    them by rename anyway; segment files are written once, so links are safe.
    """
    dst.mkdir(parents=True)
    for p in src.iterdir():
        if not p.is_file() or is_lock_file(p.name):
            continue
        if p.suffix == ".json":
            shutil.copy2(p, dst / p.name)
            continue
        try:
            os.link(p, dst / p.name)
        except OSError:
            shutil.copy2(p, dst / p.name)


def fsync_tree(directory: Path) -> None:
    """fsync every file below `directory` and the directories (whoosh and bm25s do not fsync)."""
    for p in directory.iterdir():
        if p.is_dir():
            fsync_tree(p)
        elif p.is_file():
            fsync_path(p)
    fsync_path(directory)
