"""Style roles: every span the reader draws names a role, and reader.tcss styles each one as
`.role--<name>`, so the colours live in the one stylesheet and symbols carry the meaning."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual.widget import Widget

ROLES = (
    "text",
    "furniture",
    "heading",
    "note",
    "empty-note",
    "band-theme",
    "band-statement",
    "band-document",
    "band-section",
    "band-furniture",
    "spread",
    "score-1",
    "score-2",
    "score-3",
    "score-4",
    "score-none",
    "figure-label",
    "value",
    "better",
    "worse",
    "similar",
    "unknown",
    "best",
    "worst",
    "match",
    "council",
    "rating",
    "rating-1",
    "rating-2",
    "rating-3",
    "rating-4",
    "rating-none",
    "path",
    "separator",
    "focus",
    "empty",
    "current",
    "page",
    "marked",
)
BACKGROUND_ROLES = frozenset(
    {"focus", "empty", "current", "match", "score-1", "score-2", "score-3", "score-4"}
)
"""Roles that set a background of their own."""
ROLE_CLASSES = frozenset(f"role--{role}" for role in ROLES)
"""The component classes of the RolePalette."""


class RolePalette(Widget):
    """Where the role styles are read: one hidden widget (in the comparison screen, which is
    always the base screen) carries the role component classes. Textual processes a
    widget's component classes again on every restyle, which cost each screen switch most
    of a second when every widget that draws roles carried all forty of them."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(ROLE_CLASSES)

    def __init__(self) -> None:
        super().__init__(id="role-palette")
        self.version = 0
        """Bumped when the stylesheet changes, so readers drop their copies."""

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.version += 1


class RoleStyles:
    """Rich styles of the roles for one widget, read from the app's RolePalette."""

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._styles: dict[str, Style] = {}
        self._version = -1
        self._found: RolePalette | None = None

    def clear(self) -> None:
        """Forget the styles (call from the widget's notify_style_update)."""
        self._styles.clear()

    def _palette(self) -> RolePalette | None:
        """The app's palette, found once (a DOM query per span would cost more than the
        drawing)."""
        if self._found is None:
            for screen in self._widget.app.screen_stack[:1]:
                found = screen.query(RolePalette)
                if found:
                    self._found = found.first()
        return self._found

    def __getitem__(self, role: str) -> Style:
        palette = self._palette()
        if palette is None:
            return Style()
        if palette.version != self._version:
            self._styles.clear()
            self._version = palette.version
        style = self._styles.get(role)
        if style is None:
            # Read blended over the palette's background, the screen's (translucent colours
            # such as $text-muted need that); roles that only colour text then drop the
            # background so the cell's own (focus, empty) shows through.
            style = palette.get_component_rich_style(f"role--{role}", default=Style())
            if role not in BACKGROUND_ROLES:
                style = Style(
                    color=style.color,
                    bold=style.bold,
                    dim=style.dim,
                    italic=style.italic,
                    underline=style.underline,
                    strike=style.strike,
                    reverse=style.reverse,
                )
            self._styles[role] = style
        return style
