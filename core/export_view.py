"""What one export looks at: the chosen documents with a short label each, the chosen
statements, and the documents' sections and figures aligned once for every part to read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from carecompare.align import Comparison, align
from carecompare.export_options import ExportOptions
from carecompare.metric_align import MetricRow, align_metrics
from carecompare.parsers import Document
from carecompare.parsers.knowledge import Statement, taxonomy

KIND_NAMES = {
    "cqc_assessment": "CQC assessment",
    "annual_report": "annual report",
    "ofsted_children": "Ofsted children's services",
    "other": "other document",
}
"""Document kinds as a report names them."""

_KIND_TAGS = {
    "cqc_assessment": "CQC",
    "annual_report": "annual report",
    "ofsted_children": "Ofsted",
    "other": "other",
}


@dataclass(frozen=True, slots=True)
class ExportView:
    """The chosen documents and statements, aligned."""

    documents: tuple[Document, ...]
    labels: tuple[str, ...]
    """A short name for each document, unique within the export."""
    statements: tuple[Statement, ...]
    """The chosen statements, in framework order."""
    every_statement: bool
    """True when no statement was left out (figures outside statements are then shown too)."""
    comparison: Comparison
    figures: tuple[MetricRow, ...]
    """The aligned figures of the chosen statements (all figures when every statement)."""
    key_text: bool


def build_view(documents: Sequence[Document], options: ExportOptions) -> ExportView:
    """Choose, label and align what `options` asks for."""
    indexes = range(len(documents)) if options.documents is None else options.documents
    chosen = tuple(documents[i] for i in indexes)
    all_statements = taxonomy().statements
    if options.statements is None:
        statements = all_statements
    else:
        unknown = set(options.statements) - {s.id for s in all_statements}
        if unknown:
            raise ValueError(f"unknown statement ids: {', '.join(sorted(unknown))}")
        statements = tuple(s for s in all_statements if s.id in options.statements)
    every = len(statements) == len(all_statements)
    ids = {s.id for s in statements}
    figures = tuple(
        row
        for row in align_metrics(chosen)
        if every or (row.statement is not None and row.statement in ids)
    )
    return ExportView(
        documents=chosen,
        labels=document_labels(chosen),
        statements=statements,
        every_statement=every,
        comparison=align(chosen),
        figures=figures,
        key_text=options.key_text,
    )


def short_council(document: Document) -> str:
    """The council's name without the word "Council" at its end, else the file's name."""
    if document.council:
        return document.council.removesuffix(" Council").strip() or document.council
    return document.name


def year_of(document: Document) -> str:
    """The year a document is from: its publication year, else the period it covers."""
    if document.published:
        return str(document.published.year)
    return document.period or ""


def document_labels(documents: Sequence[Document]) -> tuple[str, ...]:
    """A short name per document, unique within the set: the council, then (where two
    documents share a council) its kind, its year and finally its file name."""
    bases = [short_council(d) for d in documents]
    labels = list(bases)
    for base in set(bases):
        group = [i for i, b in enumerate(bases) if b == base]
        if len(group) < 2:
            continue
        tiers = [
            lambda d: _KIND_TAGS.get(d.kind, d.kind),
            lambda d: " ".join(filter(None, (_KIND_TAGS.get(d.kind, d.kind), year_of(d)))),
            lambda d: ", ".join(
                filter(None, (_KIND_TAGS.get(d.kind, d.kind), year_of(d), _file_name(d)))
            ),
        ]
        for tier in tiers:
            tags = [tier(documents[i]) for i in group]
            if len(set(tags)) == len(tags) or tier is tiers[-1]:
                for i, tag in zip(group, tags, strict=True):
                    labels[i] = f"{base} ({tag})"
                break
    # Same council, kind, year and file name: the same file given twice.
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[i] = f"{label} #{seen[label]}"
    return tuple(labels)


def _file_name(document: Document) -> str:
    return document.path.replace("\\", "/").rsplit("/", 1)[-1]
