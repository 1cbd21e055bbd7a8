"""Search speed and memory on the synthetic corpus (benchmarks/make_corpus.py).

    python benchmarks/search_bench.py                  # 150 and 300 documents
    python benchmarks/search_bench.py -n 300 --rounds 5 --pad-vocabulary 40000

For each size, in a fresh process: the time to load (parse) the documents, the time to build
the index, and the latency of every keystroke of a set of typed-out queries (every prefix of
each query, as a user types it, typos included), each returning `--limit` hits with their
snippets. The corpus is written first if `<corpus>/<N>` is missing.

Timings on a shared machine are noisy: each round runs on a fresh index (no warm caches) and
the report gives, per keystroke, the best of the rounds, and also every timing pooled. Memory:
the process's resident set (VmRSS, peak VmHWM) after loading and after indexing, and what
tracemalloc counts for the index alone.

`--pad-vocabulary K` adds K made-up words in one extra document: the samples share one
vocabulary (about 5,000 words), a real corpus has several times that, and typo correction
works over the vocabulary.

Targets at 300 documents: keystroke p50 under 2 ms and p95 under 16 ms, index built in under
3 s, memory well under 300 MiB.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import string
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from carecompare.corpus import load_corpus
from carecompare.parsers import Document, Section
from carecompare.search import SearchIndex

HERE = Path(__file__).parent
QUERIES = [
    "safeguarding backlog",
    "safegaurding backlgo",
    "DoLS waiting list",
    "direct payments",
    "direct paymnets",
    "carers breaks",
    "hosptial discharge delays",
    "making safeguarding personal",
    "occupational therapy waiting times",
    "transitions from childrens services",
    "co-production with people",
    "reablement",
    "asessment waiting times",
    "homecare market",
    "advocacy",
    "mental health act",
]
"""What readers ask ("who has a DoLS backlog?"), some mistyped."""


def keystrokes(query: str) -> list[str]:
    """Every prefix of `query`, as it stands after each key."""
    return [query[:length] for length in range(1, len(query) + 1)]


def memory_kib() -> dict[str, int]:
    """VmRSS and VmHWM (peak) of this process, in KiB (Linux)."""
    found = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    except OSError:
        pass
    return found


def padding(words: int, seed: int = 1) -> Document:
    """A document of `words` made-up words, 200 to a section."""
    rng = random.Random(seed)
    letters = string.ascii_lowercase
    made_up = ["".join(rng.choices(letters, k=rng.randint(4, 12))) for _ in range(words)]
    sections = tuple(
        Section(title=f"padding {i}", kind="section", line=1, text=" ".join(made_up[i : i + 200]))
        for i in range(0, len(made_up), 200)
    )
    return Document(path="<padding>", kind="other", council=None, sections=sections)


def fresh(documents: list[Document]) -> tuple[SearchIndex, float, float]:
    """A new index (the caller has let go of the last one), its wall and CPU seconds."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    index = SearchIndex.build(documents)
    return index, time.perf_counter() - start, time.process_time() - cpu


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_one(folder: Path, rounds: int, limit: int, pad: int) -> dict:
    """Measure one corpus folder in this process; returns the numbers as a dict."""
    baseline = memory_kib()
    start = time.perf_counter()
    corpus = load_corpus([str(folder)])
    load_seconds = time.perf_counter() - start
    documents = list(corpus.documents)
    if pad:
        documents.append(padding(pad))
    loaded = memory_kib()
    # Memory as the app would hold it: the documents and one index. The peak (VmHWM) is read
    # now, before later rounds leave freed memory behind in the allocator.
    index, seconds, cpu = fresh(documents)
    builds, cpus = [seconds], [cpu]
    after_index = memory_kib()
    for _ in range(rounds - 1):
        index = None
        index, seconds, cpu = fresh(documents)
        builds.append(seconds)
        cpus.append(cpu)
    typed = [prefix for query in QUERIES for prefix in keystrokes(query)]
    per_key: list[list[float]] = [[] for _ in typed]
    for _ in range(rounds):
        index = None
        index, _, _ = fresh(documents)  # cold caches, as for a reader's first queries
        for slot, prefix in enumerate(typed):
            start = time.perf_counter()
            for hit in index.search(prefix, limit):
                # What a result list shows: the snippet with its marks.
                hit.snippet  # noqa: B018
                hit.snippet_spans  # noqa: B018
            per_key[slot].append(time.perf_counter() - start)
    best = [min(times) * 1000 for times in per_key]
    pooled = [t * 1000 for times in per_key for t in times]
    slowest = sorted(zip(best, typed, strict=True), reverse=True)[:5]
    first_hits = {}
    for query in QUERIES[:3]:
        found = index.search(query, 1)
        if found:
            document = index.documents[found[0].document]
            section = document.sections[found[0].section]
            first_hits[query] = f"{document.name} · {section.statement} · {section.title}"
    # tracemalloc slows Python several times over: count the index alone, untimed.
    index = None
    gc.collect()
    tracemalloc.start()
    index = SearchIndex.build(documents)
    index_current, index_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "documents": len(corpus.documents),
        "sections": len(index),
        "vocabulary": len(index.vocabulary),
        "megabytes": sum(Path(d.path).stat().st_size for d in corpus.documents) / 1e6,
        "load_s": load_seconds,
        "build_best_s": min(builds),
        "build_median_s": statistics.median(builds),
        "build_cpu_best_s": min(cpus),
        "load_average": os.getloadavg(),
        "keystrokes": len(typed),
        "p50_best_ms": percentile(best, 0.5),
        "p95_best_ms": percentile(best, 0.95),
        "max_best_ms": max(best),
        "p50_all_ms": percentile(pooled, 0.5),
        "p95_all_ms": percentile(pooled, 0.95),
        "slowest": [(round(ms, 2), prefix) for ms, prefix in slowest],
        "first_hits": first_hits,
        "rss_baseline_mib": baseline.get("VmRSS", 0) / 1024,
        "rss_loaded_mib": loaded.get("VmRSS", 0) / 1024,
        "rss_indexed_mib": after_index.get("VmRSS", 0) / 1024,
        "rss_peak_mib": after_index.get("VmHWM", 0) / 1024,
        "index_traced_mib": index_current / 2**20,
        "index_build_peak_traced_mib": index_peak / 2**20,
    }


def report(size: int, pad: int, rounds: int, numbers: dict) -> None:
    n = numbers
    padded = f" + {pad} made-up words" if pad else ""
    print(
        f"\n{size} documents{padded}: {n['sections']} sections, {n['megabytes']:.1f} MB of text, "
        f"vocabulary {n['vocabulary']} words"
    )
    print(f"  load (parse)       {n['load_s']:.2f} s")
    print(
        f"  index build        {n['build_best_s']:.2f} s best of {rounds} "
        f"(median {n['build_median_s']:.2f} s; CPU time {n['build_cpu_best_s']:.2f} s)"
    )
    print(
        f"  keystrokes         {n['keystrokes']} ({len(QUERIES)} queries typed out), "
        f"limit {n.get('limit', '')}"
    )
    print(
        f"    best of {rounds}:      p50 {n['p50_best_ms']:.2f} ms  p95 {n['p95_best_ms']:.2f} ms  "
        f"max {n['max_best_ms']:.2f} ms"
    )
    print(f"    all timings:    p50 {n['p50_all_ms']:.2f} ms  p95 {n['p95_all_ms']:.2f} ms")
    print("    slowest keys:   " + ", ".join(f"{prefix!r} {ms} ms" for ms, prefix in n["slowest"]))
    print(
        f"  memory (RSS)       {n['rss_baseline_mib']:.0f} MiB after imports, "
        f"{n['rss_loaded_mib']:.0f} MiB with documents, {n['rss_indexed_mib']:.0f} MiB with the "
        f"index, peak {n['rss_peak_mib']:.0f} MiB (loading and building)"
    )
    print(
        f"  index (tracemalloc) {n['index_traced_mib']:.1f} MiB held, "
        f"{n['index_build_peak_traced_mib']:.1f} MiB peak while building"
    )
    load = ", ".join(f"{x:.1f}" for x in n["load_average"])
    print(f"  machine load       {load} (1, 5, 15 min averages; {os.cpu_count()} cores)")
    for query, where in n["first_hits"].items():
        print(f"  first hit for {query!r}: {where}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus", help="corpus folder")
    parser.add_argument("-n", type=int, action="append", help="documents (default 150, 300)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the best is reported")
    parser.add_argument("--limit", type=int, default=20, help="hits per keystroke (default 20)")
    parser.add_argument("--pad-vocabulary", type=int, default=0, metavar="K")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        numbers = run_one(args.corpus / str(args.one), args.rounds, args.limit, args.pad_vocabulary)
        numbers["limit"] = args.limit
        print(json.dumps(numbers))
        return 0
    sizes = args.n or [150, 300]
    print(
        f"search benchmark: python {sys.version.split()[0]}, {args.rounds} rounds, "
        f"limit {args.limit}; each size in a fresh process"
    )
    for size in sizes:
        folder = args.corpus / str(size)
        if not folder.is_dir() or not any(folder.iterdir()):
            subprocess.run(
                [sys.executable, str(HERE / "make_corpus.py"), str(args.corpus), "-n", str(size)],
                check=True,
            )
        command = [
            sys.executable,
            __file__,
            "--corpus",
            str(args.corpus),
            "--one",
            str(size),
            "--rounds",
            str(args.rounds),
            "--limit",
            str(args.limit),
            "--pad-vocabulary",
            str(args.pad_vocabulary),
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        report(size, args.pad_vocabulary, args.rounds, json.loads(result.stdout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
