"""Figure extraction's share of parsing: structure and extraction timed apart, per sample.

    python benchmarks/extract_bench.py              # best of 15 rounds
    python benchmarks/extract_bench.py --rounds 30

Times are CPU time of this thread (time.thread_time), best of N: on a shared 2-core machine
wall-clock time mostly measures the other processes. parse_bench.py gives the end-to-end
figure (parse_text, which includes extraction).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from parse_bench import sample_texts

from carecompare.parsers import _parse_structure
from carecompare.parsers.figures import extract_metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds; the best is kept")
    args = parser.parse_args()
    samples = sample_texts()
    total_structure = total_figures = 0.0
    for path, text in samples:
        document = _parse_structure(text, path)
        structure, figures = [], []
        for _ in range(args.rounds):
            start = time.thread_time()
            document = _parse_structure(text, path)
            middle = time.thread_time()
            metrics = extract_metrics(document.sections)
            figures.append(time.thread_time() - middle)
            structure.append(middle - start)
        total_structure += min(structure)
        total_figures += min(figures)
        print(
            f"  {min(structure) * 1000:6.2f} ms structure  {min(figures) * 1000:6.2f} ms "
            f"figures ({len(metrics):3d})  {Path(path).name}"
        )
    count = len(samples)
    print(
        f"mean per document: structure {total_structure / count * 1000:.2f} ms, "
        f"figures {total_figures / count * 1000:.2f} ms "
        f"({total_figures / total_structure:.0%} of structure; best of {args.rounds})"
    )


if __name__ == "__main__":
    main()
