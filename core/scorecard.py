"""The scorecard as data: its columns and how each one sorts the documents.

Columns are the document's council, kind and date, the overall rating and the nine quality
statements. A sort never mixes missing values in: documents without a value for the column
come last, in the order they were loaded, whichever way the column sorts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from carecompare.parsers import Document
from carecompare.parsers.knowledge import Statement, taxonomy

KIND_LABELS = {
    "cqc_assessment": "CQC",
    "annual_report": "Annual report",
    "ofsted_children": "Ofsted",
    "other": "Other",
}
"""Short names of the document kinds for column heads and tables."""


def kind_label(kind: str) -> str:
    """A document kind as people say it ("CQC", "Ofsted")."""
    return KIND_LABELS.get(kind, kind)


@dataclass(frozen=True, slots=True)
class ScoreColumn:
    """One column of the scorecard."""

    id: str
    """`council`, `kind`, `date`, `rating`, or a statement's canonical id."""
    title: str
    statement: Statement | None = None

    @property
    def numeric(self) -> bool:
        """Scores and ratings: the first sort puts the highest first."""
        return self.statement is not None or self.id == "rating"


def score_columns() -> tuple[ScoreColumn, ...]:
    """The scorecard's columns, in display order."""
    fixed = (
        ScoreColumn("council", "Council"),
        ScoreColumn("kind", "Kind"),
        ScoreColumn("date", "Date"),
        ScoreColumn("rating", "Rating"),
    )
    return fixed + tuple(
        ScoreColumn(s.id, f"{s.number} {s.short}", s) for s in taxonomy().statements
    )


def document_date(document: Document) -> str:
    """The publication date (ISO), else the period the report covers, else ""."""
    if document.published:
        return document.published.isoformat()
    return document.period or ""


def rating_rank(rating: str | None) -> int | None:
    """4 for Outstanding down to 1 for Inadequate ("Requires improvement to be good" ranks as
    Requires improvement); None for no rating or one the taxonomy does not list."""
    if not rating:
        return None
    ratings = taxonomy().ratings
    folded = rating.casefold()
    for place, name in enumerate(ratings):
        if folded == name.casefold():
            return len(ratings) - place
    for place, name in enumerate(ratings):
        if folded.startswith(name.casefold()):
            return len(ratings) - place
    return None


def _value(column: ScoreColumn) -> Callable[[Document], Any]:
    if column.statement is not None:
        statement = column.statement.id
        return lambda document: document.scores.get(statement)
    if column.id == "council":
        return lambda document: document.name.casefold()
    if column.id == "kind":
        return lambda document: document.kind
    if column.id == "date":
        return lambda document: document_date(document) or None
    if column.id == "rating":
        return lambda document: rating_rank(document.rating)
    raise KeyError(column.id)


def sort_order(
    documents: Sequence[Document], column: ScoreColumn, descending: bool = False
) -> list[int]:
    """Indexes of the documents sorted by the column; those without a value last."""
    value = _value(column)
    values = [(index, value(document)) for index, document in enumerate(documents)]
    present = [(index, v) for index, v in values if v is not None]
    missing = [index for index, v in values if v is None]
    present.sort(key=lambda pair: pair[1], reverse=descending)
    return [index for index, _ in present] + missing
