"""Read a file into text: pick a reader by suffix, decode, and say clearly when it cannot."""

from __future__ import annotations

import codecs
import errno
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
MEGABYTE = 1024 * 1024
MAX_FILE_BYTES = 64 * MEGABYTE
"""Larger files are refused (a PDF with images may be large; none of its text needs this)."""
MAX_TEXT_BYTES = 16 * MEGABYTE
"""Larger text and web pages are refused: a council report is well under 1 MB of text, and
16 MB parses in seconds and a few tens of MB of memory."""
MAX_TEXT_CHARS = 16 * MEGABYTE
"""Text taken from a PDF or a page is refused beyond this, for the same bound."""
_TEXT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})


class LoadError(Exception):
    """A file that cannot be read as a document; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self) -> tuple[type[LoadError], tuple[str, str]]:
        # Sent back from parse workers in other processes: rebuild from both arguments.
        return (LoadError, (self.path, self.reason))


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file's text as read, before cleaning."""

    path: str
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()
    """What the reader noticed (pages it could not read); they end up in Document.warnings."""


class ReadText(NamedTuple):
    """What a reader may return instead of plain text: the text and what it noticed."""

    text: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, path: str | Path = "<text>") -> tuple[str, str]:
    """Bytes to text: a BOM decides, else UTF-8, else cp1252. Binary data is refused."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    sample = data[:8192]
    if sample and _looks_like_utf16(sample):
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return data.decode(encoding, errors="replace"), encoding
    if _looks_binary(sample):
        raise LoadError(path, "binary data, not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _looks_like_utf16(sample: bytes) -> bool:
    """ASCII text in UTF-16 without a BOM: every other byte is NUL."""
    if len(sample) < 4:
        return False
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(zeros_even, zeros_odd) > 0.4 * half and min(zeros_even, zeros_odd) < 0.05 * half


def _looks_binary(sample: bytes) -> bool:
    """Several NUL bytes, or many control bytes, mean this is not text (a stray one is
    cleaned away)."""
    nuls = sample.count(0)
    if nuls > 1 and nuls * 100 > len(sample):
        return True
    controls = len(sample.translate(None, _NOT_CONTROL_BYTES))  # in C: a loop costs ~2 ms
    return controls >= 3 and controls * 50 > len(sample)


# Control bytes that binary data is full of; BEL, backspace and ESC are left out: text
# captured from a terminal has them, and cleaning removes them.
_NOT_CONTROL_BYTES = bytes(
    b for b in range(256) if not (b < 9 or 13 < b < 32) or b in (0x07, 0x08, 0x1B)
)


def read_plain(path: Path, data: bytes) -> str:
    return decode(data, path)[0]


def read_pdf(path: Path, data: bytes) -> ReadText:
    # Imported on first use: pypdf takes a fifth of a second to import.
    from .readers.pdf import read_pdf

    return read_pdf(path, data)


def read_html(path: Path, data: bytes) -> str:
    from .readers.html import read_html

    return read_html(path, data)


Reader = Callable[[Path, bytes], "str | ReadText"]

READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".md": read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
}
"""One reader per suffix: bytes in, text out (`str`, or `ReadText` with warnings)."""

READER_LIBRARIES = {".pdf": "pypdf", ".html": "selectolax", ".htm": "selectolax"}
"""The library (distribution) whose version a reader's text depends on: part of cache keys."""


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, or LoadError naming the file and the reason it cannot be read."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in READERS:
        raise LoadError(path, f"unsupported file type {file.suffix or '(none)'!r}")
    try:
        info = file.stat()
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(path, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            # A pipe or a device would block the reading, or never end.
            raise LoadError(path, "not a regular file (a pipe, socket or device)")
        limit = MAX_TEXT_BYTES if suffix in _TEXT_SUFFIXES else MAX_FILE_BYTES
        if info.st_size > limit:
            raise LoadError(
                path,
                f"the file is {_megabytes(info.st_size)}; carecompare reads files of this kind "
                f"up to {_megabytes(limit)} (a council report is far smaller)",
            )
        with file.open("rb") as opened:
            # Read no more than the limit: the file may have grown since it was measured.
            data = opened.read(limit + 1)
        if len(data) > limit:
            raise LoadError(path, f"the file is larger than {_megabytes(limit)}")
        return data
    except LoadError:
        raise
    except IsADirectoryError:
        raise LoadError(path, "is a folder, not a file") from None
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except PermissionError:
        raise LoadError(path, "permission denied") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise LoadError(path, "a symbolic link that loops") from None
        raise LoadError(path, error.strerror or str(error)) from None


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.0f} MB" if size >= MEGABYTE else f"{size / 1024:.0f} KB"


def source_from_bytes(path: str | Path, data: bytes) -> SourceText:
    """A file's bytes as text, by the reader its suffix names; LoadError when it has none."""
    file = Path(path)
    reader = READERS.get(file.suffix.lower())
    if reader is None:
        raise LoadError(path, f"unsupported file type {file.suffix or '(none)'!r}")
    read = reader(file, data)
    text, warnings = (read, ()) if isinstance(read, str) else read
    if not text.strip():
        raise LoadError(path, "the file is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise LoadError(
            path,
            f"it holds {len(text) / MEGABYTE:.0f} million characters of text; carecompare "
            f"reads up to {MAX_TEXT_CHARS // MEGABYTE} million",
        )
    return SourceText(str(path), text, "", warnings)


def read_source(path: str | Path) -> SourceText:
    """Read one file as text, or raise LoadError naming the file and the reason."""
    return source_from_bytes(path, read_bytes(path))


def expand_paths(paths: Iterable[str | Path]) -> Iterator[tuple[str, LoadError | None]]:
    """Files to read, in a stable order: each path as given, folders searched recursively.

    Yields (path, None) for each file to read and (path, LoadError) for a path that cannot be
    used, so callers can report it and go on with the rest.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield str(given), None
        else:
            yield str(given), LoadError(given, "no such file or folder")


def _walk(folder: Path) -> Iterator[tuple[str, LoadError | None]]:
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            info = current.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue  # a symlink loop, or the same folder reached twice
            seen.add((info.st_dev, info.st_ino))
            entries = sorted(current.iterdir(), key=lambda entry: entry.name)
        except OSError as error:
            yield str(current), LoadError(current, error.strerror or "cannot open folder")
            continue
        folders = []
        # "Save page as" puts a page's scripts, images and frames in "<page>_files" beside it:
        # parts of the saved page, not documents of their own.
        saved_parts = {
            f"{entry.stem}_files" for entry in entries if entry.suffix.lower() in (".html", ".htm")
        }
        for entry in entries:
            try:
                if entry.is_dir():
                    if entry.name not in saved_parts:
                        folders.append(entry)
                elif entry.suffix.lower() in SUPPORTED_SUFFIXES and not entry.name.startswith("."):
                    yield str(entry), None
            except OSError as error:
                yield str(entry), LoadError(entry, error.strerror or "cannot read")
        stack.extend(reversed(folders))
