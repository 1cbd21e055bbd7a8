"""What each screen of the reader looks like at 120x40 (pytest-textual-snapshot; update with
`pytest --snapshot-update` after looking at the report). Documents come from reader_fixtures,
so the pictures do not change when the parsers learn more about the samples."""

from __future__ import annotations

from pathlib import Path

from reader_fixtures import loader_of, three_councils
from test_reader_app import until
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from carecompare.parsers import LoadError
from carecompare.tui.app import ReaderApp

SIZE = (120, 40)


def reader() -> ReaderApp:
    return ReaderApp(["reports"], loader=loader_of(three_councils()))


async def loaded(pilot: Pilot) -> None:
    """Wait for the documents (loading is the only thing here that depends on time)."""
    await until(pilot, lambda: pilot.app.corpus is not None)
    await pilot.pause()


def steady(screen: Screen) -> None:
    """No blinking cursor: it would be drawn or not depending on when the picture is taken."""
    for field in screen.query(Input):
        field.cursor_blink = False


def test_comparison_screen(snap_compare):
    """Three councils side by side at Safeguarding, Beta's column focused, the first figure
    with a gap current."""
    assert snap_compare(reader(), terminal_size=SIZE, run_before=loaded, press=["7", "l", "}"])


def test_comparison_screen_narrow(snap_compare):
    """At 80x24 the outline hides; three columns still fit."""
    assert snap_compare(reader(), terminal_size=(80, 24), run_before=loaded, press=["7"])


def test_scorecard_screen(snap_compare):
    """Every document with its rating and scores, the compared ones marked."""
    assert snap_compare(reader(), terminal_size=SIZE, run_before=loaded, press=["s"])


def test_metrics_screen(snap_compare):
    """The figures against the national average, largest gap first."""
    assert snap_compare(reader(), terminal_size=SIZE, run_before=loaded, press=["m", "g"])


def test_help_screen(snap_compare):
    """Every key of the comparison and what the symbols mean."""
    assert snap_compare(reader(), terminal_size=SIZE, run_before=loaded, press=["question_mark"])


def test_files_screen(snap_compare):
    """The load report, with a file that could not be read (its warning toast cleared, as
    toasts go by time)."""
    failure = LoadError("/reports/broken.pdf", "not a PDF (it starts with 'PK')")
    app = ReaderApp(["reports"], loader=loader_of(three_councils(), [failure]))

    async def quiet(pilot: Pilot) -> None:
        await loaded(pilot)
        pilot.app.clear_notifications()

    assert snap_compare(app, terminal_size=SIZE, run_before=quiet, press=["f"])


def test_search_screen(snap_compare):
    """A query typed, its hits with council, statement, title and snippet, words marked."""

    async def typed(pilot: Pilot) -> None:
        await until(pilot, lambda: pilot.app.search_index is not None)
        await pilot.press("slash", *"safeguarding pers")
        screen = pilot.app.screen
        await until(pilot, lambda: screen.results and screen.results.query == "safeguarding pers")
        steady(screen)
        await pilot.pause()

    assert snap_compare(reader(), terminal_size=SIZE, run_before=typed)


def test_export_dialog(snap_compare):
    """The export dialog at Safeguarding: what is compared, the choices, the default name."""
    app = reader()
    app.export_folder = Path("/reports")

    async def opened(pilot: Pilot) -> None:
        await loaded(pilot)
        await pilot.press("7", "e")
        await until(pilot, lambda: bool(pilot.app.screen.query("#export-name")))
        steady(pilot.app.screen)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=opened)
