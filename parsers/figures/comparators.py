"""Find the comparators a sentence states and the numbers that are their values.

A comparator is a phrase the lexicon knows ("national average", "East Midlands", "comparative
councils group", "target") next to a number, in one of the shapes the reports use:

    the national average (61.21%) · a national average of 22.1% · the national average being
    31.47% · (national average 38.06%) · 82.18% nationally · with 77.21% being the national
    average · 3.1% for our family authorities group · comparator group and national averages
    of 52% and 55% · 68% and 59% for the comparative councils group and national groups
    respectively · 77%, 83% and 82% respectively for the national average

and a change over time: "fell from 839 in 2011/12 to 699 in 2012/13", "from 55 to 96".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from ..model import ComparatorKind
from .lexicon import Lexicon, PhraseKind, fold
from .numbers import Number

_YEAR = r"(?:(?:19|20)\d\d(?:\s*[/–-]\s*\d{2,4})?|\d\d/\d\d)"
# Between phrases of one list: "comparator group and national averages".
_JOIN = re.compile(r"\s*(?:,\s*)?(?:(?:and|&|or)\s+)?(?:the\s+|our\s+|its\s+)?")
# Between a phrase and the number that follows it.
_FORWARD = re.compile(
    r"\s*[(:,–-]?\s*"
    rf"(?:(?:for|in)\s+{_YEAR}\s+)?"
    r"(?:(?:of|being|at|was|is|were|stood\s+at|stands\s+at|which\s+was|which\s+is|=)\s+)?"
    r"(?:(?:around|about|approximately|only|just|some|nearly|almost)\s+)?\(?\s*"
)
# Between a number and the phrase that follows it.
_BACKWARD = re.compile(
    r"\s*\)?\s*,?\s*(?:respectively\s*,?\s*)?"
    r"(?:(?:for|being|in|as|across|at|among|amongst|within)\s+)?"
    r"(?:(?:the|our|its|their|a)\s+|[A-Z]\w*['’]s\s+)?"
)
# Between the numbers of one list: "52% and 55%", "(77%), (83%) and (82%)".
_LIST = re.compile(r"\s*\)?\s*(?:,\s*and|,|and|&)\s*\(?\s*")
_RESPECTIVELY = re.compile(r"\s*\)?\s*,?\s*respectively\b", re.IGNORECASE)
_YEAR_AFTER = re.compile(rf"\s+in\s+({_YEAR})(?![\d/])")
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:around\s+|about\s+)?$", re.IGNORECASE)
_FROM_TO = re.compile(rf"(?:\s+in\s+{_YEAR})?\s*,?\s+to\s+(?:around\s+|about\s+)?")
_VERSUS = re.compile(
    r"\s*,?\s*(?:compared\s+(?:to|with)|vs\.?|versus|against)\s+(?:(?:an?|the)\s+)?\(?",
    re.IGNORECASE,
)
_OF_AFTER = re.compile(r"\s+of\s")
_SIMILAR_WINDOW = 90
_SIMILAR_WORDS = 8
_ARTICLES = frozenset(("the", "a", "an", "our", "its"))


class Mention(NamedTuple):
    """A comparator phrase in the text."""

    start: int
    end: int
    kind: ComparatorKind
    label: str
    spec: int
    """Index of the lexicon's comparator kind entry."""


class Binding(NamedTuple):
    """A number that is a comparator's value."""

    number: Number
    kind: ComparatorKind
    label: str
    at: int
    """Where the comparator stands: the earlier of its phrase and its number."""
    similar: bool
    """The words before the phrase say there is no real difference ("similar to the ...")."""
    respectively: int
    """How many figures a "respectively" list pairs with (0 when it is not one)."""
    spec: int


class Change(NamedTuple):
    """A figure given with its earlier values: (year or "previously", value) latest first."""

    figure: Number
    earlier: tuple[tuple[str, Number], ...]
    first: Number
    """The number that comes first in the text (where the words naming the figure end)."""


def mentions(
    text: str, found: Sequence[tuple[int, int, PhraseKind | str]], lexicon: Lexicon
) -> list[Mention]:
    """The comparator phrases among the phrasings `lexicon.phrases` found in a text."""
    kept = []
    for begin, finish, phrase in found:
        if isinstance(phrase, PhraseKind):
            spec = lexicon.kinds[phrase.spec]
            label = spec.label or " ".join(text[begin:finish].split())
            kept.append(Mention(begin, finish, spec.kind, label, phrase.spec))
    return kept


def _groups(text: str, found: Sequence[Mention]) -> list[list[Mention]]:
    groups: list[list[Mention]] = []
    for mention in found:
        if groups:
            last = groups[-1][-1]
            if _JOIN.fullmatch(text, last.end, mention.start):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def bind(text: str, numbers: Sequence[Number], found: Sequence[Mention], lexicon: Lexicon):
    """The numbers of the sentence that are comparator values, as Bindings."""
    bindings: list[Binding] = []
    taken: set[int] = set()
    starts = [n.start for n in numbers]
    ends = [n.end for n in numbers]
    for group in _groups(text, found):
        first, last = group[0], group[-1]
        similar = _similar(text, first.start, numbers, ends, lexicon)
        # forward: the phrase(s), then the number(s)
        after = _next_index(starts, last.end)
        if after is not None and _follows(text, last, numbers[after]) and after not in taken:
            # "better than the England average (69.3% compared to 61.2%)": the first is the
            # council's figure, the second the average.
            versus = after + 1
            if (
                len(group) == 1
                and versus < len(numbers)
                and versus not in taken
                and _VERSUS.fullmatch(text, numbers[after].end, numbers[versus].start)
            ):
                taken.add(versus)
                value = numbers[versus]
                bindings.append(_binding(value, last, similar, 0)._replace(at=value.start))
                continue
            run = _run_forward(text, numbers, after, len(group), taken)
            if len(run) == 1 or len(run) == len(group):
                for offset, index in enumerate(run):
                    # One number after several phrases belongs to the nearest one ("our
                    # peers, local authorities group (13.8%)").
                    mention = group[offset] if len(run) > 1 else last
                    taken.add(index)
                    bindings.append(_binding(numbers[index], mention, similar and offset == 0, 0))
                continue
        # backward: the number(s), then the phrase(s)
        before = _previous_index(ends, first.start)
        if before is None or before in taken:
            continue
        if not _BACKWARD.fullmatch(text, numbers[before].end, first.start):
            continue
        run = _run_backward(text, numbers, before, taken)
        respectively = "respectively" in text[numbers[before].end : first.start].casefold() or (
            _RESPECTIVELY.match(text, last.end) is not None
        )
        if len(group) == len(run) and len(group) > 1:
            pairs = list(zip(run, group, strict=True))
        elif len(group) == 1 and respectively and len(run) > 1:
            pairs = [(index, first) for index in run]
        else:
            pairs = [(before, first)] if len(group) == 1 else []
        shared = len(pairs) if len(group) == 1 and len(pairs) > 1 else 0
        for offset, (index, mention) in enumerate(pairs):
            taken.add(index)
            bindings.append(_binding(numbers[index], mention, similar and offset == 0, shared))
    bindings.sort(key=lambda binding: binding.number.start)
    return bindings


def _follows(text: str, mention: Mention, number: Number) -> bool:
    """Whether `number` is the value of the phrase just before it. "the national average (65%
    of people aged 65+ ...)" opens a figure, not the average."""
    gap = _FORWARD.fullmatch(text, mention.end, number.start)
    if gap is None:
        return False
    return "(" not in gap.group() or not _OF_AFTER.match(text, number.end)


def _binding(number: Number, mention: Mention, similar: bool, respectively: int) -> Binding:
    return Binding(
        number,
        mention.kind,
        mention.label,
        min(number.start, mention.start),
        similar,
        respectively,
        mention.spec,
    )


def _similar(
    text: str, at: int, numbers: Sequence[Number], ends: Sequence[int], lexicon: Lexicon
) -> bool:
    """Whether the words just before a comparator phrase say "no real difference"."""
    begin = max(0, at - _SIMILAR_WINDOW)
    before = _previous_index(ends, at)
    if before is not None and numbers[before].end > begin:
        begin = numbers[before].end
    # The words before the phrase, without the article: "... not statistically different
    # from the England average" ends with "not statistically different from".
    words = fold(text[begin:at]).split()
    if words and words[-1] in _ARTICLES:
        words.pop()
    tail = " ".join(words[-_SIMILAR_WORDS:])
    return tail.endswith(lexicon.similar)  # any of the cues (a tuple)


def _next_index(starts: Sequence[int], offset: int) -> int | None:
    """The first number starting at or after `offset` (numbers are in order)."""
    index = bisect_left(starts, offset)
    return index if index < len(starts) else None


def _previous_index(ends: Sequence[int], offset: int) -> int | None:
    """The last number ending at or before `offset`."""
    index = bisect_right(ends, offset) - 1
    return index if index >= 0 else None


def _run_forward(text: str, numbers: Sequence[Number], index: int, most: int, taken: set[int]):
    run = [index]
    while len(run) < most and run[-1] + 1 < len(numbers):
        here, after = numbers[run[-1]], run[-1] + 1
        if after in taken or not _LIST.fullmatch(text, here.end, numbers[after].start):
            break
        run.append(after)
    return run


def _run_backward(text: str, numbers: Sequence[Number], index: int, taken: set[int]):
    run = [index]
    while run[-1] > 0:
        before = run[-1] - 1
        if before in taken or not _LIST.fullmatch(
            text, numbers[before].end, numbers[run[-1]].start
        ):
            break
        run.append(before)
    run.reverse()
    return run


def changes(text: str, numbers: Sequence[Number], free: set[int], lexicon: Lexicon) -> list[Change]:
    """Figures given with their earlier values: "from 18.4 in 2010/11 to 19.2 in 2011/12 and
    19.0 in 2012/13" (the latest year is the figure), "increased from 55 to 96", "1,094 in
    2023/24, up from 845".

    `free`: indexes of the numbers no comparator has taken; those used here are removed."""
    found: list[Change] = []
    if len(numbers) < 2 or not free:
        return found
    tagged: dict[str | None, list[tuple[int, str]]] = {}
    for index in sorted(free):
        number = numbers[index]
        year = _YEAR_AFTER.match(text, number.end)
        if year:
            tagged.setdefault(number.unit, []).append((index, year.group(1)))
    for entries in tagged.values():
        years = {year for _, year in entries}
        if len(entries) < 2 or len(years) != len(entries):
            continue
        ordered = sorted(entries, key=lambda entry: _year_key(entry[1]), reverse=True)
        latest = ordered[0][0]
        earlier = tuple((year, numbers[i]) for i, year in ordered[1:])
        found.append(Change(numbers[latest], earlier, numbers[min(i for i, _ in entries)]))
        free.difference_update(index for index, _ in entries)
    for index in sorted(free):
        if index not in free:
            continue
        here = numbers[index]
        window = max(0, here.start - 20)
        if text.find("from", window, here.start) < 0 or not _FROM_BEFORE.search(
            text, window, here.start
        ):
            continue
        year = _YEAR_AFTER.match(text, here.end)
        label = year.group(1) if year else "previously"
        following = index + 1
        if (
            following in free
            and numbers[following].unit == here.unit
            and _FROM_TO.fullmatch(text, here.end, numbers[following].start)
        ):
            found.append(Change(numbers[following], ((label, here),), here))
            free.difference_update((index, following))
            continue
        # "..., up from 845 in 2022/23": an earlier value of the figure before it.
        if not lexicon.change_from_re.search(text, max(0, here.start - 30), here.start):
            continue
        before = [i for i in free if i < index and numbers[i].unit == here.unit]
        if before:
            found.append(Change(numbers[before[-1]], ((label, here),), numbers[before[-1]]))
            free.difference_update((index, before[-1]))
    return found


def _year_key(year: str) -> int:
    digits = re.match(r"\d+", year)
    value = int(digits.group(0)) if digits else 0
    return value + 2000 if value < 100 else value
