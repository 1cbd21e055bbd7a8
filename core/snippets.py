"""A line of a section's text to show in a list of search results, with the matches marked."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from carecompare.words import WordTable, spans_in, word_table

Span = tuple[int, int]
"""(start, end) character offsets of a matched word."""

SNIPPET_CHARS = 160
"""About two lines of a result list."""
SNIPPET_WORDS = 18
"""Words that fit in a snippet after its lead: matches further apart are not all shown."""
LEAD_CHARS = 40
"""Text shown before the first match, so the line does not open on it cold."""


class Snippet(NamedTuple):
    """A piece of a section's text on one line."""

    text: str
    spans: tuple[Span, ...]
    """The matched words in `text`."""
    match: int | None
    """Where the match the snippet is built around stands in the section's text."""


@lru_cache(maxsize=4096)
def surface(term: str) -> re.Pattern[str]:
    """How a term can be written in a text: any case, an apostrophe between any two letters
    ("peoples" finds "people’s"), not inside a longer word."""
    letters = "['’]?".join(map(re.escape, term))
    return re.compile(r"(?<![^\W_])" + letters + r"(?![^\W_])", re.IGNORECASE)


def find_occurrence(text: str, term: str, occurrence: int) -> int | None:
    """The offset where `term` stands for the `occurrence`-th time (from 0) in `text`."""
    lowered = text.lower()
    if len(lowered) == len(text):
        # Plain search first: str.find runs far faster than a regex that allows apostrophes.
        at, seen, size = -1, 0, len(term)
        while (at := lowered.find(term, at + 1)) >= 0:
            end = at + size
            if (at == 0 or not lowered[at - 1].isalnum()) and (
                end == len(lowered) or not lowered[end].isalnum()
            ):
                if seen == occurrence:
                    return at
                seen += 1
    found = next(islice(surface(term).finditer(text), occurrence, None), None)
    return found.start() if found else None


def window(text: str, at: int | None) -> tuple[int, int]:
    """(start, end) of about SNIPPET_CHARS of `text` from a little before offset `at` (from
    the start if None), beginning and ending between words."""
    start = 0
    if at is not None and at > LEAD_CHARS:
        space = text.find(" ", at - LEAD_CHARS, at)
        start = space + 1 if space >= 0 else at
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    return start, end


def snippet(
    text: str, at: int | None, terms: frozenset[str], table: WordTable | None = None
) -> Snippet:
    """The window of `text` around offset `at` on one line, with the words in `terms`
    marked; `table` is `word_table` of that window when the caller has it already."""
    if not text:
        return Snippet("", (), None)
    start, end = window(text, at)
    # Line breaks made spaces: the same length, so spans found in the text are the spans shown.
    body = text[start:end].replace("\n", " ")
    lead = "… " if start else ""
    tail = " …" if end < len(text) else ""
    found = spans_in(table or word_table(body), terms) if terms else []
    spans = tuple((a + len(lead), b + len(lead)) for a, b in found)
    return Snippet(lead + body + tail, spans, at)
