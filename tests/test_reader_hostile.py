"""The reader under hostile documents, read from files by the real loader: markup and
terminal escapes are shown as text, clicking and scrolling over them does nothing but
scroll, and the app keeps running."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from badfiles import ESCAPES, MARKUP
from textual import events
from textual.pilot import Pilot

from carecompare.tui.app import ReaderApp
from carecompare.tui.comparison import ComparisonScreen
from carecompare.tui.panes import PaneView

CONTROL = frozenset(chr(c) for c in (*range(0, 32), *range(0x7F, 0xA0)))


def drawn(view: PaneView) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


def read(paths: list[str], scenario: Callable[[Pilot, PaneView], Awaitable[None]]) -> ReaderApp:
    """Open the files in the reader, compare them all, and run the scenario."""
    app = ReaderApp(paths)

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(1000):
                if app.corpus is not None:
                    break
                await pilot.pause(0.02)
            assert app.corpus is not None and app.corpus.documents
            await pilot.pause()
            await pilot.press("s", "a", "enter")  # the scorecard: mark all, compare
            await pilot.pause()
            assert isinstance(app.screen, ComparisonScreen)
            await scenario(pilot, app.screen.query_one("#panes", PaneView))
            assert app.is_running and app.return_code is None

    asyncio.run(main())
    return app


async def click_and_scroll(pilot: Pilot, view: PaneView, rounds: int, seen: list[str]) -> None:
    width, height = view.size
    spots = [(x * width // 4, y * height // 4) for x in range(1, 4) for y in range(1, 4)]
    for _ in range(rounds):
        seen.extend(drawn(view))
        for spot in spots:
            await pilot.click(PaneView, offset=spot)
        # Pilot has no scroll method: the wheel, as the terminal sends it.
        await pilot._post_mouse_events([events.MouseScrollDown], PaneView, spots[4])
        await pilot.press("j", "j", "l")
        seen.extend(drawn(view))


def test_markup_and_escapes_are_shown_as_text_and_clicking_them_does_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CARECOMPARE_NO_CACHE", "1")
    (tmp_path / "markup.md").write_text(MARKUP)
    (tmp_path / "escapes.txt").write_text(ESCAPES)
    seen: list[str] = []

    async def scenario(pilot: Pilot, view: PaneView) -> None:
        await click_and_scroll(pilot, view, 3, seen)
        await pilot.press("home", "o", "escape", "m", "escape", "question_mark", "escape")

    read([str(tmp_path)], scenario)
    text = "\n".join(seen)
    assert "[@click=app.quit]quit[/]" in text
    # Columns wrap long lines: the markup's pieces each stand on some line, literally.
    assert "[link=https://evil.example]" in text and "[/link]" in text
    assert "Staff red and moved" in text  # the escapes are gone, the words are there
    assert not any(CONTROL & set(line) for line in seen)


def test_a_document_of_one_enormous_line_scrolls(tmp_path, monkeypatch):
    monkeypatch.setenv("CARECOMPARE_NO_CACHE", "1")
    (tmp_path / "long-line.txt").write_text("Safeguarding [bold]x[/] " * 20_000)
    seen: list[str] = []

    async def scenario(pilot: Pilot, view: PaneView) -> None:
        await click_and_scroll(pilot, view, 2, seen)
        await pilot.press("end", "home")

    read([str(tmp_path / "long-line.txt")], scenario)
    assert any("Safeguarding [bold]x[/]" in line for line in seen)
