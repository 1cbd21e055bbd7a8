"""The scorecard screen: every document's rating and statement scores; sort by any column,
mark documents with space and compare them with Enter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from carecompare.parsers import Document
from carecompare.scorecard import (
    ScoreColumn,
    document_date,
    kind_label,
    rating_rank,
    score_columns,
    sort_order,
)
from carecompare.tui.grid import Grid, fit_widths
from carecompare.tui.keys import SCORECARD_KEYS
from carecompare.tui.pane_layout import Line, score_badge

MARK = 0
"""The mark column comes first; the score columns follow it."""
LIMITS = {"council": 34, "rating": 24}
"""Widest a column may grow (long names are cut with …)."""


def scorecard_cells(document: Document, columns: Sequence[ScoreColumn], marked: bool) -> list[Line]:
    """A document's row: mark, council, kind, date, rating, and a badge per statement."""
    rank = rating_rank(document.rating)
    rating = document.rating or "–"
    if document.indicative and document.rating:
        rating += " (indicative)"
    cells: list[Line] = [
        (("✓", "marked"),) if marked else (),
        ((document.name, "marked" if marked else "text"),),
        ((kind_label(document.kind), "note"),),
        ((document_date(document) or "–", "note"),),
        ((rating, f"rating-{rank}" if rank else "rating-none"),),
    ]
    for column in columns[4:]:
        assert column.statement is not None
        score = document.scores.get(column.statement.id)
        cells.append(score_badge(score, False) if score else (("  ·", "score-none"),))
    return cells


class ScorecardScreen(Screen[tuple[int, ...] | None]):
    """Documents as rows; dismisses with the indexes of the documents to compare."""

    BINDINGS = SCORECARD_KEYS
    AUTO_FOCUS = "#scorecard-grid"

    def __init__(self, documents: Sequence[Document], marked: Iterable[int] = ()) -> None:
        super().__init__(id="scorecard")
        self.documents = tuple(documents)
        self.marked: set[int] = set(marked)
        """Indexes (into documents) of the documents marked for comparison."""
        self.columns = score_columns()
        self.order: list[int] = list(range(len(self.documents)))
        """Indexes of the documents in the order shown."""
        self.sorted_by: tuple[str, bool] | None = None
        """(column id, descending) of the last sort."""

    def compose(self) -> ComposeResult:
        yield Static(id="scorecard-status", markup=False)
        yield Grid(id="scorecard-grid")
        yield Footer()

    @property
    def grid(self) -> Grid:
        return self.query_one("#scorecard-grid", Grid)

    def on_mount(self) -> None:
        self._fill()

    # -- drawing -----------------------------------------------------------------------------

    def _header(self) -> list[Line]:
        header: list[Line] = [(("✓", "heading"),)]
        for column in self.columns:
            title = column.title
            if self.sorted_by and self.sorted_by[0] == column.id:
                title += " ▼" if self.sorted_by[1] else " ▲"
            header.append(((title, "heading"),))
        return header

    def _fill(self) -> None:
        """(Re)draw the rows in `order`, keeping the cursor on the same document."""
        grid = self.grid
        current = self.order_at(grid.cursor_row)
        rows = [
            scorecard_cells(self.documents[i], self.columns, i in self.marked) for i in self.order
        ]
        header = self._header()
        limits = [None] + [LIMITS.get(c.id) for c in self.columns]
        grid.set_table(header, rows, fit_widths(header, rows, limits), fixed=2)
        if current is not None:
            grid.move_cursor(row=self.order.index(current))
        self._update_status()

    def _update_status(self) -> None:
        count = len(self.documents)
        status = Text(f"{count} document{'s' if count != 1 else ''}")
        status.append(f" · {len(self.marked)} marked")
        if self.sorted_by:
            column = next(c for c in self.columns if c.id == self.sorted_by[0])
            status.append(f" · sorted by {column.title} {'▼' if self.sorted_by[1] else '▲'}")
        status.append("   space marks · Enter compares the marked (or this one) · [ ] sort")
        self.query_one("#scorecard-status", Static).update(status)

    def order_at(self, row: int) -> int | None:
        """The document index shown in a row."""
        return self.order[row] if 0 <= row < len(self.order) else None

    def _redraw_marks(self, indexes: Iterable[int]) -> None:
        position = {index: row for row, index in enumerate(self.order)}
        for index in indexes:
            cells = scorecard_cells(self.documents[index], self.columns, index in self.marked)
            self.grid.set_row(position[index], cells)
        self._update_status()

    # -- keys --------------------------------------------------------------------------------

    def action_cursor(self, direction: str) -> None:
        rows, columns = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}[direction]
        self.grid.action_move(rows, columns)

    def action_mark(self) -> None:
        index = self.order_at(self.grid.cursor_row)
        if index is None:
            return
        self.marked.symmetric_difference_update({index})
        self._redraw_marks([index])
        self.grid.action_move(1, 0)

    def action_mark_all(self) -> None:
        everything = set(range(len(self.documents)))
        changed = everything if self.marked == everything else everything - self.marked
        self.marked = set() if self.marked == everything else everything
        self._redraw_marks(changed)

    def action_compare(self) -> None:
        """Compare the marked documents in the order shown; with none marked, this one."""
        if self.marked:
            self.dismiss(tuple(index for index in self.order if index in self.marked))
            return
        index = self.order_at(self.grid.cursor_row)
        if index is None:
            self.app.bell()
            return
        self.dismiss((index,))

    def _column_at_cursor(self) -> ScoreColumn | None:
        column = self.grid.cursor_column - 1  # the mark column comes first
        return self.columns[column] if 0 <= column < len(self.columns) else None

    def sort_by(self, column: ScoreColumn | None, descending: bool) -> None:
        """Sort the rows by a column (None: the marked documents first)."""
        if column is None:
            marked = [i for i in self.order if i in self.marked]
            self.order = marked + [i for i in self.order if i not in self.marked]
            self.sorted_by = None
        else:
            self.order = sort_order(self.documents, column, descending)
            self.sorted_by = (column.id, descending)
        self._fill()

    def action_sort(self, descending: bool) -> None:
        self.sort_by(self._column_at_cursor(), descending)

    def action_column(self, number: int) -> None:
        """Move the cursor to statement `number`'s column."""
        for place, column in enumerate(self.columns):
            if column.statement is not None and column.statement.number == number:
                self.grid.move_cursor(column=place + 1)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Grid.HeaderClicked)
    def _header_clicked(self, event: Grid.HeaderClicked) -> None:
        """Clicking a column's title sorts by it (scores highest first); again reverses."""
        self.grid.move_cursor(column=event.column)  # first, so the sort keeps it in view
        column = self.columns[event.column - 1] if event.column > 0 else None
        if column is None:
            self.sort_by(None, False)
            return
        if self.sorted_by and self.sorted_by[0] == column.id:
            descending = not self.sorted_by[1]
        else:
            descending = column.numeric
        self.sort_by(column, descending)

    @on(Grid.CellClicked)
    def _cell_clicked(self, event: Grid.CellClicked) -> None:
        """A click on the mark column marks or unmarks the document."""
        if event.column == MARK:
            index = self.order_at(event.row)
            if index is not None:
                self.marked.symmetric_difference_update({index})
                self._redraw_marks([index])
