"""Search in the reader, driven by Pilot: `/` and typing, the hits as they update, Enter,
the arrows, `n`/`N`, Escape, the palette's councils and statements, and document text that
looks like markup. Documents come from reader_fixtures; the index is the real one."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace

from reader_fixtures import council, loader_of, three_councils, three_councils_with_hostile_alpha
from test_reader_app import pane, screen_lines, until
from textual.pilot import Pilot

from carecompare.search import SearchIndex
from carecompare.tui.app import ReaderApp
from carecompare.tui.comparison import ComparisonScreen
from carecompare.tui.search_screen import (
    HIT_HEIGHT,
    LIMIT,
    HitRow,
    SearchResults,
    SearchScreen,
    row_lines,
)


def run(scenario, documents=None, size=(120, 40)) -> ReaderApp:
    """Run `scenario` once the documents are compared and the index is built."""
    app = ReaderApp(["reports"], loader=loader_of(documents or three_councils()))

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await until(pilot, lambda: app.search_index is not None)
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())
    return app


async def search_for(pilot: Pilot, query: str) -> SearchScreen:
    """Open search (if it is not open) and type `query` key by key, waiting for each key's
    hits: the list follows every keystroke."""
    if not isinstance(pilot.app.screen, SearchScreen):
        await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    typed = screen.query_input.value
    for character in query:
        typed += character
        await pilot.press(character if character != " " else "space")
        if typed.strip():
            await until(
                pilot, lambda t=typed: screen.results is not None and screen.results.query == t
            )
    await pilot.pause()
    return screen


def matched_words(line) -> list[str]:
    """The words of a line of spans in the match role."""
    return [text for text, role in line if role == "match"]


def plain(line) -> str:
    return "".join(text for text, _role in line)


def marked_on_screen(view) -> list[str]:
    """The words the panes draw as search matches (in the match role's colours) now."""
    match = view._styles["match"]
    assert match.bgcolor is not None
    return [
        segment.text
        for y in range(view.size.height)
        for segment in view.render_line(y)._segments
        if segment.style is not None and segment.style.bgcolor == match.bgcolor
    ]


def test_slash_opens_search_and_hits_update_as_you_type():
    async def scenario(pilot: Pilot) -> None:
        screen = await search_for(pilot, "saf")
        first = screen.results
        assert first is not None and first.hits
        assert "Type words" not in str(screen.query_one("#search-status").render())
        await search_for(pilot, "eguarding pers")
        results = screen.results
        assert results.query == "safeguarding pers" and 0 < len(results.hits) < len(first.hits)
        best = results.hits[0]
        assert best.target.title == "Making safeguarding personal"
        status = str(screen.query_one("#search-status").render())
        assert f"{len(results.hits)} sections, best first" in status
        # Each hit shows council, statement, section title and a snippet, words marked.
        row = screen.hit_list.rows[0]
        document = pilot.app.corpus.documents[best.document]
        assert plain(row.heading).startswith(
            f"{document.council} · 7 Safeguarding · Making safeguarding personal  "
        )
        assert plain(row.snippet) == "Making safeguarding personal was embedded."
        assert matched_words(row.heading) == ["safeguarding", "personal"]
        assert matched_words(row.snippet) == ["safeguarding", "personal"]
        # As drawn: the first hit highlighted (▌), in the match role's colours.
        hit_list = screen.hit_list
        lines = [hit_list.render_line(y).text for y in range(4)]
        assert lines[0].startswith("▌ " + plain(row.heading)[:40])
        assert lines[1].startswith("▌ Making safeguarding personal was embedded.")
        assert lines[2].strip() in ("", "▌") and lines[3].strip() == ""
        match = hit_list._styles["match"]
        drawn = [
            s.text for s in hit_list.render_line(1)._segments if s.style.bgcolor == match.bgcolor
        ]
        assert drawn == ["safeguarding", "personal"]

    run(scenario)


def test_enter_lands_on_the_section_with_the_words_highlighted():
    async def scenario(pilot: Pilot) -> None:
        screen = await search_for(pilot, "embedded")
        hit = screen.results.hits[0]
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, ComparisonScreen)
        view = pane(pilot)
        assert view.focused_document == pilot.app.chosen.index(hit.document)
        assert "Making safeguarding personal" in screen_lines(view)[0]
        assert marked_on_screen(view) == ["embedded"]
        bar = pilot.app.screen.query_one("#search-bar")
        assert bar.display and "hit 1 of" in str(bar.render())
        assert pilot.app.search_results.position == 0

    run(scenario)


def test_arrows_choose_a_hit_and_escape_closes_keeping_the_hits():
    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        screen = await search_for(pilot, "safe")
        hits = screen.results.hits
        assert len(hits) >= 3 and screen.hit_list.highlighted == 0
        await pilot.press("down", "down", "up")
        assert screen.hit_list.highlighted == 1
        await pilot.press("pagedown")
        assert screen.hit_list.highlighted == len(hits) - 1  # all fit on one page
        await pilot.press("pageup", "down")
        assert screen.hit_list.highlighted == 1
        await pilot.press("enter")
        assert app.search_results.position == 1
        view = pane(pilot)
        assert view.focused_document == app.chosen.index(hits[1].document)
        # Reopened, it shows the same query (selected: typing replaces it) and hits.
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_input.value == "safe" and screen.hit_list.highlighted == 1
        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen)
        assert app.search_results.query == "safe"

    run(scenario)


def test_n_and_shift_n_walk_the_hits_after_search_closes():
    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        await pilot.press("n")  # no search yet: says how to search
        assert any("/ searches" in n.message for n in app._notifications)
        screen = await search_for(pilot, "safe")
        count = len(screen.results.hits)
        await pilot.press("escape")  # closed without choosing: n starts at the first hit
        await pilot.press("n")
        assert app.search_results.position == 0
        await pilot.press("n")
        assert app.search_results.position == 1
        hit = app.search_results.current
        view = pane(pilot)
        assert view.focused_document == app.chosen.index(hit.document)
        bar = app.screen.query_one("#search-bar")
        assert f"hit 2 of {count}" in str(bar.render())
        await pilot.press("N", "N")  # back past the first: round to the last
        assert app.search_results.position == count - 1
        assert any("last hit" in n.message for n in app._notifications)
        await pilot.press("escape")  # clears the highlights and the bar; n still walks
        assert not bar.display and view._highlight is None
        await pilot.press("n")
        assert app.search_results.position == 0 and bar.display

    run(scenario)


def test_a_hit_in_a_document_not_compared_adds_it():
    documents = [
        *three_councils(),
        council("Delta Council", {"safeguarding": 4}, personal="Delta kept a backlog log."),
        replace(three_councils()[0], kind="annual_report", path="/r/annual.md"),
    ]

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        assert app.chosen == (0, 1, 2, 3)  # the CQC ones; the annual report is not compared
        screen = await search_for(pilot, "backlog")
        assert [h.document for h in screen.results.hits] == [3]
        await pilot.press("escape")
        await pilot.press("s", "a", "a", "enter")  # mark all, unmark all: compare Alpha alone
        assert app.chosen == (0,)
        await pilot.press("n")
        assert app.chosen == (0, 3) and pane(pilot).focused_document == 1
        assert marked_on_screen(pane(pilot)) == ["backlog"]

    run(scenario, documents=documents)


def test_the_view_scrolls_to_a_match_far_down_a_long_section():
    long_text = "\n\n".join(f"Paragraph {n} says little of note." for n in range(80))
    documents = three_councils()
    documents[1] = council(
        "Beta County Council",
        {"safeguarding": 2},
        personal=long_text + "\n\nAt last the reablement waiting list.",
    )

    async def scenario(pilot: Pilot) -> None:
        await search_for(pilot, "reablement")
        await pilot.press("enter")
        view = pane(pilot)
        assert marked_on_screen(view) == ["reablement"]  # on screen, though far down

    run(scenario, documents=documents)


def test_nothing_found_says_so_and_enter_stays():
    async def scenario(pilot: Pilot) -> None:
        screen = await search_for(pilot, "zzqxv")
        assert screen.results.hits == ()
        assert "No section holds every word of “zzqxv”" in str(
            screen.query_one("#search-status").render()
        )
        await pilot.press("enter")
        assert pilot.app.screen is screen

    run(scenario)


def test_letters_type_the_query_and_do_not_run_the_app_keys():
    async def scenario(pilot: Pilot) -> None:
        screen = await search_for(pilot, "sqmef? ")
        assert pilot.app.is_running and pilot.app.screen is screen
        assert screen.query_input.value == "sqmef? "
        footer_keys = {a.binding.id for a in screen.active_bindings.values()}
        assert "app.quit" not in footer_keys and "search.go" in footer_keys

    run(scenario)


def test_search_before_the_index_is_ready_says_so_then_shows_the_hits(monkeypatch):
    release = threading.Event()
    build = SearchIndex.build.__func__

    def slow_build(cls, documents):
        release.wait(10)
        return build(cls, documents)

    monkeypatch.setattr(SearchIndex, "build", classmethod(slow_build))
    app = ReaderApp(["reports"], loader=loader_of(three_councils()))

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            try:
                await until(pilot, lambda: app.corpus is not None)
                await pilot.press("slash", *"embedded")
                screen = app.screen
                assert isinstance(screen, SearchScreen) and app.search_index is None
                assert "Indexing 3 documents" in str(screen.query_one("#search-status").render())
            finally:
                release.set()
            await until(pilot, lambda: screen.results is not None and screen.results.hits)
            assert screen.results.query == "embedded"

    asyncio.run(main())


def test_results_walk_round_both_ends():
    results = SearchResults("q", ("a", "b", "c"))  # type: ignore[arg-type]
    assert results.step(-1) == (2, False)
    assert results.step(1) == (0, True)
    assert results.step(1) == (1, False)
    assert SearchResults("q", ()).step(1) is None
    assert LIMIT >= 20


def test_document_text_that_looks_like_markup_is_listed_literally():
    hostile = "The [bold]backlog[/bold] [@click=app.quit]here[/] \x1b[2J grew."
    documents = three_councils_with_hostile_alpha("[red]Alpha[/red] Council", hostile)

    async def scenario(pilot: Pilot) -> None:
        screen = await search_for(pilot, "backlog")
        row = screen.hit_list.rows[0]
        assert plain(row.heading).startswith("[red]Alpha[/red] Council · ")
        assert "[bold]backlog[/bold] [@click=app.quit]here[/]" in plain(row.snippet)
        drawn = "\n".join(screen.hit_list.render_line(y).text for y in range(8))
        assert "[red]Alpha[/red] Council" in drawn and "[@click=app.quit]here[/]" in drawn
        assert "\x1b" not in drawn
        await pilot.press("enter")
        assert pilot.app.is_running
        lines = "\n".join(screen_lines(pane(pilot)))
        assert "[@click=app.quit]here[/]" in lines and "\x1b" not in lines

    run(scenario, documents=documents)


def test_the_palette_goes_to_a_council_or_a_statement_by_name():
    documents = [*three_councils(), replace(council("Delta Council", {}), kind="annual_report")]

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        view = pane(pilot)
        await pilot.press("7")  # Safeguarding in view: it stays in view as Delta is added
        await pilot.press("ctrl+p", *"delta council")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: app.chosen == (0, 1, 2, 3))
        assert view.focused_document == 3
        assert view.comparison.rows[view.top_row].key == "safeguarding"
        await pilot.press("ctrl+p", *"gamma")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: view.focused_document == 2)
        # A statement by its short name.
        rows = {
            row.statement: i
            for i, row in enumerate(view.comparison.rows)
            if row.kind == "statement"
        }
        await pilot.press("ctrl+p", *"safeguard")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: view.top_row == rows["safeguarding"])
        # And the search key by name.
        await pilot.press("ctrl+p", *"search every section")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))

    run(scenario, documents=documents)


def test_clicking_a_hit_goes_there():
    async def scenario(pilot: Pilot) -> None:
        screen = await search_for(pilot, "safe")
        second = screen.results.hits[1]
        await pilot.click(screen.hit_list, offset=(4, HIT_HEIGHT))  # the second hit's heading
        await until(pilot, lambda: isinstance(pilot.app.screen, ComparisonScreen))
        assert pilot.app.search_results.current is second

    run(scenario)


def test_a_long_snippet_keeps_to_its_lines_and_a_long_heading_is_cut():
    heading = (("A council with a very long name", "council"), (" · Safeguarding", "heading"))
    snippet = (*((f"word{n} ", "text") for n in range(60)), ("match", "match"))
    lines = row_lines(HitRow(heading, snippet), 30)
    assert len(lines) == HIT_HEIGHT - 1
    assert plain(lines[0]) == "A council with a very long na…"
    assert all(sum(len(text) for text, _ in line) <= 30 for line in lines)
    assert plain(lines[-1]).endswith("…")
    short = row_lines(HitRow(heading, (("Brief.", "text"),)), 80)
    assert [plain(line) for line in short[1:]] == ["Brief.", *[""] * (HIT_HEIGHT - 3)]


def test_enter_lands_on_the_section_when_nothing_was_compared_yet():
    documents = [
        replace(
            council(f"Council {n}", {"safeguarding": 2}, personal=f"Place {n} kept a log."),
            path=f"/r/{n}.md",
        )
        for n in range(7)
    ]
    documents[5] = replace(
        documents[5],
        sections=tuple(
            replace(s, text=s.text + " A backlog of reviews.") if s.key.startswith("safeg") else s
            for s in documents[5].sections
        ),
    )

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        assert app.chosen == ()  # seven: the reader opened on the scorecard
        await search_for(pilot, "backlog")
        await pilot.press("enter")
        await pilot.pause()
        view = pane(pilot)
        assert app.chosen == (5,) and view.top_row is not None
        assert view.comparison.rows[view.top_row].statement == "safeguarding"
        assert marked_on_screen(view) == ["backlog"]

    run(scenario, documents=documents)
