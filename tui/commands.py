"""The command palette's entries: every key of the screen it was opened from, found by its
label or tooltip and run as if its key were pressed (`KeyCommands`), and every council and
statement, found by name and gone to in the comparison (`PlaceCommands`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.markup import escape

from carecompare.parsers import Document
from carecompare.parsers.clean import safe_text
from carecompare.parsers.knowledge import taxonomy
from carecompare.scorecard import document_date, kind_label

STATEMENT_KEY_IDS = frozenset(f"comparison.statement_{n}" for n in range(1, 10))
"""The comparison's `1`-`9`: PlaceCommands lists the statements (by every name, with their
key), so KeyCommands leaves these out rather than list each statement twice."""


class KeyCommands(Provider):
    """A palette entry per active binding of the current screen (posting's pattern)."""

    def _commands(self) -> Iterator[tuple[str, str, DOMNode, Binding]]:
        app: App = self.app
        seen: set[str] = set()
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not enabled or binding.system or not binding.id or binding.id in seen:
                continue
            if binding.id in STATEMENT_KEY_IDS:
                continue
            seen.add(binding.id)
            # `1` shows as "1-9" in the Footer; here each statement's entry names its own key.
            key = binding.key if binding.key_display == "1-9" else app.get_key_display(binding)
            title = binding.tooltip or binding.description
            yield title, escape(f"key {key} · {binding.description}"), node, binding

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


@dataclass(frozen=True, slots=True)
class Place:
    """Somewhere the palette can go: a statement, or a loaded document of a council."""

    title: str
    """What the palette shows (may be document text: shown as Content, never markup)."""
    names: tuple[str, ...]
    """What a query is matched against."""
    help: str
    """A line under the title (plain text)."""
    go: Callable[[], object]


def statement_places(go_to_statement: Callable[[int], object]) -> list[Place]:
    """Each quality statement, by its title, short name, id and the variants of its title."""
    places = []
    for statement in taxonomy().statements:
        names = (
            f"Statement {statement.number}: {statement.title}",
            statement.short,
            statement.id.replace("_", " "),
            *statement.variants,
        )
        places.append(
            Place(
                f"Statement {statement.number}: {statement.title}",
                tuple(dict.fromkeys(names)),
                f"key {statement.number} · go to the statement in the comparison",
                partial(go_to_statement, statement.number),
            )
        )
    return places


def council_places(
    documents: Sequence[Document], compared: Sequence[int], show: Callable[[int], object]
) -> list[Place]:
    """Each loaded document, by its council's name (and the document's own name)."""
    places = []
    for index, document in enumerate(documents):
        details = [kind_label(document.kind), document_date(document), Path(document.path).name]
        where = "in the comparison" if index in compared else "adds it to the comparison"
        names = tuple(dict.fromkeys(n for n in (document.name, document.council) if n))
        places.append(
            Place(
                safe_text(document.name),
                names,
                safe_text(f"{' · '.join(d for d in details if d)} · {where}"),
                partial(show, index),
            )
        )
    return places


def highlighted(matcher: Matcher, title: str) -> Content:
    """`title` as Content (not markup: it may be a document's text) with the query's
    letters marked as the palette marks them."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if score:
        for offset in offsets:
            if not title[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class PlaceCommands(Provider):
    """A palette entry per statement and per loaded document: choosing one goes there."""

    def _places(self) -> list[Place]:
        app = self.app
        places = statement_places(app.go_to_statement)  # type: ignore[attr-defined]
        corpus = getattr(app, "corpus", None)
        if corpus is not None:
            chosen = app.chosen  # type: ignore[attr-defined]
            places += council_places(corpus.documents, chosen, app.show_document)  # type: ignore[attr-defined]
        return places

    async def discover(self) -> Hits:
        for place in self._places():
            help_text = escape(place.help)
            yield DiscoveryHit(Content(place.title), place.go, text=place.title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for place in self._places():
            score = max(matcher.match(name) for name in place.names)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, place.title),
                    place.go,
                    text=place.title,
                    help=escape(place.help),
                )
