"""The scorecard screen: every document's rating and statement scores; sort by any column,
mark documents with space and compare them with Enter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.widgets.data_table import ColumnKey

from carecompare.parsers import Document
from carecompare.scorecard import (
    ScoreColumn,
    document_date,
    rating_rank,
    score_columns,
    sort_order,
)
from carecompare.tui.keys import SCORECARD_KEYS
from carecompare.tui.pane_layout import score_badge
from carecompare.tui.tables import RoleTable

KIND_LABELS = {
    "cqc_assessment": "CQC",
    "annual_report": "Annual",
    "ofsted_children": "Ofsted",
    "other": "Other",
}
MARK_COLUMN = "mark"


class ScorecardScreen(Screen[tuple[int, ...] | None]):
    """Documents as rows; dismisses with the indexes of the documents to compare."""

    BINDINGS = SCORECARD_KEYS
    AUTO_FOCUS = "#scorecard-table"

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
        yield RoleTable(id="scorecard-table")
        yield Footer()

    @property
    def table(self) -> RoleTable:
        return self.query_one("#scorecard-table", RoleTable)

    def on_mount(self) -> None:
        table = self.table
        table.add_column(Text("✓"), key=MARK_COLUMN)
        for column in self.columns:
            table.add_column(Text(column.title), key=column.id)
        self._fill()

    # -- drawing -----------------------------------------------------------------------------

    def _cells(self, index: int) -> list[Text]:
        table = self.table
        document = self.documents[index]
        marked = index in self.marked
        council_role = "marked" if marked else "text"
        rank = rating_rank(document.rating)
        rating = document.rating or "–"
        if document.indicative and document.rating:
            rating += " (indicative)"
        cells = [
            table.plain("✓" if marked else " ", "marked"),
            table.plain(document.name, council_role),
            table.plain(KIND_LABELS.get(document.kind, document.kind), "note"),
            table.plain(document_date(document) or "–", "note"),
            table.plain(rating, f"score-{rank}" if rank else "rating-none"),
        ]
        for column in self.columns[4:]:
            assert column.statement is not None
            score = document.scores.get(column.statement.id)
            if score is None:
                cells.append(table.plain("·", "score-none"))
            else:
                cells.append(table.text(score_badge(score, False)))
        return cells

    def _fill(self) -> None:
        """(Re)draw the rows in `order`, keeping the cursor on the same document and column."""
        table = self.table
        row, column = table.cursor_coordinate
        current = self.order_at(row)
        table.clear()
        for index in self.order:
            table.add_row(*self._cells(index), key=str(index))
        if current is not None:
            table.move_cursor(row=self.order.index(current), column=column, animate=False)
        self._update_labels()
        self._update_status()

    def _update_labels(self) -> None:
        table = self.table
        for column in self.columns:
            label = Text(column.title)
            if self.sorted_by and self.sorted_by[0] == column.id:
                label.append(" ▼" if self.sorted_by[1] else " ▲")
            table.columns[ColumnKey(column.id)].label = label
        table.refresh()

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
        """The document index shown in a table row."""
        return self.order[row] if 0 <= row < len(self.order) else None

    # -- keys --------------------------------------------------------------------------------

    def action_cursor(self, direction: str) -> None:
        getattr(self.table, f"action_cursor_{direction}")()

    def action_mark(self) -> None:
        row = self.table.cursor_coordinate.row
        index = self.order_at(row)
        if index is None:
            return
        self.marked.symmetric_difference_update({index})
        table = self.table
        for column_key, cell in zip(
            (MARK_COLUMN, self.columns[0].id), self._cells(index)[:2], strict=True
        ):
            table.update_cell(str(index), column_key, cell)
        table.action_cursor_down()
        self._update_status()

    def action_mark_all(self) -> None:
        everything = set(range(len(self.documents)))
        self.marked = set() if self.marked == everything else everything
        self._fill()

    def action_compare(self) -> None:
        """Compare the marked documents in the order shown; with none marked, this one."""
        if self.marked:
            self.dismiss(tuple(index for index in self.order if index in self.marked))
            return
        index = self.order_at(self.table.cursor_coordinate.row)
        if index is None:
            self.app.bell()
            return
        self.dismiss((index,))

    def _column_at_cursor(self) -> ScoreColumn | None:
        column = self.table.cursor_coordinate.column - 1  # the mark column comes first
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
        table = self.table
        for place, column in enumerate(self.columns):
            if column.statement is not None and column.statement.number == number:
                table.move_cursor(column=place + 1, animate=False)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        """Clicking a column's header sorts by it; clicking again reverses the sort."""
        column = next((c for c in self.columns if c.id == event.column_key.value), None)
        if column is None:
            self.sort_by(None, False)
            return
        if self.sorted_by and self.sorted_by[0] == column.id:
            descending = not self.sorted_by[1]
        else:
            descending = column.numeric
        self.sort_by(column, descending)
        self.table.move_cursor(column=event.column_index, animate=False)

    @on(DataTable.CellSelected)
    def _cell_clicked(self, event: DataTable.CellSelected) -> None:
        """A click on the mark column marks the document (Enter is the screen's)."""
        if event.coordinate.column == 0:
            self.table.move_cursor(row=event.coordinate.row)
            self.action_mark()
