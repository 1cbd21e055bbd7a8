"""Whether a number is a figure at all, decided cheaply before a Metric is built for it.

`find_numbers` already leaves out what a number's own few characters say is not a figure
(years, dates, ages, identifiers). What is left out here needs the line or the sentence:

- list numbering: "1. Self-determination" at the start of a line, "10 Safety of premises 11
  Staffing 12 ..." (a numbered list run into one line);
- organisational structure: "19 electoral wards", "5 assistant directors" (metrics.yaml
  `structure`);
- a cell of a table whose column headers are lost: "Older People £24,958 £9,855 £3,100", where
  only the first number has words of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from .lexicon import Lexicon
from .numbers import Number

MIN_OUTLINE_RUN = 3
"""Numbered items in one line that make it a numbered list run together."""
MAX_OUTLINE_NUMBER = 99
# After a list number: "1. Text", "1) Text", "1<tab>Text", "10 Safety" (a capital).
_LIST_MARK = re.compile(r"(?:[.)]?[ \t]*\t|[.)][ \t]+|[ \t]+(?=[A-Z]))(?=\S)")
_ITEM_START = re.compile(r"[ \t]+[A-Z]")
# What may stand before a list number at the start of a line: space and bullets.
_BULLETS = " \t•·▪◦‣*-–"
# Up to three words after a count, for its counted noun ("5 local authorities that ...").
_NEXT_WORDS = re.compile(r"[ \t]+([A-Za-z][\w'’]*)(?:[ \t]+([A-Za-z][\w'’]*))?")
_LETTER = re.compile(r"[A-Za-z]")


def _small_integer(number: Number) -> bool:
    quote = number.quote
    return number.unit is None and quote.isdigit() and int(quote) <= MAX_OUTLINE_NUMBER


def outline_numbers(text: str, line_start: int, numbers: Sequence[Number]) -> set[int]:
    """Starts of the numbers of a line that number the items of a list, not figures."""
    found: set[int] = set()
    if not numbers:
        return found
    first = numbers[0]
    if (
        _small_integer(first)
        and not text[line_start : first.start].strip(_BULLETS)
        and _LIST_MARK.match(text, first.end) is not None
    ):
        found.add(first.start)
    # "09 Management of medicines 10 Safety of premises 11 Staffing": items numbered in order.
    items = [n for n in numbers if _small_integer(n) and _ITEM_START.match(text, n.end) is not None]
    if len(items) >= MIN_OUTLINE_RUN and all(
        int(a.quote) < int(b.quote) for a, b in pairwise(items)
    ):
        found.update(n.start for n in items)
    return found


def counts_structure(text: str, number: Number, lex: Lexicon) -> bool:
    """Whether a bare number counts parts of an organisation or a plan ("19 electoral wards",
    "5 local authorities that volunteered", "3 priorities"), not something a statistic is
    about."""
    if number.unit is not None:
        return False
    words = _NEXT_WORDS.match(text, number.end)
    if words is None:
        return False
    first, second = (_folded(word) for word in words.groups())
    structure = lex.structure
    return first in structure or (
        bool(second) and (second in structure or f"{first} {second}" in structure)
    )


def _folded(word: str | None) -> str:
    """A word in the lexicon's normal form (lower case, no apostrophes)."""
    return word.lower().replace("'", "").replace("’", "") if word else ""


def wordless(text: str, left: int, number: Number, right: int, sentence_start: int) -> bool:
    """Whether a number after another one has no words of its own between them and the next
    (a table cell whose column header the text has lost). `left`, `right`: where its words
    could start and end (the numbers beside it, else the sentence's ends)."""
    return (
        left > sentence_start
        and _LETTER.search(text, left, number.start) is None
        and _LETTER.search(text, number.end, right) is None
    )
