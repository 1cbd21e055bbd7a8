"""The documents a user asked for: paths expanded, each file parsed, failures kept apart."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from carecompare.parsers import Document, LoadError, expand_paths, parse_file

Progress = Callable[[int, int, str], None]
"""Called as (files done, files in all, path just done) while a corpus loads."""


@dataclass
class Corpus:
    """Parsed documents in the order given, and the files that could not be read."""

    documents: list[Document] = field(default_factory=list)
    failures: list[LoadError] = field(default_factory=list)


def load_corpus(paths: Iterable[str], progress: Progress | None = None) -> Corpus:
    """Parse every file the paths name (folders recursively). Never raises for a bad file:
    each one is recorded in `failures` with its reason, and the rest still load."""
    corpus = Corpus()
    files: list[str] = []
    for path, error in expand_paths(paths):
        if error is not None:
            corpus.failures.append(error)
        else:
            files.append(path)
    for done, path in enumerate(files, start=1):
        try:
            corpus.documents.append(parse_file(path))
        except LoadError as error:
            corpus.failures.append(error)
        if progress is not None:
            progress(done, len(files), path)
    return corpus
