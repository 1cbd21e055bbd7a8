"""A table that draws only what is on screen: the scorecard and the metrics view.

Textual's DataTable renders every visible cell through Rich again after any change (~0.5 s
for a 200x50 screen of the scorecard on a 2-core machine, on each mark). This grid keeps
each row as one cached Strip built from (text, role) spans, draws the cursor over it, and
keeps the header as the first line so it scrolls sideways with the rows. Marking a row
redraws that row only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from carecompare.parsers.clean import safe_text
from carecompare.tui.pane_layout import Line
from carecompare.tui.roles import RoleStyles

GAP = 2
"""Blank cells between columns."""


def line_width(line: Line) -> int:
    """Cells the spans take."""
    return sum(cell_len(text) for text, _role in line)


def fit_widths(
    header: Sequence[Line], rows: Sequence[Sequence[Line]], limits: Sequence[int | None]
) -> list[int]:
    """Each column as wide as its widest cell or title, at most its limit (None: no limit)."""
    widths = [line_width(title) for title in header]
    for row in rows:
        for column, cell in enumerate(row):
            widths[column] = max(widths[column], line_width(cell))
    return [w if limit is None else min(w, limit) for w, limit in zip(widths, limits, strict=True)]


class Grid(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of cells with a cell cursor and a header line (see the module docstring)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "grid--header",
        "grid--cursor",
        "grid--cursor-row",
        "grid--stripe",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", "Up", show=False, tooltip="Previous row", id="grid.up"),
        Binding("down", "move(1, 0)", "Down", show=False, tooltip="Next row", id="grid.down"),
        Binding(
            "left", "move(0, -1)", "Left", show=False, tooltip="Previous column", id="grid.left"
        ),
        Binding("right", "move(0, 1)", "Right", show=False, tooltip="Next column", id="grid.right"),
        Binding(
            "pageup", "page(-1)", "Page up", show=False, tooltip="Up a screen", id="grid.page_up"
        ),
        Binding(
            "pagedown",
            "page(1)",
            "Page down",
            show=False,
            tooltip="Down a screen",
            id="grid.page_down",
        ),
        Binding(
            "home",
            "edge(-1)",
            "First row",
            show=False,
            tooltip="Go to the first row",
            id="grid.first",
        ),
        Binding(
            "end", "edge(1)", "Last row", show=False, tooltip="Go to the last row", id="grid.last"
        ),
    ]

    @dataclass
    class CellClicked(Message):
        """A cell was clicked (the cursor is on it now)."""

        grid: Grid
        row: int
        column: int

        @property
        def control(self) -> Grid:
            return self.grid

    @dataclass
    class HeaderClicked(Message):
        """A column's title was clicked."""

        grid: Grid
        column: int

        @property
        def control(self) -> Grid:
            return self.grid

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.header: list[Line] = []
        self.widths: list[int] = []
        self.rows: list[list[Line]] = []
        self.cursor_row = 0
        self.cursor_column = 0
        self.fixed = 0
        """Columns that stay in place when the others scroll sideways."""
        self._strips: dict[int, Strip] = {}
        self._styles = RoleStyles(self)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # -- content -----------------------------------------------------------------------------

    def set_table(
        self,
        header: Sequence[Line],
        rows: Sequence[Sequence[Line]],
        widths: Sequence[int],
        fixed: int = 0,
    ) -> None:
        """Replace everything; the first `fixed` columns stay put when the rest scroll
        sideways. The cursor stays where it was, within the new bounds."""
        self.fixed = fixed
        self.header = list(header)
        self.rows = [list(row) for row in rows]
        self.widths = list(widths)
        self._strips.clear()
        self.cursor_row = min(self.cursor_row, max(0, len(self.rows) - 1))
        self.cursor_column = min(self.cursor_column, max(0, len(self.widths) - 1))
        total = sum(self.widths) + GAP * len(self.widths)
        self.virtual_size = Size(total, len(self.rows) + 1)
        self.refresh()

    def set_row(self, index: int, cells: Sequence[Line]) -> None:
        """Replace one row's cells and redraw only that row."""
        self.rows[index] = list(cells)
        self._strips.pop(index, None)
        self.refresh_line(index + 1)

    def set_title(self, column: int, title: Line) -> None:
        self.header[column] = title
        self._strips.pop(-1, None)
        self.refresh()

    # -- drawing -----------------------------------------------------------------------------

    def _row_strip(self, index: int) -> Strip:
        """A row (or the header, index -1) at full width, before the cursor is drawn."""
        strip = self._strips.get(index)
        if strip is not None:
            return strip
        styles = self._styles
        base = self.rich_style
        if index < 0:
            base += self.get_component_rich_style("grid--header")
            cells = self.header
        else:
            if index % 2:
                base += self.get_component_rich_style("grid--stripe")
            cells = self.rows[index]
        parts = []
        for cell, width in zip(cells, self.widths, strict=False):
            segments = [Segment(safe_text(text), base + styles[role]) for text, role in cell]
            parts.append(Strip(segments).adjust_cell_length(width, base))
            parts.append(Strip.blank(GAP, base))
        strip = Strip.join(parts) if parts else Strip([])
        self._strips[index] = strip
        return strip

    def _column_x(self, column: int) -> int:
        return sum(self.widths[:column]) + GAP * column

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = round(self.scroll_x), round(self.scroll_y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = -1 if y == 0 else scroll_y + y - 1
        if index >= len(self.rows) or not self.widths:
            return Strip.blank(width, base)
        strip = self._row_strip(index)
        if index == self.cursor_row:
            row = self.get_component_rich_style("grid--cursor-row")
            strip = _over(strip, Style(bgcolor=row.bgcolor))  # keep the cells' colours
            if self.screen.focused is self:
                x = self._column_x(self.cursor_column)
                end = x + self.widths[self.cursor_column]
                cursor = self.get_component_rich_style("grid--cursor")
                strip = Strip.join(
                    [strip.crop(0, x), _over(strip.crop(x, end), cursor), strip.crop(end)]
                )
        fixed = self._column_x(self.fixed)
        if fixed >= width:
            return strip.crop(scroll_x, scroll_x + width).adjust_cell_length(width, base)
        scrolled = strip.crop(fixed + scroll_x, scroll_x + width)
        return Strip.join([strip.crop(0, fixed), scrolled]).adjust_cell_length(width, base)

    # -- the cursor --------------------------------------------------------------------------

    def move_cursor(self, row: int | None = None, column: int | None = None) -> None:
        """Put the cursor on a cell (clamped) and scroll it into view."""
        if row is not None:
            self.cursor_row = max(0, min(row, len(self.rows) - 1))
        if column is not None:
            self.cursor_column = max(0, min(column, len(self.widths) - 1))
        view_height = self.scrollable_content_region.height - 1
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif view_height > 0 and self.cursor_row >= top + view_height:
            self.scroll_to(y=self.cursor_row - view_height + 1, animate=False)
        if self.widths and self.cursor_column >= self.fixed:
            fixed = self._column_x(self.fixed)
            x = self._column_x(self.cursor_column) - fixed  # within the scrolled part
            width = self.scrollable_content_region.width - fixed
            left = round(self.scroll_x)
            right = x + self.widths[self.cursor_column]
            if x < left:
                self.scroll_to(x=x, animate=False)
            elif width > 0 and right > left + width:
                self.scroll_to(x=right - width, animate=False)
        self.refresh()

    def action_move(self, rows: int, columns: int) -> None:
        self.move_cursor(self.cursor_row + rows, self.cursor_column + columns)

    def action_page(self, pages: int) -> None:
        step = max(1, self.scrollable_content_region.height - 2)
        self.move_cursor(self.cursor_row + pages * step)

    def action_edge(self, end: int) -> None:
        self.move_cursor(len(self.rows) - 1 if end > 0 else 0)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        fixed = self._column_x(self.fixed)
        x = offset.x if offset.x < fixed else offset.x + round(self.scroll_x)
        column = next(
            (c for c in range(len(self.widths)) if x < self._column_x(c + 1)),
            None,
        )
        if column is None:
            return
        if offset.y == 0:
            self.post_message(self.HeaderClicked(self, column))
            return
        row = round(self.scroll_y) + offset.y - 1
        if 0 <= row < len(self.rows):
            self.move_cursor(row, column)
            self.post_message(self.CellClicked(self, row, column))


def _over(strip: Strip, style: Style) -> Strip:
    """The strip with `style` laid over its own styles (a highlight)."""
    return Strip(Segment.apply_style(list(strip), post_style=style), strip.cell_length)
