"""A council figure being put together: its number, where it stands, its comparators."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Comparator
from .numbers import Number
from .sentences import Sentence


@dataclass(slots=True)
class Line:
    """A line of a section's text (a paragraph, a list item, a table row) with figures in it:
    what is worked out once for all its figures."""

    start: int
    end: int
    low: str
    """`text[start:end]` lower-cased (offsets stay those of the text)."""
    sources: list[list[str]] | None
    """Per sentence of the line, the sources it names (None: it names none)."""


@dataclass(slots=True)
class Figure:
    """A council figure being put together."""

    number: Number
    sentence: Sentence
    line: Line
    position: int
    """Which sentence of its line the figure stands in."""
    left: int
    right: int
    """The words around the figure: from the number before it to the number after it."""
    comparators: list[tuple[Comparator, bool]] = field(default_factory=list)
    """(comparator, whether the report calls the difference not real), in the text's order."""
