"""The reader, driven by Pilot: every key, the mouse, loading, and the hooks for search and
export. Documents come from reader_fixtures (figures included); the app is the real one."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from dataclasses import replace

from reader_fixtures import council, loader_of, three_councils, three_councils_with_hostile_alpha
from textual.pilot import Pilot
from textual.widgets import ProgressBar

from carecompare.parsers import LoadError
from carecompare.reading import statement_rows
from carecompare.tui.app import ReaderApp
from carecompare.tui.comparison import ComparisonScreen
from carecompare.tui.dialogs import FilesScreen, HelpScreen
from carecompare.tui.grid import Grid
from carecompare.tui.keys import APP_KEYS, COMPARISON_KEYS
from carecompare.tui.metrics_screen import MetricsScreen
from carecompare.tui.panes import PaneView
from carecompare.tui.scorecard_screen import ScorecardScreen

Scenario = Callable[[Pilot], Awaitable[None]]


async def until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 10) -> None:
    """Let the app run until `condition` holds (loading happens in a thread)."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


def run(scenario: Scenario, documents=None, size=(120, 40), loader=None) -> ReaderApp:
    app = ReaderApp(["reports"], loader=loader or loader_of(documents or three_councils()))

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await until(pilot, lambda: app.corpus is not None)
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())
    return app


def pane(pilot: Pilot) -> PaneView:
    return pilot.app.screen_stack[0].query_one("#panes", PaneView)


def screen_lines(view: PaneView) -> list[str]:
    """The text of every line of the view as drawn now."""
    return [view.render_line(y).text for y in range(view.size.height)]


def all_lines(view: PaneView) -> list[str]:
    """Every line of the whole comparison (what scrolling would show)."""
    assert view.layout_ is not None
    return [view._render_index(y).text for y in range(view.layout_.height)]


def test_first_frame_comes_before_the_documents_and_slow_loading_shows_progress():
    release = threading.Event()
    documents = three_councils()

    def slow(paths, progress):
        release.wait(10)
        return loader_of(documents)(paths, progress)

    app = ReaderApp(["reports"], loader=slow)

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            try:
                await until(pilot, lambda: app.ready_at is not None)
                screen = app.screen
                assert isinstance(screen, ComparisonScreen)
                assert app.corpus is None and screen.state == "loading"
                bar = screen.query_one(ProgressBar)
                await until(pilot, lambda: bar.display)  # after a blink it shows
            finally:
                release.set()
            await until(pilot, lambda: app.corpus is not None)
            await pilot.pause()
            assert screen.state == "ready" and app.chosen == (0, 1, 2)

    asyncio.run(main())


def test_many_new_files_are_parsed_in_worker_processes_from_inside_the_app(tmp_path):
    """Enough files that the cache lacks start parse workers from the loading thread, while
    Textual holds sys.stderr (a capture with no descriptor, which once stopped the load)."""
    from carecompare.corpus import PARALLEL_MIN_FILES

    count = PARALLEL_MIN_FILES + 2
    for n in range(count):
        (tmp_path / f"council-{n}.md").write_text(
            f"# Council {n} report\n\n## Safeguarding\n\nPeople in place {n} felt safe.\n",
            encoding="utf-8",
        )
    app = ReaderApp([str(tmp_path)])

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: app.corpus is not None, seconds=60)

    asyncio.run(main())
    assert not app.corpus.failures and len(app.corpus.documents) == count


def test_files_that_could_not_be_read_are_listed_with_the_reason():
    failure = LoadError("/reports/broken.pdf", "not a PDF (it starts with 'PK')")

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("f")
        screen = pilot.app.screen
        assert isinstance(screen, FilesScreen)
        body = str(screen.query_one("#files-body").render())
        assert "/reports/broken.pdf" in body and "not a PDF (it starts with 'PK')" in body
        assert "Alpha Borough Council" in body
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ComparisonScreen)

    run(scenario, loader=loader_of(three_councils(), [failure]))


def test_nothing_readable_says_so_and_exits_1():
    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert screen.state == "message"
        assert "No document could be read" in str(screen.query_one("#message").render())

    app = run(scenario, loader=loader_of([], [LoadError("x.txt", "empty file")]))
    assert app.corpus is not None and not app.corpus.documents


def test_j_k_and_the_scroll_keys_move_the_panes_together():
    async def scenario(pilot: Pilot) -> None:
        view = pane(pilot)
        assert view.scroll_y == 0
        await pilot.press("j", "j")
        assert view.scroll_y == 2
        await pilot.press("k")
        assert view.scroll_y == 1
        await pilot.press("end")
        bottom = view.layout_.height - view.scrollable_content_region.height
        assert view.scroll_y == bottom > 0
        await pilot.press("home")
        assert view.scroll_y == 0
        await pilot.press("pagedown")
        page = view.scrollable_content_region.height - 2
        assert view.scroll_y == min(view.max_scroll_y, page) > 1

    run(scenario)


def test_h_l_and_tab_move_between_councils_and_highlight_the_column():
    async def scenario(pilot: Pilot) -> None:
        view = pane(pilot)
        assert view.focused_document == 0
        await pilot.press("l")
        assert view.focused_document == 1
        await pilot.press("tab")
        assert view.focused_document == 2
        await pilot.press("tab")
        assert view.focused_document == 0  # wraps round
        await pilot.press("shift+tab")
        assert view.focused_document == 2
        await pilot.press("h")
        assert view.focused_document == 1
        # The focused column is drawn on another background than the others.
        layout = view.layout_
        y = next(y for y, line in enumerate(screen_lines(view)) if line.count("│") == 2)
        strip = view.render_line(y)
        backgrounds = []
        for slot in range(3):
            x = layout.x_of(slot) + 1
            segment = strip.crop(x, x + 1)._segments[0]
            backgrounds.append(segment.style.bgcolor)
        assert backgrounds[1] != backgrounds[0] == backgrounds[2]

    run(scenario)


def test_brackets_and_digits_move_between_statements():
    async def scenario(pilot: Pilot) -> None:
        view = pane(pilot)
        rows = statement_rows(view.comparison)
        await pilot.press("7")
        assert view.top_row == rows["safeguarding"]
        await pilot.press("left_square_bracket")
        assert view.top_row == rows["assessing_needs"]
        await pilot.press("right_square_bracket")
        assert view.top_row == rows["safeguarding"]
        await pilot.press("1")
        assert view.top_row == rows["assessing_needs"]
        before = view.scroll_y
        await pilot.press("3")  # no document has Equity: nothing moves
        assert view.scroll_y == before
        assert any("statement 3" in n.message for n in pilot.app._notifications)

    run(scenario)


def test_curly_brackets_step_through_figures_with_a_gap():
    async def scenario(pilot: Pilot) -> None:
        view = pane(pilot)
        await pilot.press("right_curly_bracket")
        first = view.current_figure
        assert first is not None and first.value.label == "people satisfied with their care"
        assert view.focused_document == first.document == 0
        await pilot.press("right_curly_bracket")
        second = view.current_figure
        assert second.document == 1 and second.value.label == first.value.label
        start, _end = view.layout_.figure_span(second.key, second.row)
        assert view.scroll_y <= start < view.scroll_y + view.size.height
        await pilot.press("left_curly_bracket")
        assert view.current_figure == first
        await pilot.press("escape")
        assert view.current_figure is None

    run(scenario)


def test_the_outline_jumps_and_shows_scores_and_spread():
    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        view = pane(pilot)
        outline = screen.query_one("#outline")
        prompts = [str(outline.get_option_at_index(i).prompt) for i in range(outline.option_count)]
        assert any(p.startswith("7 323 ≠1") and "Safeguarding" in p for p in prompts)
        await pilot.press("o")
        assert outline.has_focus
        target = next(i for i, p in enumerate(prompts) if "Making safeguarding" in p)
        outline.highlighted = target
        await pilot.press("enter")
        assert view.top_row == outline.entries[target].row
        await pilot.press("o")
        assert view.has_focus
        await pilot.click(outline, offset=(2, 1))  # the mouse works too
        await pilot.pause()
        assert view.top_row == outline.entries[1].row

    run(scenario)


def test_scorecard_marks_and_compares():
    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        assert screen.marked == {0, 1, 2}
        await pilot.press("space")  # unmark the first, the cursor moves down
        assert screen.marked == {1, 2}
        await pilot.press("enter")
        assert isinstance(app.screen, ComparisonScreen) and app.chosen == (1, 2)
        assert pane(pilot).comparison.documents[0].council == "Beta County Council"
        await pilot.press("s", "a")  # mark all
        assert app.screen.marked == {0, 1, 2}
        await pilot.press("a", "j", "enter")  # none marked: Enter compares the highlighted one
        assert app.chosen == (1,)

    run(scenario)


def test_scorecard_sorts_by_any_column_with_keys_and_mouse():
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("s")
        screen = pilot.app.screen
        await pilot.press("7")  # the cursor goes to Safeguarding's column
        grid = screen.grid
        assert screen.columns[grid.cursor_column - 1].id == "safeguarding"
        await pilot.press("right_square_bracket")
        assert screen.order == [0, 2, 1] and screen.sorted_by == ("safeguarding", True)
        await pilot.press("left_square_bracket")
        assert screen.order == [1, 0, 2]
        grid.scroll_to(x=0, animate=False)
        await pilot.pause()
        await pilot.click(grid, offset=(grid._column_x(2) + 1, 0))  # Kind's title
        assert screen.sorted_by == ("kind", False)
        await pilot.click(grid, offset=(0, 1))  # the mark column of the first row
        await pilot.pause()
        assert screen.order[0] not in screen.marked
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ComparisonScreen) and pilot.app.chosen == (0, 1, 2)

    run(scenario)


def test_metrics_view_sorts_filters_and_goes_to_a_figure():
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("l", "m")
        screen = pilot.app.screen
        assert isinstance(screen, MetricsScreen)
        assert len(screen.shown) == 3
        await pilot.press("g")
        assert screen.shown[0].label == "median wait for DoLS"  # the largest gap, 60 days
        await pilot.press("7")
        assert {r.statement for r in screen.shown} == {"safeguarding"} and len(screen.shown) == 2
        await pilot.press("0")
        assert len(screen.shown) == 3
        # The cursor starts on the focused council (Beta); ] sorts by its gap, largest first.
        await pilot.press("right_square_bracket")
        assert screen.sorted_by == ("doc-1", True)
        assert [r.first(1).gap for r in screen.shown] == sorted(
            (r.first(1).gap for r in screen.shown), reverse=True
        )
        label = screen.shown[0].label
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, ComparisonScreen)
        view = pane(pilot)
        assert view.current_figure.value.label == label and view.focused_document == 1
        start, _ = view.layout_.figure_span(view.current_figure.key, view.current_figure.row)
        assert view.scroll_y <= start < view.scroll_y + view.size.height

    run(scenario)


def test_help_lists_every_key_of_the_screen_and_the_app():
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("question_mark")
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        listed = {k.description for k in screen.keys}
        twins = {f"Statement {n}" for n in range(2, 10)}
        for binding in [*COMPARISON_KEYS, *APP_KEYS]:
            if binding.description not in twins:
                assert binding.description in listed, binding.description
        body = str(screen.query_one("#help-body").render())
        assert "1-9" in body and "★ best" in body and "✗" in body
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ComparisonScreen)
        await pilot.press("s", "question_mark")
        assert "Mark" in {k.description for k in pilot.app.screen.keys}

    run(scenario)


def test_every_binding_has_an_id_a_label_and_a_tooltip():
    from carecompare.tui.keys import (
        DIALOG_KEYS,
        EXPORT_KEYS,
        METRICS_KEYS,
        REPLACE_KEYS,
        SCORECARD_KEYS,
        SEARCH_KEYS,
    )

    bindings = [*APP_KEYS, *COMPARISON_KEYS, *SCORECARD_KEYS, *METRICS_KEYS, *DIALOG_KEYS]
    bindings += [*SEARCH_KEYS, *EXPORT_KEYS, *REPLACE_KEYS]
    bindings += PaneView.BINDINGS + Grid.BINDINGS
    for binding in bindings:
        assert binding.id and binding.description and binding.tooltip, binding
    ids = [b.id for b in bindings]
    assert len(ids) == len(set(ids))


def test_the_command_palette_runs_any_key_by_name():
    async def scenario(pilot: Pilot) -> None:
        view = pane(pilot)
        rows = statement_rows(view.comparison)
        await pilot.press("ctrl+p")
        await pilot.press(*"Statement 7")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: view.top_row == rows["safeguarding"])

    run(scenario)


def test_q_quits():
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert not pilot.app.is_running

    run(scenario)


def test_mouse_focuses_a_column_and_picks_a_figure():
    async def scenario(pilot: Pilot) -> None:
        view = pane(pilot)
        layout = view.layout_
        await pilot.click(view, offset=(layout.x_of(2) + 2, 2))
        assert view.focused_document == 2
        figure = next(f for f in view.gap_figures if f.document == 1)
        start, _ = layout.figure_span(figure.key, figure.row)
        view.scroll_to(y=start, animate=False)
        await pilot.pause()
        await pilot.click(view, offset=(layout.x_of(1) + 2, 0))
        assert view.current_figure == figure and view.focused_document == 1

    run(scenario)


def test_columns_page_sideways_when_more_are_chosen_than_fit():
    documents = [
        replace(council(f"Council {n}", {"safeguarding": 1 + n % 4}), path=f"/r/{n}.md")
        for n in range(6)
    ]

    async def scenario(pilot: Pilot) -> None:
        view = pane(pilot)
        assert view.page == (0, 1, 2)
        header = pilot.app.screen.query_one("#pane-header")
        assert "▶ 3 more" in header.render_line(0).text
        await pilot.press("l", "l", "l")
        assert view.focused_document == 3 and view.page == (3, 4, 5)
        assert "◀ 3 more" in header.render_line(0).text
        await pilot.press("h")
        assert view.page == (0, 1, 2)

    run(scenario, documents=documents)


def test_narrow_terminals_hide_the_outline_until_o():
    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        outline = screen.query_one("#outline")
        assert not outline.display or outline.size.width == 0
        assert pane(pilot).page == (0, 1, 2)  # three columns still fit at 80 cells
        await pilot.press("o")
        await pilot.pause()
        assert outline.has_focus and outline.size.width > 0

    run(scenario, size=(80, 24))


def test_document_text_is_shown_literally_and_never_acts():
    hostile = "Click [@click=app.quit]here[/] or read [bold]this[/bold]\x1b[2J now."
    documents = three_councils_with_hostile_alpha("[bold]Alpha[/bold] Council", hostile)

    async def scenario(pilot: Pilot) -> None:
        view = pane(pilot)
        await pilot.press("7")
        lines = screen_lines(view)
        y = next(y for y, line in enumerate(lines) if "[@click=app.quit]here[/]" in line)
        x0, width = view.layout_.x_of(0), view.layout_.widths[0]
        alpha = " ".join(line[x0 : x0 + width].strip() for line in lines[1:])
        assert "Click [@click=app.quit]here[/] or read [bold]this[/bold] now." in alpha
        assert not any("\x1b" in line for line in lines)
        header = pilot.app.screen.query_one("#pane-header")
        assert "[bold]Alpha[/bold] Council" in header.render_line(0).text
        x = lines[y].index("[@click") + 3
        await pilot.click(view, offset=(x, y))
        await pilot.pause()
        assert pilot.app.is_running
        await pilot.press("s")
        grid = pilot.app.screen.grid
        assert grid.rows[0][1] == (("[bold]Alpha[/bold] Council", "marked"),)
        assert "[bold]Alpha[/bold] Council" in grid.render_line(1).text

    run(scenario, documents=documents)


def test_search_and_export_hooks():
    documents = [*three_councils(), council("Delta Council", {"safeguarding": 4})]

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        await pilot.press("s", "a", "enter")  # unmark all: Enter compares the highlighted one
        assert app.chosen == (0,)
        delta = app.corpus.documents[3]
        personal = next(i for i, s in enumerate(delta.sections) if s.title.startswith("Making"))
        assert app.show_section(3, personal, ["embedded"])
        await pilot.pause()
        view = pane(pilot)
        assert app.chosen == (0, 3) and view.focused_document == 1
        lines = screen_lines(view)
        assert "Making safeguarding personal" in lines[0]
        strip = next(view.render_line(y) for y, line in enumerate(lines) if "embedded" in line)
        matched = [s for s in strip._segments if s.text == "embedded"]
        assert matched and matched[0].style.bold
        selection = app.selection
        assert [d.council for d in selection.documents] == [
            "Alpha Borough Council",
            "Delta Council",
        ]
        assert selection.statement == "safeguarding" and selection.focused is delta
        await pilot.press("m", "7")
        assert app.selection.statements == ("safeguarding",)

    run(scenario, documents=documents)


def test_no_color_keeps_the_meaning_in_symbols(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def scenario(pilot: Pilot) -> None:
        assert pilot.app.no_color
        text = "\n".join(all_lines(pane(pilot)))
        for symbol in ("▲ +8.08 pp", "▼ -6.21 pp", "✓ better", "✗ worse", "≈ similar"):
            assert symbol in text
        assert "★ best" in text and "▽ worst" in text
        assert "3 ●●●○" in text and "2 ●●○○" in text and "≠ scores differ by 1" in text
        assert "— not in this document" in text

    run(scenario)
