"""Every figure a document cites, with the comparators stated with it, its source and direction.

Line by line (only lines with a digit are looked at), sentence by sentence: find the numbers,
the comparator phrases and which numbers are their values; every other number is a figure of
the council's own, unless what stands around it says it is not one (`screen`). Comparators go
to their figures (`attach`); each figure is then described (`describe`). Tables by year give
the latest year as the figure and the earlier years as previous values.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ..model import Comparator, Metric, Section
from .attach import attach, attach_pending
from .comparators import Binding, Mention, bind, changes, mentions
from .describe import describe, row_metric
from .figure import Figure, Line
from .lexicon import Lexicon, PhraseKind, lexicon, lowered
from .numbers import Number, find_numbers
from .screen import counts_structure, outline_numbers, wordless
from .sentences import Sentence, has_digit, has_letter, lines_with_digits, sentences
from .tables import year_rows

_BRACKETED = re.compile(r"\s*\(\s*[\d,.]+\s*%?\s*\)")

_RANGE = re.compile(r"\s*(?:to|-|–)\s*")

MAX_FIGURES = 5000
"""Figures read from one document at most: a report cites a few hundred."""


def extract_metrics(sections: Sequence[Section]) -> tuple[Metric, ...]:
    """The figures of a document's sections, in document order; at most MAX_FIGURES (a file
    of nothing but tables must not take minutes)."""
    lex = lexicon()
    found: list[Metric] = []
    for index, section in enumerate(sections):
        if len(found) >= MAX_FIGURES:
            break
        if section.furniture or not has_digit(section.text):
            continue
        found.extend(_section_metrics(index, section, lex, MAX_FIGURES - len(found)))
    return tuple(found[:MAX_FIGURES])


def _section_metrics(index: int, section: Section, lex: Lexicon, most: int) -> list[Metric]:
    """The figures of one section (about `most` of them at most)."""
    text = section.text
    lines = list(lines_with_digits(text))
    rows = year_rows(section.title, text, lines)
    row_starts = {row.start for row in rows}
    placed: list[tuple[int, Metric]] = [
        (row.cells[-1].offset, metric)
        for row in rows
        if (metric := row_metric(index, section, row, lex)) is not None
    ]
    figures: list[Figure] = []
    previous: list[Figure] = []
    """The figures of the sentence before (for "This was above the England average ...")."""
    pending: list[Binding] = []
    for start, end, adjacent in lines:
        if len(figures) >= most:
            break
        if not adjacent:
            previous, pending = [], []
        # A line of figures without words ("1,287 1,297", a page number) names nothing.
        if start in row_starts or not has_letter(text, start, end):
            previous, pending = [], []
            continue
        numbers = find_numbers(text, start, end, lex.masks)
        if not numbers:
            previous, pending = [], []
            continue
        spans = sentences(text, start, end)
        low = lowered(text[start:end])
        phrases = lex.phrases.find(text, low, start, end)
        found = mentions(text, phrases, lex)
        line = Line(start, end, low, _sources_by_sentence(phrases, spans))
        skipped = outline_numbers(text, start, numbers)
        at = said = 0
        """Indexes of the first number and the first mention not yet given to a sentence."""
        for position, (a, b) in enumerate(spans):
            first, first_said = at, said
            while at < len(numbers) and numbers[at].start < b:
                at += 1
            while said < len(found) and found[said].start < b:
                said += 1
            if first == at:
                previous, pending = [], []
                continue
            sentence = Sentence(a, b, position == 0)
            figures_here, bindings = _sentence_figures(
                text,
                sentence,
                line,
                position,
                numbers[first:at],
                found[first_said:said],
                skipped,
                lex,
            )
            if pending:
                attach_pending(text, sentence, figures_here, pending, lex)
            pending = (
                attach(text, sentence, figures_here, bindings, previous, lex) if bindings else []
            )
            figures.extend(figures_here)
            previous = figures_here
    previous: tuple[Sentence, Metric] | None = None
    """The last figure described, with its sentence (a list's figures share their words)."""
    for figure in figures:
        before = previous[1] if previous and previous[0] is figure.sentence else None
        metric = describe(index, section, figure, lex, before)
        if metric is not None:
            placed.append((figure.number.start, metric))
            previous = (figure.sentence, metric)
    placed.sort(key=lambda entry: entry[0])
    return [metric for _, metric in placed]


def _sources_by_sentence(
    phrases: list[tuple[int, int, PhraseKind | str]], spans: list[tuple[int, int]]
) -> list[list[str]] | None:
    """For each sentence, the sources it names, each once, in order; None when none does."""
    if all(isinstance(phrase, PhraseKind) for _, _, phrase in phrases):
        return None
    named: list[list[str]] = [[] for _ in spans]
    starts = [a for a, _ in spans]
    for begin, _, source in phrases:
        if isinstance(source, str):
            sentence = named[bisect_right(starts, begin) - 1]
            if source not in sentence:
                sentence.append(source)
    return named


def _sentence_figures(
    text: str,
    sentence: Sentence,
    line: Line,
    position: int,
    numbers: list[Number],
    found: list[Mention],
    skipped: set[int],
    lex: Lexicon,
) -> tuple[list[Figure], list[Binding]]:
    """The sentence's own figures (changes over time already given their earlier values) and
    its comparator bindings still to place. `skipped`: starts of numbers that number a list."""
    start, end = sentence.start, sentence.end
    if found:
        numbers = _outside(numbers, found)
    bindings = bind(text, numbers, found, lex) if found else []
    bound = {binding.number.start for binding in bindings}
    free = {i for i, n in enumerate(numbers) if n.start not in bound}
    earlier: dict[int, list[tuple[Comparator, bool]]] = {}
    firsts: dict[int, int] = {}
    """A change's figure: where the first of its numbers stands ("rose from 2,310 to 2,876")."""
    chosen: list[Number] = []
    for change in changes(text, numbers, free, lex):
        earlier[change.figure.start] = [
            (Comparator(year, "previous", value.value, value.quote), False)
            for year, value in change.earlier
        ]
        firsts[change.figure.start] = change.first.start
        chosen.append(change.figure)
    chosen.extend(numbers[i] for i in free)
    chosen.sort(key=lambda number: number.start)
    # The words around each figure: from the number before it to the number after it.
    position_of = {n.start: i for i, n in enumerate(numbers)}
    figures = []
    for number in chosen:
        here = number.start
        i = position_of[firsts.get(here, here)]
        if i > 0 and _range_end(text, numbers[i - 1], number):
            # "increased by 15% to 20% a year": both ends of a range have the same words.
            i -= 1
        left = numbers[i - 1].end if i > 0 else start
        i = position_of[here] + 1
        if i < len(numbers) and (bracket := _BRACKETED.match(text, number.end)) is not None:
            # "20% (298) of people eligible ...": its words go on after the bracket.
            i += bracket.end() > numbers[i].end
        right = numbers[i].start if i < len(numbers) else end
        if here not in earlier and (
            here in skipped
            or counts_structure(text, number, lex)
            or wordless(text, left, number, right, start)
        ):
            continue
        figure = Figure(number, sentence, line, position, left, right)
        if here in earlier:
            figure.comparators = earlier[here]
        figures.append(figure)
    return figures, bindings


def _range_end(text: str, before: Number, number: Number) -> bool:
    """Whether `number` ends a range that `before` starts ("15% to 20%", "3-4 days")."""
    return (
        before.unit == number.unit and _RANGE.fullmatch(text, before.end, number.start) is not None
    )


def _outside(numbers: list[Number], found: list[Mention]) -> list[Number]:
    """The numbers not inside a comparator phrase ("16 comparable local authorities"); both
    lists are in text order."""
    kept = []
    index = 0
    for number in numbers:
        while index < len(found) and found[index].end <= number.start:
            index += 1
        if index < len(found) and found[index].start <= number.start:
            continue
        kept.append(number)
    return kept
