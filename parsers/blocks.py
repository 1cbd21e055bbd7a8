"""Cut cleaned lines into blocks (paragraphs, headings, lists) and reflow a block's lines.

Scraped web text has one paragraph per line; PDF text breaks sentences over lines and often
puts a blank line after every line. A block is what a reader would call a paragraph: the
parsers look for headings at the start of blocks, and section text is blocks reflowed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*$")
_BULLET = re.compile(r"^(?:[-*+•●▪◦–]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+|•)")
_SEPARATOR = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|(?:\* ){2,}\*|={3,})$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_TABLE_ROW_END = re.compile(r"(?:\s(?:[-–*]|[£$]?\d[\d,.]*%?|n/?a)){2,}\s*$", re.I)
_BULLET_STARTS = frozenset("-*+•●▪◦–0123456789")
_FIGURE_ENDS = frozenset("0123456789%-–*aA")


class Line(NamedTuple):
    """One non-blank input line. (A NamedTuple: there are thousands per document, and
    building a frozen dataclass costs several times more.)"""

    number: int
    """1-based line of the input."""
    text: str
    """The line's words: markdown heading marks removed, whitespace collapsed."""
    heading: int = 0
    """Markdown heading level (0 when the line is not a `#` heading)."""
    bullet: bool = False
    """The line starts a list item."""
    indent: bool = False
    """The line was indented: in PDF text, the first line of a page or a paragraph."""


class Block:
    """Lines that belong together: a paragraph, a list, or a heading.

    A plain class with slots: parsers read `text` of thousands of blocks, and a
    `functools.cached_property` takes a lock on every read (Python 3.11)."""

    __slots__ = ("_reflowed", "lines")

    def __init__(self, lines: tuple[Line, ...]) -> None:
        self.lines = lines
        self._reflowed: tuple[str, list[tuple[int, int]]] | None = None

    def __repr__(self) -> str:
        return f"Block(lines={self.lines!r})"

    @property
    def line(self) -> int:
        return self.lines[0].number

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def reflowed(self) -> tuple[str, list[tuple[int, int]]]:
        """The block's lines reflowed into running text, with its line map (computed once)."""
        if self._reflowed is None:
            self._reflowed = reflow(self.lines)
        return self._reflowed

    @property
    def text(self) -> str:
        return self.reflowed[0]


def classify(number: int, text: str) -> Line | None:
    """A cleaned line as a Line, or None when it carries no words (blank, `---`)."""
    indent = text.startswith(" ")
    text = text.strip()
    if not text:
        return None
    start = text[0]
    if start in "-*_=" and _SEPARATOR.match(text):
        return None
    if start == "#":
        heading = _HEADING.match(text)
        if heading:
            words = heading.group(2).strip()
            return Line(number, words, len(heading.group(1))) if words else None
    # Cheap first-character test before the regex: most lines are not list items.
    maybe_bullet = start in _BULLET_STARTS or text[1:2] in (".", ")")
    bullet = maybe_bullet and _BULLET.match(text) is not None
    return Line(number, text, 0, bullet, indent)


_MARKED_STARTS = frozenset("-*_=#") | _BULLET_STARTS
"""First characters `classify` looks at twice: a separator, a `#` heading or a list item.
(A line starting with anything else is plain unless its second character is '.' or ')'.)"""
_new_line = tuple.__new__
"""Line's own constructor is Python code; tuple.__new__ builds the same Line in C."""


def classify_all(cleaned: Sequence[str]) -> list[Line | None]:
    """`classify` for each line (line N at index N-1). Most lines are blank or plain: those
    are made here, without a Python call per line."""
    return [
        None
        if not stripped
        else _new_line(Line, (number, stripped, 0, False, text[:1] == " "))
        if stripped[0] not in _MARKED_STARTS and stripped[1:2] not in (".", ")")
        else classify(number, text)
        for number, text in enumerate(cleaned, start=1)
        for stripped in (text.strip(),)
    ]


def layout(lines: Sequence[Line | None], width: int) -> str:
    """How the text was laid out: `double`, `wrapped` or `unwrapped`.

    - `double`: PDF text with a blank line after every line; blank lines do not end paragraphs.
    - `wrapped`: sentences broken over lines; a blank line ends a paragraph.
    - `unwrapped`: web text, one paragraph per line.

    Told apart by how often the line after a line break, or after a single blank line, carries
    on a sentence (starts in lower case).
    """
    singles = singles_carried = directs = directs_carried = 0
    for here, gap, after in zip(lines, lines[1:], lines[2:], strict=False):
        if here is not None and gap is None and after is not None:
            singles += 1
            singles_carried += _carries_on(after.text)
    for here, after in pairwise(lines):
        if here is not None and after is not None and not (here.heading or after.heading):
            directs += 1
            directs_carried += _carries_on(after.text)
    non_blank = sum(1 for line in lines if line is not None)
    if non_blank >= 8 and singles >= 0.5 * non_blank and singles_carried >= 0.2 * singles:
        return "double"
    if directs and directs_carried >= 0.15 * directs and width <= 200:
        return "wrapped"
    return "unwrapped"


def _carries_on(text: str) -> bool:
    """A line that carries on a sentence: it starts in lower case or with a bracket."""
    first = text[:1]
    return first.islower() or first == "("


def typical_width(lines: Sequence[Line | None]) -> int:
    """The width text was wrapped at: the 90th percentile of line lengths."""
    lengths = sorted(len(line.text) for line in lines if line is not None)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def _ends_paragraph(text: str, width: int) -> bool:
    """In double-spaced text, whether a line before a single blank line ends its paragraph."""
    if len(text) < 0.6 * width:
        return True
    return bool(_SENTENCE_END.search(text)) and len(text) < 0.85 * width


@dataclass(frozen=True, slots=True)
class Segments:
    """A text cut into blocks, and how it was laid out."""

    blocks: list[Block]
    layout: str
    """`double`, `wrapped` or `unwrapped` (see `layout`)."""
    width: int
    """The width lines are wrapped at (90th percentile of line lengths)."""


def segment(cleaned: Sequence[str]) -> Segments:
    """Cleaned lines (line N at index N-1) cut into blocks, in order."""
    lines = classify_all(cleaned)
    width = typical_width(lines)
    mode = layout(lines, width)
    if mode == "unwrapped":  # web text: every line is a block of its own
        return Segments([Block((line,)) for line in lines if line is not None], mode, width)
    blocks: list[Block] = []
    current: list[Line] = []
    blanks = 0
    for index, line in enumerate(lines):
        if line is None:
            blanks += 1
            continue
        # In double-spaced text a line with no blank line after it is a heading over its text.
        grouped = mode == "double" and index + 1 < len(lines) and lines[index + 1] is not None
        if current and (
            _breaks(current[-1], line, blanks, mode, width) or (grouped and blanks > 0)
        ):
            blocks.append(Block(tuple(current)))
            current = []
        current.append(line)
        blanks = 0
    if current:
        blocks.append(Block(tuple(current)))
    return Segments(blocks, mode, width)


def _breaks(previous: Line, line: Line, blanks: int, mode: str, width: int) -> bool:
    if line.heading or previous.heading:
        return True
    if mode == "wrapped":
        # A list starts its own block; a wrapped list item carries on in it. An indented line
        # that starts a sentence starts a paragraph (or a page of PDF text).
        return (
            blanks > 0
            or (line.bullet and not previous.bullet)
            or (line.indent and line.text[:1].isupper())
        )
    if blanks >= 2:
        return True
    if blanks == 1:
        return _ends_paragraph(previous.text, width)
    return False


def _joiner(previous: str, line: Line) -> str:
    if line.bullet:
        return "\n"
    # A table row ends in figures; test the last character before the costlier regex.
    if previous[-1] in _FIGURE_ENDS and _TABLE_ROW_END.search(previous[-80:]):
        return "\n"
    if (
        len(previous) > 1
        and previous[-1] == "-"
        and previous[-2].isalpha()
        and line.text[:1].islower()
    ):
        return ""  # a word broken at a hyphen: keep the hyphen, drop the space
    return " "


def reflow(lines: Sequence[Line], first_char: int = 0) -> tuple[str, list[tuple[int, int]]]:
    """Lines joined into running text, list items and table rows kept on lines of their own.

    Returns the text and (offset, line number) where each line's words start. `first_char`
    skips the start of the first line (a heading glued to its paragraph).
    """
    if len(lines) == 1:  # most blocks are one line: no joining to decide
        text = lines[0].text[first_char:].lstrip()
        return (text, [(0, lines[0].number)]) if text else ("", [])
    parts: list[str] = []
    line_map: list[tuple[int, int]] = []
    length = 0
    previous = ""
    for index, line in enumerate(lines):
        text = line.text[first_char:].lstrip() if index == 0 else line.text
        if not text:
            continue
        if parts:
            joiner = _joiner(previous, line)
            parts.append(joiner)
            length += len(joiner)
        line_map.append((length, line.number))
        parts.append(text)
        length += len(text)
        previous = text
    return "".join(parts), line_map
