"""How search ranks the sections that match: the weights, and the two boosts that need more
than a posting (how close the words stand, how much the title resembles the query).

A section's score is the sum, over the query's words, of the best term each word finds there:

    quality × idf × (BM25 of its count in the text + TITLE_WEIGHT if in the title)

(or CONTEXT_WEIGHT when the word is only in the council's name or the statement's title), then
multiplied by `proximity` and `title_boost`, and by FURNITURE_FACTOR for page furniture.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from math import sqrt

K1 = 1.2
"""BM25 saturation: the third mention of a word adds less than the second."""
K1_PLUS_1 = K1 + 1
LENGTH_B = 0.75
"""BM25 length normalisation: a mention in a long section counts for less."""
TITLE_WEIGHT = 2.0
"""A word in a section's title counts as much as several in its text."""
CONTEXT_WEIGHT = 0.3
"""A word only in the section's council name or statement title counts for little."""
FURNITURE_FACTOR = 0.25
"""Page furniture (footers, repeated page titles) ranks below the report's own text."""
PROXIMITY_WEIGHT = 1.0
"""Words next to each other double a section's score."""
TITLE_SIMILARITY_WEIGHT = 0.5
"""A title that reads like the query adds up to half."""
TITLE_SIMILARITY_FLOOR = 60.0
"""rapidfuzz token_sort_ratio below which a title is not like the query at all."""
MAX_TITLE_BOOST = 1 + TITLE_SIMILARITY_WEIGHT
MAX_PROXIMITY = 1 + PROXIMITY_WEIGHT
MAX_BOOST = MAX_PROXIMITY * MAX_TITLE_BOOST
"""The most the boosts multiply a score by: a section whose score before them, times this,
is below the hits already kept cannot overtake them."""
BROAD = 1000
"""A word whose terms have more postings than this is scored only where they weigh most."""
TOP_POSTINGS = 250
"""How many of a frequent term's best postings are kept for such broad words."""
RANK_DEPTH = 40
"""At most this many sections (or 4 × the hits asked for) get the boosts computed."""
PLACES = 6
"""Positions of a word looked at in a section to tell how close the query's words stand."""
COMMON = 0.25
"""A word in more than this share of sections ("from", "with") is left out of proximity: it
stands near everything, and finding where it stands costs the most."""
COMMON_FLOOR = 250
"""...but only past this many sections: in a small index every word is in a large share of
the sections, and finding where the words stand costs next to nothing."""
MAX_WORDS = 8
"""Words of a query past this many are ignored: each costs a lookup per keystroke."""


def title_boost(similarity: float) -> float:
    """The multiplier for a title that resembles the query (rapidfuzz score 0-100)."""
    if similarity <= TITLE_SIMILARITY_FLOOR:
        return 1.0
    share = (similarity - TITLE_SIMILARITY_FLOOR) / (100 - TITLE_SIMILARITY_FLOOR)
    return 1 + TITLE_SIMILARITY_WEIGHT * share


def closest_window(positions: Sequence[Sequence[int]]) -> tuple[int, int] | None:
    """The narrowest (start, end) of word positions holding one position of every list that
    has any; None when fewer than two lists have positions."""
    lists = [places for places in positions if places]  # each in increasing order
    if len(lists) < 2:
        return None
    if len(lists) == 2:
        return _closest_pair(*lists)
    # Classic k-way sweep: always advance the list whose current position is smallest.
    heap = [(places[0], which, 0) for which, places in enumerate(lists)]
    heapq.heapify(heap)
    high = max(places[0] for places in lists)
    best = (heap[0][0], high)
    while True:
        low, which, at = heapq.heappop(heap)
        if high - low < best[1] - best[0]:
            best = (low, high)
        if at + 1 == len(lists[which]):
            return best
        following = lists[which][at + 1]
        high = max(high, following)
        heapq.heappush(heap, (following, which, at + 1))


def _closest_pair(first: Sequence[int], second: Sequence[int]) -> tuple[int, int]:
    """The closest (start, end) of one position from each of two increasing lists."""
    best = (min(first[0], second[0]), max(first[0], second[0]))
    i = j = 0
    while i < len(first) and j < len(second):
        a, b = first[i], second[j]
        if abs(a - b) < best[1] - best[0]:
            best = (a, b) if a < b else (b, a)
        if a < b:
            i += 1
        else:
            j += 1
    return best


def proximity(positions: Sequence[Sequence[int]]) -> float:
    """The multiplier for how close the query's words stand: 1 + PROXIMITY_WEIGHT when they
    are next to each other, falling with the square root of the distance between them."""
    window = closest_window(positions)
    if window is None:
        return 1.0
    words = sum(1 for places in positions if places)
    span = max(window[1] - window[0], words - 1)
    return 1 + PROXIMITY_WEIGHT * sqrt((words - 1) / span)
