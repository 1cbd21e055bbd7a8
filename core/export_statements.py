"""The export statement by statement: the scores, the headings not every document has, the
figures, and each document's key text (collapsed where long)."""

from __future__ import annotations

from carecompare.align import Row
from carecompare.export_figures import figures_table
from carecompare.export_scores import marked, ranks
from carecompare.export_view import ExportView
from carecompare.markdown import ABSENT, block, cell, details, html_text, inline, table
from carecompare.parsers import Section
from carecompare.parsers.knowledge import Statement, taxonomy

LONG_TEXT_WORDS = 150
"""Key text longer than this many words is collapsed under a summary."""

HAS, LACKS = "✓", ABSENT
UNTITLED = "(untitled)"


def _framework_parts(statement: str) -> set[str]:
    """Keys of "What people expect" and "The local authority commitment": CQC's own words,
    the same in every report, so they are no council's key text."""
    return {
        f"{statement}/{part.id}" for part in taxonomy().statement_parts if part.id != "key_findings"
    }


def _covering(view: ExportView, rows: tuple[Row, ...], statement: str) -> list[int]:
    """The documents that score the statement or file any section under it."""
    return [
        i
        for i, document in enumerate(view.documents)
        if document.scores.get(statement) is not None or any(row.cells[i] for row in rows)
    ]


def _scores_line(view: ExportView, statement: str, covering: list[int]) -> str | None:
    scores = {
        i: float(score)
        for i in covering
        if (score := view.documents[i].scores.get(statement)) is not None
    }
    if not scores:
        return None
    high, low = ranks(scores)
    listed = " · ".join(
        marked(f"{inline(view.labels[i])} {scores[i]:g}", i, high, low) for i in sorted(scores)
    )
    if len(scores) == 1:
        return f"**Score:** {listed}."
    apart = max(scores.values()) - min(scores.values())
    return f"**Scores:** {listed} ({f'{apart:g} apart' if apart else 'level'})."


def _headings_table(view: ExportView, rows: tuple[Row, ...], covering: list[int]) -> str:
    """Headings some of the covering documents have and others lack, with who has which."""
    differing = [
        row
        for row in rows
        if row.level == 2
        and row.key not in _framework_parts(row.statement or "")
        and not row.key.endswith("/key_findings")
        and 0 < sum(1 for i in covering if row.cells[i]) < len(covering)
    ]
    if not differing:
        return "Every document here has the same headings for this statement."
    return "**Headings not every document has:**\n\n" + table(
        ["Heading", *(cell(view.labels[i]) for i in covering)],
        [
            [cell(row.title), *(HAS if row.cells[i] else LACKS for i in covering)]
            for row in differing
        ],
        "l" + "c" * len(covering),
    )


def _key_sections(rows: tuple[Row, ...], index: int, statement: str) -> list[Section]:
    skip = _framework_parts(statement)
    return [
        section
        for row in rows
        if row.level == 2 and row.key not in skip
        for section in row.cells[index]
        if section.text.strip() and not section.furniture
    ]


def _key_text(label: str, sections: list[Section]) -> str:
    body = "\n\n".join(f"*{inline(s.title or '(untitled)')}*\n\n{block(s.text)}" for s in sections)
    words = sum(len(s.text.split()) for s in sections)
    heading = f"**{inline(label)}**"
    if words <= LONG_TEXT_WORDS:
        return f"{heading}\n\n{body}"
    count = f"{len(sections)} heading{'s' if len(sections) != 1 else ''}, {words:,} words"
    return f"{heading}\n\n" + details(html_text(f"Key text: {count}"), body)


def statement_part(view: ExportView, statement: Statement) -> str | None:
    """One statement across the documents; None when no document covers it."""
    rows = view.comparison.rows_of(statement.id)
    covering = _covering(view, rows, statement.id)
    if not covering:
        return None
    parts = [f"### {statement.number}. {inline(statement.title)}"]
    scores = _scores_line(view, statement.id, covering)
    if scores:
        parts.append(scores)
    missing = [i for i in range(len(view.documents)) if i not in covering]
    if missing:
        names = ", ".join(inline(view.labels[i]) for i in missing)
        parts.append(f"Not covered by: {names}.")
    if len(covering) > 1:
        parts.append(_headings_table(view, rows, covering))
    figures = [row for row in view.figures if row.statement == statement.id]
    if figures:
        parts.append("**Figures:**\n\n" + figures_table(figures, view.labels, statement=False))
    if view.key_text:
        for i in covering:
            sections = _key_sections(rows, i, statement.id)
            if sections:
                parts.append(_key_text(view.labels[i], sections))
    return "\n\n".join(parts)


def statements_part(view: ExportView) -> str:
    """Every chosen statement in framework order; those no document covers in one line."""
    if not view.statements:
        return ""
    parts = ["## Statement by statement"]
    uncovered = []
    for statement in view.statements:
        part = statement_part(view, statement)
        if part is None:
            uncovered.append(f"{statement.number}. {inline(statement.title)}")
        else:
            parts.append(part)
    if uncovered:
        parts.insert(1, f"No document here covers {'; '.join(uncovered)}.")
    return "\n\n".join(parts)
