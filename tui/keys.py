"""Every key of the reader, as data: each Binding has an id (so keys can be remapped), a
Footer label and a tooltip. The help screen and the command palette are built from these
lists, so what they say is what the keys do. Keys follow vim and visidata."""

from __future__ import annotations

from textual.binding import Binding

from carecompare.parsers.knowledge import taxonomy

_SCROLL = Binding.Group("Scroll", compact=True)
_COUNCIL = Binding.Group("Council", compact=True)
_STATEMENT = Binding.Group("Statement", compact=True)
_FIGURE = Binding.Group("Gap", compact=True)
_CURSOR = Binding.Group("Move", compact=True)
_SORT = Binding.Group("Sort", compact=True)
_HIT = Binding.Group("Hit", compact=True)
_RESULT = Binding.Group("Result", compact=True)


def _statement_keys(screen: str, action: str, verb: str) -> list[Binding]:
    """`1`-`9`, one per statement of the taxonomy; only `1` shows in the Footer, as `1-9`."""
    keys = []
    for statement in taxonomy().statements:
        first = statement.number == 1
        keys.append(
            Binding(
                str(statement.number),
                f"{action}({statement.number})",
                verb if first else f"{verb} {statement.number}",
                show=first,
                key_display="1-9" if first else None,
                tooltip=f"{verb} {statement.number}: {statement.title}",
                id=f"{screen}.statement_{statement.number}",
            )
        )
    return keys


APP_KEYS = [
    Binding(
        "s",
        "scorecard",
        "Scorecard",
        tooltip="Every document's rating and statement scores; pick documents to compare",
        id="app.scorecard",
    ),
    Binding(
        "m",
        "metrics",
        "Metrics",
        tooltip="The figures of the compared councils against the national average",
        id="app.metrics",
    ),
    Binding(
        "slash",
        "search",
        "Search",
        key_display="/",
        tooltip="Search every section of every document as you type",
        id="app.search",
    ),
    Binding(
        "e",
        "export",
        "Export",
        tooltip="Write the councils and statements on screen to a markdown file",
        id="app.export",
    ),
    Binding(
        "f",
        "files",
        "Files",
        tooltip="The files loaded, and each file that could not be read with the reason",
        id="app.files",
    ),
    Binding("question_mark", "help", "Help", key_display="?", tooltip="Every key", id="app.help"),
    Binding("q", "quit", "Quit", tooltip="Quit carecompare", id="app.quit"),
]


def _help(screen: str) -> Binding:
    """`?` first in a screen's keys, so narrow Footers still show where every key is."""
    return Binding(
        "question_mark",
        "app.help",
        "Help",
        key_display="?",
        tooltip="Every key, and what the symbols mean",
        id=f"{screen}.help",
    )


COMPARISON_KEYS = [
    _help("comparison"),
    # Search second, so it shows in a narrow Footer too (the app's `/` comes last there).
    Binding(
        "slash",
        "app.search",
        "Search",
        key_display="/",
        tooltip="Search every section of every document as you type",
        id="comparison.search",
    ),
    Binding(
        "j", "scroll(1)", "Down", tooltip="Scroll down a line", id="comparison.down", group=_SCROLL
    ),
    Binding("k", "scroll(-1)", "Up", tooltip="Scroll up a line", id="comparison.up", group=_SCROLL),
    Binding(
        "h",
        "council(-1)",
        "Previous council",
        tooltip="Focus the council to the left",
        id="comparison.council_left",
        group=_COUNCIL,
    ),
    Binding(
        "l",
        "council(1)",
        "Next council",
        tooltip="Focus the council to the right",
        id="comparison.council_right",
        group=_COUNCIL,
    ),
    Binding(
        "tab",
        "council(1)",
        "Next council",
        show=False,
        tooltip="Focus the council to the right",
        id="comparison.council_next",
    ),
    Binding(
        "shift+tab",
        "council(-1)",
        "Previous council",
        show=False,
        tooltip="Focus the council to the left",
        id="comparison.council_previous",
    ),
    Binding(
        "[",
        "step_statement(-1)",
        "Previous statement",
        tooltip="Scroll to the previous quality statement",
        id="comparison.statement_up",
        group=_STATEMENT,
    ),
    Binding(
        "]",
        "step_statement(1)",
        "Next statement",
        tooltip="Scroll to the next quality statement",
        id="comparison.statement_down",
        group=_STATEMENT,
    ),
    Binding(
        "{",
        "step_figure(-1)",
        "Previous gap",
        tooltip="Go to the previous figure with a gap to its comparator",
        id="comparison.figure_up",
        group=_FIGURE,
    ),
    Binding(
        "}",
        "step_figure(1)",
        "Next gap",
        tooltip="Go to the next figure with a gap to its comparator",
        id="comparison.figure_down",
        group=_FIGURE,
    ),
    *_statement_keys("comparison", "statement", "Statement"),
    Binding(
        "n",
        "hit(1)",
        "Next hit",
        tooltip="Go to the next hit of the last search",
        id="comparison.next_hit",
        group=_HIT,
    ),
    Binding(
        "N",
        "hit(-1)",
        "Previous hit",
        tooltip="Go to the previous hit of the last search",
        id="comparison.previous_hit",
        group=_HIT,
    ),
    Binding(
        "o",
        "outline",
        "Outline",
        tooltip="Show the outline and move into it, or back",
        id="comparison.outline",
    ),
    Binding(
        "escape",
        "clear",
        "Clear",
        show=False,
        tooltip="Clear the current figure and the search highlights",
        id="comparison.clear",
    ),
]

_TABLE_CURSOR = [
    Binding("j", "cursor('down')", "Down", tooltip="Next row", id="{screen}.down", group=_CURSOR),
    Binding("k", "cursor('up')", "Up", tooltip="Previous row", id="{screen}.up", group=_CURSOR),
    Binding(
        "h", "cursor('left')", "Left", tooltip="Previous column", id="{screen}.left", group=_CURSOR
    ),
    Binding(
        "l", "cursor('right')", "Right", tooltip="Next column", id="{screen}.right", group=_CURSOR
    ),
]


def _for(screen: str, bindings: list[Binding]) -> list[Binding]:
    from dataclasses import replace

    return [replace(b, id=(b.id or "").replace("{screen}", screen)) for b in bindings]


SCORECARD_KEYS = [
    _help("scorecard"),
    *_for("scorecard", _TABLE_CURSOR),
    Binding(
        "space",
        "mark",
        "Mark",
        tooltip="Mark or unmark this document for comparison",
        id="scorecard.mark",
    ),
    Binding(
        "enter",
        "compare",
        "Compare",
        tooltip="Compare the marked documents (none marked: this one)",
        id="scorecard.compare",
        priority=True,
    ),
    Binding(
        "a",
        "mark_all",
        "Mark all",
        tooltip="Mark every document, or unmark all",
        id="scorecard.mark_all",
    ),
    Binding(
        "[",
        "sort(False)",
        "Sort ↑",
        tooltip="Sort by this column, lowest first",
        id="scorecard.sort_ascending",
        group=_SORT,
    ),
    Binding(
        "]",
        "sort(True)",
        "Sort ↓",
        tooltip="Sort by this column, highest first",
        id="scorecard.sort_descending",
        group=_SORT,
    ),
    *_statement_keys("scorecard", "column", "Column"),
    Binding("escape", "back", "Back", tooltip="Back to the comparison", id="scorecard.back"),
]

METRICS_KEYS = [
    _help("metrics"),
    *_for("metrics", _TABLE_CURSOR),
    Binding(
        "enter",
        "jump",
        "Go to figure",
        tooltip="Show this council's figure in the comparison",
        id="metrics.jump",
        priority=True,
    ),
    Binding(
        "g",
        "sort_gap",
        "Sort by gap",
        tooltip="Largest gap to the national figure first; again for framework order",
        id="metrics.sort_gap",
    ),
    Binding(
        "[",
        "sort(False)",
        "Sort ↑",
        tooltip="Sort by this column, lowest first",
        id="metrics.sort_ascending",
        group=_SORT,
    ),
    Binding(
        "]",
        "sort(True)",
        "Sort ↓",
        tooltip="Sort by this column, highest first",
        id="metrics.sort_descending",
        group=_SORT,
    ),
    *_statement_keys("metrics", "filter", "Only statement"),
    Binding(
        "0",
        "filter(0)",
        "All statements",
        tooltip="Show the figures of every statement",
        id="metrics.all_statements",
    ),
    Binding("escape", "back", "Back", tooltip="Back to the comparison", id="metrics.back"),
]

DIALOG_KEYS = [
    Binding("escape", "close", "Close", tooltip="Close this window", id="dialog.close"),
]

# The query's Input scrolls with up/down and page keys of its own: these are priority
# bindings so that they move through the results instead.
SEARCH_KEYS = [
    Binding(
        "enter",
        "go",
        "Go there",
        tooltip="Show this section in the comparison with the words highlighted",
        id="search.go",
        priority=True,
    ),
    Binding(
        "down",
        "move(1)",
        "Next result",
        tooltip="Highlight the next result",
        id="search.down",
        priority=True,
        group=_RESULT,
    ),
    Binding(
        "up",
        "move(-1)",
        "Previous result",
        tooltip="Highlight the previous result",
        id="search.up",
        priority=True,
        group=_RESULT,
    ),
    Binding(
        "pagedown",
        "page(1)",
        "Results page down",
        show=False,
        tooltip="Highlight the result a screen further down",
        id="search.page_down",
        priority=True,
    ),
    Binding(
        "pageup",
        "page(-1)",
        "Results page up",
        show=False,
        tooltip="Highlight the result a screen further up",
        id="search.page_up",
        priority=True,
    ),
    Binding(
        "escape",
        "close",
        "Close",
        tooltip="Close search (n and N still walk its hits)",
        id="search.close",
    ),
]

EXPORT_KEYS = [
    Binding(
        "enter",
        "export",
        "Export",
        tooltip="Write the report to the file named",
        id="export.write",
        priority=True,
    ),
    Binding("escape", "cancel", "Cancel", tooltip="Close without writing", id="export.cancel"),
]

REPLACE_KEYS = [
    Binding("y", "answer(True)", "Replace", tooltip="Replace the existing file", id="replace.yes"),
    Binding(
        "n", "answer(False)", "Keep it", tooltip="Leave the existing file as it is", id="replace.no"
    ),
    Binding(
        "escape",
        "answer(False)",
        "Keep it",
        show=False,
        tooltip="Leave the existing file as it is",
        id="replace.cancel",
    ),
]
