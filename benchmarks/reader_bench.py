"""The reader's speed: first frame, laying out the panes, drawing a screen, and whether the
UI stays responsive while many documents load.

    python benchmarks/reader_bench.py              # all measurements
    python benchmarks/reader_bench.py -n 300       # load 300 copies of the samples

What it measures (best of --rounds where a measurement repeats; the machine is shared, so
the best is the honest figure for the code):

- first frame: a fresh process opens the reader headless on the bundled samples; the time
  from launching the process to the app's first Ready (Textual's first screen refresh), and
  to the documents being compared, with the modules' bytecode compiled (as pip leaves an
  installed copy). Target: first frame under 1 s.
- layout: wrapping the three sample CQC assessments into columns (cold, no cache), and
  drawing one full screen of lines from it.
- responsiveness: the samples copied N times under other names into a temporary folder and
  opened; while they load, a 10 ms timer on the UI thread records how late it fires (the
  longest stall is what a key press would wait). Then: the scorecard of N documents, and
  comparing all N (the panes page sideways).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

from carecompare.align import align
from carecompare.corpus import load_corpus
from carecompare.metric_align import align_metrics
from carecompare.reading import place_figures
from carecompare.samples import sample_paths
from carecompare.tui.pane_layout import build_layout

FIRST_FRAME = textwrap.dedent(
    """
    import resource, sys, time
    launched = float(sys.argv[1])
    from carecompare.samples import sample_paths
    from carecompare.tui.app import ReaderApp

    class Timed(ReaderApp):
        def on_ready(self):
            if self.ready_at is None:
                self.first_frame = time.time() - launched
                usage = resource.getrusage(resource.RUSAGE_SELF)
                self.first_frame_cpu = usage.ru_utime + usage.ru_stime
            super().on_ready()

        def on_reader_app_corpus_loaded(self, message):
            super().on_reader_app_corpus_loaded(message)
            self.call_after_refresh(self.done)

        def done(self):
            print(self.first_frame, time.time() - launched, self.first_frame_cpu)
            self.exit()

    Timed(sample_paths()).run(headless=True, size=(200, 50))
    """
)


def first_frame(rounds: int) -> None:
    # As installed by pip, which compiles the modules' bytecode: an untimed first run writes
    # it, even where PYTHONDONTWRITEBYTECODE is set (then every start would compile them all).
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    frames, compared, cpu = [], [], []
    for round_ in range(rounds + 1):
        started = time.time()
        out = subprocess.run(
            [sys.executable, "-c", FIRST_FRAME, repr(started)],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
        ).stdout.split()
        if round_ == 0:
            continue
        frames.append(float(out[0]))
        compared.append(float(out[1]))
        cpu.append(float(out[2]))
    print(
        f"first frame (process start to first Ready): best {min(frames) * 1000:.0f} ms, "
        f"median {statistics.median(frames) * 1000:.0f} ms over {rounds}"
    )
    print(
        f"CPU time of the process up to its first frame: best {min(cpu) * 1000:.0f} ms, "
        f"median {statistics.median(cpu) * 1000:.0f} ms (what the machine's load cannot inflate)"
    )
    print(
        f"samples compared on screen: best {min(compared) * 1000:.0f} ms, "
        f"median {statistics.median(compared) * 1000:.0f} ms"
    )


def layout(rounds: int) -> None:
    documents = [d for d in load_corpus(sample_paths()).documents if d.kind == "cqc_assessment"]
    for width in (200, 120, 80):
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            comparison = align(documents)
            figures = place_figures(comparison, align_metrics(documents))
            result = build_layout(comparison, (0, 1, 2), width, figures)
            best = min(best, time.perf_counter() - start)
        print(
            f"align + lay out the 3 sample assessments at {width} cells: "
            f"{best * 1000:.1f} ms ({result.height} lines)"
        )
    screen = asyncio.run(_draw_screen())
    print(f"draw one 200x50 screen of panes (no line cached): {screen * 1000:.2f} ms")


async def _draw_screen() -> float:
    from carecompare.tui.app import ReaderApp

    app = ReaderApp(sample_paths())
    best = float("inf")
    async with app.run_test(size=(200, 50)) as pilot:
        while app.corpus is None:
            await pilot.pause(0.05)
        await pilot.pause()
        pane = app.comparison_screen.panes
        for top in range(0, 2000, 200):
            pane.scroll_to(y=top, animate=False)
            await pilot.pause()
            pane._strips.clear()
            start = time.perf_counter()
            for y in range(pane.size.height):
                pane.render_line(y)
            best = min(best, time.perf_counter() - start)
    return best


def responsiveness(count: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="carecompare-bench-"))
    try:
        samples = sample_paths()
        for n in range(count):
            source = Path(samples[n % len(samples)])
            shutil.copy(source, folder / f"copy-{n:03d}-{source.name}")
        asyncio.run(_responsiveness(folder, count))
    finally:
        shutil.rmtree(folder)


async def key_until(app: Any, key: str, character: str | None, done: Any) -> float:
    """Seconds from a key arriving (as the terminal would send it) until `done()` holds and
    the screen has been refreshed once after. Pilot.press is not used: it waits for the
    process to go idle, which it does not while a thread parses."""
    from textual import events

    start = time.perf_counter()
    app.post_message(events.Key(key, character))
    while not done():
        await asyncio.sleep(0.0005)
    refreshed = asyncio.Event()
    app.call_after_refresh(refreshed.set)
    await refreshed.wait()
    return time.perf_counter() - start


class UILateness:
    """A 10 ms timer on the app's UI thread that records how late each tick fires: the
    longest stall is what a key press would wait."""

    PERIOD = 0.01

    def __init__(self, app: Any) -> None:
        self.late: list[float] = []
        self._last = time.perf_counter()
        self._timer = app.set_interval(self.PERIOD, self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.late.append(now - self._last - self.PERIOD)
        self._last = now

    def stop(self) -> None:
        self._timer.stop()

    def __str__(self) -> str:
        late = sorted(self.late) or [0.0]
        return (
            f"UI timer (10 ms) late by median {statistics.median(late) * 1000:.1f} ms, "
            f"p95 {late[int(len(late) * 0.95)] * 1000:.1f} ms, worst {late[-1] * 1000:.1f} ms "
            f"({len(self.late)} ticks)"
        )


async def _responsiveness(folder: Path, count: int) -> None:
    from carecompare.tui.app import ReaderApp
    from carecompare.tui.dialogs import HelpScreen
    from carecompare.tui.scorecard_screen import ScorecardScreen

    app = ReaderApp([str(folder)])
    async with app.run_test(size=(200, 50)) as pilot:
        lateness = UILateness(app)
        await asyncio.sleep(0.5)
        help_opened = None
        if app.corpus is None:  # a key while loading: how long until its screen shows
            help_opened = await key_until(
                app, "question_mark", "?", lambda: isinstance(app.screen, HelpScreen)
            )
            await key_until(app, "escape", None, lambda: not isinstance(app.screen, HelpScreen))
        while app.corpus is None:
            await asyncio.sleep(0.05)
        lateness.stop()
        assert app.loaded_at is not None and app.ready_at is not None
        loading = app.loaded_at - app.ready_at
        while not isinstance(app.screen, ScorecardScreen):
            await asyncio.sleep(0.02)
        await pilot.pause()
        scorecard = app.screen
        marking = await key_until(app, "a", "a", lambda: len(scorecard.marked) == count)
        pane = app.comparison_screen.panes
        comparing = await key_until(
            app,
            "enter",
            "\r",
            lambda: (
                pane.comparison is not None
                and len(pane.comparison.documents) == count
                and pane.layout_ is not None
            ),
        )
        paging = 0.0
        for step in range(1, 7):
            paging += await key_until(app, "l", "l", lambda s=step: pane.focused_document == s)
    print(f"{count} documents loaded in {loading:.2f} s after the first frame; {lateness}")
    if help_opened is not None:
        print(f"? pressed while loading: help drawn after {help_opened * 1000:.0f} ms")
    print(
        f"scorecard of {count}: mark all {marking * 1000:.0f} ms; compare all {count}: "
        f"{comparing * 1000:.0f} ms; l six times (columns page sideways): "
        f"{paging / 6 * 1000:.0f} ms per key"
    )


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=150, help="documents to load (default 150)")
    parser.add_argument("--rounds", type=int, default=5, help="repeats; the best is kept")
    args = parser.parse_args()
    first_frame(args.rounds)
    layout(args.rounds)
    responsiveness(args.n)


if __name__ == "__main__":
    main()
