"""Figures a report cites: values, units, comparators, sources and directions (issue 3).

`extract_metrics(sections)` reads a parsed document's sections; the knowledge it uses (measures,
comparator phrasings, sources, direction words) is `parsers/data/metrics.yaml`.
"""

from .extract import MAX_FIGURES, extract_metrics
from .lexicon import Measure, lexicon

__all__ = ["MAX_FIGURES", "Measure", "extract_metrics", "lexicon"]
