"""Parsing speed: the bundled samples repeated to N documents, parsed cold in one process.

    python benchmarks/parse_bench.py            # 150 documents
    python benchmarks/parse_bench.py -n 300

Prints the time per document (cold: no parse cache; the knowledge files are loaded before
timing starts, as they are once per process). Target on a 2-core machine: under 7 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from importlib import resources
from pathlib import Path

from carecompare.parsers import parse_text
from carecompare.parsers.load import SUPPORTED_SUFFIXES, read_source


def sample_texts() -> list[tuple[str, str]]:
    folder = Path(str(resources.files("carecompare.sample_docs")))
    files = sorted(p for p in folder.iterdir() if p.suffix in SUPPORTED_SUFFIXES)
    return [(str(p), read_source(p).text) for p in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=150, help="documents to parse (default 150)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the best is kept")
    args = parser.parse_args()
    samples = sample_texts()
    corpus = [samples[i % len(samples)] for i in range(args.n)]
    parse_text(*reversed(corpus[0]))  # load the knowledge files before timing
    rounds = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for path, text in corpus:
            parse_text(text, path)
        rounds.append(time.perf_counter() - start)
    best = min(rounds)
    megabytes = sum(len(text) for _, text in corpus) / 1e6
    print(
        f"parse: {args.n} documents ({megabytes:.1f} MB) in {best * 1000:.0f} ms "
        f"= {best / args.n * 1000:.2f} ms/document "
        f"(best of {args.rounds}; median {statistics.median(rounds) * 1000:.0f} ms)"
    )
    per_file = {}
    for path, text in samples:
        start = time.perf_counter()
        for _ in range(5):
            parse_text(text, path)
        per_file[Path(path).name] = (time.perf_counter() - start) / 5 * 1000
    for name, ms in per_file.items():
        print(f"  {ms:6.2f} ms  {name}")


if __name__ == "__main__":
    main()
