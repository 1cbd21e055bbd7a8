"""Loading a folder of documents: cold (nothing cached) and warm (every file in the parse cache),
for text files and for PDFs.

    python benchmarks/load_bench.py                     # 300 documents made from the samples
    python benchmarks/load_bench.py -n 150 --rounds 5
    python benchmarks/load_bench.py --corpus DIR        # your own folder (e.g. a synthetic one)
    python benchmarks/load_bench.py --no-pdf            # text only (PDFs take minutes cold)

Without --corpus, the text corpus is the bundled samples copied under new names, each with a
first line of its own, so every file's content (and cache key) differs. The PDF corpus is the
samples printed once each (`tests/builders.py`, fpdf2) and copied with a comment of its own
after the end of the file, so every copy is a different file with the same text.

Each measurement runs in a fresh process (as a user's command would) and times
`load_corpus` alone; the import time is printed apart. `cold` starts from an empty cache (it
parses every file, across all cores, and fills the cache); `cold, 1 process` is the same in
one process; `warm` reads every document from the cache. Best of --rounds, with the median;
the machine's other load makes single runs noisy. Targets on a 2-core machine: warm under
0.5 s for 300 documents.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_text_corpus(folder: Path, count: int) -> Path:
    from carecompare.samples import sample_paths

    folder.mkdir(parents=True, exist_ok=True)
    samples = [Path(p) for p in sample_paths()]
    for n in range(count):
        sample = samples[n % len(samples)]
        text = sample.read_text(encoding="utf-8")
        copy = folder / f"{n:04d}-{sample.name}"
        copy.write_text(f"Copy {n} of {sample.stem} for the load benchmark.\n{text}", "utf-8")
    return folder


def make_pdf_corpus(folder: Path, count: int) -> Path:
    sys.path.insert(0, str(ROOT / "tests"))  # the PDF builder the tests use
    from builders import pdf_from_text

    from carecompare.samples import sample_paths

    folder.mkdir(parents=True, exist_ok=True)
    samples = [Path(p) for p in sample_paths()]
    printed = [pdf_from_text(p.read_text(encoding="utf-8"), footer=p.stem) for p in samples]
    for n in range(count):
        index = n % len(samples)
        copy = folder / f"{n:04d}-{samples[index].stem}.pdf"
        copy.write_bytes(printed[index] + f"% copy {n}\n".encode())
    return folder


def measure(corpus: Path, cache: Path, workers: int | None) -> dict[str, float]:
    """One load in a fresh process: its time, the import time and the process's peak memory."""
    code = (
        "import json, resource, sys, time\n"
        "start = time.perf_counter()\n"
        "from carecompare.corpus import load_corpus\n"
        "imported = time.perf_counter()\n"
        f"corpus = load_corpus([{str(corpus)!r}], workers={workers!r})\n"
        "loaded = time.perf_counter()\n"
        "print(json.dumps({'load': loaded - imported, 'import': imported - start,\n"
        "    'documents': len(corpus.documents), 'failures': len(corpus.failures),\n"
        "    'rss_mib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    env = {**os.environ, "CARECOMPARE_CACHE_DIR": str(cache)}
    env.pop("CARECOMPARE_NO_CACHE", None)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(result.stdout)


def bench(label: str, corpus: Path, rounds: int, scratch: Path) -> None:
    files = sum(1 for p in corpus.rglob("*") if p.is_file())
    megabytes = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
    print(f"\n{label}: {files} files, {megabytes:.1f} MB in {corpus}")
    results: dict[str, list[dict[str, float]]] = {}
    for round_ in range(rounds):
        for name, workers in (("cold", None), ("cold, 1 process", 1)):
            cache = scratch / f"cache-{label}-{name}-{round_}"
            results.setdefault(name, []).append(measure(corpus, cache, workers))
        warm_cache = scratch / f"cache-{label}-cold-{round_}"  # filled by the cold run
        results.setdefault("warm", []).append(measure(corpus, warm_cache, None))
    for name, runs in results.items():
        times = [run["load"] for run in runs]
        last = runs[-1]
        print(
            f"  {name:16} {min(times):7.3f} s  (median {statistics.median(times):.3f} s, "
            f"{last['documents']:.0f} documents, {last['failures']:.0f} skipped, "
            f"peak {max(r['rss_mib'] for r in runs):.0f} MiB)"
        )
    imports = [run["import"] for runs in results.values() for run in runs]
    print(f"  {'import':16} {min(imports):7.3f} s  (carecompare.corpus, before any load)")
    command = [sys.executable, "-m", "carecompare.tui.cli", "scores", "--json", str(corpus)]
    env = {**os.environ, "CARECOMPARE_CACHE_DIR": str(scratch / f"cache-{label}-cold-0")}
    walls = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
    print(f"  {'warm CLI':16} {min(walls):7.3f} s  (`carecompare scores --json`, whole process)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300, help="documents to make (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each; the best is kept")
    parser.add_argument(
        "--pdf-rounds", type=int, default=1, help="rounds for PDFs (a cold run takes minutes)"
    )
    parser.add_argument("--corpus", type=Path, help="a folder of documents to load instead")
    parser.add_argument("--pdf-corpus", type=Path, help="a folder of PDFs to load instead")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF measurements")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory(prefix="carecompare-bench-") as scratch_name:
        scratch = Path(scratch_name)
        corpus = args.corpus or make_text_corpus(scratch / "text", args.n)
        bench("text", corpus, args.rounds, scratch)
        if not args.no_pdf:
            pdfs = args.pdf_corpus or make_pdf_corpus(scratch / "pdf", args.n)
            bench("pdf", pdfs, args.pdf_rounds, scratch)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
