"""A scrolling view that draws each line of its content once, until its cache is cleared."""

from __future__ import annotations

from textual.cache import LRUCache
from textual.scroll_view import ScrollView
from textual.strip import Strip


class CachedLinesView(ScrollView):
    """Subclasses draw a line of their content in `_render_index`; `render_line` keeps it in
    `_strips` (clear entries there when what a line shows changes)."""

    def __init__(
        self, *, cached_lines: int, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._strips: LRUCache[int, Strip] = LRUCache(cached_lines)

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        strip = self._strips.get(index)
        if strip is None:
            strip = self._render_index(index)
            self._strips[index] = strip
        return strip

    def _render_index(self, index: int) -> Strip:
        """Line `index` of the content, drawn."""
        raise NotImplementedError
