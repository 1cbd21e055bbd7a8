"""Windows over the reader: help (every key, from the bindings themselves, and what the
symbols mean) and the files (each document loaded, each file that failed and why)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from carecompare.gaps import LEGEND
from carecompare.parsers import Document, LoadError
from carecompare.parsers.clean import safe_text
from carecompare.parsers.knowledge import taxonomy
from carecompare.scorecard import document_date, kind_label
from carecompare.tui.keys import DIALOG_KEYS
from carecompare.tui.pane_layout import EMPTY_CELL, SCORE_DOTS


@dataclass(frozen=True, slots=True)
class KeyHelp:
    """One key as the help lists it."""

    key: str
    """How the key is shown ("j", "ctrl+p", "1-9")."""
    description: str
    tooltip: str
    everywhere: bool
    """An app-wide key rather than one of the screen's."""


def key_help(bindings: Sequence[tuple[Binding, str, bool]]) -> list[KeyHelp]:
    """(binding, key as shown, app-wide) as help entries: keys of one binding on one line
    ("home g"), and `1`-`9` as one entry naming the nine statements."""
    twins = tuple(f".statement_{n}" for n in range(2, 10))
    statements = " · ".join(f"{s.number} {s.short}" for s in taxonomy().statements)
    entries: dict[str, KeyHelp] = {}
    for binding, shown, everywhere in bindings:
        if (binding.id or "").endswith(twins):
            continue
        key = binding.id or f"{binding.key}:{binding.action}"
        tooltip = statements if binding.key_display == "1-9" else binding.tooltip
        if key in entries:
            entry = entries[key]
            entries[key] = replace(entry, key=f"{entry.key} {shown}")
        else:
            entries[key] = KeyHelp(shown, binding.description, tooltip, everywhere)
    return list(entries.values())


class _Dialog(Screen[None]):
    """A full screen rather than a modal one: Textual blends every cell of the screen
    behind a modal, which took most of a second over the panes on a 2-core machine."""

    BINDINGS = DIALOG_KEYS

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(_Dialog):
    """Every key of the screen below and of the app, and what the symbols mean."""

    def __init__(self, screen_title: str, keys: Sequence[KeyHelp]) -> None:
        super().__init__(id="help")
        self._screen_title = screen_title
        self.keys = list(keys)
        """The keys listed."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Keys: {self._screen_title}", style="bold"), classes="title")
            with VerticalScroll():
                yield Static(self._body(), id="help-body")
            yield Static(Text("Escape closes · ctrl+p finds any command by name"), classes="hint")

    def _body(self) -> Text:
        text = Text()
        key_width = max((len(k.key) for k in self.keys), default=4) + 2
        label_width = max((len(k.description) for k in self.keys), default=8) + 2
        for heading, everywhere in (("On this screen", False), ("Everywhere", True)):
            text.append(f"{heading}\n", style="bold underline")
            for entry in (k for k in self.keys if k.everywhere == everywhere):
                text.append(f"  {entry.key:<{key_width}}", style="bold")
                text.append(f"{entry.description:<{label_width}}")
                if entry.tooltip and entry.tooltip != entry.description:
                    text.append(entry.tooltip, style="dim")
                text.append("\n")
            text.append("\n")
        text.append("Scores and figures\n", style="bold underline")
        for score, dots in SCORE_DOTS.items():
            text.append(f"  {score} {dots}  ", style="bold")
            text.append(f"statement score {score} of 4\n")
        text.append(f"  {EMPTY_CELL}  ", style="bold")
        text.append("the document has no such section\n")
        text.append("  ≠n  ", style="bold")
        text.append("the councils' scores for a statement differ by n\n")
        for symbol, meaning in LEGEND:
            text.append(f"  {symbol}  ", style="bold")
            text.append(f"{meaning}\n")
        return text


class FilesScreen(_Dialog):
    """The load report: the documents read and the files that could not be, with reasons."""

    def __init__(
        self,
        documents: Sequence[Document],
        failures: Sequence[LoadError],
        loading: bool = False,
    ) -> None:
        super().__init__(id="files")
        self.documents = list(documents)
        self.failures = list(failures)
        self._loading = loading

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Files", style="bold"), classes="title")
            with VerticalScroll():
                yield Static(self._body(), id="files-body")
            yield Static(Text("Escape closes"), classes="hint")

    def _body(self) -> Text:
        text = Text()
        if self._loading:
            text.append("Still reading; this list is complete once loading ends.\n\n")
        text.append(f"Could not be read ({len(self.failures)})\n", style="bold underline")
        if not self.failures:
            text.append("  none\n")
        for failure in self.failures:
            text.append(f"  {safe_text(failure.path)}\n", style="bold")
            text.append(f"    {safe_text(failure.reason)}\n")
        text.append(f"\nRead ({len(self.documents)})\n", style="bold underline")
        for document in self.documents:
            text.append(f"  {safe_text(document.name)}", style="bold")
            details = [kind_label(document.kind), document_date(document), document.rating or ""]
            text.append(f"  {safe_text(' · '.join(d for d in details if d))}\n")
            text.append(f"    {safe_text(document.path)}\n", style="dim")
            for warning in document.warnings:
                text.append(f"    note: {safe_text(warning)}\n", style="dim")
        return text
