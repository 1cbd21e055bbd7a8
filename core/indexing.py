"""Building the search index: every section's words counted into postings, in one pass.

Building is most of search's cost, so it leans on C-level operations (regex findall, Counter,
set difference, array from map) and does one Python step per (term, section) pair, none per
word. About 1 s for 150 documents on a 2-core machine.
"""

from __future__ import annotations

import gc
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from math import log

from carecompare.parsers import Document
from carecompare.parsers.knowledge import taxonomy
from carecompare.ranking import K1, LENGTH_B
from carecompare.words import terms

# A posting's code packs what ranking needs into one int: the term's count in the section's
# text, whether it is in the title, and whether it is in the section's context (council name,
# statement title). Most codes are bare counts under 256, which Python shares, not allocates.
TITLE = 1 << 30
CONTEXT = 1 << 29
COUNT_MASK = CONTEXT - 1
GAP = 0xFFFFFFFF
"""Stands between a section's title and its text in the word sequence."""
GAP_WIDTH = 8
"""Enough gap that a title word and the text's first word do not count as close."""


def count_of(code: int) -> int:
    """How many times the term stands in the section's text."""
    return code & COUNT_MASK


@dataclass(frozen=True, slots=True)
class IndexData:
    """The built index: plain containers, never changed after `build_index` returns."""

    sections: tuple[tuple[int, int], ...]
    """(document index, section index) of each section id."""
    terms: tuple[str, ...]
    """Each term id's normal form."""
    postings: tuple[dict[int, int], ...]
    """Per term id: section id → code (see TITLE, CONTEXT, count_of)."""
    sequences: tuple[array, ...]
    """Per section id: its title's term ids, GAP_WIDTH gaps, its text's term ids."""
    title_lengths: tuple[int, ...]
    """Per section id: how many words its title has (where its text starts in `sequences`)."""
    norms: tuple[float, ...]
    """Per section id: BM25's length factor, K1 × (1 - b + b × length / average length)."""
    idf: tuple[float, ...]
    """Per term id: log(1 + sections / sections holding it)."""
    furniture: frozenset[int]
    """Section ids of page furniture."""
    titles: tuple[str, ...]
    """Each distinct section title as its normalised words in sorted order (for rapidfuzz's
    ratio, which on sorted words is its token_sort_ratio, without the sorting each time)."""
    section_titles: tuple[int, ...]
    """Per section id: index of its title in `titles`."""
    lacking: dict[str, frozenset[int]]
    """Per initial letter most sections have a word beginning with: the sections that have
    none (so a one-letter word being typed narrows the hits cheaply)."""


def _context_terms(council: str | None, statement: str | None) -> frozenset[str]:
    statement_titles = {s.id: s.title for s in taxonomy().statements}
    said = f"{council or ''} {statement_titles.get(statement or '', '')}"
    words, joined = terms(said)
    return frozenset(words).union(joined)


def build_index(documents: Sequence[Document]) -> IndexData:
    """Index every section of `documents`: its title, text and context."""
    # The build makes a few hundred thousand objects that live as long as the index; cyclic
    # garbage collection would walk all of them (and every document) again and again while
    # they are made, adding a third to the time. None of them forms a cycle.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(documents)
    finally:
        if collecting:
            gc.enable()


def _build(documents: Sequence[Document]) -> IndexData:
    ids: dict[str, int] = {}
    by_term: dict[str, dict[int, int]] = {}
    flagged: dict[int, int] = {}
    sections: list[tuple[int, int]] = []
    sequences: list[array] = []
    title_lengths: list[int] = []
    lengths: list[int] = []
    furniture: set[int] = set()
    titled: dict[str, tuple[list[str], set[str], int]] = {}
    titles: list[str] = []
    section_titles: list[int] = []
    contexts: dict[tuple[str | None, str | None], frozenset[str]] = {}
    gap = array("I", [GAP] * GAP_WIDTH)
    for document_index, document in enumerate(documents):
        for section_index, section in enumerate(document.sections):
            sid = len(sections)
            sections.append((document_index, section_index))
            if section.furniture:
                furniture.add(sid)
            title = titled.get(section.title)
            if title is None:
                # Titles repeat from report to report: their words are worked out once.
                words, joined = terms(section.title)
                title = titled[section.title] = (words, set(words).union(joined), len(titles))
                titles.append(" ".join(sorted(words)))
            title_words, in_title, title_id = title
            text_words, text_joined = terms(section.text)
            bag = Counter(text_words + text_joined if text_joined else text_words)
            key = (document.council, section.statement)
            context = contexts.get(key)
            if context is None:
                context = contexts[key] = _context_terms(*key)
            # Flagged codes are few distinct values: share one int object for each.
            for word in context:
                code = bag.get(word, 0) | CONTEXT
                bag[word] = flagged.setdefault(code, code)
            for word in in_title:
                code = bag.get(word, 0) | TITLE
                bag[word] = flagged.setdefault(code, code)
            # The one Python step per (term, section) pair: kept to a subscript and a store.
            for word, code in bag.items():
                try:
                    by_term[word][sid] = code
                except KeyError:  # a new term
                    by_term[word] = {sid: code}
                    ids[word] = len(ids)
            sequence = array("I", map(ids.__getitem__, title_words))
            sequence.extend(gap)
            sequence.extend(map(ids.__getitem__, text_words))
            sequences.append(sequence)
            title_lengths.append(len(title_words))
            lengths.append(len(title_words) + len(text_words))
            section_titles.append(title_id)
    vocabulary = tuple(ids)  # ids were given in insertion order: position is id
    postings = tuple(by_term[term] for term in vocabulary)
    count = len(sections)
    holding: defaultdict[str, set[int]] = defaultdict(set)
    for term, held in zip(vocabulary, postings, strict=True):
        holding[term[0]].update(held.keys())
    everything = frozenset(range(count))
    lacking = {
        initial: everything.difference(held)
        for initial, held in holding.items()
        if len(held) * 2 >= count
    }
    # Sections with no words at all (a document of punctuation) still need a length scale.
    average = (sum(lengths) / count if count else 0.0) or 1.0
    return IndexData(
        sections=tuple(sections),
        terms=vocabulary,
        postings=postings,
        sequences=tuple(sequences),
        title_lengths=tuple(title_lengths),
        norms=tuple(K1 * (1 - LENGTH_B + LENGTH_B * n / average) for n in lengths),
        idf=tuple(log(1 + count / len(p)) for p in postings),
        furniture=frozenset(furniture),
        titles=tuple(titles),
        section_titles=tuple(section_titles),
        lacking=lacking,
    )
