"""A DataTable that draws style roles (the scorecard's and the metrics view's tables)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from carecompare.parsers.clean import safe_text
from carecompare.tui.pane_layout import Line
from carecompare.tui.roles import ROLE_CLASSES, RoleStyles


class RoleTable(DataTable):
    """A DataTable whose cells are built from (text, role) spans styled by reader.tcss."""

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | ROLE_CLASSES

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.roles = RoleStyles(self)
        """The role styles, read from the stylesheet."""

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.roles.clear()

    def text(self, line: Line) -> Text:
        """Spans as Text (never markup, control characters removed)."""
        text = Text(no_wrap=True, overflow="ellipsis")
        for span, role in line:
            text.append(safe_text(span), style=self.roles[role])
        return text

    def plain(self, value: object, role: str = "text") -> Text:
        """One value as Text in a role."""
        return self.text(((("" if value is None else str(value)), role),))
