"""Search every section of every loaded document, as the reader types.

    index = SearchIndex.build(documents)     # once, in a background thread; immutable after
    hits = index.search("dols waiting li")   # each keystroke: best first
    hit.document, hit.section                # where: indices into documents and sections
    hit.snippet, hit.snippet_spans           # a line to show, the matched words in it
    hit.title_spans, hit.text_spans          # the matched words in the section's title, text
    index.query_terms("dols waiting li")     # every word the query matched, for highlighting

An inverted index (`carecompare.indexing`) maps each normalised word (`carecompare.words`) to
the sections holding it. A query ANDs its words; the last one, while being typed, stands for
the words it begins, and a word stands for words a typo away too (rapidfuzz over the
vocabulary only: `carecompare.vocabulary`). Ranking (`carecompare.ranking`): BM25 weights of
the words found, more where they stand in the title, more where they stand close together,
more where the title reads like the query (rapidfuzz), less for page furniture.

A section is also found, weakly, by the words of its council's name and its statement's title
(its context), so "derbyshire dols" finds Derbyshire's DoLS findings.

As a reader types, the words before the one being typed stay the same from key to key: the
sections they pick out are kept (a small cache), and each key only narrows them by the last
word. A last word of one letter narrows by its initial alone.
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from rapidfuzz import fuzz

from carecompare.indexing import COUNT_MASK, GAP_WIDTH, TITLE, IndexData, build_index
from carecompare.parsers import Document, Section
from carecompare.ranking import (
    BROAD,
    COMMON,
    COMMON_FLOOR,
    CONTEXT_WEIGHT,
    FURNITURE_FACTOR,
    K1_PLUS_1,
    MAX_BOOST,
    MAX_PROXIMITY,
    MAX_TITLE_BOOST,
    MAX_WORDS,
    PLACES,
    RANK_DEPTH,
    TITLE_WEIGHT,
    TOP_POSTINGS,
    closest_window,
    proximity,
    title_boost,
)
from carecompare.snippets import SNIPPET_WORDS, Snippet, Span, find_occurrence, snippet, window
from carecompare.vocabulary import Expansion, Vocabulary
from carecompare.words import WordTable, query_words, spans_of, word_table

Scores = dict[int, float]
"""Section id → score so far."""


@dataclass(frozen=True, slots=True)
class _Word:
    """One word of a query and the terms it stands for."""

    word: str
    prefix: bool
    """The word being typed: it stands for the words it begins."""
    expansion: Expansion
    cost: int
    """How many postings its terms have: the cheapest word is looked up first."""


@dataclass(frozen=True, slots=True)
class _Found:
    """Sections holding some words of a query, and the best term of each word in each."""

    scores: Scores
    best: tuple[dict[int, int], ...]


class Hit:
    """A section that matches a query, and what to show for it. The snippet is worked out
    when first asked for, so a list pays only for the hits it shows."""

    __slots__ = ("_best", "_index", "_shown", "document", "score", "section", "sid", "terms")

    document: int
    """Index of the document in the documents the index was built from."""
    section: int
    """Index of the section in that document's `sections`."""
    score: float
    """Higher is better; comparable only between hits of the same query."""
    terms: frozenset[str]
    """The normal forms of the words the query stands for: `carecompare.words.spans_of`
    finds them in any text (see `text_spans`)."""
    sid: int
    """The section's id in the index."""

    def __init__(
        self,
        index: SearchIndex,
        sid: int,
        score: float,
        terms: frozenset[str],
        best: tuple[int, ...],
    ) -> None:
        self._index = index
        self._best = best
        self._shown: Snippet | None = None
        self.sid = sid
        self.document, self.section = index._data.sections[sid]
        self.score = round(score, 4)
        self.terms = terms

    def __repr__(self) -> str:
        return f"Hit(document={self.document}, section={self.section}, score={self.score})"

    @property
    def target(self) -> Section:
        """The section hit."""
        return self._index.documents[self.document].sections[self.section]

    def _snippet(self) -> Snippet:
        if self._shown is None:
            self._shown = self._index._snippet(self.sid, self.terms, self._best)
        return self._shown

    @property
    def snippet(self) -> str:
        """About two lines of the section's text around its best match, on one line."""
        return self._snippet().text

    @property
    def snippet_spans(self) -> tuple[Span, ...]:
        """The matched words in `snippet`, as (start, end) offsets."""
        return self._snippet().spans

    @property
    def line(self) -> int:
        """The input line of the match the snippet shows (the section's own line if none)."""
        at = self._snippet().match
        return self.target.line_at(at) if at is not None else self.target.line

    @property
    def title_spans(self) -> list[Span]:
        """The matched words in the section's title."""
        return spans_of(self.target.title, self.terms)

    @property
    def text_spans(self) -> list[Span]:
        """The matched words in the section's text, for highlighting it in place."""
        return spans_of(self.target.text, self.terms)


class SearchIndex:
    """An inverted index over every section of some documents. Make one with `build`; it
    never changes after, so one thread may build it and any thread search it."""

    documents: tuple[Document, ...]
    vocabulary: Vocabulary

    def __init__(self, documents: Sequence[Document], data: IndexData) -> None:
        """Use `SearchIndex.build`."""
        self.documents = tuple(documents)
        self._data = data
        self.vocabulary = Vocabulary(data.terms, [len(p) for p in data.postings])
        self._title_boost = lru_cache(maxsize=16384)(self._title_similarity)
        self._term_places = lru_cache(maxsize=16384)(self._places_of_term)
        self._finished = lru_cache(maxsize=32)(self._find_finished)
        self._window_words = lru_cache(maxsize=2048)(self._words_of_window)
        self._anchor = lru_cache(maxsize=4096)(self._find_anchor)
        self._top = lru_cache(maxsize=4096)(self._top_postings)
        most = max(COMMON * len(data.sections), COMMON_FLOOR)
        self._common = frozenset(t for t, held in enumerate(data.postings) if len(held) > most)

    @classmethod
    def build(cls, documents: Sequence[Document]) -> SearchIndex:
        """Index every section of `documents` (title, text and context). Pure Python on the
        model, cheap enough for a background thread (about 1 s for 150 documents)."""
        index = cls(documents, build_index(documents))
        if gc.isenabled():
            # Collect now, in the building thread, not in the first searches: the next full
            # collection walks every object the build made, a pause of tens of ms.
            gc.collect()
        return index

    def __len__(self) -> int:
        """How many sections the index holds."""
        return len(self._data.sections)

    # -- queries -----------------------------------------------------------------------

    def _word(self, word: str, prefix: bool) -> _Word | None:
        expansion = self.vocabulary.expand(word, prefix)
        if not expansion:
            return None
        postings = self._data.postings
        return _Word(word, prefix, expansion, sum(len(postings[t]) for t, _ in expansion))

    def _words(self, query: str) -> list[_Word] | None:
        """The query's words with their terms; None when a word stands for nothing."""
        typed = query_words(query)[:MAX_WORDS]
        # A space (or other non-word character) after the last word says it is finished.
        finished = not query or not query[-1].isalnum()
        words = []
        for position, word in enumerate(typed):
            found = self._word(word, position == len(typed) - 1 and not finished)
            if found is None:
                return None
            words.append(found)
        return words

    def query_terms(self, query: str) -> frozenset[str]:
        """Every term the query's words stand for, in any section: highlight these."""
        return self._terms_of(self._words(query) or [])

    def _terms_of(self, words: Sequence[_Word]) -> frozenset[str]:
        terms = self._data.terms
        return frozenset(
            terms[term]
            for word in words
            if not self._initial_only(word)
            for term, _ in word.expansion
        )

    def _initial_only(self, word: _Word) -> bool:
        """A one-letter word being typed, that most sections have a word beginning with: it
        narrows by its initial alone, adds nothing to the score and marks nothing."""
        return word.prefix and len(word.word) == 1 and word.word in self._data.lacking

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """The sections holding every word of `query` (the last as a prefix unless a space
        follows it; each word or a near spelling of it), best first, at most `limit`."""
        words = self._words(query)
        if not words or limit <= 0:
            return []
        typing = words[-1] if words[-1].prefix else None
        finished = tuple(word.word for word in words if not word.prefix)
        if finished:
            found = self._finished(finished)
            if typing is not None and self._initial_only(typing):
                lacking = self._data.lacking[typing.word]
                scores = found.scores
                if not scores.keys().isdisjoint(lacking):
                    scores = {s: v for s, v in scores.items() if s not in lacking}
                found = _Found(scores, found.best)
            elif typing is not None:
                scores, best = self._score_also(typing, found.scores)
                found = _Found(scores, (*found.best, best))
        else:
            assert typing is not None
            scores, best = self._score_first(typing)
            found = _Found(scores, (best,))
        if not found.scores:
            return []
        query_text = " ".join(sorted(word.word for word in words))
        terms = self._terms_of(words)
        return [
            Hit(self, sid, score, terms, best)
            for score, sid, best in self._rank(found, query_text, limit)
        ]

    def _find_finished(self, typed: tuple[str, ...]) -> _Found:
        """The sections holding every one of these whole words (cached: while the next word
        is typed, these stay the same)."""
        words = [self._word(word, prefix=False) for word in typed]
        if any(word is None for word in words):
            return _Found({}, ())
        order = sorted(words, key=lambda word: word.cost)  # type: ignore[union-attr]
        scores, best = self._score_first(order[0])  # type: ignore[arg-type]
        bests = [best]
        for word in order[1:]:
            if not scores:
                break
            scores, best = self._score_also(word, scores)  # type: ignore[arg-type]
            bests.append(best)
        return _Found(scores, tuple(bests))

    # -- scoring -----------------------------------------------------------------------
    # The loops below run once per posting visited, so the weight is worked out inline:
    #   quality × idf × (BM25 of the count + TITLE_WEIGHT if in the title), or
    #   quality × idf × CONTEXT_WEIGHT for a word only in the context.

    def _score_first(self, word: _Word) -> tuple[Scores, dict[int, int]]:
        """The sections holding `word`, with its score and best term in each. A word too
        common to score everywhere is scored where its terms weigh most."""
        data = self._data
        idf, norms, top = data.idf, data.norms, self._top
        scores: Scores = {}
        best: dict[int, int] = {}
        broad = word.cost > BROAD
        budget = BROAD
        for term, quality in sorted(word.expansion, key=lambda item: -item[1] * idf[item[0]]):
            postings = data.postings[term]
            sids = (top(term) if len(postings) > TOP_POSTINGS else postings) if broad else postings
            if broad:
                if budget <= 0:
                    break
                budget -= len(sids)
            factor = quality * idf[term]
            for sid in sids:
                score = factor * _posting_weight(postings[sid], norms[sid])
                if score > scores.get(sid, 0.0):
                    scores[sid] = score
                    best[sid] = term
        return scores, best

    def _top_postings(self, term: int) -> list[int]:
        """A frequent term's TOP_POSTINGS best sections, title first, then by count (worked
        out when a broad word first needs it)."""
        postings = self._data.postings[term]
        return sorted(postings, key=postings.__getitem__, reverse=True)[:TOP_POSTINGS]

    def _score_also(self, word: _Word, scores: Scores) -> tuple[Scores, dict[int, int]]:
        """Of the sections in `scores`, those holding `word` too, with its score added. Its
        terms are tried best first and a section takes the first it holds."""
        data = self._data
        idf, norms = data.idf, data.norms
        added: Scores = {}
        best: dict[int, int] = {}
        for term, quality in sorted(word.expansion, key=lambda item: -item[1] * idf[item[0]]):
            postings = data.postings[term]
            factor = quality * idf[term]
            # Set operations on dict views walk the smaller side, in C.
            for sid in (scores.keys() & postings.keys()).difference(added):
                added[sid] = scores[sid] + factor * _posting_weight(postings[sid], norms[sid])
                best[sid] = term
        return added, best

    def _title_similarity(self, query: str, title: int) -> float:
        """`query` is the query's words in sorted order, as the titles are kept."""
        return title_boost(fuzz.ratio(query, self._data.titles[title]))

    def _rank(
        self, found: _Found, query: str, limit: int
    ) -> list[tuple[float, int, tuple[int, ...]]]:
        """The best `limit` sections after the boosts, best first, as (score, section id,
        best term of each word). Sections are taken in order of their score before the
        boosts; the walk stops once no boost could lift the next above the hits kept, or
        RANK_DEPTH on (where scores are that flat, the order hardly matters)."""
        data = self._data
        several = len(found.best) > 1
        most = MAX_BOOST if several else MAX_TITLE_BOOST
        kept: list[tuple[float, int, tuple[int, ...]]] = []  # a min-heap of the best so far
        depth = max(RANK_DEPTH, limit + limit // 2)
        ordered = sorted(found.scores.items(), key=itemgetter(1), reverse=True)[:depth]
        for sid, base in ordered:
            full = len(kept) >= limit
            if full and base * most <= kept[0][0]:
                break
            score = base * self._title_boost(query, data.section_titles[sid])
            if full and score * MAX_PROXIMITY <= kept[0][0]:
                continue  # its title boost known, closeness could not lift it enough
            terms = tuple(best[sid] for best in found.best)
            if several:
                score *= proximity(self._places(sid, terms))
            if sid in data.furniture:
                score *= FURNITURE_FACTOR
            entry = (score, -sid, terms)
            if not full:
                heapq.heappush(kept, entry)
            elif entry[:2] > kept[0][:2]:
                heapq.heapreplace(kept, entry)
        kept.sort(key=itemgetter(0, 1), reverse=True)
        return [(score, -negative, terms) for score, negative, terms in kept]

    def _places(self, sid: int, terms: Sequence[int]) -> list[list[int]]:
        """Where each term first stands (up to PLACES times) in the section's text, by word
        number: plenty to tell how close the words stand. Common words are left out."""
        common = self._common
        if len(terms) < 2 or all(term in common for term in terms):
            common = frozenset()
        return [[] if term in common else self._term_places(sid, term) for term in terms]

    def _places_of_term(self, sid: int, term: int) -> list[int]:
        """(Cached: while the last word is typed the others' places are asked for again.)"""
        sequence = self._data.sequences[sid]
        start = self._data.title_lengths[sid] + GAP_WIDTH
        places: list[int] = []
        at = start - 1
        while len(places) < PLACES:
            try:
                at = sequence.index(term, at + 1)
            except ValueError:
                break
            places.append(at - start)
        return places

    def _snippet(self, sid: int, terms: frozenset[str], best: tuple[int, ...]) -> Snippet:
        """The snippet of a hit. Where it stands and the words of its window are kept (small
        caches): as a reader types, the same hits come back key after key."""
        document, section = self._data.sections[sid]
        text = self.documents[document].sections[section].text
        at = self._anchor(sid, best)
        start, end = window(text, at)
        return snippet(text, at, terms, self._window_words(sid, start, end))

    def _words_of_window(self, sid: int, start: int, end: int) -> WordTable:
        document, section = self._data.sections[sid]
        text = self.documents[document].sections[section].text
        return word_table(text[start:end].replace("\n", " "))

    def _find_anchor(self, sid: int, terms: tuple[int, ...]) -> int | None:
        """The offset in the section's text to show: the closest run of matches when it fits
        in a snippet, else the rarest word's place in it (or its first place)."""
        places = self._places(sid, terms)
        held = [(term, found) for term, found in zip(terms, places, strict=True) if found]
        if not held:
            return None
        closest = closest_window(places)
        if closest is not None and closest[1] - closest[0] <= SNIPPET_WORDS:
            first = closest[0]
            term, found = next((t, f) for t, f in held if first in f)
        else:
            term, found = max(held, key=lambda pair: self._data.idf[pair[0]])
            inside = [p for p in found if closest and closest[0] <= p <= closest[1]]
            first = inside[0] if inside else found[0]
        document, section = self._data.sections[sid]
        text = self.documents[document].sections[section].text
        return find_occurrence(text, self._data.terms[term], found.index(first))


def hit_record(index: SearchIndex, hit: Hit) -> dict[str, object]:
    """The `search --json` object for one hit (CONTRACT.md)."""
    document = index.documents[hit.document]
    section = hit.target
    return {
        "path": document.path,
        "council": document.council,
        "statement": section.statement,
        "title": section.title,
        "line": hit.line,
        "score": hit.score,
        "snippet": hit.snippet,
    }


def _posting_weight(code: int, norm: float) -> float:
    """A section's weight for a term from its posting: BM25 of the count, plus TITLE_WEIGHT
    when the term is in the title; CONTEXT_WEIGHT for a term only in the context."""
    count = code & COUNT_MASK
    if count:
        weight = count * K1_PLUS_1 / (count + norm)
        return weight + TITLE_WEIGHT if code >= TITLE else weight
    return TITLE_WEIGHT if code >= TITLE else CONTEXT_WEIGHT
