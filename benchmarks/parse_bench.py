"""Parsing speed: the bundled samples repeated to N documents, parsed cold (no parse cache).

    python benchmarks/parse_bench.py            # 150 documents
    python benchmarks/parse_bench.py -n 300

Prints two figures, best of a few rounds:

- serial: CPU time per document of `parse_text` (structure and figures) in one process. CPU
  time, not wall time, so other work on a shared machine disturbs it less.
- loaded: wall time per document of `load_corpus` on N files written to a temporary folder,
  with the parse cache off: what `carecompare FOLDER` costs the first time, parsing on every
  core. The knowledge files are read before timing, as they are once per process.

Target on a 2-core machine: under 7 ms a document.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from importlib import resources
from pathlib import Path

from carecompare.corpus import load_corpus
from carecompare.parsers import _parse_structure, parse_text
from carecompare.parsers.figures import extract_metrics
from carecompare.parsers.load import SUPPORTED_SUFFIXES, read_source


def sample_files() -> list[Path]:
    folder = Path(str(resources.files("carecompare.sample_docs")))
    return sorted(p for p in folder.iterdir() if p.suffix in SUPPORTED_SUFFIXES)


def serial(corpus: list[tuple[str, str]], rounds: int) -> list[float]:
    """CPU seconds to parse the corpus in this process, per round."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        for path, text in corpus:
            parse_text(text, path)
        times.append(time.process_time() - start)
    return times


def loaded(files: list[Path], count: int, rounds: int) -> list[float]:
    """Wall seconds for load_corpus to read `count` copies of the files, cache off."""
    folder = Path(tempfile.mkdtemp(prefix="carecompare-bench-"))
    try:
        for index in range(count):
            source = files[index % len(files)]
            shutil.copyfile(source, folder / f"{index:03d}-{source.name}")
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            corpus = load_corpus([str(folder)], use_cache=False)
            times.append(time.perf_counter() - start)
            assert len(corpus.documents) == count, corpus.failures
        return times
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=150, help="documents to parse (default 150)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the best is kept")
    args = parser.parse_args()
    files = sample_files()
    samples = [(str(p), read_source(p).text) for p in files]
    corpus = [samples[i % len(samples)] for i in range(args.n)]
    parse_text(samples[0][1], samples[0][0])  # load the knowledge files before timing

    cpu = serial(corpus, args.rounds)
    megabytes = sum(len(text) for _, text in corpus) / 1e6
    print(
        f"serial: {args.n} documents ({megabytes:.1f} MB) in {min(cpu) * 1000:.0f} ms CPU "
        f"= {min(cpu) / args.n * 1000:.2f} ms/document "
        f"(best of {args.rounds}; median {statistics.median(cpu) / args.n * 1000:.2f})"
    )
    wall = loaded(files, args.n, args.rounds)
    print(
        f"loaded: {args.n} files, cache off, all cores: {min(wall) * 1000:.0f} ms "
        f"= {min(wall) / args.n * 1000:.2f} ms/document "
        f"(best of {args.rounds}; median {statistics.median(wall) / args.n * 1000:.2f})"
    )
    print("per sample (CPU, best of 5): structure + figures")
    for path, text in samples:
        structure = figures = float("inf")
        for _ in range(5):
            start = time.process_time()
            document = _parse_structure(text, path)
            middle = time.process_time()
            extract_metrics(document.sections)
            structure = min(structure, middle - start)
            figures = min(figures, time.process_time() - middle)
        print(f"  {structure * 1000:6.2f} + {figures * 1000:6.2f} ms  {Path(path).name}")


if __name__ == "__main__":
    main()
