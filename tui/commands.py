"""The command palette's entries for the reader's keys: every binding active on the screen
the palette was opened from, found by its label or tooltip, run as if its key were pressed."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode


class KeyCommands(Provider):
    """A palette entry per active binding of the current screen (posting's pattern)."""

    def _commands(self) -> Iterator[tuple[str, str, DOMNode, Binding]]:
        app: App = self.app
        seen: set[str] = set()
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not enabled or binding.system or not binding.id or binding.id in seen:
                continue
            seen.add(binding.id)
            # `1` shows as "1-9" in the Footer; here each statement's entry names its own key.
            key = binding.key if binding.key_display == "1-9" else app.get_key_display(binding)
            title = binding.tooltip or binding.description
            yield title, f"key {key} · {binding.description}", node, binding

    def _run(self, node: DOMNode, binding: Binding):
        return partial(self.app.run_action, binding.action, node)

    async def discover(self) -> Hits:
        for title, help_text, node, binding in self._commands():
            yield DiscoveryHit(title, self._run(node, binding), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, node, binding in self._commands():
            score = max(matcher.match(title), matcher.match(binding.description))
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._run(node, binding), help=help_text)
