"""A figure as a Metric: the words that name it, the measure they name, its source and unit.

The words that name a figure stand close to it, between the numbers beside it: "80.02% of
people felt they had control over their daily life" or "The median wait for financial
assessments was 21 days". The lexicon's name for the measure is used where those words are few
or say nothing ("Derby performed better (68.92%) than ..."); a figure nothing names, that no
known measure fits and nothing is compared with, is no figure a reader could use.
"""

from __future__ import annotations

import re
from collections.abc import Set

from ..model import Comparator, Metric, Section
from .figure import Figure
from .labels import counts_something, elliptic_label, figure_label, named_after, says_nothing
from .lexicon import Lexicon, Measure, MeasureMatch, Population, unit_kind, words_of
from .numbers import PER_100K, Number, find_numbers
from .tables import Cell, Row, year_key

_CLOSES = re.compile(r"\s*\)")
_BRACKETED = re.compile(r"\s*\(\s*[\d,.]+\s*%?\s*\)")

BEFORE_CHARS = 240
AFTER_CHARS = 160
"""How far before and after a figure its words are read (in characters)."""
SOURCE_REACH = 6
"""How many sentences away in its paragraph a source may be named for a figure."""
WEAK_LABEL_WORDS = 4
"""A label of fewer words says less than the lexicon's name for a known measure."""


def describe(
    index: int, section: Section, figure: Figure, lex: Lexicon, previous: Metric | None = None
) -> Metric | None:
    """The figure as a Metric, or None when nothing names it (see the module's docstring).
    `previous`: the figure before it in its sentence, if any."""
    text = section.text
    number = figure.number
    line = figure.line
    low, base = line.low, line.start
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
    # "(69.29%)": a figure in brackets is named by the words before the bracket; "(65% of
    # people ...)" opens a clause of its own.
    parenthesised = (
        text[number.start - 1 : number.start] == "(" and _CLOSES.match(text, number.end) is not None
    )
    # "20% (298) of people eligible ...": the count in brackets is not where its words end.
    bracketed = _BRACKETED.match(after)
    if bracketed:
        after = after[bracketed.end() :]
    written = number.unit
    if written is None and _per_100k(low, left, stop):
        written = "per100k"
    # "396 active providers", "4.5 admissions per 100,000 people": what the words after name.
    counted = written in (None, "per100k") and not parenthesised and counts_something(after)
    kind = unit_kind(written) if written else ("count" if counted else "bare")
    # The figure's own digits are left out: "homecare was 67.16% good-rated" still reads
    # "homecare was good-rated".
    near = low[number.end - base : stop]
    context = f"{low[left:here]} {near}"
    words = words_of(context)
    if not figure.comparators and lex.tells_story(words):
        # "he received a one off direct payment of £370": a detail of one person's story.
        return None
    population = _population(context)
    match = lex.measure(words, population, kind)
    if match is None and figure.comparators:
        match = _measure_further(figure, lex, kind, left, here, stop, near)
    measure = match.measure if match else None
    vague = lex.says_nothing
    label = figure_label(before, after, parenthesised, counted, vague)
    if previous is not None and previous.unit == (written or _known_unit(measure)):
        label = elliptic_label(label, previous.label, after.lstrip(), vague)
    if says_nothing(label, vague):
        label = (
            measure.label
            if measure is not None
            else _better_label(text, figure, base + left, after, vague)
        )
    elif measure is not None and len(label.split()) < WEAK_LABEL_WORDS:
        label = measure.label
    comparators = tuple(comparator for comparator, _ in figure.comparators)
    if measure is None and not comparators and says_nothing(label, vague):
        return None
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


def _better_label(text: str, figure: Figure, left: int, after: str, vague: Set[str]) -> str:
    """Words for a figure whose own words say nothing and whose measure the lexicon does not
    know: the words after it ("with the remaining 39% being sent to locality teams"), else,
    for a compared figure, those of the clause before its own ("... target for the provision
    of equipment on time, at 99%"); empty when none say anything. `left`: where its own words
    were read from."""
    named = named_after(after)
    if not says_nothing(named, vague):
        return named
    number = figure.number
    widest = max(figure.left, number.start - BEFORE_CHARS)
    if not figure.comparators or left <= widest:
        return ""
    wider = figure_label(text[widest : number.start], after, False, False, vague)
    return "" if says_nothing(wider, vague) else wider


def _measure_further(
    figure: Figure, lex: Lexicon, kind: str, left: int, here: int, stop: int, near: str
) -> MeasureMatch | None:
    """A compared figure's measure may be named before the clause it stands in, or after its
    comparator ("47.9% of service users aged 18-64 accessed long-term support (national
    average 38.06%) through a direct payment and 19.14% aged over 65"): read on through the
    sentence."""
    low, base = figure.line.low, figure.line.start
    match = None
    context = f"{low[left:here]} {near}"
    widest = max(figure.left - base, here - BEFORE_CHARS)
    if left > widest:
        context = f"{low[widest:here]} {near}"
        match = lex.measure(words_of(context), _population(context), kind)
    if match is None and figure.sentence.end > figure.right:
        further = min(figure.sentence.end - base, stop + 2 * AFTER_CHARS)
        context = f"{context} {low[stop:further]}"
        match = lex.measure(words_of(context), _population(context), kind)
    return match


def _population(low: str) -> Population:
    """Whom the lower-cased words around a figure are about."""
    return "carers" if "carer" in low else "people"


def _source(figure: Figure, population: Population, lex: Lexicon) -> str | None:
    """The source named in the figure's sentence, else the nearest one named in its paragraph
    (before it first) that is not about the other population."""
    per_sentence = figure.line.sources
    if per_sentence is None:
        return None
    here = figure.position
    own = per_sentence[here]
    if own:
        return "/".join(own)
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


def row_metric(index: int, section: Section, row: Row, lex: Lexicon) -> Metric | None:
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
