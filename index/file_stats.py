"""What an index knows of each corpus file between builds: the manifest's size, mtime and hash,
updated for files that were touched since but found unchanged, so that an open reads only files
whose size or mtime moved (`index.corpus_scan.scan_corpus`), and each such file once.

    <index>/filestats.json   {"generation", "files": {path: {size, mtime_ns, sha1, scanned_ns}}}
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from index.atomic_files import atomic_write_bytes, json_bytes, read_json
from index.corpus_scan import CorpusSnapshot
from index.generations import Generation

__all__ = ["FILESTATS", "known_files", "remember_files"]

FILESTATS = "filestats.json"


def known_files(root: Path, gen: Generation) -> tuple[dict[str, dict[str, Any]], int]:
    """What `gen` knows of each corpus file (manifest entries, updated by `FILESTATS` for
    files touched since but found unchanged) and when the manifest's scan started."""
    files = dict(gen.files)
    m = gen.manifest
    scanned = m.get("scanned_ns")
    if not isinstance(scanned, int):  # indexes from before scanned_ns: the build's end
        try:
            scanned = int(datetime.fromisoformat(str(m.get("built_at"))).timestamp() * 1e9)
        except ValueError:
            scanned = 0
    try:
        stats = read_json(root / FILESTATS)
    except (OSError, ValueError):
        stats = None
    if isinstance(stats, dict) and stats.get("generation") == gen.name:
        for p, entry in (stats.get("files") or {}).items():
            old = files.get(p)
            if isinstance(entry, dict) and old and old.get("sha1") == entry.get("sha1"):
                files[p] = {**old, **entry}
    return files, scanned


def remember_files(root: Path, gen: Generation, snap: CorpusSnapshot) -> None:
    """Record the new size/mtime of files that this scan read and found unchanged (touched,
    copied), so the next open does not read them again; best effort (a read-only index
    directory just reads them again)."""
    touched = {
        p: {"size": st.size, "mtime_ns": st.mtime_ns, "sha1": st.sha1,
            "scanned_ns": snap.scanned_ns}
        for p in snap.read
        if (st := snap.files.get(p)) is not None
        and gen.files.get(p, {}).get("sha1") == st.sha1
        and (gen.files[p].get("size"), gen.files[p].get("mtime_ns")) != (st.size, st.mtime_ns)
    }
    if not touched:
        return
    try:
        old = read_json(root / FILESTATS)
    except (OSError, ValueError):
        old = None
    kept = old.get("files", {}) if isinstance(old, dict) and old.get(
        "generation") == gen.name else {}
    with suppress(OSError):
        atomic_write_bytes(root / FILESTATS, json_bytes(
            {"generation": gen.name, "files": {**kept, **touched}}))
