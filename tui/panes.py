"""The comparison's panes: every council's column in ONE scroll view, row by row, so the same
section stands at the same height for all of them and they scroll together with no syncing.

Like toolong's log view, `PaneView` is a ScrollView that draws only the lines on screen: the
cells are wrapped once per width (pane_layout, cached) and each visible line becomes a Strip
on demand (cached until something on screen changes). Mounting costs nothing however long the
documents are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from carecompare.align import Comparison
from carecompare.metric_align import MetricRow
from carecompare.reading import Figure, figures_with_gaps, place_figures, statement_rows
from carecompare.tui.line_cache import CachedLinesView
from carecompare.tui.pane_layout import (
    PADDING,
    SEPARATOR,
    CellCache,
    Line,
    PaneLayout,
    build_layout,
    columns_per_page,
    header_lines,
    highlight_terms,
    mark_terms,
)
from carecompare.tui.roles import RoleStyles


def _line_strip(line: Line, width: int, base: Style, styles: RoleStyles) -> Strip:
    """One cell's line: padding, its spans in their roles' styles, filled to `width`."""
    segments = [Segment(" " * PADDING, base)]
    segments += [Segment(text, base + styles[role]) for text, role in line if text]
    return Strip(segments).adjust_cell_length(width, base)


class PaneView(CachedLinesView, can_focus=True, inherit_bindings=False):
    """The aligned panes of the documents compared (see the module docstring)."""

    BINDINGS = [  # noqa: RUF012 (Textual's own annotation)
        Binding(
            "down", "scroll(1)", "Down", show=False, tooltip="Scroll down a line", id="panes.down"
        ),
        Binding("up", "scroll(-1)", "Up", show=False, tooltip="Scroll up a line", id="panes.up"),
        Binding(
            "pagedown,space",
            "page(1)",
            "Page down",
            show=False,
            tooltip="Scroll down a screen",
            id="panes.page_down",
        ),
        Binding(
            "pageup",
            "page(-1)",
            "Page up",
            show=False,
            tooltip="Scroll up a screen",
            id="panes.page_up",
        ),
        Binding("home,g", "edge(-1)", "Top", show=False, tooltip="Go to the top", id="panes.top"),
        Binding(
            "end,G", "edge(1)", "Bottom", show=False, tooltip="Go to the bottom", id="panes.bottom"
        ),
    ]

    @dataclass
    class ColumnsChanged(Message):
        """The columns shown, their widths or the focused column changed."""

        pane: PaneView

        @property
        def control(self) -> PaneView:
            return self.pane

    @dataclass
    class RowChanged(Message):
        """A different aligned row is now at the top of the view."""

        pane: PaneView
        row: int | None
        """Index into the comparison's rows."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, PaneView.RowChanged)

        @property
        def control(self) -> PaneView:
            return self.pane

    focused_document: reactive[int] = reactive(0, init=False)
    """Index (into the comparison's documents) of the highlighted column."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(cached_lines=1024, id=id, classes=classes)
        self.comparison: Comparison | None = None
        """What is shown: the documents, in column order, and their aligned rows."""
        self.layout_: PaneLayout | None = None
        """The current page of columns at the current width."""
        self.figures: dict[tuple[int, int], tuple[Figure, ...]] = {}
        """Each (row, document)'s figures."""
        self.gap_figures: list[Figure] = []
        """Figures with a gap, in reading order: what `{`/`}` step through."""
        self.current_figure: Figure | None = None
        """The figure `{`/`}` or the metrics view last went to."""
        self._statement_rows: dict[str, int] = {}
        self._cells: CellCache = {}
        self._styles = RoleStyles(self)
        self._highlight: tuple[int, int, frozenset[str]] | None = None
        """(row, document, normal forms of the words) of the search highlights."""
        self._top_row: int | None = None
        self._after_layout: list[Callable[[], object]] = []

    # -- what is shown -------------------------------------------------------------------

    def show(
        self, comparison: Comparison, metric_rows: Sequence[MetricRow] = (), focused: int = 0
    ) -> None:
        """Show a comparison from its top, column `focused` focused (and its page laid out:
        laying out one page and then another costs twice)."""
        self.comparison = comparison
        self.figures = place_figures(comparison, metric_rows)
        self.gap_figures = figures_with_gaps(self.figures)
        self._statement_rows = statement_rows(comparison)
        self.current_figure = None
        self._highlight = None
        self._cells = {}
        self._top_row = None
        self._after_layout = []
        self.set_reactive(PaneView.focused_document, focused)
        self._relayout(keep_place=False)
        self.scroll_to(y=0, animate=False)

    @property
    def text_width(self) -> int:
        """Cells available to the columns (the scrollbar gutter excluded)."""
        return max(1, self.scrollable_content_region.width)

    @property
    def page(self) -> tuple[int, ...]:
        """Document indexes of the columns on screen."""
        return self.layout_.columns if self.layout_ else ()

    @property
    def top_row(self) -> int | None:
        """The comparison row at the top of the view."""
        return self.layout_.row_at(round(self.scroll_y)) if self.layout_ else None

    def _page_for(self, document: int) -> tuple[int, ...]:
        count = len(self.comparison.documents) if self.comparison else 0
        per_page = columns_per_page(self.text_width, count)
        start = (document // per_page) * per_page
        return tuple(range(start, min(count, start + per_page)))

    def _relayout(self, keep_place: bool = True) -> None:
        """Lay the page holding the focused column out at the current width, keeping the row
        at the top of the view where it was."""
        if self.comparison is None or not self.comparison.documents or not self.size.width:
            # Nothing to show, or not laid out yet (hidden): on_resize lays out later.
            self.layout_ = None
            self.virtual_size = Size(self.text_width, 0)
            self._strips.clear()
            self.refresh()
            return
        anchor = self.top_row if keep_place and self.layout_ else None
        offset = 0
        if anchor is not None and self.layout_ is not None:
            offset = round(self.scroll_y) - (self.layout_.top_of(anchor) or 0)
        columns = self._page_for(self.focused_document)
        self.layout_ = build_layout(
            self.comparison, columns, self.text_width, self.figures, self._cells
        )
        self._strips.clear()
        self._update_virtual_size()
        if anchor is not None:
            top = self.layout_.top_of(anchor) or 0
            self.scroll_to(y=top + offset, animate=False)
        self.refresh()
        self.post_message(self.ColumnsChanged(self))
        waiting, self._after_layout = self._after_layout, []
        for move in waiting:
            move()

    def _when_laid_out(self, move: Callable[[], object]) -> bool:
        """Run `move` now if there is a layout, else as soon as there is one."""
        if self.layout_ is not None:
            move()
        elif self.comparison is not None:
            self._after_layout.append(move)
        return self.comparison is not None

    def _update_virtual_size(self) -> None:
        """The layout's height, plus room below so the last row can scroll to the top (a
        jump always puts its row at the top, wherever the row is)."""
        if self.layout_ is None:
            return
        last = self.layout_.blocks[-1].height if self.layout_.blocks else 0
        room = max(0, self.scrollable_content_region.height - last)
        self.virtual_size = Size(self.text_width, self.layout_.height + room)

    def on_resize(self, event: events.Resize) -> None:
        if self.layout_ is None or self.layout_.width != self.text_width:
            self._relayout()
        else:
            self._update_virtual_size()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def watch_focused_document(self, old: int, new: int) -> None:
        if self.layout_ is not None and new not in self.layout_.columns:
            self._relayout()
        else:
            self._strips.clear()
            self.refresh()
            self.post_message(self.ColumnsChanged(self))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        row = self.top_row
        if row != self._top_row:
            self._top_row = row
            self.post_message(self.RowChanged(self, row))

    # -- drawing -------------------------------------------------------------------------

    def _render_index(self, index: int) -> Strip:
        width = self.text_width
        base = self.rich_style
        layout = self.layout_
        found = layout.locate(index) if layout else None
        if found is None:
            return Strip.blank(width, base)
        block, offset = found
        styles = self._styles
        if offset == 0:
            band = base + styles[block.title[0][1]] if block.title else base
            return _line_strip(block.title, width, band, styles)
        if offset == block.height - 1:
            return Strip.blank(width, base)
        line_index = offset - 1
        separator = Segment(SEPARATOR, base + styles["separator"])
        strips: list[Strip] = []
        for slot, (document, cell) in enumerate(zip(layout.columns, block.cells, strict=True)):
            if slot:
                strips.append(Strip([separator], 1))
            cell_base = base + styles["empty"] if cell.empty else base
            if document == self.focused_document:
                cell_base += styles["focus"]
            line: Line = cell.lines[line_index] if line_index < len(cell.lines) else ()
            current = self.current_figure
            if current is not None and current.document == document:
                for key, start, end in cell.figures:
                    if key == current.key and start <= line_index < end:
                        cell_base += styles["current"]
            if self._highlight is not None and self._highlight[:2] == (block.row, document):
                line = mark_terms(line, self._highlight[2])
            strips.append(_line_strip(line, layout.widths[slot], cell_base, styles))
        return Strip.join(strips).adjust_cell_length(width, base)

    def _redraw(self) -> None:
        self._strips.clear()
        self.refresh()

    # -- moving --------------------------------------------------------------------------

    def _jump(self, y: int) -> None:
        """Scroll to line `y` now. Forced: right after a new comparison is laid out (or the
        panes are first shown) Textual has not yet worked out that they scroll, and an
        ordinary scroll_to is silently refused."""
        self.scroll_to(y=y, animate=False, force=True)

    def scroll_to_row(self, row: int) -> bool:
        """Put a comparison row at the top of the view; False if there is no such row."""
        if self.comparison is None or not 0 <= row < len(self.comparison.rows):
            return False

        def move() -> None:
            top = self.layout_.top_of(row) if self.layout_ else None
            if top is not None:
                self._jump(top)

        return self._when_laid_out(move)

    def scroll_to_statement(self, statement: str) -> bool:
        """Put a statement's own row at the top; False when no document has it."""
        row = self._statement_rows.get(statement)
        return row is not None and self.scroll_to_row(row)

    def step_statement(self, direction: int) -> bool:
        """Scroll to the next (1) or previous (-1) statement's row from the top of the view."""
        if self.layout_ is None:
            return False
        here = round(self.scroll_y)
        tops = sorted(
            top
            for row in self._statement_rows.values()
            if (top := self.layout_.top_of(row)) is not None
        )
        if direction > 0:
            later = [top for top in tops if top > here]
            target = later[0] if later else None
        else:
            earlier = [top for top in tops if top < here]
            target = earlier[-1] if earlier else None
        if target is None:
            return False
        self.scroll_to(y=target, animate=False)
        return True

    def step_figure(self, direction: int) -> Figure | None:
        """Go to the next (1) or previous (-1) figure that has a gap to its comparator."""
        figures = self.gap_figures
        if not figures or self.layout_ is None:
            return None
        current = self.current_figure
        if current is not None and current in figures:
            position = figures.index(current) + direction
        else:
            # From the top of the view: the first figure at or below it, or the one above.
            top_row = self.top_row or 0
            after = [i for i, f in enumerate(figures) if f.row >= top_row]
            if direction > 0:
                position = after[0] if after else len(figures)
            else:
                position = (after[0] if after else len(figures)) - 1
        if not 0 <= position < len(figures):
            return None
        self.go_to_figure(figures[position])
        return figures[position]

    def go_to_figure(self, figure: Figure) -> None:
        """Focus the figure's column and scroll so the figure shows, a little below the top."""
        self.current_figure = figure
        self.focused_document = figure.document
        self._when_laid_out(lambda: self._show_figure(figure))

    def _show_figure(self, figure: Figure) -> None:
        if self.layout_ is None:
            return
        span = self.layout_.figure_span(figure.key, figure.row)
        top = self.layout_.top_of(figure.row) or 0
        if span is not None:
            start, end = span
            view = self.scrollable_content_region.height
            target = max(top, start - max(2, view // 3))
            if not target <= round(self.scroll_y) <= start or end > round(self.scroll_y) + view:
                self._jump(target)
        self._redraw()

    def go_to_section(self, document: int, row: int, words: Sequence[str] = ()) -> None:
        """Focus a document's column, show its section's row, and highlight `words` (whole
        words, as search matches them) in that section (none: clear highlights). The row
        goes to the top, or, when the first highlighted word would be below the screen,
        that line goes a third of the way down."""
        wanted = highlight_terms(words)
        self._highlight = (row, document, wanted) if wanted else None
        self.focused_document = document
        self._when_laid_out(lambda: self._show_section(document, row))
        self._redraw()

    def _show_section(self, document: int, row: int) -> None:
        layout = self.layout_
        top = layout.top_of(row) if layout else None
        if layout is None or top is None:
            return
        target = top
        first = self._first_marked_line(document, row)
        view = self.scrollable_content_region.height
        if first is not None and 1 + first >= view - 1:  # 1: the row's title band
            target = top + 1 + first - max(2, view // 3)
        self._jump(target)

    def _first_marked_line(self, document: int, row: int) -> int | None:
        """The first line of a cell that holds a highlighted word (None: no such line)."""
        layout = self.layout_
        if layout is None or self._highlight is None or document not in layout.columns:
            return None
        wanted = self._highlight[2]
        slot = layout.columns.index(document)
        for block in layout.blocks:
            if block.row == row:
                for index, line in enumerate(block.cells[slot].lines):
                    if mark_terms(line, wanted) is not line:
                        return index
        return None

    def clear_marks(self) -> bool:
        """Forget the current figure and search highlights; True if there were any."""
        had = self.current_figure is not None or self._highlight is not None
        self.current_figure = None
        self._highlight = None
        self._redraw()
        return had

    def action_scroll(self, lines: int) -> None:
        self.scroll_to(y=round(self.scroll_y) + lines, animate=False)

    def action_page(self, pages: int) -> None:
        step = max(1, self.scrollable_content_region.height - 2)
        self.scroll_to(y=round(self.scroll_y) + pages * step, animate=False)

    def action_edge(self, end: int) -> None:
        """Top, or the last screenful of the comparison (not the room below it)."""
        bottom = 0
        if self.layout_ is not None:
            bottom = max(0, self.layout_.height - self.scrollable_content_region.height)
        self.scroll_to(y=bottom if end > 0 else 0, animate=False)

    def move_focus(self, step: int) -> None:
        """Focus the next or previous column, wrapping round; pages when it leaves the page."""
        if self.comparison is None or not self.comparison.documents:
            return
        count = len(self.comparison.documents)
        self.focused_document = (self.focused_document + step) % count

    def on_click(self, event: events.Click) -> None:
        """Clicking a column focuses it; clicking a figure makes it the current one."""
        offset = event.get_content_offset(self)
        if offset is None or self.layout_ is None:
            return
        slot = self.layout_.slot_at(offset.x)
        if slot is None:
            return
        document = self.layout_.columns[slot]
        self.focused_document = document
        index = round(self.scroll_y) + offset.y
        found = self.layout_.locate(index)
        if found is not None:
            block, _line = found
            for figure in self.figures.get((block.row, document), ()):
                span = self.layout_.figure_span(figure.key, block.row)
                if span is not None and span[0] <= index < span[1]:
                    self.current_figure = figure
                    self._redraw()


class PaneHeader(Widget):
    """The head of each column on screen: council, kind and date, rating, file; the focused
    column highlighted, and arrows when more columns lie to either side."""

    HEIGHT = 4

    def __init__(self, pane: PaneView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pane = pane
        self._styles = RoleStyles(self)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        width = self.size.width
        pane = self._pane
        layout = pane.layout_
        if layout is None or pane.comparison is None or y >= self.HEIGHT:
            return Strip.blank(width, base)
        headers = header_lines(pane.comparison, layout.columns, layout.widths)
        styles = self._styles
        count = len(pane.comparison.documents)
        strips: list[Strip] = []
        for slot, (document, lines) in enumerate(zip(layout.columns, headers, strict=True)):
            if slot:
                strips.append(Strip([Segment(SEPARATOR, base + styles["separator"])], 1))
            cell_base = base + styles["focus"] if document == pane.focused_document else base
            line = lines[y]
            if y == 0 and slot == len(layout.columns) - 1 and document < count - 1:
                line = ((f"▶ {count - 1 - document} more · ", "page"), *line)
            if y == 0 and slot == 0 and document > 0:
                line = ((f"◀ {document} more · ", "page"), *line)
            strips.append(_line_strip(line, layout.widths[slot], cell_base, styles))
        return Strip.join(strips).adjust_cell_length(width, base)
