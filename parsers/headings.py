"""Where a heading may stand in a block, and what an unknown heading looks like."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .blocks import Block, Line

MAX_HEADING_LINES = 5
"""A heading broken over more lines than this is taken for a paragraph."""
MAX_HEADING_CHARS = 220

_TRAILING = " \t:–—-"
"""Characters a heading may end with that are not part of its title."""
_ENDS_CLAUSE = re.compile(r"[.,;:]['\"”’)]*$")
_NUMERIC_ONLY = re.compile(r"^[\d\s,.%£$()/+-]*$")
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-Z]")
_THREE_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_].*?[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Cut:
    """Where a heading ends in a block: after `lines` whole lines, then `chars` more characters
    of the next line (for a heading glued to its paragraph)."""

    lines: int
    chars: int = 0

    def rest(self, block: Block) -> tuple[tuple[Line, ...], int]:
        """The lines after the heading, and how much of the first of them to skip."""
        return block.lines[self.lines :], self.chars


def heading_text(lines: tuple[Line, ...]) -> str:
    """Heading lines as one title, without a trailing colon or dash."""
    return " ".join(line.text for line in lines).rstrip(_TRAILING).strip()


WHOLE_LINES = tuple(Cut(count) for count in range(MAX_HEADING_LINES + 1))
"""Cut(n) for each n, made once: this runs for every short block."""


def candidates(block: Block) -> Iterator[tuple[str, Cut]]:
    """Texts a heading at the start of `block` could be: its first 1..5 lines."""
    if block.first.bullet:
        return
    total = 0
    for count, line in enumerate(block.lines[:MAX_HEADING_LINES], start=1):
        total += len(line.text) + 1
        if total > MAX_HEADING_CHARS:
            return
        text = line.text if count == 1 else " ".join(each.text for each in block.lines[:count])
        yield text.rstrip(_TRAILING), WHOLE_LINES[count]


def looks_like_heading(text: str, max_words: int = 12) -> bool:
    """Short, starts with a capital, and does not end a clause: a heading nobody taught us."""
    if len(text) > 100:
        return False
    words = text.split()
    if not words or len(words) > max_words:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if _ENDS_CLAUSE.search(text) or _NUMERIC_ONLY.match(text) or _SENTENCE_INSIDE.search(text):
        return False
    return _THREE_LETTERS.search(text) is not None
