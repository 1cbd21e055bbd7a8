"""Recognise known titles in a line of text: exactly, fuzzily, or glued to a paragraph's start."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from .textnorm import normal_form

T = TypeVar("T")

TITLE_THRESHOLD = 90.0
"""rapidfuzz ratio (0-100) a heading needs to count as a known title. Tests pin it: a missing
letter or an '&' still matches, "Safeguarding adults board" does not match "Safeguarding"."""

_WORD = re.compile(r"[^\s]+")
_FIRST_WORD = re.compile(r"\s*[^\s]+")


@dataclass(frozen=True, slots=True)
class TitleMatch(Generic[T]):
    """A recognised title: what it names, how well it matched, and how much text it took."""

    value: T
    score: float
    end: int
    """Characters of the matched text that the title covers (for a glued heading)."""


class TitleIndex(Generic[T]):
    """Known titles, each naming a value; looked up by normal form, then by rapidfuzz."""

    def __init__(self, titles: Iterable[tuple[str, T]], threshold: float = TITLE_THRESHOLD):
        self.threshold = threshold
        self._exact: dict[str, T] = {}
        self._choices: list[str] = []
        self._values: list[T] = []
        self._by_first_word: dict[str, list[tuple[int, str, T]]] = {}
        for title, value in titles:
            norm = normal_form(title)
            if not norm or norm in self._exact:
                continue
            self._exact[norm] = value
            self._choices.append(norm)
            self._values.append(value)
            words = norm.split()
            self._by_first_word.setdefault(words[0], []).append((len(words), norm, value))
        self._shortest = min((len(c) for c in self._choices), default=0)
        self._longest = max((len(c) for c in self._choices), default=0)

    def __len__(self) -> int:
        return len(self._choices)

    def match(self, text: str) -> TitleMatch[T] | None:
        """The title `text` is, if it is one (whole text, not a prefix)."""
        norm = normal_form(text)
        if not norm:
            return None
        if norm in self._exact:
            return TitleMatch(self._exact[norm], 100.0, len(text))
        # Lengths too far apart cannot reach the threshold; skip rapidfuzz for them.
        slack = 1 - self.threshold / 100
        if len(norm) < self._shortest * (1 - slack) or len(norm) > self._longest * (1 + slack) + 2:
            return None
        found = process.extractOne(
            norm, self._choices, scorer=fuzz.ratio, processor=None, score_cutoff=self.threshold
        )
        if found is None:
            return None
        return TitleMatch(self._values[found[2]], found[1], len(text))

    def match_prefix(self, text: str) -> TitleMatch[T] | None:
        """A title at the start of `text` with more text after it (a heading glued to its
        paragraph). `end` is where the title stops in `text`."""
        first_word = _FIRST_WORD.match(text)
        first = normal_form(first_word.group(0)).split() if first_word else ()
        candidates = self._by_first_word.get(first[0]) if first else None
        if not candidates:
            return None
        spans = [m.span() for m in _WORD.finditer(text[:400])]
        best: TitleMatch[T] | None = None
        for word_count, norm, value in candidates:
            for count in (word_count, word_count - 1, word_count + 1):
                if count < 1 or count >= len(spans):
                    continue
                end = spans[count - 1][1]
                head = normal_form(text[:end])
                score = 100.0 if head == norm else fuzz.ratio(head, norm)
                if score >= self.threshold and (best is None or score > best.score):
                    best = TitleMatch(value, score, end)
        if best is None:
            return None
        rest = text[best.end :]
        # The title must end at a word boundary followed by text that starts a sentence.
        stripped = rest.lstrip(" :.-–—")
        if not stripped or not (stripped[0].isupper() or stripped[0] in "\"'“‘(0123456789"):
            return None
        return TitleMatch(best.value, best.score, len(text) - len(stripped))
