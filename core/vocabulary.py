"""The index's vocabulary, and which of its terms a typed word stands for: itself, the words it
begins (the word being typed), or words a typo away from it (rapidfuzz, over the vocabulary only,
never over section text).

A term found for a word comes with a quality in (0, 1]: 1 for the word itself, less for a
longer word it begins, less again for a word it only resembles.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

Expansion = tuple[tuple[int, float], ...]
"""(term id, quality) for each term a word stands for, best first."""

FUZZY_MIN_LENGTH = 4
"""Shorter words are not corrected: at three letters one typo makes another common word."""
FUZZY_PREFIX_MIN_LENGTH = 5
"""A word still being typed is corrected from this many letters (at 4, "safe" vs "sale")."""
FUZZY_CUTOFF = 80.0
"""rapidfuzz ratio a term needs to stand for a mistyped word: a swap of two letters in a
7-letter word ("backlgo") scores 86, one wrong letter in a 5-letter word 80."""
FUZZY_QUALITY = 0.75
"""A corrected word counts for less than one typed right."""
FUZZY_TERMS = 12
"""The most terms a mistyped word stands for, best first."""
COMPLETIONS = 100
"""The most terms a word being typed stands for; a prefix of one or two letters begins
thousands, and the most frequent are the ones a reader is likely typing."""


def completion_quality(prefix_length: int, term_length: int) -> float:
    """How well a prefix stands for a term it begins: 1 for the whole term, falling towards
    0.5 as the term runs on ("backl" → backlog 0.86, "s" → safeguarding 0.54)."""
    return 0.5 + 0.5 * prefix_length / term_length


class Vocabulary:
    """Every term of the index, looked up by whole word, by prefix or by resemblance.

    Immutable once made; the caches it keeps are safe to share between threads."""

    def __init__(self, terms: Sequence[str], frequencies: Sequence[int]) -> None:
        """`terms[i]` is term id i; `frequencies[i]` is how many sections hold it."""
        self.terms = tuple(terms)
        self.frequencies = tuple(frequencies)
        self.ids = {term: index for index, term in enumerate(self.terms)}
        order = sorted(range(len(self.terms)), key=self.terms.__getitem__)
        self._sorted = [self.terms[i] for i in order]
        self._sorted_ids = order
        # Candidates for typo correction: the terms sharing the word's first letter, or its
        # second (so a wrong first letter is still found).
        first: dict[str, list[str]] = {}
        second: dict[str, list[str]] = {}
        for term in self._sorted:
            first.setdefault(term[0], []).append(term)
            if len(term) > 1:
                second.setdefault(term[1], []).append(term)
        self._first = {key: tuple(value) for key, value in first.items()}
        self._second = {key: tuple(value) for key, value in second.items()}
        self.expand = lru_cache(maxsize=4096)(self._expand)
        self._prefixes = lru_cache(maxsize=512)(self._prefixes_of_length)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, term: object) -> bool:
        return term in self.ids

    def completions(self, prefix: str) -> list[int]:
        """Ids of the terms that begin with `prefix`, in alphabetical order."""
        start = bisect_left(self._sorted, prefix)
        end = bisect_left(self._sorted, prefix + "\U0010ffff", start)
        return self._sorted_ids[start:end]

    def _expand(self, word: str, prefix: bool) -> Expansion:
        """The terms `word` stands for; as a prefix when it is the word being typed.

        A whole word stands for itself and the terms within a typo of it that begin with it or
        that it begins ("backlog" also finds "backlogs", "carers" "carer"); a word the
        vocabulary lacks, for every term within a typo of it. A prefix stands for the terms it
        begins, and when it begins none, for the terms whose beginnings are within a typo."""
        found: dict[int, float] = {}
        if prefix:
            for term_id in self._most_frequent(self.completions(word)):
                found[term_id] = completion_quality(len(word), len(self.terms[term_id]))
            if not found and len(word) >= FUZZY_PREFIX_MIN_LENGTH:
                for start, similarity in self._similar_prefixes(word):
                    quality = FUZZY_QUALITY * similarity
                    for term_id in self._most_frequent(self.completions(start)):
                        q = quality * completion_quality(len(start), len(self.terms[term_id]))
                        found[term_id] = max(found.get(term_id, 0.0), q)
        else:
            term_id = self.ids.get(word)
            if term_id is not None:
                found[term_id] = 1.0
            if len(word) >= FUZZY_MIN_LENGTH:
                for term, similarity in self._similar_terms(word):
                    # A known word's near neighbours are other words ("making", "taking")
                    # unless they are its own forms.
                    if term_id is None or term.startswith(word) or word.startswith(term):
                        found.setdefault(self.ids[term], FUZZY_QUALITY * similarity)
        return tuple(sorted(found.items(), key=lambda item: -item[1]))

    def _most_frequent(self, term_ids: list[int]) -> list[int]:
        if len(term_ids) <= COMPLETIONS:
            return term_ids
        frequencies = self.frequencies
        return sorted(term_ids, key=lambda term_id: -frequencies[term_id])[:COMPLETIONS]

    def _candidates(self, word: str) -> tuple[str, ...]:
        first = self._first.get(word[0], ())
        second = self._second.get(word[1], ()) if len(word) > 1 else ()
        return first + second

    def _similar_terms(self, word: str) -> list[tuple[str, float]]:
        """Terms within a typo of a whole word, with their similarity in (0, 1]."""
        matches = process.extract(
            word,
            self._candidates(word),
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_CUTOFF,
            limit=FUZZY_TERMS + 1,
        )
        return [(term, score / 100) for term, score, _ in matches if term != word][:FUZZY_TERMS]

    def _prefixes_of_length(self, first: str, second: str, length: int) -> tuple[str, ...]:
        """The distinct beginnings, `length` letters long, of the correction candidates."""
        terms = self._first.get(first, ()) + self._second.get(second, ())
        return tuple({term[:length] for term in terms if len(term) >= length - 1})

    def _similar_prefixes(self, word: str) -> list[tuple[str, float]]:
        """Beginnings of terms within a typo of a word being typed."""
        choices = self._prefixes(word[0], word[1], len(word))
        matches = process.extract(
            word, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_TERMS
        )
        return [(start, score / 100) for start, score, _ in matches]
