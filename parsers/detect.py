"""Which kind of document a text is, from the words it uses (markers in taxonomy.yaml)."""

from __future__ import annotations

from collections.abc import Sequence

from .blocks import Block
from .knowledge import taxonomy
from .model import DocumentKind

SCAN_CHARS = 20_000
"""What a document is shows in its opening pages."""


def detect_kind(text: str) -> DocumentKind:
    """The kind of a raw text (whitespace made single spaces: wrapped text breaks marker
    phrases over lines)."""
    return _kind_of(" ".join(text[:SCAN_CHARS].split()))


def kind_of_blocks(blocks: Sequence[Block]) -> DocumentKind:
    """The kind of a segmented text, from its opening blocks (already reflowed)."""
    opening: list[str] = []
    size = 0
    for block in blocks:
        text = block.text
        opening.append(text)
        size += len(text) + 1
        if size >= SCAN_CHARS:
            break
    return _kind_of(" ".join(opening).replace("\n", " "))


def _kind_of(opening: str) -> DocumentKind:
    """The kind whose markers score highest, if it reaches its minimum; else `other`."""
    lowered = opening[:SCAN_CHARS].casefold().replace("\u2019", "'")
    best: DocumentKind = "other"
    best_score = 0
    for kind, (minimum, markers) in taxonomy().kinds.items():
        score = sum(weight for marker, weight in markers.items() if marker in lowered)
        if score >= minimum and score > best_score:
            best, best_score = kind, score  # type: ignore[assignment]
    return best
