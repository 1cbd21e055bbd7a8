"""Line up the sections of several documents: one row per aligned section, one cell per
document, so the same statement stands at the same height for every council.

Rows follow the framework: document-level sections first (in the order the documents give
them), then theme by theme each statement with its parts, its standard key-findings headings
in CQC's order and anything else the documents file under it, and page furniture last.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from carecompare.parsers import Document, Section
from carecompare.parsers.knowledge import taxonomy
from carecompare.parsers.textnorm import slug

FURNITURE_KEY = "furniture"


@dataclass(frozen=True, slots=True)
class Row:
    """One aligned section across the documents."""

    key: str
    """The alignment key the sections share."""
    title: str
    """The row's title: the framework's words for a known section, else the first document's."""
    kind: str
    """`theme`, `statement`, `subsection` or `section`."""
    level: int
    """Nesting for display: 0 theme or document-level, 1 statement, 2 within a statement."""
    statement: str | None
    theme: str | None
    cells: tuple[tuple[Section, ...], ...]
    """Per document (in Comparison.documents order), its sections with this key; usually
    one, none where the document lacks the section."""

    @property
    def present(self) -> int:
        """How many documents have this section."""
        return sum(1 for cell in self.cells if cell)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Documents side by side: their aligned rows."""

    documents: tuple[Document, ...]
    rows: tuple[Row, ...]

    def rows_of(self, statement: str) -> tuple[Row, ...]:
        """The rows filed under one statement (its own row first)."""
        return tuple(row for row in self.rows if row.statement == statement)

    def scores(self, statement: str) -> tuple[int | None, ...]:
        """Each document's score for a statement."""
        return tuple(document.scores.get(statement) for document in self.documents)


@dataclass(frozen=True, slots=True)
class _Known:
    title: str
    kind: str
    order: int


@cache
def _known_keys() -> dict[str, _Known]:
    """Titles, kinds and framework order of the keys the taxonomy defines."""
    tax = taxonomy()
    known: dict[str, _Known] = {}
    for theme in tax.themes:
        known[f"theme/{theme.id}"] = _Known(theme.title, "theme", 0)
    for statement in tax.statements:
        known[statement.id] = _Known(statement.title, "statement", 0)
        for order, part in enumerate(tax.statement_parts, start=1):
            known[f"{statement.id}/{part.id}"] = _Known(part.title, "section", order)
        base = len(tax.statement_parts) + 1
        for order, title in enumerate(statement.subsections, start=base):
            known[f"{statement.id}/{slug(title)}"] = _Known(title, "subsection", order)
    return known


def _merged_order(sequences: Iterable[Sequence[str]]) -> list[str]:
    """Keys in an order every sequence agrees with where it can: each new key goes right
    after the key that came before it in its own sequence."""
    order: list[str] = []
    seen: set[str] = set()
    for sequence in sequences:
        previous: str | None = None
        for key in sequence:
            if key not in seen:
                at = order.index(previous) + 1 if previous in seen else len(order)
                order.insert(at, key)
                seen.add(key)
            previous = key
    return order


def align(documents: Sequence[Document]) -> Comparison:
    """The documents' sections as aligned rows (see the module docstring for the order)."""
    known = _known_keys()
    tax = taxonomy()
    by_key: dict[str, list[list[Section]]] = {}
    first_section: dict[str, Section] = {}
    doc_sequences: list[list[str]] = []
    statement_sequences: dict[str, list[list[str]]] = {s.id: [] for s in tax.statements}
    for index, document in enumerate(documents):
        doc_keys: list[str] = []
        statement_keys: dict[str, list[str]] = {}
        for section in document.sections:
            key = section.key or f"doc/x/{slug(section.title)}"
            cells = by_key.setdefault(key, [[] for _ in documents])
            cells[index].append(section)
            first_section.setdefault(key, section)
            if key == FURNITURE_KEY or key.startswith("theme/"):
                continue
            if section.statement in statement_sequences:
                statement_keys.setdefault(section.statement, []).append(key)
            else:
                doc_keys.append(key)
        doc_sequences.append(doc_keys)
        for statement, keys in statement_keys.items():
            statement_sequences[statement].append(keys)

    rows: list[Row] = []

    def add(key: str, level: int, statement: str | None, theme: str | None) -> None:
        cells = by_key.get(key) or [[] for _ in documents]
        info = known.get(key)
        section = first_section.get(key)
        title = info.title if info else (section.title if section else key)
        if key == FURNITURE_KEY:
            title = "Page furniture"
        kind = info.kind if info else (section.kind if section else "section")
        rows.append(Row(key, title, kind, level, statement, theme, tuple(map(tuple, cells))))

    for key in _merged_order(doc_sequences):
        add(key, 0, None, None)
    for theme in tax.themes:
        statements = [s for s in tax.statements if s.theme == theme.id]
        theme_key = f"theme/{theme.id}"
        if theme_key in by_key or any(statement_sequences[s.id] for s in statements):
            add(theme_key, 0, None, theme.id)
        for statement in statements:
            keys = _merged_order(statement_sequences[statement.id])
            if not keys and not any(d.scores.get(statement.id) for d in documents):
                continue
            add(statement.id, 1, statement.id, theme.id)
            ordered = sorted(
                (key for key in keys if key != statement.id),
                key=lambda key: known[key].order if key in known else 1000,
            )
            for key in ordered:
                add(key, 2, statement.id, theme.id)
    if FURNITURE_KEY in by_key:
        add(FURNITURE_KEY, 0, None, None)
    return Comparison(tuple(documents), tuple(rows))
