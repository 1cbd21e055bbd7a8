"""Search in the reader: `/` opens this screen; the hits update as the reader types (each
query runs in a thread worker, so typing never waits for it); Enter shows the highlighted hit
in the comparison with the words highlighted there; `n`/`N` walk the hits after it closes.

The index (`carecompare.search.SearchIndex`) is built by the app after loading and never
changes, so any thread may search it; the worker also lays each hit out as (text, role)
spans, and the list draws only the hits on screen from them (Textual's OptionList wraps and
renders every option again on each change: ~150 ms a key for 50 hits on a 2-core machine).
Document text is only ever a span's text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from carecompare.parsers import Document
from carecompare.parsers.clean import safe_text
from carecompare.search import Hit, SearchIndex
from carecompare.tui.keys import SEARCH_KEYS
from carecompare.tui.line_cache import CachedLinesView
from carecompare.tui.pane_layout import Line, Span, wrap_spans
from carecompare.tui.roles import RoleStyles
from carecompare.tui.search_listing import hit_heading, hit_snippet, statement_label

LIMIT = 50
"""Hits listed, and walked by `n`/`N`: plenty to read through; more and the query wants
another word."""
HIT_HEIGHT = 4
"""Lines a hit takes in the list: its heading, SNIPPET_LINES of snippet, a blank line."""
SNIPPET_LINES = HIT_HEIGHT - 2
GUTTER = 2
"""Cells before each line: "▌ " marks the highlighted hit (it reads without colour)."""


@dataclass
class SearchResults:
    """A query's hits, best first, and the one last gone to."""

    query: str
    hits: tuple[Hit, ...]
    position: int | None = None
    """Index into `hits` of the hit last shown in the comparison (None: none yet)."""
    rows: tuple[HitRow, ...] = ()
    """What the list shows for each hit (worked out with the hits)."""

    def step(self, direction: int) -> tuple[int, bool] | None:
        """Move to the next (1) or previous (-1) hit, wrapping round at either end: the
        new position and whether it wrapped. The first step goes to the first hit (or, going
        back, the last). None when there are no hits."""
        if not self.hits:
            return None
        count = len(self.hits)
        if self.position is None:
            position, wrapped = (0 if direction > 0 else count - 1), False
        else:
            position = self.position + direction
            wrapped = not 0 <= position < count
            position %= count
        self.position = position
        return position, wrapped

    @property
    def current(self) -> Hit | None:
        """The hit last gone to."""
        return self.hits[self.position] if self.position is not None else None


def search_bar_text(results: SearchResults, document: Document) -> Text:
    """The comparison's line about the hit shown: the query, which hit of how many, where,
    and the keys that walk on."""
    hit = results.current
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("/ ", style="bold")
    text.append(safe_text(results.query), style="bold")
    if hit is None or results.position is None:
        return text
    text.append(f"   hit {results.position + 1} of {len(results.hits)}:  ")
    text.append(safe_text(document.name))
    statement = statement_label(hit.target.statement)
    if statement:
        text.append(f" · {statement}")
    if hit.target.title:
        text.append(" · ")
        text.append(safe_text(hit.target.title))
    text.append("   n next · N previous · Esc clears", style="dim")
    return text


class QueryInput(Input):
    """The query box. Its content is at least as wide as the box, so a key that leaves the
    text within it changes nothing that needs laying out: an Input's virtual size follows
    its text, and each key laid the whole screen out again and drew it all (15-20 ms a key
    on a 2-core machine, twice what drawing the new hits takes)."""

    @property
    def content_width(self) -> int:
        return max(super().content_width, self.scrollable_content_region.width)


@dataclass(frozen=True, slots=True)
class HitRow:
    """A hit as the list draws it, worked out in the search thread."""

    heading: Line
    snippet: Line


def hit_row(index: SearchIndex, hit: Hit) -> HitRow:
    """A hit's heading and snippet as spans (this works out its snippet)."""
    return HitRow(hit_heading(index, hit), hit_snippet(hit))


def fit_line(line: Line, width: int) -> Line:
    """The line cut to `width` cells, with "…" where it was cut."""
    if sum(cell_len(text) for text, _role in line) <= width:
        return line
    kept: list[Span] = []
    room = width - 1
    for text, role in line:
        size = cell_len(text)
        if size <= room:
            kept.append((text, role))
            room -= size
            continue
        if room > 0:
            kept.append((chop_cells(text, room)[0] if text else "", role))
        break
    kept.append(("…", line[-1][1] if line else "text"))
    return tuple(kept)


def row_lines(row: HitRow, width: int) -> tuple[Line, ...]:
    """A hit's lines at `width` cells: its heading on one line, its snippet on at most
    SNIPPET_LINES (cut with "…"), padded with blank lines to HIT_HEIGHT - 1."""
    lines: list[Line] = [fit_line(row.heading, width)]
    snippet = wrap_spans(row.snippet, width) if row.snippet else []
    if len(snippet) > SNIPPET_LINES:
        snippet = [*snippet[: SNIPPET_LINES - 1], fit_line(snippet[SNIPPET_LINES - 1], width - 1)]
        snippet[-1] = (*snippet[-1], ("…", "text"))
    lines += snippet
    lines += [()] * (HIT_HEIGHT - 1 - len(lines))
    return tuple(lines)


class HitList(CachedLinesView, can_focus=False):
    """The hits, best first, one above the other (HIT_HEIGHT lines each): only the lines on
    screen are drawn, from spans, so a new list costs the few hits in view, not all of
    them. The query keeps the keyboard; the screen moves the highlight."""

    @dataclass
    class Chosen(Message):
        """A hit was clicked."""

        hit_list: HitList
        index: int

        @property
        def control(self) -> HitList:
            return self.hit_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cached_lines=256, id=id)
        self.rows: tuple[HitRow, ...] = ()
        """What each hit shows."""
        self.highlighted: int | None = None
        """Index of the highlighted hit."""
        self._lines: dict[int, tuple[Line, ...]] = {}
        self._lines_width = 0
        self._styles = RoleStyles(self)
        self._base: Style | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()
        self._base = None

    def show(self, rows: tuple[HitRow, ...], highlighted: int | None = 0) -> None:
        """Replace the list, the hit `highlighted` highlighted (and scrolled to). Hits that
        stand where the same hit stood keep their drawn lines: typing on often finds the
        same sections, and then only what changed is drawn again."""
        old = self.rows
        self.rows = rows
        for number in range(max(len(old), len(rows))):
            if number >= len(old) or number >= len(rows) or old[number] != rows[number]:
                self._lines.pop(number, None)
                self._forget(number)
        if len(rows) != len(old):
            self._resize()
        self.scroll_to(y=0, animate=False)
        self.highlight(highlighted if rows else None)
        self.refresh()

    def _resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, HIT_HEIGHT * len(self.rows))

    def highlight(self, index: int | None) -> None:
        """Highlight a hit (clamped to the list) and scroll it into view."""
        if index is not None and self.rows:
            index = max(0, min(index, len(self.rows) - 1))
        if index == self.highlighted:
            return
        self._forget(self.highlighted)
        self.highlighted = index
        self._forget(index)
        if index is not None:
            top, view = HIT_HEIGHT * index, self.scrollable_content_region.height
            if top < self.scroll_y:
                self.scroll_to(y=top, animate=False)
            elif top + HIT_HEIGHT > self.scroll_y + view:
                self.scroll_to(y=top + HIT_HEIGHT - view, animate=False)
        self.refresh()

    def move(self, step: int) -> None:
        """Highlight the hit `step` hits on (clamped)."""
        if self.rows:
            self.highlight((self.highlighted or 0) + step if self.highlighted is not None else 0)

    @property
    def hits_per_page(self) -> int:
        return max(1, self.scrollable_content_region.height // HIT_HEIGHT)

    def _forget(self, index: int | None) -> None:
        if index is not None:
            for line in range(HIT_HEIGHT * index, HIT_HEIGHT * (index + 1)):
                self._strips.discard(line)

    def on_resize(self) -> None:
        self._resize()
        self._strips.clear()

    def _render_index(self, index: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._base is None:  # worked out through every ancestor: once, not per line
            self._base = self.rich_style
        base = self._base
        number, offset = divmod(index, HIT_HEIGHT)
        if number >= len(self.rows) or offset == HIT_HEIGHT - 1:
            return Strip.blank(width, base)
        text_width = max(2, width - GUTTER - 1)
        if self._lines_width != text_width:
            self._lines.clear()
            self._lines_width = text_width
        lines = self._lines.get(number)
        if lines is None:
            lines = self._lines[number] = row_lines(self.rows[number], text_width)
        styles = self._styles
        chosen = number == self.highlighted
        if chosen:
            base += styles["focus"]
        marker = "▌ " if chosen else "  "
        segments = [Segment(marker, base + styles["marked"])]
        segments += [Segment(text, base + styles[role]) for text, role in lines[offset] if text]
        return Strip(segments).adjust_cell_length(width, base)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        number = (round(self.scroll_y) + offset.y) // HIT_HEIGHT
        if 0 <= number < len(self.rows):
            self.highlight(number)
            self.post_message(self.Chosen(self, number))


class SearchScreen(Screen[SearchResults | None]):
    """The query, what it found and the hits; dismisses with the results (`position` set
    when the reader chose a hit to go to)."""

    BINDINGS = SEARCH_KEYS
    AUTO_FOCUS = "#search-query"
    OWNS_LETTERS = True
    """Letters type the query: the app's letter keys are off here."""

    @dataclass
    class Found(Message):
        """A query's hits (worked out in a thread)."""

        query: str
        hits: tuple[Hit, ...]
        rows: tuple[HitRow, ...]
        error: str | None = None
        """Why the search failed (a bug), in one line."""

    def __init__(
        self,
        index: SearchIndex | None,
        documents: int,
        previous: SearchResults | None = None,
        unavailable: str | None = None,
    ) -> None:
        """`index`: None while it is being built (`index_ready` hands it over); `documents`:
        how many are loaded; `previous`: the last search, shown again; `unavailable`: why
        there is no index (it failed to build)."""
        super().__init__(id="search")
        self.index = index
        self.results: SearchResults | None = previous
        """The hits listed, for the query they were found for."""
        self._documents = documents
        self._unavailable = unavailable

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static(
                Text(f"Search every section of {self._documents} documents", style="bold"),
                id="search-title",
            )
            yield QueryInput(
                value=self.results.query if self.results else "",
                placeholder="words to find, for example: dols waiting list",
                id="search-query",
            )
            yield Static(id="search-status", markup=False)
            yield HitList(id="search-hits")
        yield Footer()

    @property
    def query_input(self) -> QueryInput:
        return self.query_one("#search-query", QueryInput)

    @property
    def hit_list(self) -> HitList:
        return self.query_one("#search-hits", HitList)

    def on_mount(self) -> None:
        results = self.results
        if results is not None and self.index is not None:
            self._show(results)
            self.hit_list.highlight(results.position or 0)
        else:
            self._say_status()

    # -- searching ---------------------------------------------------------------------

    def index_ready(self, index: SearchIndex) -> None:
        """The index has been built: search for what has been typed meanwhile."""
        self.index = index
        self._say_status()
        self._search(self.query_input.value)

    def index_failed(self, reason: str) -> None:
        """The index could not be built: say so."""
        self._unavailable = reason
        self._say_status()

    @on(Input.Changed, "#search-query")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.results is not None and event.value == self.results.query:
            return  # shown already (the query as the screen opened with it)
        self._search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str) -> None:
        index = self.index
        if index is None:
            return
        worker = get_current_worker()
        try:
            hits = tuple(index.search(query, LIMIT)) if query.strip() else ()
            # The snippets and spans are worked out here too, off the UI thread.
            rows = tuple(hit_row(index, hit) for hit in hits)
        except Exception as error:  # a bug in search: said in one line, never a traceback
            self.post_message(self.Found(query, (), (), f"{type(error).__name__}: {error}"))
            return
        if not worker.is_cancelled:
            self.post_message(self.Found(query, hits, rows))

    def on_search_screen_found(self, message: Found) -> None:
        if message.query != self.query_input.value or self.index is None:
            return  # a later key has asked again
        if message.error is not None:
            self._unavailable = f"Search failed: {message.error}"
        self._show(SearchResults(message.query, message.hits, rows=message.rows))

    def _show(self, results: SearchResults) -> None:
        self.results = results
        self.hit_list.show(results.rows)
        self._say_status()

    def _say_status(self) -> None:
        status = self.query_one("#search-status", Static)
        results = self.results
        query = self.query_input.value
        text = Text()
        if self._unavailable:
            text.append(safe_text(self._unavailable))
        elif self.index is None:
            text.append(f"Indexing {self._documents} documents… the hits show once it is done.")
        elif not query.strip() or results is None:
            text.append(
                "Type words to find. The last word also finds the words it begins; "
                "a word with a typo still finds."
            )
        elif not results.hits:
            text.append("No section holds every word of “")
            text.append(safe_text(query), style="bold")
            text.append("”.")
        else:
            count = len(results.hits)
            if count == LIMIT:  # there may be more: the query wants another word
                text.append(f"The first {LIMIT} sections, best first")
            else:
                text.append(f"{count} section{'s' if count != 1 else ''}, best first")
            text.append("  ·  ↑ ↓ choose · Enter goes there · Esc closes", style="dim")
        status.update(text, layout=False)  # one line whatever it says: no new layout

    # -- keys --------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.hit_list.move(step)

    def action_page(self, pages: int) -> None:
        hit_list = self.hit_list
        hit_list.move(pages * hit_list.hits_per_page)

    def action_go(self) -> None:
        results = self.results
        highlighted = self.hit_list.highlighted
        if results is None or not results.hits or highlighted is None:
            self.app.bell()
            return
        results.position = highlighted
        self.dismiss(results)

    @on(HitList.Chosen, "#search-hits")
    def _clicked(self, event: HitList.Chosen) -> None:
        event.stop()
        self.action_go()

    def action_close(self) -> None:
        results = self.results
        self.dismiss(results if results is not None and results.query.strip() else None)
