"""The comparison screen: the outline, the column heads and the aligned panes of the chosen
documents. Also where the reader waits while the documents load.

Other features land here through two methods: `go_to_section` (search: show a document's
section and highlight words in it, with `show_search_bar` saying which hit it is) and
`selection` (export: what is on screen).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from carecompare.align import Comparison, align
from carecompare.metric_align import align_metrics
from carecompare.parsers import Document
from carecompare.parsers.knowledge import taxonomy
from carecompare.reading import Figure, Selection, outline
from carecompare.tui.keys import COMPARISON_KEYS
from carecompare.tui.outline import Outline
from carecompare.tui.panes import PaneHeader, PaneView
from carecompare.tui.roles import RolePalette

PANE_ACTIONS = frozenset(
    {"scroll", "council", "step_statement", "step_figure", "statement", "outline", "clear"}
)
"""Actions that need documents on screen."""
NARROW = 100
"""Below this many cells the outline hides until `o` opens it."""


class ComparisonScreen(Screen[None]):
    """Documents side by side, section by section."""

    BINDINGS = COMPARISON_KEYS
    AUTO_FOCUS = "#panes"

    def __init__(self, loading: int = 0) -> None:
        """`loading`: how many paths are being read (the screen starts saying so)."""
        super().__init__(id="comparison")
        self._loading = loading
        self.state = "loading"
        """`loading`, `message` (nothing to compare) or `ready`."""
        self.comparison: Comparison | None = None
        """The documents compared, in column order, and their aligned rows."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="body") as body:
            body.display = False
            yield Outline(id="outline")
            with Vertical(id="panes-area"):
                pane = PaneView(id="panes")
                yield PaneHeader(pane, id="pane-header")
                yield pane
                bar = Static(id="search-bar", markup=False)
                bar.display = False
                yield bar
        with Vertical(id="loading"):
            yield Static(self._loading_text(self._loading), id="loading-message", markup=False)
            yield ProgressBar(id="loading-progress", show_eta=False)
        yield RolePalette()
        message = Static(id="message", markup=False)
        message.display = False
        yield message
        yield Footer()

    @property
    def panes(self) -> PaneView:
        return self.query_one("#panes", PaneView)

    @property
    def outline(self) -> Outline:
        return self.query_one("#outline", Outline)

    # -- states ----------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        """Show the loading view, a message, or the panes (`ready`). Only those widgets
        change: a class on the screen would restyle every widget on it."""
        if state == self.state and state != "loading":
            return  # the same view (and keys): refreshing the bindings rebuilds the Footer
        self.state = state
        views = {"loading": "#loading", "message": "#message", "ready": "#body"}
        for name, selector in views.items():
            self.query_one(selector).display = name == state
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The panes' keys only while there are panes (hidden from the Footer otherwise)."""
        return not (action in PANE_ACTIONS and self.comparison is None)

    @staticmethod
    def _loading_text(paths: int) -> Text:
        return Text(f"Reading documents from {paths} {'path' if paths == 1 else 'paths'}…")

    def show_progress(self, done: int, total: int) -> None:
        """Show the progress bar (loading is taking longer than a blink) at done of total.

        Only the bar changes: restyling the screen or resizing text on every file would
        cost the UI thread more than the files take to parse."""
        bar = self.query_one("#loading-progress", ProgressBar)
        bar.display = True
        bar.update(total=total, progress=done)

    def show_message(self, message: str) -> None:
        """Show a message instead of panes (nothing to compare, nothing loaded)."""
        self.comparison = None
        self._set_state("message")
        self.query_one("#message", Static).update(Text(message))

    def show_documents(self, documents: Sequence[Document], focused: int = 0) -> None:
        """Compare these documents, one column each, in this order, the `focused`-th
        column focused."""
        self.comparison = align(documents)
        self.panes.show(self.comparison, align_metrics(documents), focused)
        self.outline.show(outline(self.comparison))
        self._set_state("ready")
        self.panes.focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    # -- for search and export -------------------------------------------------------------

    @property
    def selection(self) -> Selection:
        """The documents on screen (column order), the statement in view, the focused one."""
        if self.comparison is None or not self.comparison.documents:
            return Selection()
        pane = self.panes
        row = pane.top_row
        statement = self.comparison.rows[row].statement if row is not None else None
        documents = self.comparison.documents
        focused = documents[min(pane.focused_document, len(documents) - 1)]
        return Selection(documents=documents, statement=statement, focused=focused)

    def row_of_section(self, document: int, section: int) -> int | None:
        """The aligned row that holds a document's section (by index into its sections)."""
        if self.comparison is None:
            return None
        target = self.comparison.documents[document].sections[section]
        for index, row in enumerate(self.comparison.rows):
            if any(candidate is target for candidate in row.cells[document]):
                return index
        return None

    def go_to_section(self, document: int, section: int, words: Sequence[str] = ()) -> bool:
        """Show section `section` of the `document`-th compared document: focus its column,
        scroll its row to the top and highlight `words` in it. False if it is not shown."""
        row = self.row_of_section(document, section)
        if row is None:
            return False
        self.panes.go_to_section(document, row, words)
        return True

    def show_search_bar(self, text: Text) -> None:
        """Show a line under the panes about the search hit on screen."""
        bar = self.query_one("#search-bar", Static)
        bar.update(text)
        bar.display = True

    def hide_search_bar(self) -> None:
        self.query_one("#search-bar", Static).display = False

    def go_to_figure(self, document: int, metric: int) -> bool:
        """Show a compared document's figure (by index into its metrics) as the current one."""
        pane = self.panes
        for figures in pane.figures.values():
            for figure in figures:
                if figure.key == (document, metric):
                    pane.go_to_figure(figure)
                    pane.focus()
                    return True
        return False

    # -- keys --------------------------------------------------------------------------------

    def _ready(self) -> bool:
        if self.comparison is None:
            self.app.bell()
            return False
        return True

    def action_scroll(self, lines: int) -> None:
        if self._ready():
            self.panes.action_scroll(lines)

    def action_council(self, step: int) -> None:
        if self._ready():
            self.panes.move_focus(step)
            self.panes.focus()

    def action_step_statement(self, direction: int) -> None:
        if self._ready() and not self.panes.step_statement(direction):
            self.app.bell()

    def action_step_figure(self, direction: int) -> None:
        if not self._ready():
            return
        if not self.panes.gap_figures:
            self.notify("No figure in these documents has a comparator to measure a gap from.")
            return
        figure: Figure | None = self.panes.step_figure(direction)
        if figure is None:
            self.app.bell()

    def action_statement(self, number: int) -> None:
        if not self._ready():
            return
        statement = next(s for s in taxonomy().statements if s.number == number)
        if not self.panes.scroll_to_statement(statement.id):
            self.notify(
                f"None of these documents has statement {number}, {statement.title}.",
                markup=False,
            )

    def action_outline(self) -> None:
        outline_widget = self.outline
        if outline_widget.has_focus:
            self.remove_class("-outline-open")
            self.panes.focus()
        else:
            self.add_class("-outline-open")
            outline_widget.focus()

    def action_clear(self) -> None:
        if self.comparison is not None:
            self.panes.clear_marks()
        self.hide_search_bar()

    def action_hit(self, direction: int) -> None:
        self.app.step_hit(direction)  # type: ignore[attr-defined]

    # -- messages ----------------------------------------------------------------------------

    @on(PaneView.ColumnsChanged)
    def _columns_changed(self) -> None:
        self.query_one("#pane-header", PaneHeader).refresh()

    @on(PaneView.RowChanged)
    def _row_changed(self, event: PaneView.RowChanged) -> None:
        self.outline.follow(event.row)

    @on(Outline.RowChosen)
    def _row_chosen(self, event: Outline.RowChosen) -> None:
        self.panes.scroll_to_row(event.row)
        if self.has_class("-narrow"):  # the outline was opened over little room: close it
            self.remove_class("-outline-open")
            self.panes.focus()
