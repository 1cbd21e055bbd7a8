"""Export speed: the bundled samples repeated to N documents, exported to markdown.

    python benchmarks/export_bench.py            # 5, 20 and 150 documents
    python benchmarks/export_bench.py -n 300

Parsing is done before timing; the time is export_markdown alone (alignment included), the
best of --rounds. The reader's `e` key calls the same function, so this is the wait a user
sees before the file is written.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from carecompare.export import export_markdown
from carecompare.parsers import parse_file
from carecompare.samples import sample_paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, action="append", help="documents (repeatable)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the best is kept")
    args = parser.parse_args()
    samples = [parse_file(path) for path in sample_paths()]
    for count in args.n or [5, 20, 150]:
        picks = [samples[i % len(samples)] for i in range(count)]
        # Each copy a file of its own, as a folder of reports would give.
        documents = [replace(d, path=f"copy{i}/{Path(d.path).name}") for i, d in enumerate(picks)]
        rounds = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            text = export_markdown(documents)
            rounds.append(time.perf_counter() - start)
        print(
            f"{count:4d} documents: best {min(rounds) * 1000:8.1f} ms of {args.rounds}, "
            f"{len(text) / 1e6:.2f} MB of markdown"
        )


if __name__ == "__main__":
    main()
