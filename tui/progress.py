"""Loading progress on standard error, for the commands that print (the reader has its own).

Shown only when loading takes longer than a blink and standard error is a terminal, so quick
runs, pipes and scripts see nothing; the line is cleared when loading ends.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import TextIO

from carecompare.parsers.clean import safe_text

DELAY = 0.3
"""Seconds of loading before the progress line appears."""
REDRAW = 0.08
"""Seconds between redraws at most."""
_CLEAR = "\r\x1b[2K"


class StderrProgress:
    """A `load_corpus` progress callback that draws "loading 12/300 files ..." on stderr."""

    def __init__(self, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False
        isatty = getattr(self.stream, "isatty", None)  # stderr may be None (pythonw)
        self.enabled = bool(isatty and isatty())

    def __call__(self, done: int, total: int, path: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (now - self.drawn_at < REDRAW and done < total):
            return
        self.drawn_at = now
        self.shown = True
        width = shutil.get_terminal_size((80, 24)).columns - 1
        line = f"loading {done}/{total} files  {safe_text(Path(path).name)}"
        self.stream.write(_CLEAR + line[:width])
        self.stream.flush()

    def close(self) -> None:
        """Clear the progress line, if one was drawn."""
        if self.shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self.shown = False

    def __enter__(self) -> StderrProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
