"""Search in the reader: `/` opens this screen; the hits update as the reader types (each
query runs in a thread worker, so typing never waits for it); Enter shows the highlighted hit
in the comparison with the words highlighted there; `n`/`N` walk the hits after it closes.

The index (`carecompare.search.SearchIndex`) is built by the app after loading and never
changes, so any thread may search it. Document text goes into the list as `Text` with
styled spans, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from carecompare.parsers import Document
from carecompare.parsers.clean import safe_text
from carecompare.parsers.knowledge import taxonomy
from carecompare.search import Hit, SearchIndex
from carecompare.tui.keys import SEARCH_KEYS
from carecompare.tui.roles import RoleStyles
from carecompare.tui.search_listing import marked

LIMIT = 50
"""Hits listed, and walked by `n`/`N`: plenty to read through; more and the query wants
another word."""


@dataclass
class SearchResults:
    """A query's hits, best first, and the one last gone to."""

    query: str
    hits: tuple[Hit, ...]
    position: int | None = None
    """Index into `hits` of the hit last shown in the comparison (None: none yet)."""

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


def statement_label(statement: str | None) -> str:
    """ "7 Safeguarding" for a statement id ("" for none or one the taxonomy lacks)."""
    for known in taxonomy().statements:
        if known.id == statement:
            return f"{known.number} {known.title}"
    return ""


def hit_heading(index: SearchIndex, hit: Hit, styles: Mapping[str, Style] | RoleStyles) -> Text:
    """Council · statement · section title (its matched words marked) · file:line."""
    document = index.documents[hit.document]
    section = hit.target
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(safe_text(document.name), style=styles["council"])
    statement = statement_label(section.statement)
    if statement:
        text.append(" · ", style=styles["separator"])
        text.append(statement, style=styles["band-statement"])
    text.append(" · ", style=styles["separator"])
    title = section.title or "(untitled)"
    spans = hit.title_spans if section.title else ()
    text.append_text(marked(title, spans, styles["heading"], styles["match"]))
    text.append(f"  {safe_text(Path(document.path).name)}:{hit.line}", style=styles["path"])
    return text


def hit_prompt(index: SearchIndex, hit: Hit, styles: Mapping[str, Style] | RoleStyles) -> Text:
    """A hit as the list shows it: its heading, then its snippet (words marked)."""
    text = hit_heading(index, hit, styles)
    text.no_wrap = False
    text.overflow = "fold"
    if hit.snippet:
        text.append("\n")
        text.append_text(marked(hit.snippet, hit.snippet_spans, "", styles["match"]))
    return text


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


class HitList(OptionList, can_focus=False):
    """The hits as a list; the query keeps the keyboard (the screen moves the highlight)."""

    def show(self, index: SearchIndex, hits: tuple[Hit, ...], styles: RoleStyles) -> None:
        """Replace the list with these hits, the first highlighted."""
        options: list[Option | None] = []
        for hit in hits:
            options.append(Option(hit_prompt(index, hit, styles)))
            options.append(None)  # a rule between hits
        self.set_options(options[:-1])
        self.highlighted = 0 if hits else None
        self.scroll_to(y=0, animate=False)


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
        self._styles = RoleStyles(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static(
                Text(f"Search every section of {self._documents} documents", style="bold"),
                id="search-title",
            )
            yield Input(
                value=self.results.query if self.results else "",
                placeholder="words to find, for example: dols waiting list",
                id="search-query",
            )
            yield Static(id="search-status", markup=False)
            yield HitList(id="search-hits", markup=False)
        yield Footer()

    @property
    def query_input(self) -> Input:
        return self.query_one("#search-query", Input)

    @property
    def hit_list(self) -> HitList:
        return self.query_one("#search-hits", HitList)

    def on_mount(self) -> None:
        results = self.results
        if results is not None and self.index is not None:
            self._show(results)
            if results.position is not None:
                self.hit_list.highlighted = results.position
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
            for hit in hits:
                _ = hit.snippet  # worked out here, off the UI thread
        except Exception as error:  # a bug in search: said in one line, never a traceback
            self.post_message(self.Found(query, (), f"{type(error).__name__}: {error}"))
            return
        if not worker.is_cancelled:
            self.post_message(self.Found(query, hits))

    def on_search_screen_found(self, message: Found) -> None:
        if message.query != self.query_input.value or self.index is None:
            return  # a later key has asked again
        if message.error is not None:
            self._unavailable = f"Search failed: {message.error}"
        self._show(SearchResults(message.query, message.hits))

    def _show(self, results: SearchResults) -> None:
        assert self.index is not None
        self.results = results
        self.hit_list.show(self.index, results.hits, self._styles)
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
            first = f" (the first {LIMIT})" if count == LIMIT else ""
            text.append(f"{count} section{'s' if count != 1 else ''}{first}, best first")
            text.append("  ·  ↑ ↓ choose · Enter goes there · Esc closes", style="dim")
        status.update(text)

    # -- keys --------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        hit_list = self.hit_list
        if step > 0:
            hit_list.action_cursor_down()
        else:
            hit_list.action_cursor_up()

    def action_page(self, pages: int) -> None:
        hit_list = self.hit_list
        if pages > 0:
            hit_list.action_page_down()
        else:
            hit_list.action_page_up()

    def action_go(self) -> None:
        results = self.results
        highlighted = self.hit_list.highlighted
        if results is None or not results.hits or highlighted is None:
            self.app.bell()
            return
        results.position = highlighted
        self.dismiss(results)

    @on(OptionList.OptionSelected, "#search-hits")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_go()

    def action_close(self) -> None:
        results = self.results
        self.dismiss(results if results is not None and results.query.strip() else None)
