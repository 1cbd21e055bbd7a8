"""Text in, Document out: loading, cleaning, kind detection and one parser per kind."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .blocks import segment
from .clean import clean_lines
from .detect import kind_of_blocks
from .figures import MAX_FIGURES, extract_metrics
from .knowledge import KnowledgeError
from .load import LoadError, expand_paths, read_bytes, source_from_bytes
from .model import Comparator, Document, Metric, Section

__all__ = [
    "Comparator",
    "Document",
    "KnowledgeError",
    "LoadError",
    "Metric",
    "Section",
    "check_knowledge",
    "expand_paths",
    "parse_bytes",
    "parse_file",
    "parse_text",
]


def check_knowledge() -> None:
    """Load and check every knowledge file now (the user's own, when CARECOMPARE_KNOWLEDGE
    names a folder of them): a bad one raises KnowledgeError naming the file and the key."""
    from .figures.lexicon import lexicon
    from .knowledge import _source_name, councils, taxonomy

    for load, name in (
        (taxonomy, "taxonomy.yaml"),
        (councils, "councils.yaml"),
        (lexicon, "metrics.yaml"),
    ):
        try:
            load()
        except KnowledgeError:
            raise
        except Exception as error:  # a shape the checks did not foresee
            kind = type(error).__name__
            raise KnowledgeError(
                f"{_source_name(name)}: unexpected content ({kind}: {error})"
            ) from None


def parse_text(text: str, path: str = "<text>") -> Document:
    """Parse a document's text. Never raises for any text; unknown documents become `other`."""
    document = _parse_structure(text, path)
    metrics = extract_metrics(document.sections)
    warnings = document.warnings
    if len(metrics) >= MAX_FIGURES:
        warnings += (f"only the first {MAX_FIGURES} figures are listed",)
    return replace(document, metrics=metrics, warnings=warnings)


def _parse_structure(text: str, path: str) -> Document:
    """The document's facts and sections, by the parser for its kind."""
    from . import annual, cqc, facts, generic, ofsted

    cleaned = clean_lines(text)
    segments = segment(cleaned)
    blocks = segments.blocks
    kind = kind_of_blocks(blocks)
    if kind == "cqc_assessment":
        council = next(
            (c for c in (facts.page_title_council(b.first.text) for b in blocks[:40]) if c), None
        )
        council = council or facts.council_from_text(text)
        return cqc.parse_cqc(path, blocks, council, glued=segments.layout != "unwrapped")
    council = facts.council_from_text(text)
    if kind == "annual_report":
        return annual.parse_annual(path, blocks, council, segments.width)
    if kind == "ofsted_children":
        return ofsted.parse_ofsted(path, blocks, council, segments.width)
    return generic.parse_other(path, blocks, council, segments.width)


def parse_bytes(data: bytes, path: str | Path) -> Document:
    """Parse a file's bytes (its suffix picks the reader: text, HTML or PDF); raises LoadError
    (naming the file) when they cannot be read as a document."""
    source = source_from_bytes(path, data)
    document = parse_text(source.text, str(path))
    if source.warnings:
        document = replace(document, warnings=document.warnings + source.warnings)
    return document


def parse_file(path: str | Path) -> Document:
    """Read and parse one file; raises LoadError (naming the file) when it cannot be read."""
    return parse_bytes(read_bytes(path), path)
