"""The outline beside the panes: every aligned section, each statement with every council's
score and the spread marked where they differ. Choosing an entry jumps the panes there."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from carecompare.parsers.clean import safe_text
from carecompare.reading import OutlineEntry
from carecompare.tui.roles import RoleStyles

WIDTH = 31
"""Cells an entry may take (the outline's width less its border): longer titles are cut."""


def entry_text(
    entry: OutlineEntry, styles: Mapping[str, Style] | RoleStyles, width: int = WIDTH
) -> Text:
    """An entry as Text (never markup): indented title; for a statement its number, each
    document's score (· for none), `≠n` when the scores differ by n, and its title."""
    text = Text(no_wrap=True, overflow="ellipsis")
    title = safe_text(entry.title)
    if entry.kind == "theme":
        text.append(title, style=styles["band-theme"])
        text.truncate(width, overflow="ellipsis")
        return text
    if entry.number is not None:
        # Scores before the title so a narrow outline clips the title, not the scores.
        text.append(f"{entry.number} ", style=styles["band-statement"])
        for score in entry.scores:
            if score is None:
                text.append("·", style=styles["score-none"])
            else:
                text.append(str(score), style=styles[f"score-{score}"])
        text.append(f" ≠{entry.spread} " if entry.spread else "    ", style=styles["spread"])
        text.append(title, style=styles["band-statement"])
        text.truncate(width, overflow="ellipsis")
        return text
    indent = "  " * entry.level
    text.append(f"{indent}{title}", style=styles["note"] if entry.level == 0 else "")
    text.truncate(width, overflow="ellipsis")
    return text


class Outline(OptionList):
    """The comparison's aligned sections as a list to jump from."""

    @dataclass
    class RowChosen(Message):
        """The user chose an entry: show its row."""

        outline: Outline
        row: int
        """Index into the comparison's rows."""

        @property
        def control(self) -> Outline:
            return self.outline

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._entries: tuple[OutlineEntry, ...] = ()
        self._styles = RoleStyles(self)

    @property
    def entries(self) -> tuple[OutlineEntry, ...]:
        return self._entries

    def show(self, entries: Sequence[OutlineEntry]) -> None:
        """Replace the entries."""
        self._entries = tuple(entries)
        self.clear_options()
        self.add_options(
            Option(entry_text(entry, self._styles), id=f"row-{entry.row}")
            for entry in self._entries
        )

    def follow(self, row: int | None) -> None:
        """Highlight the entry of a row the panes scrolled to (without jumping back)."""
        if row is None:
            return
        for index, entry in enumerate(self._entries):
            if entry.row == row:
                if self.highlighted != index:
                    self.highlighted = index
                    # Keep the entry mid-list rather than at an edge (entries are one line).
                    self.call_after_refresh(
                        self.scroll_to, y=max(0, index - self.size.height // 2), animate=False
                    )
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self._entries):
            self.post_message(self.RowChosen(self, self._entries[index].row))
