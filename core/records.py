"""Documents, sections and figures as the plain records of the JSON and CSV contract."""

from __future__ import annotations

from typing import Any

from carecompare.parsers import Document, Metric, Section


def document_record(document: Document) -> dict[str, Any]:
    """The `scores --json` object for one document (CONTRACT.md)."""
    return {
        "path": document.path,
        "council": document.council,
        "kind": document.kind,
        "published": document.published.isoformat() if document.published else None,
        "period": document.period,
        "rating": document.rating,
        "indicative": document.indicative,
        "scores": dict(document.scores),
        "judgements": dict(document.judgements),
        "title": document.title,
        "overall_score": document.overall_score,
    }


def section_record(section: Section) -> dict[str, Any]:
    """One entry of `parse --json`'s `sections` (CONTRACT.md), plus `role` and `key`."""
    return {
        "title": section.title,
        "kind": section.kind,
        "statement": section.statement,
        "theme": section.theme,
        "score": section.score,
        "line": section.line,
        "text": section.text,
        "role": section.role,
        "key": section.key,
        "furniture": section.furniture,
    }


def parse_record(document: Document) -> dict[str, Any]:
    """The `parse --json` object: the document's facts and all its sections in order."""
    return {**document_record(document), "sections": [section_record(s) for s in document.sections]}


def _number(value: float, quote: str) -> float | int:
    """A figure's value as JSON: a whole number when the report writes it without decimals."""
    return int(value) if value.is_integer() and "." not in quote else value


def metric_record(document: Document, metric: Metric) -> dict[str, Any]:
    """One object of `metrics --json` (CONTRACT.md), plus `similar`, `sentence` and each
    comparator's `quote`."""
    section = (
        document.sections[metric.section] if 0 <= metric.section < len(document.sections) else None
    )
    return {
        "path": document.path,
        "council": document.council,
        "statement": section.statement if section else None,
        "section": section.title if section else None,
        "line": metric.line,
        "label": metric.label,
        "metric": metric.metric,
        "quote": metric.quote,
        "value": _number(metric.value, metric.quote),
        "unit": metric.unit,
        "comparators": [
            {
                "label": comparator.label,
                "kind": comparator.kind,
                "value": _number(comparator.value, comparator.quote),
                "quote": comparator.quote,
            }
            for comparator in metric.comparators
        ],
        "source": metric.source,
        "higher_is_better": metric.higher_is_better,
        "gap": metric.gap,
        "verdict": metric.verdict,
        "similar": metric.similar,
        "sentence": metric.sentence,
    }
