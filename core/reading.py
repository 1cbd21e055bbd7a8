"""What the reader shows, as data: the documents it opens with, the outline of a comparison,
where each figure stands and how it ranks, and the current selection (which export reads).

Pure functions on the model, no Textual: the widgets in `carecompare.tui` only draw this.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from carecompare.align import Comparison
from carecompare.gaps import rank_mark
from carecompare.metric_align import MetricRow
from carecompare.parsers import Document, Metric
from carecompare.parsers.knowledge import taxonomy
from carecompare.parsers.model import DOCUMENT_KINDS

OPEN_WITH_AT_MOST = 6
"""More documents of one kind than this and the reader opens on the scorecard to pick from."""


def default_choice(documents: Sequence[Document]) -> tuple[int, ...]:
    """The documents to compare when the reader opens: all of the commonest kind (the earlier
    kind in DOCUMENT_KINDS on a tie), when there are few enough to read side by side; else
    none, and the user picks on the scorecard."""
    if not documents:
        return ()
    counts = Counter(document.kind for document in documents)
    kind = min(counts, key=lambda k: (-counts[k], DOCUMENT_KINDS.index(k)))
    if counts[kind] > OPEN_WITH_AT_MOST:
        return ()
    return tuple(i for i, document in enumerate(documents) if document.kind == kind)


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """One aligned section in the outline, with the councils' scores where it is a statement."""

    row: int
    """Index into Comparison.rows."""
    title: str
    level: int
    kind: str
    statement: str | None
    number: int | None
    """The statement's number (1-9) on a statement's own row, else None."""
    scores: tuple[int | None, ...]
    """Each document's score on a statement's own row; empty elsewhere."""

    @property
    def spread(self) -> int:
        """Highest minus lowest score among the documents that have one (0 when fewer than 2)."""
        present = [score for score in self.scores if score is not None]
        return max(present) - min(present) if len(present) > 1 else 0


def outline(comparison: Comparison) -> tuple[OutlineEntry, ...]:
    """An entry per aligned row, in order."""
    numbers = {s.id: s.number for s in taxonomy().statements}
    entries = []
    for index, row in enumerate(comparison.rows):
        own = row.kind == "statement" and row.key == row.statement
        entries.append(
            OutlineEntry(
                row=index,
                title=row.title,
                level=row.level,
                kind=row.kind,
                statement=row.statement,
                number=numbers.get(row.statement or "") if own else None,
                scores=comparison.scores(row.statement) if own and row.statement else (),
            )
        )
    return tuple(entries)


def statement_rows(comparison: Comparison) -> dict[str, int]:
    """The row index of each statement's own row."""
    return {
        row.statement: index
        for index, row in enumerate(comparison.rows)
        if row.kind == "statement" and row.statement and row.key == row.statement
    }


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a compared document, placed in the comparison."""

    document: int
    """Index into Comparison.documents."""
    metric: int
    """Index into that document's metrics."""
    row: int
    """Index into Comparison.rows of the row whose section holds the figure."""
    value: Metric
    rank: str = ""
    """gaps.BEST, gaps.WORST or "" among the compared documents for this measure."""

    @property
    def key(self) -> tuple[int, int]:
        """(document, metric): the figure's identity in the comparison."""
        return (self.document, self.metric)


def place_figures(
    comparison: Comparison, metric_rows: Sequence[MetricRow] = ()
) -> dict[tuple[int, int], tuple[Figure, ...]]:
    """Each document's figures by (row, document), in the document's order, ranked among the
    compared documents by `metric_rows` (align_metrics of the same documents)."""
    ranks: dict[int, str] = {}
    for metric_row in metric_rows:
        best, worst = metric_row.best_and_worst()
        for document_index, cell in enumerate(metric_row.cells):
            if cell:
                ranks[id(cell[0])] = rank_mark(document_index, best, worst)
    row_of: dict[tuple[int, int], int] = {}
    for document_index, document in enumerate(comparison.documents):
        position = {id(section): i for i, section in enumerate(document.sections)}
        for row_index, row in enumerate(comparison.rows):
            for section in row.cells[document_index]:
                row_of[(document_index, position[id(section)])] = row_index
    placed: dict[tuple[int, int], list[Figure]] = {}
    for document_index, document in enumerate(comparison.documents):
        for metric_index, metric in enumerate(document.metrics):
            row = row_of.get((document_index, metric.section))
            if row is None:
                continue
            figure = Figure(document_index, metric_index, row, metric, ranks.get(id(metric), ""))
            placed.setdefault((row, document_index), []).append(figure)
    return {key: tuple(figures) for key, figures in placed.items()}


def figures_with_gaps(placed: dict[tuple[int, int], tuple[Figure, ...]]) -> list[Figure]:
    """The figures that have a gap to a comparator, in reading order (row, then document)."""
    return [
        figure for key in sorted(placed) for figure in placed[key] if figure.value.gap is not None
    ]


@dataclass(frozen=True, slots=True)
class Selection:
    """What the reader has on screen: the documents compared, in column order, the statement
    in view and the focused document. Export writes what this names."""

    documents: tuple[Document, ...] = ()
    statement: str | None = None
    """The canonical id of the statement at the top of the comparison, if any."""
    focused: Document | None = None
    statements: tuple[str, ...] = ()
    """The statements the metrics view is filtered to (empty: all)."""
