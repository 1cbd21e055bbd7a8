"""Every figure a document cites, with the comparators stated with it, its source and direction.

Sentence by sentence (only sentences with a digit are looked at): find the numbers, the
comparator phrases and which numbers are their values; every other number is a figure of the
council's own. Each comparator goes to the figure it is stated with: the nearest one before it
in the sentence with a compatible unit, else (for "This was above the England average of 85%")
the figure of the sentence before, else the next figure in the sentence. Tables by year give
the latest year as the figure and the earlier years as previous values.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Comparator, Metric, Section
from .comparators import Binding, Mention, bind, changes, mentions
from .labels import counts_something, figure_label
from .lexicon import (
    Lexicon,
    Measure,
    PhraseKind,
    Population,
    lexicon,
    lowered,
    unit_kind,
    words_of,
)
from .numbers import PER_100K, Number, find_numbers
from .sentences import Sentence, lines_with_digits, next_digit, sentences
from .tables import Cell, Row, year_key, year_rows

MAX_FIGURES = 5000
"""Figures read from one document at most: a report cites a few hundred."""
BEFORE_CHARS = 240
AFTER_CHARS = 160
"""How far before and after a figure its words are read (in characters)."""
SOURCE_REACH = 6
"""How many sentences away in its paragraph a source may be named for a figure."""
WEAK_LABEL_WORDS = 4
"""A label of fewer words says less than the lexicon's name for a known measure."""
_LETTER = re.compile(r"[A-Za-z]")
_FIRST_WORD = re.compile(r"[\W\d_]*([A-Za-z]+)")


@dataclass(slots=True)
class _Figure:
    """A council figure being put together."""

    number: Number
    sentence: Sentence
    paragraph_sources: list[list[str]]
    """Per sentence of the figure's paragraph, the sources it names."""
    index_in_paragraph: int
    comparators: list[tuple[Comparator, bool]] = field(default_factory=list)
    """(comparator, whether the report calls the difference not real), in the text's order."""
    left: int = 0
    right: int = 0
    """The words around the figure: from the number before it to the number after it."""
    line_low: str = ""
    """The figure's line of the section text, lower-cased ..."""
    line_start: int = 0
    """... and where that line starts in the section text."""


def extract_metrics(sections: Sequence[Section]) -> tuple[Metric, ...]:
    """The figures of a document's sections, in document order; at most MAX_FIGURES (a file
    of nothing but tables must not take minutes)."""
    lex = lexicon()
    found: list[Metric] = []
    for index, section in enumerate(sections):
        if len(found) >= MAX_FIGURES:
            break
        if section.furniture or next_digit(section.text) < 0:
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
        if (metric := _row_metric(index, section, row, lex)) is not None
    ]
    figures: list[_Figure] = []
    previous: list[_Figure] = []
    """The figures of the sentence before (for "This was above the England average ...")."""
    pending: list[Binding] = []
    for start, end, adjacent in lines:
        if len(figures) >= most:
            break
        if not adjacent:
            previous, pending = [], []
        # A line of figures without words ("1,287 1,297", a page number) names nothing.
        if start in row_starts or not _LETTER.search(text, start, end):
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
        sources = _sources_by_sentence(phrases, spans)
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
                numbers[first:at],
                found[first_said:said],
                sources,
                position,
                lex,
            )
            if pending:
                _attach_pending(text, sentence, figures_here, pending, lex)
            pending = (
                _attach(text, sentence, figures_here, bindings, previous, lex) if bindings else []
            )
            for figure in figures_here:
                figure.line_low, figure.line_start = low, start
            figures.extend(figures_here)
            previous = figures_here
    placed.extend((f.number.start, _metric(index, section, f, lex)) for f in figures)
    placed.sort(key=lambda entry: entry[0])
    return [metric for _, metric in placed]


def _sources_by_sentence(
    phrases: list[tuple[int, int, PhraseKind | str]], spans: list[tuple[int, int]]
) -> list[list[str]]:
    """For each sentence, the sources it names, each once, in order."""
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
    numbers: list[Number],
    found: list[Mention],
    sources: list[list[str]],
    position: int,
    lex: Lexicon,
) -> tuple[list[_Figure], list[Binding]]:
    """The sentence's own figures (changes over time already given their earlier values) and
    its comparator bindings still to place."""
    start, end = sentence.start, sentence.end
    if found:
        numbers = _outside(numbers, found)
    bindings = bind(text, numbers, found, lex) if found else []
    bound = {binding.number.start for binding in bindings}
    free = {i for i, n in enumerate(numbers) if n.start not in bound}
    figures: dict[int, _Figure] = {}
    firsts: dict[int, int] = {}
    """A change's figure: where the first of its numbers stands ("rose from 2,310 to 2,876")."""
    for change in changes(text, numbers, free, lex):
        figure = _Figure(change.figure, sentence, sources, position)
        figure.comparators = [
            (Comparator(year, "previous", earlier.value, earlier.quote), False)
            for year, earlier in change.earlier
        ]
        figures[change.figure.start] = figure
        firsts[change.figure.start] = change.first.start
    for i in free:
        figures[numbers[i].start] = _Figure(numbers[i], sentence, sources, position)
    ordered = sorted(figures.values(), key=lambda f: f.number.start)
    # The words around each figure: from the number before it to the number after it.
    position_of = {n.start: i for i, n in enumerate(numbers)}
    for figure in ordered:
        here = figure.number.start
        i = position_of[firsts.get(here, here)]
        figure.left = numbers[i - 1].end if i > 0 else start
        i = position_of[here]
        figure.right = numbers[i + 1].start if i + 1 < len(numbers) else end
    return ordered, bindings


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


def _compatible(figure: Number, comparator: Number) -> bool:
    return comparator.unit is None or comparator.unit == figure.unit


def _attach(
    text: str,
    sentence: Sentence,
    figures: list[_Figure],
    bindings: list[Binding],
    previous: list[_Figure],
    lex: Lexicon,
) -> list[Binding]:
    """Give each comparator to its figure; returns those waiting for the next sentence."""
    waiting: list[Binding] = []
    ends = [figure.number.end for figure in figures]
    linked: _Figure | None = None
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
                and _compatible(f.number, binding.number)
            ]
            if len(before) >= len(group):
                for figure, member in zip(before[-len(group) :], group, strict=True):
                    _give(figure, member)
            continue
        index += 1
        target = _nearest_before(figures, ends, binding)
        if target is None and linked is not None and _compatible(linked.number, binding.number):
            target = linked
        if target is None and previous and _refers_back(text, sentence, binding, lex):
            target = linked = next(
                (
                    f
                    for f in reversed(previous)
                    if not f.comparators and _compatible(f.number, binding.number)
                ),
                None,
            )
        if target is None:
            target = next(
                (
                    f
                    for f in figures
                    if f.number.start >= binding.number.end
                    and _compatible(f.number, binding.number)
                ),
                None,
            )
        if target is not None:
            _give(target, binding)
        elif lex.kinds[binding.spec].next_sentence is not None:
            waiting.append(binding)
    return waiting


def _attach_pending(
    text: str, sentence: Sentence, figures: list[_Figure], pending: list[Binding], lex: Lexicon
) -> None:
    """An estimate stated in the sentence before goes to this sentence's actual figure."""
    for binding in pending:
        wanted = lex.kinds[binding.spec].next_sentence
        if wanted is None or not wanted.search(text, sentence.start, sentence.end):
            continue
        target = next(
            (f for f in figures if not f.comparators and _compatible(f.number, binding.number)),
            None,
        )
        if target is not None:
            _give(target, binding)


def _nearest_before(figures: list[_Figure], ends: list[int], binding: Binding) -> _Figure | None:
    """The last figure ending before the comparator stands, with a unit it can have. `ends`:
    where each figure ends."""
    index = bisect_right(ends, binding.at) - 1
    while index >= 0:
        if _compatible(figures[index].number, binding.number):
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


def _give(figure: _Figure, binding: Binding) -> None:
    comparator = Comparator(binding.label, binding.kind, binding.number.value, binding.number.quote)
    figure.comparators.append((comparator, binding.similar))


def _population(low: str) -> Population:
    """Whom the lower-cased words around a figure are about."""
    return "carers" if "carer" in low else "people"


def _source(figure: _Figure, population: Population, lex: Lexicon) -> str | None:
    """The source named in the figure's sentence, else the nearest one named in its paragraph
    (before it first) that is not about the other population."""
    per_sentence = figure.paragraph_sources
    own = per_sentence[figure.index_in_paragraph]
    if own:
        return "/".join(own)
    here = figure.index_in_paragraph
    before = range(here - 1, max(-1, here - 1 - SOURCE_REACH), -1)
    after = range(here + 1, min(len(per_sentence), here + 1 + SOURCE_REACH))
    for position in [*before, *after]:
        fitting = [
            source
            for source in per_sentence[position]
            if lex.source_population.get(source) in (None, population)
        ]
        if fitting:
            return "/".join(fitting)
    return None


def _metric(index: int, section: Section, figure: _Figure, lex: Lexicon) -> Metric:
    """The figure as a Metric."""
    text = section.text
    number = figure.number
    low, base = figure.line_low, figure.line_start
    # Offsets into the lower-cased line.
    here, stop, sentence_start = number.start - base, figure.right - base, figure.sentence.start
    # The words that name a figure stand close to it: a long sentence is read only so far.
    stop = min(stop, number.end - base + AFTER_CHARS)
    left = max(figure.left - base, here - BEFORE_CHARS)
    if figure.left > sentence_start:
        # After another number, the figure's own words start at the clause before it: "78% of
        # nursing homes, 86% of residential homes and 89% of homecare agencies".
        left = max(left, _clause_start(low, left, here))
    before = text[base + left : number.start]
    after = text[number.end : base + stop]
    parenthesised = text[number.start - 1 : number.start] == "("
    written = number.unit
    if written is None and _per_100k(low, left, stop):
        written = "per100k"
    # "396 active providers": a count of what the words after it name.
    counted = written is None and not parenthesised and counts_something(after)
    kind = unit_kind(written) if written else ("count" if counted else "bare")
    # The figure's own digits are left out: "homecare was 67.16% good-rated" still reads
    # "homecare was good-rated".
    near = low[number.end - base : stop]
    context = f"{low[left:here]} {near}"
    words = words_of(context)
    population = _population(context)
    match = lex.measure(words, population, kind)
    if match is None and figure.comparators:
        # A compared figure's measure may be named before the clause it stands in, or after
        # its comparator ("47.9% of service users aged 18-64 accessed long-term support
        # (national average 38.06%) through a direct payment and 19.14% aged over 65"): read
        # on through the sentence.
        widest = max(figure.left - base, here - BEFORE_CHARS)
        if left > widest:
            context = f"{low[widest:here]} {near}"
            match = lex.measure(words_of(context), _population(context), kind)
        if match is None and figure.sentence.end > figure.right:
            further = min(figure.sentence.end - base, stop + 2 * AFTER_CHARS)
            context = f"{context} {low[stop:further]}"
            match = lex.measure(words_of(context), _population(context), kind)
    measure = match.measure if match else None
    label = figure_label(before, after, parenthesised, counted)
    if not label and left > figure.left - base:
        # "... target for the provision of equipment on time, at 99%": the clause names
        # nothing; the sentence before it does.
        before = text[max(figure.left, number.start - BEFORE_CHARS) : number.start]
        label = figure_label(before, after, parenthesised, counted)
    if measure is not None and len(label.split()) < WEAK_LABEL_WORDS:
        label = measure.label
    comparators = tuple(comparator for comparator, _ in figure.comparators)
    reference = _reference(comparators)
    return Metric(
        label=label,
        quote=number.quote,
        value=number.value,
        unit=written or _known_unit(measure),
        line=section.line_at(number.start),
        section=index,
        comparators=comparators,
        metric=measure.id if measure else None,
        source=_source(figure, population, lex),
        higher_is_better=measure.higher_is_better if measure else lex.direction(words),
        similar=any(similar and c is reference for c, similar in figure.comparators),
        sentence=text[figure.sentence.start : figure.sentence.end],
    )


def _clause_start(low: str, start: int, end: int) -> int:
    """Where the last clause of `low[start:end]` starts (after ",", ";" or " and ")."""
    return max(
        low.rfind(",", start, end) + 1,
        low.rfind(";", start, end) + 1,
        low.rfind(" and ", start, end) + 5,
        start,
    )


def _reference(comparators: tuple[Comparator, ...]) -> Comparator | None:
    """The comparator a gap is measured against (as Metric.reference says)."""
    for comparator in comparators:
        if comparator.kind == "national":
            return comparator
    return comparators[0] if comparators else None


def _per_100k(low: str, start: int, end: int) -> bool:
    """Whether the words around a bare number say it is a rate per 100,000."""
    return low.find(" per 100", start, end) >= 0 and bool(PER_100K.search(low, start, end))


def _known_unit(measure: Measure | None) -> str:
    """The unit of a bare number: the measure's, when it names one a bare number can have."""
    if measure is not None and measure.unit and measure.unit not in ("%", "GBP"):
        return measure.unit
    return "count"


def _row_metric(index: int, section: Section, row: Row, lex: Lexicon) -> Metric | None:
    """A table row's figure: the latest year's value, the earlier years as previous values."""
    cells = sorted(row.cells, key=lambda cell: year_key(cell.year), reverse=True)
    latest = cells[0]
    numbers = {cell: _cell_number(cell) for cell in cells}
    figure = numbers[latest]
    if figure is None:
        return None
    comparators = tuple(
        Comparator(cell.year, "previous", number.value, number.quote)
        for cell in cells[1:]
        if (number := numbers[cell]) is not None
    )
    label = row.label.lower()
    words = words_of(label)
    unit = figure.unit or ("per100k" if PER_100K.search(label) else None)
    match = lex.measure(words, _population(label), unit_kind(unit) if unit else None)
    measure = match.measure if match else None
    return Metric(
        label=row.label,
        quote=figure.quote,
        value=figure.value,
        unit=unit or _known_unit(measure),
        line=section.line_at(latest.offset),
        section=index,
        comparators=comparators,
        metric=measure.id if measure else None,
        source=None,
        higher_is_better=measure.higher_is_better if measure else lex.direction(words),
        sentence=section.text[row.start : row.end],
    )


def _cell_number(cell: Cell) -> Number | None:
    found = find_numbers(cell.quote)
    if len(found) != 1:
        return None
    number = found[0]
    return number._replace(start=cell.offset, end=cell.offset + len(cell.quote))
