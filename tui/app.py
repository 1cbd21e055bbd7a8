"""The reader: `carecompare [PATH ...]` in a terminal.

The first frame shows at once; the documents are parsed in a thread worker (with a progress
bar when that takes longer than a blink) and then compared, and the search index is built in
another worker after that. The comparison screen is the base; the scorecard, the metrics
view, search, export, help and the files report open over it.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.message import Message
from textual.worker import get_current_worker

from carecompare.corpus import Corpus, Progress, load_corpus
from carecompare.parsers import Document
from carecompare.parsers.clean import safe_text
from carecompare.reading import Selection, default_choice
from carecompare.tui.commands import KeyCommands, PlaceCommands
from carecompare.tui.comparison import ComparisonScreen
from carecompare.tui.keys import APP_KEYS

if TYPE_CHECKING:
    from carecompare.search import SearchIndex
    from carecompare.tui.search_screen import SearchResults

Loader = Callable[[Sequence[str], Progress], Corpus]
"""Reads the documents the paths name (load_corpus; tests pass their own)."""

BLINK = 0.15
"""Loading that takes longer than this shows a progress bar."""
PROGRESS_EVERY = 0.1
"""The progress bar is redrawn at most this often (seconds)."""

EXIT_OK, EXIT_NOTHING = 0, 1
APP_ACTIONS = frozenset(binding.action for binding in APP_KEYS)


class _Cancelled(Exception):
    """Raised in the loading thread when the app no longer wants its result."""


class ReaderApp(App[None]):
    """The Textual app (see the module docstring)."""

    CSS_PATH = Path(__file__).with_name("reader.tcss")  # absolute: subclasses live elsewhere
    TITLE = "carecompare"
    BINDINGS = APP_KEYS
    COMMANDS = App.COMMANDS | {KeyCommands, PlaceCommands}

    @dataclass
    class LoadProgressed(Message):
        """The loader has read `done` of `total` files."""

        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ReaderApp.LoadProgressed)

    @dataclass
    class CorpusLoaded(Message):
        """Every file has been read (or has failed)."""

        corpus: Corpus

    @dataclass
    class LoadFailed(Message):
        """The loader itself broke (a bug): the reason, in one line."""

        reason: str

    @dataclass
    class IndexBuilt(Message):
        """The search index of every loaded document is ready."""

        index: SearchIndex

    @dataclass
    class IndexFailed(Message):
        """The search index could not be built (a bug): the reason, in one line."""

        reason: str

    def __init__(self, paths: Sequence[str], *, loader: Loader | None = None) -> None:
        super().__init__()
        self.paths = list(paths)
        """The files and folders to read, as given."""
        self.corpus: Corpus | None = None
        """The documents read and the files that failed; None while loading."""
        self.chosen: tuple[int, ...] = ()
        """Indexes (into corpus.documents) of the documents compared, in column order."""
        self.started_at = time.perf_counter()
        self.ready_at: float | None = None
        """perf_counter when the first frame was drawn."""
        self.loaded_at: float | None = None
        """perf_counter when the documents had loaded."""
        self.search_index: SearchIndex | None = None
        """The index of every loaded document; None until built (after loading)."""
        self.indexed_at: float | None = None
        """perf_counter when the search index was ready."""
        self.search_results: SearchResults | None = None
        """The last search, walked by n and N."""
        self.export_folder: Path | None = None
        """Where export names are relative to; None: the current directory."""
        self._loader: Loader = loader or load_corpus
        self._progress_drawn = 0.0
        self._index_failure: str | None = None

    def get_default_screen(self) -> ComparisonScreen:
        return ComparisonScreen(loading=len(self.paths))

    @property
    def comparison_screen(self) -> ComparisonScreen:
        """The base screen: the comparison."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ComparisonScreen)
        return screen

    @property
    def selection(self) -> Selection:
        """What is on screen: the compared documents, the statement in view, the focused
        document, and the metrics view's statement filter when it is open."""
        selection = self.comparison_screen.selection
        from carecompare.tui.metrics_screen import MetricsScreen

        for screen in self.screen_stack:
            if isinstance(screen, MetricsScreen) and screen.statement:
                return Selection(
                    selection.documents,
                    selection.statement,
                    selection.focused,
                    (screen.statement,),
                )
        return selection

    # -- loading -----------------------------------------------------------------------------

    def on_ready(self) -> None:
        # Parsing starts once the first frame is on screen, so it never delays that frame.
        if self.ready_at is None:
            self.ready_at = time.perf_counter()
            self.set_timer(BLINK, self._loading_slowly)
            self._load()

    def _loading_slowly(self) -> None:
        if self.corpus is None:
            self.comparison_screen.show_progress(0, len(self.paths))

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int, path: str) -> None:
            if worker.is_cancelled:
                raise _Cancelled
            self.post_message(self.LoadProgressed(done, total))

        try:
            corpus = self._loader(self.paths, progress)
        except _Cancelled:
            return
        except Exception as error:  # a bug in loading: say so in the app, no traceback
            self.post_message(self.LoadFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(self.CorpusLoaded(corpus))

    def on_reader_app_load_progressed(self, message: LoadProgressed) -> None:
        # At most PROGRESS_EVERY: drawing the bar costs the UI thread time it shares (the
        # GIL) with the parsing thread, and keys must not wait for it.
        assert self.ready_at is not None
        now = time.perf_counter()
        due = now - self._progress_drawn >= PROGRESS_EVERY or message.done == message.total
        if self.corpus is None and now - self.ready_at > BLINK and due:
            self._progress_drawn = now
            self.comparison_screen.show_progress(message.done, message.total)

    def on_reader_app_load_failed(self, message: LoadFailed) -> None:
        self.corpus = Corpus()
        self.comparison_screen.show_message(
            f"Loading stopped on an internal error: {safe_text(message.reason)}"
        )

    def on_reader_app_corpus_loaded(self, message: CorpusLoaded) -> None:
        self.loaded_at = time.perf_counter()
        corpus = self.corpus = message.corpus
        if corpus.failures:
            count = len(corpus.failures)
            self.notify(
                f"{count} file{'s' if count != 1 else ''} could not be read: f lists "
                f"{'them' if count != 1 else 'it'} with the reason.",
                severity="warning",
                markup=False,
            )
        if not corpus.documents:
            self.comparison_screen.show_message(
                "No document could be read. Press f to see each file and why."
            )
            return
        self._build_index(corpus.documents)
        choice = default_choice(corpus.documents)
        if choice:
            self.compare(choice)
            return
        self.comparison_screen.show_message(
            f"{len(corpus.documents)} documents read. Pick the ones to compare on the "
            "scorecard (s): space marks a document, Enter compares the marked ones."
        )
        self.action_scorecard()

    # -- the search index -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _build_index(self, documents: Sequence[Document]) -> None:
        # Imported here: the first frame never pays for search.
        from carecompare.search import SearchIndex

        try:
            index = SearchIndex.build(documents)
        except Exception as error:  # a bug in indexing: say so in the app, no traceback
            self.post_message(self.IndexFailed(f"{type(error).__name__}: {error}"))
            return
        # The documents and the index live as long as the app. Frozen, the garbage collector
        # stops walking their objects: a full collection took 150-250 ms of the UI thread
        # with 300 documents loaded (50-80 ms frozen), a pause every few keys while typing a
        # search. The build has just collected, so little garbage is frozen with them; the
        # app unfreezes when it ends.
        gc.freeze()
        self.post_message(self.IndexBuilt(index))

    def on_unmount(self) -> None:
        gc.unfreeze()  # whatever runs after the app (tests, a caller) collects as usual

    def on_reader_app_index_built(self, message: IndexBuilt) -> None:
        from carecompare.tui.search_screen import SearchScreen

        self.indexed_at = time.perf_counter()
        self.search_index = message.index
        for screen in self.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.index_ready(message.index)

    def on_reader_app_index_failed(self, message: IndexFailed) -> None:
        from carecompare.tui.search_screen import SearchScreen

        self._index_failure = f"Search is unavailable: {safe_text(message.reason)}"
        self.notify(self._index_failure, severity="error", markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.index_failed(self._index_failure)

    # -- what is compared -------------------------------------------------------------------

    def compare(self, indexes: Sequence[int], focused: int = 0) -> None:
        """Compare these documents (indexes into corpus.documents), in this order, the
        `focused`-th column focused."""
        if self.corpus is None:
            return
        self.chosen = tuple(indexes)
        documents = [self.corpus.documents[i] for i in self.chosen]
        self.comparison_screen.show_documents(documents, focused)

    def show_section(self, document: int, section: int, words: Sequence[str] = ()) -> bool:
        """Show a section of any loaded document (indexes into corpus.documents and its
        sections), adding the document to the comparison when it is not in it, and
        highlight `words` there. For search: Enter on a hit lands here."""
        if self.corpus is None or not 0 <= document < len(self.corpus.documents):
            return False
        self._back_to_base()
        if document not in self.chosen:
            self.compare((*self.chosen, document), focused=len(self.chosen))
        return self.comparison_screen.go_to_section(self.chosen.index(document), section, words)

    def show_document(self, document: int) -> bool:
        """Focus a loaded document's column (an index into corpus.documents), adding it to
        the comparison when it is not in it; the statement in view stays in view. For the
        command palette: go to a council by name."""
        if self.corpus is None or not 0 <= document < len(self.corpus.documents):
            return False
        self._back_to_base()
        screen = self.comparison_screen
        if document not in self.chosen:
            statement = screen.selection.statement
            self.compare((*self.chosen, document), focused=len(self.chosen))
            if statement is not None:
                screen.panes.scroll_to_statement(statement)
        screen.panes.focused_document = self.chosen.index(document)
        screen.panes.focus()
        return True

    def go_to_statement(self, number: int) -> None:
        """Show a statement (1-9) in the comparison. For the command palette."""
        self._back_to_base()
        self.comparison_screen.action_statement(number)

    def step_hit(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) hit of the last search (`n`, `N`)."""
        results = self.search_results
        if results is None:
            self.notify("No search yet: / searches every section.", markup=False)
            return
        stepped = results.step(direction)
        if stepped is None:
            self.notify("The last search found nothing: / searches again.", markup=False)
            return
        if stepped[1]:
            where = "first" if direction > 0 else "last"
            self.notify(f"Back to the {where} hit.", timeout=2, markup=False)
        self._go_to_hit(results)

    def _go_to_hit(self, results: SearchResults) -> None:
        from carecompare.tui.search_screen import search_bar_text

        hit = results.current
        if hit is None or self.corpus is None:
            return
        if self.show_section(hit.document, hit.section, sorted(hit.terms)):
            document = self.corpus.documents[hit.document]
            self.comparison_screen.show_search_bar(search_bar_text(results, document))
        else:
            self.notify("That section is not part of the comparison.", markup=False)

    # -- screens -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The app's keys are letters and marks (s, m, /, e, f, ?, q): off (and out of the
        Footer) on screens whose letters are their own (typing a query or a file name)."""
        return not (getattr(self.screen, "OWNS_LETTERS", False) and action in APP_ACTIONS)

    def _loaded(self) -> bool:
        if self.corpus is None:
            self.notify("Still reading the documents…")
            return False
        return True

    def _back_to_base(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_scorecard(self) -> None:
        from carecompare.tui.scorecard_screen import ScorecardScreen

        if not self._loaded() or isinstance(self.screen, ScorecardScreen):
            return
        assert self.corpus is not None
        self._back_to_base()
        self.push_screen(ScorecardScreen(self.corpus.documents, self.chosen), self._chosen)

    def _chosen(self, indexes: tuple[int, ...] | None) -> None:
        if indexes:
            self.compare(indexes)

    def action_metrics(self) -> None:
        from carecompare.tui.metrics_screen import MetricsScreen

        if not self._loaded() or isinstance(self.screen, MetricsScreen):
            return
        if not self.chosen:
            self.notify("Choose documents to compare first: s opens the scorecard.")
            return
        assert self.corpus is not None
        self._back_to_base()
        documents = [self.corpus.documents[i] for i in self.chosen]
        focused = self.comparison_screen.panes.focused_document
        self.push_screen(MetricsScreen(documents, focused), self._figure_chosen)

    def _figure_chosen(self, figure: tuple[int, int] | None) -> None:
        if figure is not None:
            self.comparison_screen.go_to_figure(*figure)

    def action_search(self) -> None:
        from carecompare.tui.search_screen import SearchScreen

        if not self._loaded() or isinstance(self.screen, SearchScreen):
            return
        assert self.corpus is not None
        if not self.corpus.documents:
            self.notify("No document was read, so there is nothing to search.")
            return
        screen = SearchScreen(
            self.search_index,
            len(self.corpus.documents),
            self.search_results,
            unavailable=self._index_failure,
        )
        self.push_screen(screen, self._searched)

    def _searched(self, results: SearchResults | None) -> None:
        if results is None:
            return
        self.search_results = results
        if results.position is not None:
            self._go_to_hit(results)

    def action_export(self) -> None:
        from carecompare.tui.export_screen import ExportScreen

        if not self._loaded() or isinstance(self.screen, ExportScreen):
            return
        selection = self.selection
        if not selection.documents:
            self.notify("Choose documents to compare first: s opens the scorecard.")
            return
        folder = self.export_folder or Path(os.getcwd())
        self.push_screen(ExportScreen(selection, folder), self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"Wrote {path}", title="Exported", markup=False)

    def action_files(self) -> None:
        from carecompare.tui.dialogs import FilesScreen

        if isinstance(self.screen, FilesScreen):
            self.pop_screen()
            return
        corpus = self.corpus or Corpus()
        self.push_screen(FilesScreen(corpus.documents, corpus.failures, self.corpus is None))

    def action_help(self) -> None:
        from carecompare.tui.dialogs import HelpScreen, key_help

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        screen = self.screen
        bindings = [
            (active.binding, self.get_key_display(active.binding), active.node is self)
            for active in screen.active_bindings.values()
            if not active.binding.system
        ]
        title = {
            "comparison": "comparison",
            "scorecard": "scorecard",
            "metrics": "metrics",
            "search": "search",
            "export": "export",
        }
        self.push_screen(HelpScreen(title.get(screen.id or "", "reader"), key_help(bindings)))


def run_reader(paths: Sequence[str]) -> int:
    """Open the reader on these files and folders; the exit status (CONTRACT.md): 1 when no
    document could be read."""
    app = ReaderApp(paths)
    app.run()
    if app.corpus is not None and not app.corpus.documents:
        return EXIT_NOTHING
    return EXIT_OK
