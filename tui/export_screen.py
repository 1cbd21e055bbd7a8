"""Export from the reader: `e` asks for a file name (a default that says what is compared,
in the current directory) and writes the markdown report of the councils on screen
(`carecompare.export`). An existing file is replaced only when the reader says yes; what went
wrong is said in the dialog, and where the report went in a notification.

The report is made and written in a thread worker (a few hundred documents take a moment),
through `carecompare.safe_write`, so a failure never leaves half a file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, Static

from carecompare.export import ExportOptions, default_file_name, export_markdown
from carecompare.parsers.clean import safe_text
from carecompare.parsers.knowledge import taxonomy
from carecompare.reading import Selection
from carecompare.safe_write import write_file
from carecompare.tui.keys import EXPORT_KEYS, REPLACE_KEYS


def councils_text(selection: Selection) -> str:
    """The councils compared, "A, B and C" (document text: shown as Text)."""
    names = list(dict.fromkeys(d.council or d.name for d in selection.documents))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def statements_text(statements: tuple[str, ...] | None) -> str:
    """ "all nine statements", or the statements named with their numbers."""
    if statements is None:
        return "all nine statements"
    known = [s for s in taxonomy().statements if s.id in statements]
    label = "statement" if len(known) == 1 else "statements"
    return f"{label} " + ", ".join(f"{s.number} {s.title}" for s in known)


def target_path(name: str, folder: Path) -> Path:
    """Where a typed name points: `~` expanded, relative names under `folder`, made
    absolute (without resolving links, so it reads as typed)."""
    return Path(os.path.abspath(folder / Path(name.strip()).expanduser()))


def failure_reason(error: BaseException) -> str:
    """One line for a failed write (no traceback): the reason without the errno noise."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


class Choice(Checkbox):
    """A checkbox that shows ✓ when ticked and nothing when not (Textual's shows X either
    way, in two colours: unreadable without colour)."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  (Textual reads it by this name)
        return "✓" if self.value else " "


class ExportScreen(Screen[Path | None]):
    """The export dialog; dismisses with the path written (None: nothing written)."""

    BINDINGS = EXPORT_KEYS
    AUTO_FOCUS = "#export-name"
    OWNS_LETTERS = True
    """Letters type the file name: the app's letter keys are off here."""

    @dataclass
    class Written(Message):
        """The report is in its file."""

        path: Path

    @dataclass
    class Exists(Message):
        """The file exists; nothing was written."""

        path: Path
        text: str
        """The report, to write once the reader says to replace the file."""

    @dataclass
    class Failed(Message):
        """Nothing was written, for this reason."""

        path: Path
        reason: str

    def __init__(self, selection: Selection, folder: Path) -> None:
        """`selection`: what is on screen; `folder`: where a relative name is written."""
        super().__init__(id="export")
        self.selection = selection
        self.folder = folder
        self.busy = False
        """A report is being written."""
        self._suggested = ""

    # -- what is exported ----------------------------------------------------------------

    @property
    def in_view(self) -> str | None:
        """The statement the reader can narrow the export to (the one in view), unless the
        metrics view has chosen statements already."""
        return None if self.selection.statements else self.selection.statement

    def options(self, produced_at: datetime | None = None) -> ExportOptions:
        """The export's options as the dialog stands."""
        statements: tuple[str, ...] | None = self.selection.statements or None
        if self.in_view and self.query_one("#export-only-statement", Checkbox).value:
            statements = (self.in_view,)
        key_text = self.query_one("#export-key-text", Checkbox).value
        return ExportOptions(statements=statements, key_text=key_text, produced_at=produced_at)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Static(Text("Export a markdown report", style="bold"), classes="title")
            yield Static(id="export-what", markup=False)
            if self.in_view:
                statement = statements_text((self.in_view,))
                yield Choice(
                    Content(f"Only {statement} (in view)"), False, id="export-only-statement"
                )
            yield Choice(Content("Each council's key text"), True, id="export-key-text")
            yield Static(Text("File name", style="bold"), classes="label")
            yield Input(id="export-name")
            folder = Text("in ", style="dim")
            folder.append(safe_text(str(self.folder)), style="dim")
            folder.append(" (or type a path)", style="dim")
            yield Static(folder, id="export-folder")
            error = Static(id="export-error", markup=False)
            error.display = False
            yield error
            with Horizontal(classes="buttons"):
                yield Button(Content("Export"), variant="primary", id="export-write")
                yield Button(Content("Cancel"), id="export-cancel")
        yield Footer()

    def on_mount(self) -> None:
        self._update_scope()
        # The suggested name selected: typing replaces it, an arrow key keeps it to edit.
        self.query_one("#export-name", Input).select_all()

    @on(Checkbox.Changed)
    def _option_changed(self) -> None:
        self._update_scope()

    def _update_scope(self) -> None:
        """Say what is exported; the suggested name follows unless the reader changed it."""
        options = self.options()
        what = Text("Compares ")
        what.append(safe_text(councils_text(self.selection)), style="bold")
        what.append(f"; {statements_text(options.statements)}.")
        self.query_one("#export-what", Static).update(what)
        name = self.query_one("#export-name", Input)
        suggested = default_file_name(self.selection.documents, options)
        if name.value in ("", self._suggested):
            name.value = suggested
        self._suggested = suggested

    def say(self, message: str) -> None:
        """Show a problem under the file name ("" clears it)."""
        error = self.query_one("#export-error", Static)
        error.update(Text(message))
        error.display = bool(message)

    # -- writing -------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.busy:
            return
        if isinstance(self.focused, Button):  # Enter on a button presses that button
            self.focused.press()
            return
        name = self.query_one("#export-name", Input).value
        if not name.strip():
            self.say("Name the file to write.")
            return
        self.say("")
        self.busy = True
        self._write(target_path(name, self.folder), self.options(datetime.now(UTC)))

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(self, path: Path, options: ExportOptions) -> None:
        try:
            text = export_markdown(self.selection.documents, options)
        except Exception as error:  # a bug in export: said in one line, never a traceback
            self.post_message(self.Failed(path, failure_reason(error)))
            return
        self._save(path, text, force=False)

    def _save(self, path: Path, text: str, force: bool) -> None:
        try:
            written = write_file(path, text, force=force)
        except FileExistsError:
            self.post_message(self.Exists(path, text))
        except Exception as error:  # WriteError, or anything else: said, never raised
            self.post_message(self.Failed(path, failure_reason(error)))
        else:
            self.post_message(self.Written(written))

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _replace(self, path: Path, text: str) -> None:
        self._save(path, text, force=True)

    def on_export_screen_written(self, message: Written) -> None:
        self.busy = False
        self.dismiss(message.path)

    def on_export_screen_failed(self, message: Failed) -> None:
        self.busy = False
        self.say(f"Could not write {safe_text(str(message.path))}: {safe_text(message.reason)}")
        self.query_one("#export-name", Input).focus()

    def on_export_screen_exists(self, message: Exists) -> None:
        def answered(replace: bool | None) -> None:
            if replace:
                self._replace(message.path, message.text)
                return
            self.busy = False
            self.say("Nothing written: the file is there as it was. Choose another name?")
            self.query_one("#export-name", Input).focus()

        self.app.push_screen(ReplaceScreen(message.path), answered)

    @on(Button.Pressed, "#export-write")
    def _write_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)


class ReplaceScreen(Screen[bool]):
    """Asks whether to replace an existing file; only `y` (or the button) says yes."""

    BINDINGS = REPLACE_KEYS
    AUTO_FOCUS = "#replace-no"
    OWNS_LETTERS = True
    """`y` and `n` answer here: the app's letter keys are off."""

    def __init__(self, path: Path) -> None:
        super().__init__(id="replace")
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="replace-dialog"):
            yield Static(Text("Replace the file?", style="bold"), classes="title")
            question = Text()
            question.append(safe_text(self.path.name), style="bold")
            question.append(" already exists in ")
            question.append(safe_text(str(self.path.parent)))
            question.append(". Replace it with this report?")
            yield Static(question, id="replace-question")
            with Horizontal(classes="buttons"):
                yield Button(Content("Replace (y)"), variant="warning", id="replace-yes")
                yield Button(Content("Keep it (n)"), id="replace-no")
        yield Footer()

    def action_answer(self, replace: bool) -> None:
        self.dismiss(replace)

    @on(Button.Pressed, "#replace-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#replace-no")
    def _no(self) -> None:
        self.dismiss(False)
