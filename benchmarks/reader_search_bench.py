"""Search and export in the reader, at scale: keystroke to screen, Enter to the section, and
the app's memory with every document loaded and indexed.

    python benchmarks/make_corpus.py                          # writes benchmarks/corpus/300
    python benchmarks/reader_search_bench.py                  # 300 documents, 3 rounds
    python benchmarks/reader_search_bench.py benchmarks/corpus/150 --rounds 5

The reader runs headless (200x50) in this process on the folder, as `carecompare FOLDER`
would. Measured:

- loading: first frame to documents read (the parse cache is used as the app uses it: the
  first run of a corpus parses, later runs read the cache), then to the search index built
  in its worker (the UI stays live meanwhile: a 10 ms timer records how late it fires).
- keystroke to screen: `/` opens search, then the queries of search_bench.py are typed a
  key at a time, as the terminal sends them (posted Key events: Pilot.press waits for
  idle, which hides the latency). Each key's time runs from the key arriving to the hit
  list for what has been typed being on screen (its refresh done). The query is searched in
  a thread worker; the list holds up to LIMIT hits with their snippets.
- key echo: the same keys, from arriving to the query box showing the character.
- Enter to the section: from Enter on the first hit to the comparison showing that section
  with its words highlighted (the document is added to the comparison when it is not in it).
- export: `e`, then Enter, to the report of the compared councils written (tmp folder).
- memory: the process's resident set (VmRSS) and its peak (VmHWM) after loading, after
  indexing and at the end. Target: under 300 MiB with 300 documents.

The machine is shared: each key's best over the rounds is reported, and every timing pooled.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from reader_bench import UILateness, key_until  # noqa: E402
from search_bench import QUERIES, keystrokes, memory_kib, percentile  # noqa: E402

from carecompare.tui.app import ReaderApp  # noqa: E402


def mib(kib: int | None) -> str:
    return f"{(kib or 0) / 1024:.0f} MiB"


async def measure(folder: Path, rounds: int) -> None:
    from textual import events

    from carecompare.tui.comparison import ComparisonScreen
    from carecompare.tui.export_screen import ExportScreen
    from carecompare.tui.search_screen import SearchScreen

    app = ReaderApp([str(folder)])
    async with app.run_test(size=(200, 50)) as pilot:
        lateness = UILateness(app)
        while app.corpus is None:
            await asyncio.sleep(0.01)
        loaded = memory_kib()
        while app.search_index is None:
            await asyncio.sleep(0.01)
        lateness.stop()
        indexed = memory_kib()
        assert app.ready_at and app.loaded_at and app.indexed_at
        count = len(app.corpus.documents)
        print(f"{count} documents, {len(app.search_index)} sections")
        print(
            f"  loaded {app.loaded_at - app.ready_at:.2f} s after the first frame; index built "
            f"{app.indexed_at - app.loaded_at:.2f} s after that, in its worker"
        )
        print(f"  while loading and indexing: {lateness}")
        # Back to the comparison if it opened on the scorecard.
        while not isinstance(app.screen, ComparisonScreen):
            await key_until(app, "escape", None, lambda: True)
            await pilot.pause()

        typed = [prefix for query in QUERIES for prefix in keystrokes(query)]
        to_screen: list[list[float]] = [[] for _ in typed]
        echo: list[float] = []
        enter: list[float] = []
        for _ in range(rounds):
            slot = 0
            for query in QUERIES:
                await key_until(app, "slash", "/", lambda: isinstance(app.screen, SearchScreen))
                screen = app.screen
                assert isinstance(screen, SearchScreen)
                box = screen.query_input
                box.value = ""
                await pilot.pause()
                for prefix in keystrokes(query):
                    character = prefix[-1]
                    key = "space" if character == " " else character
                    start = time.perf_counter()

                    def shown(p: str = prefix, s: SearchScreen = screen) -> bool:
                        return s.results is not None and s.results.query == p

                    echoed = asyncio.Event()
                    app.post_message(events.Key(key, character))
                    while box.value != prefix:
                        await asyncio.sleep(0.0002)
                    app.call_after_refresh(echoed.set)
                    await echoed.wait()
                    echo.append(time.perf_counter() - start)
                    while not shown():
                        await asyncio.sleep(0.0005)
                    refreshed = asyncio.Event()
                    app.call_after_refresh(refreshed.set)
                    await refreshed.wait()
                    to_screen[slot].append(time.perf_counter() - start)
                    slot += 1
                if screen.results and screen.results.hits:
                    hit = screen.results.hits[0]
                    panes = app.comparison_screen.panes

                    def landed(h=hit, panes=panes) -> bool:
                        return (
                            isinstance(app.screen, ComparisonScreen)
                            and panes._highlight is not None
                            and app.search_results is not None
                            and app.search_results.current is h
                        )

                    enter.append(await key_until(app, "enter", "\r", landed))
                else:
                    await key_until(app, "escape", None, lambda: True)
                await pilot.pause()
        searched = memory_kib()

        folder_out = Path(tempfile.mkdtemp(prefix="carecompare-export-"))
        app.export_folder = folder_out
        await key_until(app, "e", "e", lambda: isinstance(app.screen, ExportScreen))
        await pilot.pause()
        compared = len(app.chosen)
        exported = await key_until(
            app, "enter", "\r", lambda: isinstance(app.screen, ComparisonScreen)
        )
        written = list(folder_out.iterdir())
        size = written[0].stat().st_size if written else 0
        for path in written:
            path.unlink()
        folder_out.rmdir()
        final = memory_kib()

    best = [min(times) * 1000 for times in to_screen]
    pooled = [t * 1000 for times in to_screen for t in times]
    slowest = sorted(zip(best, typed, strict=True), reverse=True)[:4]
    print(
        f"  keystroke to hit list on screen ({len(typed)} keys, {len(QUERIES)} queries typed "
        f"out, typos included; best of {rounds} per key):"
    )
    print(
        f"    p50 {percentile(best, 0.5):.1f} ms  p95 {percentile(best, 0.95):.1f} ms  "
        f"max {max(best):.1f} ms   (all {len(pooled)} timings: p50 "
        f"{percentile(pooled, 0.5):.1f} ms, p95 {percentile(pooled, 0.95):.1f} ms)"
    )
    print("    slowest: " + ", ".join(f"{q!r} {t:.1f} ms" for t, q in slowest))
    echoes = [t * 1000 for t in echo]
    print(
        f"  key echo in the query box: p50 {percentile(echoes, 0.5):.1f} ms, "
        f"p95 {percentile(echoes, 0.95):.1f} ms"
    )
    if enter:
        landing = [t * 1000 for t in enter]
        print(
            f"  Enter to the section shown, words highlighted: p50 "
            f"{percentile(landing, 0.5):.0f} ms, max {max(landing):.0f} ms "
            f"({len(landing)} times)"
        )
    print(
        f"  export of the {compared} compared documents ({size / 1024:.0f} KiB): {exported:.2f} s"
    )
    print(
        f"  memory (RSS): {mib(loaded.get('VmRSS'))} loaded, {mib(indexed.get('VmRSS'))} "
        f"indexed, {mib(searched.get('VmRSS'))} after searching, {mib(final.get('VmRSS'))} "
        f"at the end; peak {mib(final.get('VmHWM'))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(HERE / "corpus" / "300"))
    parser.add_argument("--rounds", type=int, default=3, help="repeats; each key's best is kept")
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        sys.exit(f"{folder}: no such folder (python benchmarks/make_corpus.py writes it)")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    asyncio.run(measure(folder, args.rounds))


if __name__ == "__main__":
    main()
