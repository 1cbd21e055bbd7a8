"""The metrics view: one row per aligned measure, a column per compared council plus the
national figure, each cell with its gap indicator; sort by gap, filter by statement, and
Enter goes to the figure in the comparison."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from carecompare.gaps import BEST, WORST, gap_indicator, rank_mark
from carecompare.metric_align import MetricRow, align_metrics
from carecompare.parsers import Document
from carecompare.parsers.knowledge import taxonomy
from carecompare.tui.grid import Grid, fit_widths
from carecompare.tui.keys import METRICS_KEYS
from carecompare.tui.pane_layout import Line, Span

FIXED = ("statement", "figure", "national")
"""The columns before the councils'."""
FIGURE_WIDTH, COUNCIL_WIDTH = 32, 28


def metric_cell(row: MetricRow, document: int) -> Line:
    """A council's figure for a measure with its gap indicator and best/worst mark."""
    metric = row.first(document)
    if metric is None:
        return (("–", "empty-note"),)
    indicator = gap_indicator(metric)
    spans: list[Span] = [(indicator.value, "value")]
    if indicator.gap:
        verdict = indicator.verdict
        spans += [
            (" ", "text"),
            (f"{indicator.arrow} {indicator.gap}", verdict),
            (" ", "text"),
            (indicator.bar, verdict),
            (" ", "text"),
            (indicator.symbol, verdict),
        ]
    else:
        spans.append((f" {indicator.symbol}", "unknown"))
    best, worst = row.best_and_worst()
    mark = rank_mark(document, best, worst)
    if mark:  # the symbol only: the status line says what it means
        spans += [(" ", "text"), (mark.split()[0], "best" if mark == BEST else "worst")]
    return tuple(spans)


def sort_rows(rows: Sequence[MetricRow], column: str, descending: bool) -> list[MetricRow]:
    """Rows sorted by a column: `figure` (label), `national`, `statement` (framework order),
    `gap` (largest distance from a comparator) or `doc-N` (council N's signed gap). Rows
    without a value for the column come last."""
    order = {s.id: s.number for s in taxonomy().statements}

    def value(row: MetricRow):
        if column == "figure":
            return row.label.casefold()
        if column == "national":
            return row.national
        if column == "statement":
            return order.get(row.statement or "")
        if column == "gap":
            return row.largest_gap if any(m.gap is not None for c in row.cells for m in c) else None
        if column.startswith("doc-"):
            metric = row.first(int(column[4:]))
            return metric.gap if metric is not None else None
        raise KeyError(column)

    present = [row for row in rows if value(row) is not None]
    missing = [row for row in rows if value(row) is None]
    present.sort(key=value, reverse=descending)
    return present + missing


class MetricsScreen(Screen[tuple[int, int] | None]):
    """The compared documents' figures; dismisses with (document, metric) to go to."""

    BINDINGS = METRICS_KEYS
    AUTO_FOCUS = "#metrics-grid"

    def __init__(self, documents: Sequence[Document], focused: int = 0) -> None:
        super().__init__(id="metrics")
        self.documents = tuple(documents)
        self.rows: tuple[MetricRow, ...] = align_metrics(self.documents)
        """Every aligned measure, framework order."""
        self.shown: list[MetricRow] = list(self.rows)
        """The rows on screen, in their order."""
        self.statement: str | None = None
        """The statement the rows are filtered to, or None for all."""
        self.sorted_by: tuple[str, bool] | None = None
        self._focused = focused

    def compose(self) -> ComposeResult:
        yield Static(id="metrics-status", markup=False)
        yield Grid(id="metrics-grid")
        yield Static(id="metrics-empty", markup=False)
        yield Footer()

    @property
    def grid(self) -> Grid:
        return self.query_one("#metrics-grid", Grid)

    @property
    def column_ids(self) -> list[str]:
        """`statement`, `figure`, `national`, then `doc-N` for each council."""
        return [*FIXED, *(f"doc-{i}" for i in range(len(self.documents)))]

    def on_mount(self) -> None:
        self._fill()
        if self.rows:
            self.grid.move_cursor(column=len(FIXED) + self._focused)
        else:
            self.query_one("#metrics-empty", Static).update(
                Text(
                    "No figures were found in the compared documents. Figures are the "
                    "numbers a report cites for the council, with the national average "
                    "or other comparators stated beside them."
                )
            )
        self.set_class(not self.rows, "-empty")

    def _fill(self) -> None:
        numbers = {s.id: s.number for s in taxonomy().statements}
        header: list[Line] = [
            (("#", "heading"),),
            (("Figure", "heading"),),
            (("National", "heading"),),
            *(((document.name, "heading"),) for document in self.documents),
        ]
        if self.sorted_by:
            at = self.column_ids.index(self.sorted_by[0]) if self.sorted_by[0] != "gap" else None
            if at is not None:
                header[at] = header[at] + ((" ▼" if self.sorted_by[1] else " ▲", "heading"),)
        rows: list[list[Line]] = []
        for row in self.shown:
            national = row.national
            rows.append(
                [
                    ((str(numbers.get(row.statement or "", "–")), "note"),),
                    ((row.label, "figure-label"),),
                    (("–" if national is None else f"{national:g}", "note"),),
                    *(metric_cell(row, i) for i in range(len(self.documents))),
                ]
            )
        limits = [None, FIGURE_WIDTH, None] + [COUNCIL_WIDTH] * len(self.documents)
        self.grid.set_table(header, rows, fit_widths(header, rows, limits), fixed=2)
        self._update_status()

    def _update_status(self) -> None:
        status = Text(f"{len(self.shown)} of {len(self.rows)} figures")
        if self.statement:
            title = taxonomy().statement_by_id[self.statement].title
            status.append(f" · statement: {title}")
        if self.sorted_by:
            status.append(f" · sorted by {self.sorted_by[0]} {'▼' if self.sorted_by[1] else '▲'}")
        status.append(f"   {BEST} · {WORST} of the councils · g sort by gap · 1-9 filter · 0 all")
        self.query_one("#metrics-status", Static).update(status)

    def _apply(self) -> None:
        rows = [r for r in self.rows if self.statement is None or r.statement == self.statement]
        if self.sorted_by:
            rows = sort_rows(rows, *self.sorted_by)
        self.shown = rows
        self._fill()

    # -- keys --------------------------------------------------------------------------------

    def action_cursor(self, direction: str) -> None:
        rows, columns = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}[direction]
        self.grid.action_move(rows, columns)

    def action_sort_gap(self) -> None:
        self.sorted_by = None if self.sorted_by == ("gap", True) else ("gap", True)
        self._apply()

    def action_sort(self, descending: bool) -> None:
        self.sorted_by = (self.column_ids[self.grid.cursor_column], descending)
        self._apply()

    def action_filter(self, number: int) -> None:
        statement = next((s.id for s in taxonomy().statements if s.number == number), None)
        self.statement = statement
        self._apply()

    def action_jump(self) -> None:
        """Go to the cursor's council's figure (on another column: the first council's)."""
        position, column = self.grid.cursor_row, self.grid.cursor_column
        if not 0 <= position < len(self.shown):
            self.app.bell()
            return
        row = self.shown[position]
        council = column - len(FIXED)
        candidates = [council] if 0 <= council < len(self.documents) else []
        candidates += [i for i in range(len(self.documents)) if i not in candidates]
        for document in candidates:
            metric = row.first(document)
            if metric is not None:
                metrics = self.documents[document].metrics
                index = next(i for i, m in enumerate(metrics) if m is metric)
                self.dismiss((document, index))
                return
        self.app.bell()

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Grid.HeaderClicked)
    def _header_clicked(self, event: Grid.HeaderClicked) -> None:
        """Clicking a title sorts by that column (a council's: by its gap); again reverses."""
        self.grid.move_cursor(column=event.column)  # first, so the sort keeps it in view
        column = self.column_ids[event.column]
        descending = column.startswith("doc-") or column == "national"
        if self.sorted_by and self.sorted_by[0] == column:
            descending = not self.sorted_by[1]
        self.sorted_by = (column, descending)
        self._apply()
