"""Line up the figures of several documents: one row per measure, one cell per document.

The same measure matches by its canonical metric id when the lexicon knows it, else by the
similarity of its label (same unit). Within a row, the best and worst councils are those
furthest along the measure's direction; with no known direction none is marked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from carecompare.parsers import Document, Metric
from carecompare.parsers.figures import lexicon
from carecompare.parsers.knowledge import taxonomy
from carecompare.parsers.textnorm import normal_form, slug

LABEL_SIMILARITY = 85.0
"""rapidfuzz token_sort_ratio two labels need to count as the same measure."""


@dataclass(frozen=True, slots=True)
class MetricRow:
    """One measure across the documents."""

    key: str
    """The canonical metric id, or `label/<slug>` for a measure the lexicon does not know."""
    label: str
    """The lexicon's name for a known measure, else the first document's words."""
    metric: str | None
    unit: str
    statement: str | None
    """The statement whose section holds the figure (the first document's)."""
    higher_is_better: bool | None
    cells: tuple[tuple[Metric, ...], ...]
    """Per document (in the documents' order), its figures for this measure."""

    def first(self, index: int) -> Metric | None:
        """A document's figure for this measure (its first, when it cites several)."""
        cell = self.cells[index]
        return cell[0] if cell else None

    @property
    def present(self) -> int:
        return sum(1 for cell in self.cells if cell)

    @property
    def national(self) -> float | None:
        """The national figure the documents cite most often for this measure."""
        values = Counter(
            m.reference.value
            for cell in self.cells
            for m in cell[:1]
            if m.reference is not None and m.reference.kind == "national"
        )
        return values.most_common(1)[0][0] if values else None

    @property
    def largest_gap(self) -> float:
        """The largest distance from a comparator among the cells (0 when none has one)."""
        gaps = [abs(m.gap) for cell in self.cells for m in cell[:1] if m.gap is not None]
        return max(gaps, default=0.0)

    def best_and_worst(self) -> tuple[set[int], set[int]]:
        """Indexes of the documents with the best and the worst figure, by direction.

        Empty when the direction is unknown or fewer than two documents differ."""
        if self.higher_is_better is None:
            return set(), set()
        values = {i: m.value for i, cell in enumerate(self.cells) for m in cell[:1]}
        if len(set(values.values())) < 2:
            return set(), set()
        high, low = max(values.values()), min(values.values())
        highest = {i for i, v in values.items() if v == high}
        lowest = {i for i, v in values.items() if v == low}
        return (highest, lowest) if self.higher_is_better else (lowest, highest)


def _statement_of(document: Document, metric: Metric) -> str | None:
    if 0 <= metric.section < len(document.sections):
        return document.sections[metric.section].statement
    return None


def align_metrics(documents: Sequence[Document]) -> tuple[MetricRow, ...]:
    """The documents' figures as aligned rows: framework order, larger gaps first within a
    statement."""
    groups: list[dict] = []
    by_key: dict[str, dict] = {}
    for index, document in enumerate(documents):
        for metric in document.metrics:
            group = by_key.get(metric.metric) if metric.metric else _similar(groups, metric)
            if group is None:
                key = metric.metric or f"label/{slug(metric.label)}"
                group = {
                    "key": key,
                    "first": metric,
                    "norm": normal_form(metric.label),
                    "statement": _statement_of(document, metric),
                    "cells": [[] for _ in documents],
                }
                groups.append(group)
                if metric.metric:
                    by_key[metric.metric] = group
            group["cells"][index].append(metric)
    order = {s.id: n for n, s in enumerate(taxonomy().statements)}
    known = lexicon().by_id
    rows = [
        MetricRow(
            key=g["key"],
            # A known measure reads the same in every row whatever words the first report used.
            label=known[g["key"]].label if g["key"] in known else g["first"].label,
            metric=g["first"].metric,
            unit=g["first"].unit,
            statement=g["statement"],
            higher_is_better=g["first"].higher_is_better,
            cells=tuple(tuple(cell) for cell in g["cells"]),
        )
        for g in groups
    ]
    rows.sort(key=lambda row: (order.get(row.statement or "", len(order)), -row.largest_gap))
    return tuple(rows)


def _similar(groups: list[dict], metric: Metric) -> dict | None:
    """The group of unknown measures whose label is most like this one's, same unit."""
    norm = normal_form(metric.label)
    if not norm:
        return None  # a figure that names nothing is like no other
    best, best_score = None, LABEL_SIMILARITY
    for group in groups:
        first = group["first"]
        if first.metric or first.unit != metric.unit:
            continue
        score = fuzz.token_sort_ratio(norm, group["norm"])
        if score >= best_score:
            best, best_score = group, score
    return best
