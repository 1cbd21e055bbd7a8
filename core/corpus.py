"""The documents a user asked for: paths expanded, each file parsed, failures kept apart.

Each file's bytes are looked up in the parse cache (`carecompare.cache`); files it does not
hold are parsed, across processes when there are enough of them to pay for starting workers.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from carecompare.cache import (
    ParseCache,
    cache_folder,
    default_cache,
    pickle_document,
    unpickle,
)
from carecompare.parsers import Document, LoadError, expand_paths, parse_bytes
from carecompare.parsers.load import read_bytes

Progress = Callable[[int, int, str], None]
"""Called as (files done, files in all, path just done) while a corpus loads."""

PARALLEL_MIN_FILES = 12
"""Parse in worker processes when at least this many files miss the cache (below it, starting
workers costs more than it saves)."""


@dataclass
class Corpus:
    """Parsed documents in the order given, and the files that could not be read."""

    documents: list[Document] = field(default_factory=list)
    failures: list[LoadError] = field(default_factory=list)


def load_corpus(
    paths: Iterable[str],
    progress: Progress | None = None,
    *,
    use_cache: bool | None = None,
    workers: int | None = None,
) -> Corpus:
    """Parse every file the paths name (folders recursively). Never raises for a bad file:
    each one is recorded in `failures` with its reason, and the rest still load.

    `use_cache`: None follows the user's choice (`--no-cache`, CARECOMPARE_NO_CACHE); False
    bypasses the cache. `workers`: processes to parse in (None: one per core, when enough
    files miss the cache; 1: parse in this process)."""
    if use_cache is None:
        parse_cache = default_cache()
    else:
        parse_cache = ParseCache(cache_folder()) if use_cache else None
    corpus = Corpus()
    files: list[str] = []
    for path, error in expand_paths(paths):
        if error is not None:
            corpus.failures.append(error)
        else:
            files.append(path)

    results: list[Document | LoadError | None] = [None] * len(files)
    done = 0

    def finished(index: int, result: Document | LoadError) -> None:
        nonlocal done
        results[index] = result
        done += 1
        if progress is not None:
            progress(done, len(files), files[index])

    # Take what the cache holds; the rest is parsed (and read again then: holding the bytes
    # of hundreds of PDFs until their turn would cost hundreds of megabytes).
    misses: list[int] = []
    for index, path in enumerate(files):
        if parse_cache is None:
            misses.append(index)
            continue
        try:
            data = read_bytes(path)
        except LoadError as error:
            finished(index, error)
            continue
        cached = parse_cache.get(parse_cache.key(path, data), path)
        if cached is not None:
            finished(index, cached)
        else:
            misses.append(index)

    count = _worker_count(len(misses)) if workers is None else max(1, workers)
    if count > 1 and len(misses) > 2:
        # The first file is parsed here: that loads the parsers' knowledge once, before
        # forked workers inherit it, instead of once in every worker.
        finished(misses[0], _parse_file(files[misses[0]], parse_cache))
        helps = _caller_can_parse()
        _parse_in_workers(files, misses[1:], parse_cache, count - helps, finished, helps)
    else:
        for index in misses:
            finished(index, _parse_file(files[index], parse_cache))

    for result in results:
        if isinstance(result, Document):
            corpus.documents.append(result)
        elif isinstance(result, LoadError):
            corpus.failures.append(result)
    return corpus


def load_document(path: str, *, use_cache: bool | None = None) -> Document:
    """One file, through the cache like `load_corpus`; raises LoadError when it cannot be read."""
    corpus = load_corpus([path], use_cache=use_cache, workers=1)
    if corpus.failures:
        raise corpus.failures[0]
    return corpus.documents[0]


def _parse_file(path: str, parse_cache: ParseCache | None) -> Document | LoadError:
    """Read and parse one file in this process, and store it in the cache."""
    try:
        data = read_bytes(path)
        document = parse_bytes(data, path)
    except LoadError as error:
        return error
    except Exception as error:  # a parser bug must not stop the other files
        return LoadError(path, f"could not be parsed ({type(error).__name__}: {error})")
    if parse_cache is not None:
        parse_cache.put(parse_cache.key(path, data), pickle_document(document))
    return document


def _parse_job(path: str, cache_root: str | None, version: str | None) -> bytes | LoadError:
    """In a worker process: read, parse, store in the cache, and send the document back
    pickled (one pickle serves both)."""
    try:
        data = read_bytes(path)
        document = parse_bytes(data, path)
    except LoadError as error:
        return error
    except Exception as error:  # a parser bug must not stop the other files
        return LoadError(path, f"could not be parsed ({type(error).__name__}: {error})")
    payload = pickle_document(document)
    if cache_root is not None:
        parse_cache = _worker_cache(cache_root, version)
        parse_cache.put(parse_cache.key(path, data), payload)
    return payload


@cache
def _worker_cache(cache_root: str, version: str | None) -> ParseCache:
    """One cache object per worker process, so its folder is prepared once, not per file."""
    return ParseCache(Path(cache_root), version)


def _worker_count(misses: int) -> int:
    """One worker per core available to us, when enough files need parsing."""
    if misses < PARALLEL_MIN_FILES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, misses)


def _caller_can_parse() -> bool:
    """Whether this process may parse beside its workers: only when it has one thread. With a
    thread drawing the reader's screen, parsing here would make the screen stall; on the
    command line, this process would otherwise only wait and unpickle, and every document it
    parses itself is one fewer to pickle, send and unpickle."""
    return threading.active_count() == 1


def _parse_in_workers(
    files: list[str],
    misses: list[int],
    parse_cache: ParseCache | None,
    count: int,
    finished: Callable[[int, Document | LoadError], None],
    caller_parses: bool = False,
) -> None:
    """Parse the misses in `count` processes (and in this one too, with `caller_parses`);
    whatever the workers could not do is done here."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    root = str(parse_cache.root) if parse_cache is not None else None
    version = parse_cache.version if parse_cache is not None else None
    pending = set(misses)
    context = multiprocessing.get_context(_start_method())
    # Helper processes start as the pool is made (its queue's lock) and on the first submit.
    with _stderr_with_a_descriptor():
        executor = ProcessPoolExecutor(
            max_workers=count, mp_context=context, initializer=_quiet_worker
        )
    finished_normally = False
    try:
        with _stderr_with_a_descriptor():
            futures = {
                executor.submit(_parse_job, files[index], root, version): index for index in misses
            }

        def receive(future: Future) -> None:
            index = futures.pop(future)
            result = future.result()
            document = unpickle(result) if isinstance(result, bytes) else result
            if document is not None:  # None cannot happen for a pickle just made
                pending.discard(index)
                finished(index, document)

        if caller_parses:
            # The workers take files from the front of the queue and this process from the
            # back: a file not yet handed to a worker can still be taken back (cancelled).
            for future in reversed(list(futures)):
                if not future.cancel():
                    break  # a worker has this file, and so every file before it
                index = futures.pop(future)
                pending.discard(index)
                finished(index, _parse_file(files[index], parse_cache))
                for done in [f for f in futures if f.done()]:
                    receive(done)  # the workers' files reported as they come
        for future in as_completed(list(futures)):
            receive(future)
        finished_normally = True
    except (BrokenProcessPool, OSError, ValueError):
        pass  # a worker died (out of memory?) or none could start: parse the rest here
    finally:
        if not finished_normally:
            _stop_workers(executor)  # interrupted (Ctrl-C): leave now, not after the queue
        executor.shutdown(wait=finished_normally, cancel_futures=not finished_normally)
    for index in sorted(pending):
        finished(index, _parse_file(files[index], parse_cache))


def _stop_workers(executor: Any) -> None:
    """End the workers at once (Python 3.14 has a method for it; before, the processes)."""
    terminate = getattr(executor, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.terminate()


def _quiet_worker() -> None:
    """A worker process says nothing: no warnings or stray output on the user's terminal (or
    over the reader's screen), and Ctrl-C is left to the parent, which stops the workers, so
    no worker prints a traceback."""
    import signal
    import warnings

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warnings.simplefilter("ignore")
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the process's life


@contextmanager
def _stderr_with_a_descriptor() -> Iterator[None]:
    """multiprocessing hands sys.stderr's file descriptor to the helper process it starts (its
    resource tracker). Under the reader, sys.stderr is Textual's capture, with no descriptor:
    starting workers then fails ("bad value(s) in fds_to_keep"). For that moment, stderr is
    the null device (what the helper would print is of no use on the reader's screen)."""
    current = sys.stderr
    try:
        usable = current is not None and current.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    with open(os.devnull, "w") as null:
        sys.stderr = null
        try:
            yield
        finally:
            sys.stderr = current


def _start_method() -> str:
    """`fork` starts workers fastest (they inherit the loaded parser and its knowledge), but
    is safe only from a process with one thread; the reader loads from a worker thread, so
    there a fork server starts them."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and threading.active_count() == 1 and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"
