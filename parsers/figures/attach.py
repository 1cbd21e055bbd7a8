"""Give each comparator to the figure it is stated with.

The nearest figure before it in the sentence with a compatible unit, else (for "This was above
the England average of 85%") the figure of the sentence before, else the next figure in the
sentence. "against 76%, 82% and 85% respectively" pairs a list of comparators with a list of
figures; an estimate stated in one sentence waits for the actual figure of the next.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Comparator
from .comparators import Binding
from .figure import Figure
from .lexicon import Lexicon
from .numbers import Number
from .sentences import Sentence

_FIRST_WORD = re.compile(r"[\W\d_]*([A-Za-z]+)")


def compatible(figure: Number, comparator: Number) -> bool:
    """Whether a comparator's number can be set beside a figure's (a bare one always can)."""
    return comparator.unit is None or comparator.unit == figure.unit


def attach(
    text: str,
    sentence: Sentence,
    figures: list[Figure],
    bindings: list[Binding],
    previous: list[Figure],
    lex: Lexicon,
) -> list[Binding]:
    """Give each comparator to its figure; returns those waiting for the next sentence."""
    waiting: list[Binding] = []
    ends = [figure.number.end for figure in figures]
    linked: Figure | None = None
    """The figure of the sentence before that this sentence's comparators are about."""
    index = 0
    while index < len(bindings):
        binding = bindings[index]
        if binding.respectively > 1:
            group = bindings[index : index + binding.respectively]
            index += len(group)
            before = [
                f
                for f in figures
                if f.number.end <= group[0].at
                and not f.comparators
                and compatible(f.number, binding.number)
            ]
            if len(before) >= len(group):
                for figure, member in zip(before[-len(group) :], group, strict=True):
                    _give(figure, member)
            continue
        index += 1
        target = _nearest_before(figures, ends, binding)
        if target is None and linked is not None and compatible(linked.number, binding.number):
            target = linked
        if target is None and previous and _refers_back(text, sentence, binding, lex):
            target = linked = next(
                (
                    f
                    for f in reversed(previous)
                    if not f.comparators and compatible(f.number, binding.number)
                ),
                None,
            )
        if target is None:
            target = next(
                (
                    f
                    for f in figures
                    if f.number.start >= binding.number.end and compatible(f.number, binding.number)
                ),
                None,
            )
        if target is not None:
            _give(target, binding)
        elif lex.kinds[binding.spec].next_sentence is not None:
            waiting.append(binding)
    return waiting


def attach_pending(
    text: str, sentence: Sentence, figures: list[Figure], pending: list[Binding], lex: Lexicon
) -> None:
    """An estimate stated in the sentence before goes to this sentence's actual figure."""
    for binding in pending:
        wanted = lex.kinds[binding.spec].next_sentence
        if wanted is None or not wanted.search(text, sentence.start, sentence.end):
            continue
        target = next(
            (f for f in figures if not f.comparators and compatible(f.number, binding.number)),
            None,
        )
        if target is not None:
            _give(target, binding)


def _nearest_before(figures: list[Figure], ends: list[int], binding: Binding) -> Figure | None:
    """The last figure ending before the comparator stands, with a unit it can have. `ends`:
    where each figure ends."""
    index = bisect_right(ends, binding.at) - 1
    while index >= 0:
        if compatible(figures[index].number, binding.number):
            return figures[index]
        index -= 1
    return None


def _refers_back(text: str, sentence: Sentence, binding: Binding, lex: Lexicon) -> bool:
    """Whether a comparator with no figure before it in its sentence is about the figure of
    the sentence before: the sentence compares ("above", "better than", "ahead of"), and when
    it opens a paragraph it starts with "This", "That", "It" ..."""
    if not lex.cue_re.search(text, sentence.start, binding.at):
        return False
    if not sentence.first_in_paragraph:
        return True
    first = _FIRST_WORD.match(text, sentence.start)
    return bool(first) and first.group(1).casefold() in lex.anaphora


def _give(figure: Figure, binding: Binding) -> None:
    comparator = Comparator(binding.label, binding.kind, binding.number.value, binding.number.quote)
    figure.comparators.append((comparator, binding.similar))
