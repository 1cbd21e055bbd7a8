"""Style roles: every span the reader draws names a role, and reader.tcss styles each one as
`.role--<name>`, so the colours live in the one stylesheet and symbols carry the meaning."""

from __future__ import annotations

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
"""Component classes for a widget that draws roles."""


class RoleStyles:
    """Rich styles of the roles for one widget, read from the stylesheet once per change."""

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._styles: dict[str, Style] = {}

    def clear(self) -> None:
        """Forget the styles (call from the widget's notify_style_update)."""
        self._styles.clear()

    def __getitem__(self, role: str) -> Style:
        style = self._styles.get(role)
        if style is None:
            # Read blended over the widget (translucent colours such as $text-muted need
            # that); roles that only colour text then drop the widget's background so the
            # cell's own (focus, empty) shows through.
            style = self._widget.get_component_rich_style(f"role--{role}", default=Style())
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
