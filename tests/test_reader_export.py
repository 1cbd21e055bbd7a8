"""Export from the reader, driven by Pilot: `e`, the default name, writing into tmp_path,
refusing to replace a file until the reader says yes, narrowing to the statement in view,
and errors said in the dialog, never as a traceback."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from reader_fixtures import council, loader_of, three_councils
from test_reader_app import until
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input

from carecompare.export import body
from carecompare.tui.app import ReaderApp
from carecompare.tui.comparison import ComparisonScreen
from carecompare.tui.export_screen import ExportScreen, ReplaceScreen

DEFAULT_NAME = "carecompare-alpha-borough-beta-county-gamma-city.md"


def run(scenario, folder: Path, documents=None) -> ReaderApp:
    app = ReaderApp(["reports"], loader=loader_of(documents or three_councils()))
    app.export_folder = folder

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: app.corpus is not None)
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())
    return app


def name_input(screen: ExportScreen) -> Input:
    return screen.query_one("#export-name", Input)


def messages(app: ReaderApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def error_text(screen: ExportScreen) -> str:
    error = screen.query_one("#export-error")
    return str(error.render()) if error.display else ""


async def export(pilot: Pilot) -> ExportScreen:
    await pilot.press("e")
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


def test_e_writes_the_councils_on_screen_to_the_named_file(tmp_path):
    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        screen = await export(pilot)
        assert name_input(screen).value == DEFAULT_NAME
        what = str(screen.query_one("#export-what").render())
        assert "Alpha Borough Council, Beta County Council and Gamma City Council" in what
        assert "all nine statements" in what
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ComparisonScreen))
        written = tmp_path / DEFAULT_NAME
        text = written.read_text(encoding="utf-8")
        assert text.startswith("*Exported by carecompare")
        assert "# Councils compared: Alpha Borough Council, Beta County Council and" in text
        assert any(m == f"Wrote {written}" for m in messages(app))

    run(scenario, tmp_path)


def test_a_name_of_the_readers_own_and_a_path(tmp_path):
    (tmp_path / "briefings").mkdir()

    async def scenario(pilot: Pilot) -> None:
        await export(pilot)
        await pilot.press(*"briefings/safeguarding.md")  # typing replaces the suggestion
        await pilot.press("enter")
        await until(pilot, lambda: (tmp_path / "briefings" / "safeguarding.md").exists())

    run(scenario, tmp_path)


def test_an_existing_file_is_kept_unless_the_reader_says_yes(tmp_path):
    existing = tmp_path / DEFAULT_NAME
    existing.write_text("my notes\n", encoding="utf-8")

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        screen = await export(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReplaceScreen))
        question = str(app.screen.query_one("#replace-question").render())
        assert DEFAULT_NAME in question and str(tmp_path) in question
        await pilot.press("enter")  # Enter presses the focused button: "Keep it"
        await until(pilot, lambda: app.screen is screen)
        assert existing.read_text(encoding="utf-8") == "my notes\n"
        assert "Nothing written" in error_text(screen)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReplaceScreen))
        await pilot.press("escape")  # also keeps it
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReplaceScreen))
        await pilot.press("n")
        await until(pilot, lambda: app.screen is screen)
        assert existing.read_text(encoding="utf-8") == "my notes\n"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReplaceScreen))
        await pilot.press("y")  # only an explicit yes replaces it
        await until(pilot, lambda: isinstance(app.screen, ComparisonScreen))
        assert existing.read_text(encoding="utf-8").startswith("*Exported by carecompare")
        assert f"Wrote {existing}" in messages(app)
        assert [p.name for p in tmp_path.iterdir()] == [DEFAULT_NAME]  # no temporary left

    run(scenario, tmp_path)


def test_only_the_statement_in_view_and_without_key_text(tmp_path):
    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        await pilot.press("7")
        screen = await export(pilot)
        only = screen.query_one("#export-only-statement", Checkbox)
        assert not only.value
        only.value = True
        screen.query_one("#export-key-text", Checkbox).value = False
        await pilot.pause()
        expected = DEFAULT_NAME.replace(".md", "-safeguarding.md")
        assert name_input(screen).value == expected
        assert "statement 7 Safeguarding" in str(screen.query_one("#export-what").render())
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ComparisonScreen))
        text = body((tmp_path / expected).read_text(encoding="utf-8"))
        assert "statement 7 Safeguarding" in text and "Assessing needs" not in text
        assert "People told us they felt safe." not in text  # no key text

    run(scenario, tmp_path)


def test_the_metrics_views_statement_filter_is_what_is_exported(tmp_path):
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("m", "7")
        screen = await export(pilot)
        assert not screen.query("#export-only-statement")
        assert "statement 7 Safeguarding" in str(screen.query_one("#export-what").render())
        assert name_input(screen).value.endswith("-safeguarding.md")

    run(scenario, tmp_path)


def test_write_errors_are_said_in_the_dialog(tmp_path):
    (tmp_path / "taken").mkdir()

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        screen = await export(pilot)
        name_input(screen).value = "taken"
        await pilot.press("enter")
        await until(pilot, lambda: "is a folder" in error_text(screen))
        assert f"Could not write {tmp_path / 'taken'}: is a folder" in error_text(screen)
        name_input(screen).value = "missing/report.md"
        await pilot.press("enter")
        await until(pilot, lambda: "No such file or directory" in error_text(screen))
        name_input(screen).value = "  "
        await pilot.press("enter")
        assert error_text(screen) == "Name the file to write."
        assert app.screen is screen and app.is_running
        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]

    run(scenario, tmp_path)


def test_letters_type_the_name_and_escape_cancels(tmp_path):
    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        screen = await export(pilot)
        name_input(screen).value = ""
        await pilot.press(*"sq/me.md")
        assert app.is_running and app.screen is screen
        assert name_input(screen).value == "sq/me.md"
        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen)
        assert not list(tmp_path.iterdir())

    run(scenario, tmp_path)


def test_nothing_compared_nothing_to_export(tmp_path):
    documents = [
        replace(council(f"Council {n}", {"safeguarding": 2}), path=f"/r/{n}.md") for n in range(7)
    ]

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        assert app.chosen == ()  # too many to compare at once: the scorecard is open
        await pilot.press("escape", "e")
        assert not isinstance(app.screen, ExportScreen)
        assert any("Choose documents to compare first" in m for m in messages(app))

    run(scenario, tmp_path, documents)
