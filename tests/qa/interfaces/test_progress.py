"""The progress bar shows each stage with done/total, time so far and an estimate of time left."""

from __future__ import annotations

import io
import re
import time

from qa.interfaces.progress import progress_bar


def test_bar_shows_counts_and_time_left():
    out = io.StringIO()
    with progress_bar(label_width=8, file=out) as progress:
        progress("embed", 0, 1000)
        for done in (100, 200, 300):
            time.sleep(0.05)
            progress("embed", done, 1000)
        progress("embed", 400, 1000)
        drawn = out.getvalue()  # rich redraws on refresh; force one
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn + out.getvalue())
    assert "embed" in text and "/1000" in text
    # Once a rate is known the estimate is a clock time, not "-:--:--".
    assert re.search(r"eta\s+\d+:\d\d:\d\d", text), text[-500:]
