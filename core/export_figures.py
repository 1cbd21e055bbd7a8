"""The export's figures: each measure with every document's value, the national average and
the gaps, larger gaps first; and the figures only one document cites, under that document."""

from __future__ import annotations

from collections.abc import Sequence

from carecompare.export_scores import marked
from carecompare.export_view import ExportView
from carecompare.figure_format import BEST, VERDICT_MARKS, WORST, metric_gap, spread, value_text
from carecompare.markdown import ABSENT, cell, inline, table
from carecompare.metric_align import MetricRow
from carecompare.parsers import Comparator, Metric
from carecompare.parsers.knowledge import taxonomy

LEGEND = (
    f"Gaps are to the national average unless a figure says what else it is compared with "
    f"(pp: percentage points). {VERDICT_MARKS['better']}, {VERDICT_MARKS['worse']} by the "
    f"measure's direction; {VERDICT_MARKS['similar']}: the report says the difference is not "
    f"significant; {VERDICT_MARKS['unknown']}: carecompare does not know whether higher is "
    f"better. {BEST} best and {WORST} worst of the documents by that direction."
)


# Everything here goes into table cells, hence `cell` for document text.


def _figure(metric: Metric) -> str:
    quote = cell(metric.quote)
    return value_text(metric.value, metric.unit) if quote == ABSENT else quote


def _comparator(comparator: Comparator, unit: str) -> str:
    quote = cell(comparator.quote)
    figure = value_text(comparator.value, unit) if quote == ABSENT else quote
    return figure if comparator.kind == "national" else f"{cell(comparator.label)} {figure}"


def _measure(row: MetricRow) -> str:
    sources = [m.source for figures in row.cells for m in figures if m.source]
    return cell(row.label) + (f" ({cell(sources[0])})" if sources else "")


def _statement(row: MetricRow) -> str:
    statement = taxonomy().statement_by_id.get(row.statement or "")
    return f"{statement.number} {cell(statement.short)}" if statement else ABSENT


def figure_cell(row: MetricRow, index: int, best: set[int], worst: set[int]) -> str:
    """One document's figure for a measure: value, best/worst mark, gap and verdict; the
    comparator named when it is not the row's national average."""
    metric = row.first(index)
    if metric is None:
        return ABSENT
    text = marked(_figure(metric), index, best, worst)
    reference = metric.reference
    against = ""
    if reference is not None and (reference.kind != "national" or reference.value != row.national):
        against = _comparator(reference, metric.unit)
    gap = metric_gap(metric, against)
    if gap is not None:
        text += f" ({gap})"
    more = len(row.cells[index]) - 1
    if more:
        text += f" and {more} more"
    return text


def _national(row: MetricRow) -> str:
    return ABSENT if row.national is None else value_text(row.national, row.unit)


def _spread(row: MetricRow) -> float:
    values = [m.value for cell in row.cells for m in cell[:1]]
    return max(values) - min(values) if values else 0.0


def figures_table(rows: Sequence[MetricRow], labels: Sequence[str], statement: bool) -> str:
    """Measures as rows; a column per document that cites any of them, the national average
    and (across the documents) how far apart the highest and lowest figure are."""
    columns = [i for i in range(len(labels)) if any(row.cells[i] for row in rows)]
    header = ["Measure", *(["Statement"] if statement else [])]
    header += [cell(labels[i]) for i in columns] + ["National", "Spread"]
    body = []
    for row in rows:
        best, worst = row.best_and_worst()
        values = [m.value for cell in row.cells for m in cell[:1]]
        body.append(
            [
                _measure(row),
                *([_statement(row)] if statement else []),
                *(figure_cell(row, i, best, worst) for i in columns),
                _national(row),
                spread(values, row.unit) or ABSENT,
            ]
        )
    return table(header, body)


def figures_part(view: ExportView) -> str:
    """Figures cited by more than one document, larger gaps first; then each document's own."""
    parts = ["## Figures"]
    if not view.figures:
        parts.append("No figures found in these documents for these statements.")
        return "\n\n".join(parts)
    shared = sorted(
        (row for row in view.figures if row.present > 1),
        key=lambda row: (-row.largest_gap, -_spread(row), row.key),
    )
    parts.append("### Cited by more than one document")
    if shared:
        parts.append(figures_table(shared, view.labels, statement=True))
    else:
        parts.append("No measure is cited by more than one of these documents.")
    singles = [row for row in view.figures if row.present == 1]
    if singles:
        parts.append("### Cited by one document only")
    for index, label in enumerate(view.labels):
        own = sorted(
            (row for row in singles if row.cells[index]),
            key=lambda row: (-row.largest_gap, row.key),
        )
        if not own:
            continue
        parts.append(f"#### {inline(label)}")
        parts.append(
            table(
                ["Measure", "Statement", "Figure", "Compared with", "Gap"],
                [_single_row(row, index) for row in own],
            )
        )
    parts.append(LEGEND)
    return "\n\n".join(parts)


def _single_row(row: MetricRow, index: int) -> list[str]:
    metric = row.cells[index][0]
    reference = metric.reference
    figure = _figure(metric)
    more = len(row.cells[index]) - 1
    if more:
        figure += f" and {more} more"
    return [
        _measure(row),
        _statement(row),
        figure,
        _comparator(reference, metric.unit) if reference else ABSENT,
        metric_gap(metric) or ABSENT,
    ]
