"""Documents, sections and figures as the plain records of the JSON and CSV contract."""

from __future__ import annotations

from typing import Any

from carecompare.parsers import Document, Section


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
