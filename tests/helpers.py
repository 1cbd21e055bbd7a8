"""Helpers the tests share: fixture paths and a word counter for the nothing-lost checks."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
WORD = re.compile(r"[A-Za-z0-9]+")


def words(text: str) -> Counter[str]:
    """The words of a text, case-folded, as a multiset."""
    return Counter(word.casefold() for word in WORD.findall(text))


def section_words(document) -> Counter[str]:
    """Every word a parsed document's sections hold, titles and text."""
    found: Counter[str] = Counter()
    for section in document.sections:
        found.update(words(section.title))
        found.update(words(section.text))
    return found


def missing_words(source: str, document) -> Counter[str]:
    """Words of `source` that the document's sections do not hold."""
    return words(source) - section_words(document)
