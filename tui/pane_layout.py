"""The comparison's panes as lines: each aligned row is a title band with, below it, one cell
per visible document, wrapped to its column and padded to the row's height, so the same
section stands at the same height for every council.

No Textual here: a line is a tuple of (text, role) spans; the widget maps roles to styles
from the stylesheet and draws only the lines on screen. Document text is only ever a span's
text, never markup, and passes through `safe_text` first so no control character reaches
the terminal.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, chop_cells

from carecompare.align import FURNITURE_KEY, Comparison, Row
from carecompare.gaps import BEST, gap_indicator
from carecompare.parsers.clean import safe_text
from carecompare.parsers.knowledge import taxonomy
from carecompare.reading import Figure
from carecompare.scorecard import document_date, kind_label, rating_rank
from carecompare.words import spans_of, terms

Span = tuple[str, str]
"""(text, role): the role names a style (`.role--<role>` in reader.tcss)."""
Line = tuple[Span, ...]

MIN_COLUMN_WIDTH = 24
"""Narrower than this and the columns page sideways instead."""
SEPARATOR = "│"
PADDING = 1
"""Blank cells either side of a column's text."""
EMPTY_CELL = "— not in this document"
SCORE_DOTS = {1: "●○○○", 2: "●●○○", 3: "●●●○", 4: "●●●●"}


# -- wrapping --------------------------------------------------------------------------------


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to `width` cells (at least 2, the widest a character is).
    Paragraphs (lines of `text`) stay apart with one blank line between them; a word longer
    than the width is cut."""
    width = max(2, width)
    lines: list[str] = []
    for paragraph in safe_text(text).replace("\t", " ").split("\n"):
        words = paragraph.split()
        if not words:
            if lines and lines[-1]:
                lines.append("")
            continue
        current: list[str] = []
        used = 0
        for word in words:
            size = _width(word)
            if size > width:
                if current:
                    lines.append(" ".join(current))
                pieces = chop_cells(word, width)
                lines.extend(pieces[:-1])
                current, used = [pieces[-1]], _width(pieces[-1])
            elif current and used + 1 + size > width:
                lines.append(" ".join(current))
                current, used = [word], size
            else:
                used += size + (1 if current else 0)
                current.append(word)
        if current:
            lines.append(" ".join(current))
    while lines and not lines[-1]:
        lines.pop()
    return lines


_TOKEN = re.compile(r"\S+\s*|\s+")


def wrap_spans(spans: Sequence[Span], width: int) -> list[Line]:
    """Spans laid out in lines of `width` cells, breaking between words (a word wider than a
    line is cut); spaces at the start or end of a line are dropped."""
    width = max(2, width)
    lines: list[Line] = []
    current: list[Span] = []
    used = 0

    def flush() -> None:
        nonlocal current, used
        if current:
            merged: list[Span] = []
            for text, role in current:  # neighbours in one role become one span
                if merged and merged[-1][1] == role:
                    merged[-1] = (merged[-1][0] + text, role)
                else:
                    merged.append((text, role))
            merged[-1] = (merged[-1][0].rstrip(), merged[-1][1])
            lines.append(tuple(span for span in merged if span[0]))
        current, used = [], 0

    for text, role in spans:
        for token in _TOKEN.findall(safe_text(text)):
            size = _width(token.rstrip())
            if current and used + size > width:
                flush()
            if not current:
                token = token.lstrip()
                if not token:
                    continue
                size = _width(token.rstrip())
            if size > width:
                pieces = chop_cells(token.rstrip(), width)
                lines.extend(((piece, role),) for piece in pieces[:-1])
                token = pieces[-1] + token[len(token.rstrip()) :]
                size = _width(pieces[-1])
            current.append((token, role))
            used += _width(token)
    flush()
    return lines


def highlight_terms(words: Iterable[str]) -> frozenset[str]:
    """The normal forms (`carecompare.words`) of `words`, as typed or as a search hit's
    `terms` gives them: what `mark_terms` highlights. A hyphenated word also gives its
    joined form, so "well-being" marks "well-being" whole."""
    wanted: set[str] = set()
    for word in words:
        parts, joined = terms(word)
        wanted.update(parts)
        wanted.update(joined)
    return frozenset(wanted)


def mark_terms(line: Line, wanted: frozenset[str], role: str = "match") -> Line:
    """The line with every whole word whose normal form is in `wanted` given `role` (search
    highlights: "care" marks "Care" and "care's", not "careful"). The same tuple when
    nothing matches, so callers can tell."""
    if not wanted or not line:
        return line
    text = "".join(piece for piece, _role in line)
    spans = spans_of(text, wanted)
    if not spans:
        return line
    marked: list[Span] = []
    start = 0
    for piece, piece_role in line:
        end = start + len(piece)
        at = start
        for span_start, span_end in spans:
            if span_end <= start or span_start >= end:
                continue
            first, last = max(span_start, start), min(span_end, end)
            if first > at:
                marked.append((text[at:first], piece_role))
            marked.append((text[first:last], role))
            at = last
        if at < end:
            marked.append((text[at:end], piece_role))
        start = end
    return tuple(marked)


# -- cells -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """One document's part of an aligned row, as lines of its column's text width."""

    lines: tuple[Line, ...]
    empty: bool = False
    """The document lacks this section: the cell is drawn dim."""
    figures: tuple[tuple[tuple[int, int], int, int], ...] = ()
    """(figure key, first line, end line) of each figure in `lines`."""


def score_badge(score: int | None, indicative: bool) -> Line:
    """The statement's score as a badge: the number and dots, so it reads without colour."""
    if score is None:
        return (("no score", "score-none"),)
    badge: list[Span] = [(f" {score} {SCORE_DOTS.get(score, '')} ", f"score-{score}")]
    if indicative:
        badge.append((" indicative", "note"))
    return tuple(badge)


def figure_lines(figure: Figure, width: int) -> list[Line]:
    """A figure's label, its value against the comparator, and its gap indicator."""
    metric = figure.value
    indicator = gap_indicator(metric)
    lines = [((text, "figure-label"),) for text in wrap(f"◆ {metric.label}", width)]
    value: list[Span] = [(indicator.value, "value")]
    if indicator.reference:
        value += [("  ", "note"), (f"vs {indicator.reference}", "note")]
    lines += wrap_spans(value, width)
    verdict = indicator.verdict
    if indicator.gap:
        spans: list[Span] = [
            (f"{indicator.arrow} {indicator.gap}", verdict),
            (" ", "text"),
            (indicator.bar, verdict),
            (" ", "text"),
            (f"{indicator.symbol} {verdict}", verdict),
        ]
    else:
        spans = [(f"{indicator.symbol} no comparator", "unknown")]
    if figure.rank:
        spans += [("  ", "text"), (figure.rank, "best" if figure.rank == BEST else "worst")]
    lines += wrap_spans(spans, width)
    return lines


def build_cell(
    comparison: Comparison,
    row_index: int,
    document_index: int,
    figures: Sequence[Figure],
    width: int,
) -> Cell:
    """The cell of one document in one row: score badge, text and figures."""
    row = comparison.rows[row_index]
    document = comparison.documents[document_index]
    sections = row.cells[document_index]
    is_statement = row.kind == "statement" and row.key == row.statement
    if not sections and not (is_statement and row.statement in document.scores):
        return Cell(lines=(((EMPTY_CELL, "empty-note"),),), empty=True)
    lines: list[Line] = []
    if is_statement and row.statement:
        lines.append(score_badge(document.scores.get(row.statement), document.indicative))
    for section in sections:
        if len(sections) > 1:
            lines += [((text, "heading"),) for text in wrap(section.title, width)]
        role = "furniture" if section.furniture else "text"
        lines += [((text, role),) for text in wrap(section.text, width)]
    placed = []
    for figure in figures:
        if lines:
            lines.append(())
        start = len(lines)
        lines += figure_lines(figure, width)
        placed.append((figure.key, start, len(lines)))
    return Cell(lines=tuple(lines), figures=tuple(placed))


# -- title bands -----------------------------------------------------------------------------


def title_band(comparison: Comparison, row_index: int) -> Line:
    """The row's title across all columns: what the section is, where it belongs, and (for a
    statement) whether the councils' scores differ."""
    row: Row = comparison.rows[row_index]
    title = safe_text(row.title)
    count = len(comparison.documents)
    missing = "" if row.present in (0, count) else f"  ({row.present} of {count} documents)"
    if row.key == FURNITURE_KEY:
        return ((f"▪ {title} (repeated page titles, footers)", "band-furniture"),)
    if row.kind == "theme":
        return ((f"━━ {title} ━━", "band-theme"),)
    if row.kind == "statement" and row.key == row.statement and row.statement:
        number = taxonomy().statement_by_id[row.statement].number
        spans: list[Span] = [(f"{number} · {title}", "band-statement")]
        scores = [s for s in comparison.scores(row.statement) if s is not None]
        if len(scores) > 1 and max(scores) != min(scores):
            spans.append((f"   ≠ scores differ by {max(scores) - min(scores)}", "spread"))
        return tuple(spans)
    if row.level == 0:
        return ((f"▪ {title}", "band-document"), (missing, "note"))
    return ((f"  ▸ {title}", "band-section"), (missing, "note"))


# -- the layout ------------------------------------------------------------------------------


def column_widths(width: int, count: int) -> tuple[int, ...]:
    """Widths of `count` columns sharing `width` cells with a separator between each; the
    leftover cells go to the leftmost columns."""
    if count <= 0:
        return ()
    usable = max(count, width - (count - 1))
    base, extra = divmod(usable, count)
    return tuple(base + (1 if i < extra else 0) for i in range(count))


def columns_per_page(width: int, documents: int, minimum: int = MIN_COLUMN_WIDTH) -> int:
    """How many columns of at least `minimum` cells fit (at least one, at most all)."""
    fit = max(1, (width + 1) // (minimum + 1))
    return max(1, min(documents, fit))


@dataclass(frozen=True, slots=True)
class Block:
    """One aligned row as drawn: a title band, the cells, one blank line."""

    row: int
    top: int
    height: int
    title: Line
    cells: tuple[Cell, ...]
    """One per visible column, left to right."""


@dataclass(frozen=True, slots=True)
class PaneLayout:
    """The whole comparison as lines for one page of columns at one width."""

    columns: tuple[int, ...]
    """Document indexes shown, left to right."""
    widths: tuple[int, ...]
    """Each column's width in cells (text plus padding)."""
    width: int
    blocks: tuple[Block, ...]
    tops: tuple[int, ...]
    """Each block's first line, for bisecting."""
    height: int

    def locate(self, y: int) -> tuple[Block, int] | None:
        """The block drawn at line `y` and the line within it."""
        if not self.blocks or y < 0 or y >= self.height:
            return None
        index = bisect_right(self.tops, y) - 1
        block = self.blocks[index]
        return block, y - block.top

    def row_at(self, y: int) -> int | None:
        """The comparison row drawn at line `y`."""
        found = self.locate(min(max(y, 0), self.height - 1))
        return found[0].row if found else None

    def top_of(self, row: int) -> int | None:
        """The first line of a comparison row's block."""
        for block in self.blocks:
            if block.row == row:
                return block.top
        return None

    def figure_span(self, key: tuple[int, int], row: int) -> tuple[int, int] | None:
        """Absolute (first line, end line) of a figure in its row's cell, if it is shown."""
        if key[0] not in self.columns:
            return None
        slot = self.columns.index(key[0])
        for block in self.blocks:
            if block.row == row:
                for figure_key, start, end in block.cells[slot].figures:
                    if figure_key == key:
                        return block.top + 1 + start, block.top + 1 + end
        return None

    def x_of(self, slot: int) -> int:
        """The first cell of a column."""
        return sum(self.widths[:slot]) + slot * len(SEPARATOR)

    def slot_at(self, x: int) -> int | None:
        """The column under cell `x` (None on a separator or past the end)."""
        left = 0
        for slot, width in enumerate(self.widths):
            if left <= x < left + width:
                return slot
            left += width + len(SEPARATOR)
        return None


CellCache = dict[tuple[int, int, int], Cell]
"""(row, document, text width) → Cell; valid for one Comparison and its figures."""


def build_layout(
    comparison: Comparison,
    columns: Sequence[int],
    width: int,
    figures: Mapping[tuple[int, int], Sequence[Figure]],
    cache: CellCache | None = None,
) -> PaneLayout:
    """Lay out every row for the given columns in `width` cells; cells come from `cache`
    when already wrapped at this width."""
    cache = {} if cache is None else cache
    widths = column_widths(width, len(columns))
    blocks: list[Block] = []
    tops: list[int] = []
    top = 0
    for row_index in range(len(comparison.rows)):
        cells = []
        for document_index, column_width in zip(columns, widths, strict=True):
            text_width = max(1, column_width - 2 * PADDING)
            key = (row_index, document_index, text_width)
            cell = cache.get(key)
            if cell is None:
                cell = build_cell(
                    comparison,
                    row_index,
                    document_index,
                    figures.get((row_index, document_index), ()),
                    text_width,
                )
                cache[key] = cell
            cells.append(cell)
        body = max((len(cell.lines) for cell in cells), default=0)
        height = 1 + body + 1
        blocks.append(
            Block(row_index, top, height, title_band(comparison, row_index), tuple(cells))
        )
        tops.append(top)
        top += height
    return PaneLayout(tuple(columns), widths, width, tuple(blocks), tuple(tops), top)


def header_lines(
    comparison: Comparison, columns: Sequence[int], widths: Sequence[int]
) -> list[list[Line]]:
    """For each visible column, its header: council; kind and date; rating; file name."""
    headers = []
    for document_index, width in zip(columns, widths, strict=True):
        document = comparison.documents[document_index]
        text_width = max(1, width - 2 * PADDING)
        kind = kind_label(document.kind)
        date = document_date(document) or "no date"
        rating = document.rating or "no rating"
        rank = rating_rank(document.rating)
        rating_role = f"rating-{rank}" if rank else ("rating" if document.rating else "rating-none")
        name = document.path.replace("\\", "/").rsplit("/", 1)[-1]
        lines: list[Line] = [
            ((_clip(document.name, text_width), "council"),),
            ((_clip(f"{kind} · {date}", text_width), "note"),),
            (
                (
                    _clip(rating + (" (indicative)" if document.indicative else ""), text_width),
                    rating_role,
                ),
            ),
            ((_clip(name, text_width), "path"),),
        ]
        headers.append(lines)
    return headers


def _clip(text: str, width: int) -> str:
    text = safe_text(text)
    if _width(text) <= width:
        return text
    return chop_cells(text, max(1, width - 1))[0] + "…"
