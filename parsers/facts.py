"""Facts stated near the top of a report: council, publication date, rating, scores."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cache

from .blocks import Block
from .councils import directory
from .dates import parse_date
from .knowledge import taxonomy
from .textnorm import normal_form

HEAD_BLOCKS = 60
"""Facts about the whole report are printed in its first blocks."""


def page_title_council(text: str) -> str | None:
    """The council a CQC page title names ("X: local authority assessment"), if `text` is one."""
    if len(text) > 140:
        return None
    for pattern in taxonomy().cqc_title_patterns:
        found = pattern.match(text)
        if found:
            council = directory().from_title(found.group("council"))
            if council:
                return council
    return None


def published_date(blocks: Sequence[Block]) -> date | None:
    for block in blocks[:HEAD_BLOCKS]:
        for line in block.lines[:3]:
            if len(line.text) > 120 or ("ublis" not in line.text and "ublic" not in line.text):
                continue
            for pattern in taxonomy().published_patterns:
                found = pattern.search(line.text)
                if found:
                    when = parse_date(found.group("date"))
                    if when:
                        return when
    return None


def rating_word(text: str) -> str | None:
    """The rating `text` starts with ("Good: Evidence shows ..." gives "Good")."""
    norm = normal_form(text)
    for rating in taxonomy().ratings:
        word = normal_form(rating)
        if norm == word or norm.startswith(word + " "):
            return rating
    return None


def stated_rating(blocks: Sequence[Block]) -> str | None:
    """A rating stated in words ("Overall rating: Good") near the top of the report."""
    for block in blocks[:HEAD_BLOCKS]:
        text = block.text[:600]
        for pattern in taxonomy().rating_patterns:
            found = pattern.search(text)
            if found:
                return rating_word(found.group("rating"))
    return None


def overall_score(blocks: Sequence[Block]) -> int | None:
    """The overall percentage score, as early reports print it ("scored 78 out of 100")."""
    for block in blocks[:HEAD_BLOCKS]:
        text = block.text[:1000]
        if "score" not in text:
            continue
        for pattern in taxonomy().overall_score_patterns:
            found = pattern.search(text)
            if found:
                score = int(found.group("score"))
                if 0 <= score <= 100:
                    return score
    return None


def rating_for_score(score: int) -> str | None:
    """CQC's published threshold rating for an overall percentage score."""
    for minimum, rating in taxonomy().rating_thresholds:
        if score >= minimum:
            return rating
    return None


def score_in(text: str) -> int | None:
    """A statement score written in `text` ("Score: 2", "3 - Evidence shows a good standard")."""
    text = text.strip()
    if len(text) > 160:
        return None
    for pattern in taxonomy().score_patterns:
        found = pattern.match(text)
        if found:
            return int(found.group("score"))
    norm = normal_form(text)
    for words, score in _score_words():
        if norm.startswith(words):
            return score
    return None


@cache
def _score_words() -> tuple[tuple[str, int], ...]:
    return tuple((normal_form(words), n) for words, n in taxonomy().score_words.items())


_SCORE_LABEL = re.compile(r"(?:indicative\s+)?score\s*:?", re.IGNORECASE)


def is_score_label(text: str) -> bool:
    """A line that announces a score printed on the next line ("Indicative score:")."""
    return _SCORE_LABEL.fullmatch(text.strip()) is not None


def is_indicative(text: str) -> bool:
    lowered = text.casefold()
    return any(marker in lowered for marker in taxonomy().indicative_markers)


def council_from_text(text: str) -> str | None:
    return directory().mentioned(text)
