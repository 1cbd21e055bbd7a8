"""Which kind of document a text is, from the words it uses (markers in taxonomy.yaml)."""

from __future__ import annotations

from .knowledge import taxonomy
from .model import DocumentKind

SCAN_CHARS = 20_000
"""What a document is shows in its opening pages."""


def detect_kind(text: str) -> DocumentKind:
    """The kind whose markers score highest, if it reaches its minimum; else `other`."""
    # Whitespace made single spaces: wrapped text breaks marker phrases over lines.
    lowered = " ".join(text[:SCAN_CHARS].casefold().replace("\u2019", "'").split())
    best: DocumentKind = "other"
    best_score = 0
    for kind, (minimum, markers) in taxonomy().kinds.items():
        score = sum(weight for marker, weight in markers.items() if marker in lowered)
        if score >= minimum and score > best_score:
            best, best_score = kind, score  # type: ignore[assignment]
    return best
