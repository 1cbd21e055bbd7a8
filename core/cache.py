"""Parsed documents kept on disk, so reopening the same files skips reading and parsing.

An entry is keyed by the file's bytes, its reader (the suffix) and the parser's version: a
hash of the `parsers` package's source and YAML data (and, for PDF and HTML, the version of
the library that reads them), so any change to the parser invalidates what it parsed before.

Entries are written to a temporary file and renamed into place, so two carecompare processes
never see half an entry; an entry that cannot be read back (truncated, from another Python,
garbage) is ignored and rebuilt. Nothing here raises: a cache that cannot be used is skipped.

Entries are pickles, read only from the user's own cache folder (created private to the user):
anyone able to write there could already change the user's files.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import fields, replace
from functools import cache
from operator import attrgetter
from pathlib import Path

from carecompare.parsers import Comparator, Document, Metric, Section
from carecompare.parsers.load import READER_LIBRARIES

CACHE_DIR_ENV = "CARECOMPARE_CACHE_DIR"
"""Set to a folder to keep the cache there instead of the user's cache folder."""
NO_CACHE_ENV = "CARECOMPARE_NO_CACHE"
"""Set (to anything but "" or "0") to bypass the cache, as `--no-cache` does."""
ENTRY_FORMAT = 1
"""How entries are written (`pickle_document`); part of every key."""
STALE_TEMPORARY_SECONDS = 3600
"""A temporary entry file this old was left by a process stopped while writing it."""
KEPT_VERSIONS = 3
"""Entries of this many parser versions are kept (the newest); older ones are deleted."""


@cache
def parser_version() -> str:
    """The running parser's version: `source_version` of the `parsers` package and the
    user's own knowledge files (CARECOMPARE_KNOWLEDGE), once."""
    import carecompare.parsers as parsers
    from carecompare.parsers.knowledge import user_knowledge_files

    version = source_version(Path(parsers.__file__).parent)
    own = user_knowledge_files()
    if not own:
        return version
    digest = hashlib.blake2b(version.encode(), digest_size=12)
    for file in own:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def source_version(package: Path) -> str:
    """A hash of everything a parse depends on in carecompare: a package's Python source and
    YAML data (by path and content), and the Python version (pickles are read back by it)."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{sys.version_info[0]}.{sys.version_info[1]}".encode())
    files = sorted(
        p
        for p in package.rglob("*")
        if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts
    )
    for file in files:
        digest.update(file.relative_to(package).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def library_version(distribution: str) -> str:
    """The installed version of a reader's library ("" when it is not installed)."""
    from importlib import metadata  # ~40 ms to import: only paid when PDF or HTML is read

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def cache_enabled() -> bool:
    """False when the user asked to bypass the cache (`--no-cache`, CARECOMPARE_NO_CACHE)."""
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")


def cache_folder() -> Path:
    """Where entries live: $CARECOMPARE_CACHE_DIR, else the user's cache folder."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("carecompare", appauthor=False))


def default_cache() -> ParseCache | None:
    """The cache to use, or None when the user asked to bypass it."""
    return ParseCache(cache_folder()) if cache_enabled() else None


class ParseCache:
    """Parsed documents on disk, by file content and parser version."""

    def __init__(self, folder: Path, version: str | None = None) -> None:
        self.root = Path(folder)
        """The cache folder, which holds one folder of entries per parser version."""
        self.version = version or parser_version()
        self.folder = self.root / f"documents-{self.version}"
        self._ready = False

    def key(self, path: str, data: bytes) -> str:
        """The entry's name for a file's bytes read from `path` (its suffix picks the reader)."""
        suffix = Path(path).suffix.lower()
        digest = hashlib.blake2b(data, digest_size=20)
        library = READER_LIBRARIES.get(suffix)
        if library:
            digest.update(f"\0{library}={library_version(library)}".encode())
        digest.update(f"\0{suffix}\0entry format {ENTRY_FORMAT}".encode())
        return digest.hexdigest()

    def get(self, key: str, path: str) -> Document | None:
        """The document stored under `key`, as read from `path`; None when there is none or
        the entry cannot be read back (it is then rebuilt by the next `put`)."""
        try:
            payload = (self.folder / key).read_bytes()
        except OSError:
            return None
        document = unpickle(payload)
        if document is None:
            return None
        return document if document.path == path else replace(document, path=path)

    def put(self, key: str, payload: bytes) -> None:
        """Store a pickled document (`pickle_document`) under `key`; failures are ignored."""
        try:
            self._prepare()
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(payload)
                os.replace(temporary, self.folder / key)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass  # a read-only or full disk: carecompare works on without the cache

    def _prepare(self) -> None:
        """Create this version's folder, and delete the entries of old parser versions."""
        if self._ready:
            return
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._prune()
        else:
            self._sweep()
        self._ready = True

    def _sweep(self) -> None:
        """Delete temporary files a process left behind when it was stopped mid-write."""
        stale = time.time() - STALE_TEMPORARY_SECONDS
        for temporary in self.folder.glob(".tmp-*"):
            try:
                if temporary.stat().st_mtime < stale:
                    temporary.unlink()
            except OSError:
                pass  # another process swept it first

    def _prune(self) -> None:
        def age(folder: Path) -> float:
            try:
                return folder.stat().st_mtime
            except OSError:
                return 0.0

        versions = sorted(self.folder.parent.glob("documents-*"), key=age, reverse=True)
        for old in [v for v in versions if v != self.folder][KEPT_VERSIONS - 1 :]:
            shutil.rmtree(old, ignore_errors=True)


def pickle_document(document: Document) -> bytes:
    """A document as a cache entry (also how parse workers send documents back)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _FAST_REDUCERS  # only for this pickler: no global registration
    pickler.dump(document)
    return buffer.getvalue()


def _rebuild(kind: type, values: tuple) -> object:
    """A model object from its field values in order (the reverse of `_reducer`)."""
    return kind(*values)


def _reducer(kind: type) -> Callable[[object], tuple]:
    # attrgetter reads every field in one C call (a generator of getattr costs twice the
    # pickling time of a document).
    values = attrgetter(*(f.name for f in fields(kind)))

    def reduce(item: object) -> tuple:
        return _rebuild, (kind, values(item))

    return reduce


# Frozen, slotted dataclasses pickle through dataclasses' own __setstate__, which looks up
# their fields again for every object; rebuilding them through __init__ from their values in
# order reads a corpus back about 40% faster. (A class with a field __init__ does not take
# keeps the default.)
_MODEL = (Document, Section, Metric, Comparator)
_FAST_REDUCERS = {
    kind: _reducer(kind) for kind in _MODEL if all(field.init for field in fields(kind))
}


def unpickle(payload: bytes) -> Document | None:
    """A cache entry's document, or None for an entry that is not one."""
    try:
        document = pickle.loads(payload)
    except Exception:  # a corrupt entry can fail in any way; it is only a miss
        return None
    return document if isinstance(document, Document) else None
