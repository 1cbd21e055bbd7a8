"""What an export covers: which documents and which statements, chosen by what people type
(a council's name, a statement's number, id or title)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from carecompare.parsers import Document
from carecompare.parsers.knowledge import taxonomy
from carecompare.parsers.textnorm import normal_form


class SelectionError(ValueError):
    """A council or statement that matches nothing; the message says what would."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The choices an export takes; the defaults export everything."""

    documents: tuple[int, ...] | None = None
    """Indexes of the documents to compare, in the order to show them; None: all of them."""
    statements: tuple[str, ...] | None = None
    """Canonical ids of the statements to cover, shown in framework order; None: all nine."""
    key_text: bool = True
    """Include each document's key text under each statement."""
    produced_at: datetime | None = None
    """When the export was made, for the first line; None leaves the time out."""


def statement_ids(names: Iterable[str]) -> tuple[str, ...]:
    """Statement ids, in framework order, for what a user typed: a number (`7`), an id
    (`safeguarding`), a title or a short name, any case; commas may separate several
    (a title's own commas are read as part of it)."""
    statements = taxonomy().statements
    lookup: dict[str, str] = {}
    for statement in statements:
        for name in (str(statement.number), statement.id, statement.title, statement.short):
            lookup[normal_form(name)] = statement.id
        for variant in statement.variants:
            lookup[normal_form(variant)] = statement.id
    chosen: set[str] = set()
    for name in names:
        parts = [name] if normal_form(name) in lookup else name.split(",")
        for part in parts:
            if not part.strip():
                continue
            found = lookup.get(normal_form(part))
            if found is None:
                known = ", ".join(f"{s.number} {s.id}" for s in statements)
                raise SelectionError(f"no statement {part.strip()!r} (statements: {known})")
            chosen.add(found)
    return tuple(s.id for s in statements if s.id in chosen)


def documents_of_councils(documents: Sequence[Document], names: Iterable[str]) -> tuple[int, ...]:
    """Indexes, in the documents' order, of the documents of the councils named.

    A name picks the council it spells (any case, "Council" optional) or, failing that,
    every council whose name holds it as whole words: "Derby" is Derby City Council, not
    Derbyshire; "Lincolnshire" is North Lincolnshire Council."""
    chosen: set[int] = set()
    for name in names:
        wanted = normal_form(name)
        if not wanted:
            continue
        exact = {
            i
            for i, document in enumerate(documents)
            if wanted in _spellings(document.council or document.name)
        }
        words = re.compile(rf"\b{re.escape(wanted)}\b")
        found = exact or {
            i for i, d in enumerate(documents) if words.search(normal_form(d.council or d.name))
        }
        if not found:
            councils = sorted({d.council or d.name for d in documents})
            raise SelectionError(
                f"no document of a council matching {name!r} (councils: {', '.join(councils)})"
            )
        chosen |= found
    return tuple(sorted(chosen))


def _spellings(council: str) -> set[str]:
    full = normal_form(council)
    return {full, full.removesuffix(" council")}
