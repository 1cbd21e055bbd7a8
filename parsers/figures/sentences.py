"""Cut a section's text into paragraphs and sentences, as offsets into the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# The end of a sentence: a full stop, ! or ?, closing quotes or brackets, then space and a new
# sentence's first character (a capital, a figure, a bullet, an opening quote or bracket).
_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z0-9£“\"‘'(•<])")
_ABBREVIATIONS = frozenset(
    ("e.g", "i.e", "etc", "no", "nos", "vs", "approx", "fig", "para", "dr", "mr", "mrs", "st")
)


MAX_LINE_CHARS = 8000
"""Longer lines are read in pieces of about this size."""
_LETTER = re.compile(r"[A-Za-z]")
_DIGITS = "1023456789"


class Sentence(NamedTuple):
    start: int
    end: int
    first_in_paragraph: bool


def paragraphs(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line of `text` from `start` on: a paragraph, a list
    item or a table row."""
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        if end < 0:
            end = length
        if end > start:
            yield start, end
        start = end + 1


def has_letter(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` has a letter (a line of numbers only names nothing)."""
    return _LETTER.search(text, start, end) is not None


def has_digit(text: str) -> bool:
    """Whether `text` has a digit. `in` is the cheapest search Python has (memchr, no
    arguments to parse): a bounded `str.find` or a regular expression call costs several times
    more, and a regular expression looks at every character in turn."""
    return any(map(text.__contains__, _DIGITS))


def lines_with_digits(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, adjacent) of each line of `text` with a digit in it (a paragraph, a list
    item or a table row); `adjacent` when no other words stand between it and the line before.
    Lines without digits are never looked at."""
    start = 0
    previous_end = -1
    blank_since = True
    """Whether only blank lines stand between the line and the last line with a digit."""
    for line in text.split("\n"):
        end = start + len(line)
        if line and has_digit(line):
            adjacent = previous_end >= 0 and blank_since
            previous_end, blank_since = end, True
            # A "line" longer than any paragraph (a table flattened into one line) is read in
            # pieces, cut at a space, so no step has to take all of it at once.
            while end - start > MAX_LINE_CHARS:
                cut = text.rfind(" ", start + MAX_LINE_CHARS // 2, start + MAX_LINE_CHARS)
                cut = cut if cut > start else start + MAX_LINE_CHARS
                yield start, cut, adjacent
                start, adjacent = cut, True
            yield start, end, adjacent
        elif line and not line.isspace():
            blank_since = False
        start = end + 1


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text[start:end]`, as offsets into `text`."""
    found = []
    begin = start
    for match in _END.finditer(text, start, end):
        tail = text[max(begin, match.start() - 12) : match.start()].rsplit(None, 1)
        word = tail[-1].casefold() if tail else ""
        # "e.g. Derby", "No. 5", an initial ("J. Smith"): not the end of a sentence.
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        found.append((begin, match.start() + 1))
        begin = match.end()
    if begin < end:
        found.append((begin, end))
    # "... easy to find. 68.1%": a figure standing alone after a full stop belongs to the
    # sentence before it (a table row in PDF text).
    merged: list[tuple[int, int]] = []
    for span in found:
        # Most sentences start with a letter: only the others are searched for one.
        if merged and not text[span[0]].isalpha() and not _LETTER.search(text, *span):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged
