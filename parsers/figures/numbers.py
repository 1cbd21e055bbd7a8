"""Numbers as reports write them: "£1,187,534,000", "12,120", "8.38", "69.29%", "2.5 weeks"."""

from __future__ import annotations

import re
from typing import NamedTuple, Protocol

# Where a number starts: a digit, "£" or "<"/">" not inside a word, a path or another number
# ("24hrs", "DE1", the "297" of "1,297"). It starts with a character class, so `re` skips
# ahead fast: most of a report's characters cannot start a number.
_START = re.compile(r"[<>£0-9](?<![\w.,/£$<>'’-].)")
NUMBER_PATTERN = (
    r"(?P<lead>[<>]\s?)?(?P<gbp>£\s?)?"
    r"(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?P<dec>\.\d+)?"
    r"(?:\s?(?P<mult>million|billion|bn|m|k)\b)?"
    r"(?P<pct>\s?%|\s+per\s?cent\b)?"
    r"(?:\s+(?P<time>days?|weeks?|months?|years?|hours?|hrs)\b)?"
    r"(?![\w])"
)
"""A number as written, from where `_START` finds it; groups lead, gbp, int, dec, mult, pct,
time."""
_NUMBER = re.compile(NUMBER_PATTERN)
_MULTIPLIERS = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_TIME_UNITS = {
    "hrs": "hours",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
}
TIME_UNITS = frozenset({"days", "weeks", "months", "years", "hours"})
PER_100K = re.compile(r"\bper\s+100,?000\b|\bper\s+100k\b|\brate\s+per\b", re.IGNORECASE)
MAX_AGE = 120
BEFORE_WINDOW = 32
"""Characters before a number in which `Masks.before` looks for words."""
_PUNCTUATION = "()[]:,.;\"'“”‘’"


class Number(NamedTuple):
    """A number in a text: where it stands, its value, its unit as written."""

    start: int
    end: int
    value: float
    unit: str | None
    """`%`, `GBP`, `days`, `weeks`, `months`, `hours`, or None for a bare number."""
    quote: str
    """The number as written, with its sign, symbol and unit ("£1,187,534,000", "2.5 weeks")."""


class Masks(Protocol):
    """What a number that is not a figure looks like (metrics.yaml `not_figures`)."""

    numbers: re.Pattern[str]
    """`masked_numbers` of the patterns below: one regex call per number."""
    before: frozenset[str]
    before_duration: frozenset[str]
    duration_kept: frozenset[str]
    """Two words before a duration that make it a figure after all ("waited for")."""
    age: frozenset[str]
    """Words that, among the three before a bare number, make it an age ("at the age of 14")."""


def masked_numbers(number: str, after: str, after_duration: str) -> re.Pattern[str]:
    """One pattern that, run over a text, finds every place a number starts and says what it
    is: group 1 matches what is not a number at all ("2012/13"), group 2 is the number and
    groups 3-9 its parts (NUMBER_PATTERN), group 10 what after it makes it no figure (" and
    over"), group 11 the same after a duration. Everything is looked at, not taken: a match
    is the number's first character, so that the scan is `_START`'s (a character class `re`
    skips to) and a number costs one step of it, not a call of its own."""
    whole = (
        rf"(?P<masked>{number})|(?P<number>{NUMBER_PATTERN})"
        rf"(?:(?=(?P<after>{after}))|(?=(?P<late>{after_duration})))?"
    )
    return re.compile(rf"{_START.pattern}(?<=(?={whole}).)", re.IGNORECASE)


# Between the two numbers of a range ("12 to 18 months"): a range is masked whole.
_RANGE_JOIN = re.compile(r"\s*(?:to|-|–)\s*", re.IGNORECASE)
# ... and so is a list of identifiers: "discharge pathways 1 (low need) and 2 (reablement)",
# "Levels 2, 3 and 4": a bare number after a masked one, with nothing but a bracket and a
# comma or "and" between, and no word of its own after it.
_LIST_JOIN = re.compile(r"\s*(?:\([^()\n]{0,120}\))?\s*(?:,|and|or|&)\s*", re.IGNORECASE)
_LIST_ITEM_END = re.compile(r"\s*(?:[(),;.:]|(?:and|or)\b|$)", re.IGNORECASE)
# A bare number that starts a range of durations ("the next 12 to 18 months") is one too.
_TO_DURATION = re.compile(
    r"\s*(?:to|-|–)\s*\d+(?:\.\d+)?\s+(?:hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE
)


def find_numbers(
    text: str, start: int = 0, end: int | None = None, masks: Masks | None = None
) -> list[Number]:
    """The numbers in `text[start:end]`, in order, with offsets into `text`; with `masks`,
    without those that are years, dates, ages, identifiers and the like."""
    end = len(text) if end is None else end
    found: list[Number] = []
    skip_to = start
    masked_end = masked_bare = -1
    """Where the last number masked by the words around it ends (a range is masked whole),
    and where it ends if it is a bare number (a list of identifiers is masked whole)."""
    if masks is None:
        for begin in _START.finditer(text, start, end):
            at = begin.start()
            if at >= skip_to and (match := _NUMBER.match(text, at, end)) is not None:
                found.append(_number(match, match.groups()))
                skip_to = match.end()
        return found
    for match in masks.numbers.finditer(text, start, end):
        at = match.start()
        if at < skip_to:
            continue
        groups = match.groups()
        if groups[0] is not None:
            # "2012/13", "(18 to 64)": no number inside is a figure.
            skip_to = match.end(1)
            continue
        skip_to = finish = match.end(2)
        unit = _unit(groups[3], groups[7], groups[8])
        if (
            groups[9] is not None
            or (masked_end >= 0 and _RANGE_JOIN.fullmatch(text, masked_end, at) is not None)
            or (masked_bare >= 0 and unit is None and _listed(text, masked_bare, at, finish))
            or (
                (unit is None or unit in TIME_UNITS)
                and _masked_before(text, at, finish, groups[4], unit, groups[10] is not None, masks)
            )
        ):
            masked_end = finish
            masked_bare = finish if unit is None else -1
            continue
        found.append(
            Number(at, finish, _value(groups[4], groups[5], groups[6]), unit, text[at:finish])
        )
    return found


def _listed(text: str, previous_end: int, start: int, end: int) -> bool:
    """Whether a bare number (at `start:end`) continues a list of identifiers that ended at
    `previous_end`."""
    return (
        _LIST_JOIN.fullmatch(text, previous_end, start) is not None
        and _LIST_ITEM_END.match(text, end) is not None
    )


def _unit(gbp: str | None, percent: str | None, time: str | None) -> str | None:
    if percent:
        return "%"
    if gbp:
        return "GBP"
    if time:
        word = time.casefold()
        return _TIME_UNITS.get(word, word)
    return None


def _value(whole: str, decimal: str | None, multiplier: str | None) -> float:
    digits = whole.replace(",", "") if "," in whole else whole
    value = float(digits + decimal if decimal else digits)
    if multiplier:
        value *= _MULTIPLIERS[multiplier.casefold()]
    return value


def _number(match: re.Match[str], groups: tuple[str | None, ...]) -> Number:
    """The number of a match of NUMBER_PATTERN; `groups`: its seven groups."""
    _, gbp, whole, decimal, multiplier, percent, time = groups[:7]
    assert whole is not None
    start, end = match.span()
    return Number(
        start,
        end,
        _value(whole, decimal, multiplier),
        _unit(gbp, percent, time),
        match.string[start:end],
    )


def words_before(text: str, at: int) -> tuple[str, str, str]:
    """The word, the two words and the three words just before `at`, lower case, without
    punctuation (a bracket on its own is no word: "pathway (1)")."""
    words = text[max(0, at - BEFORE_WINDOW) : at].lower().split()
    if words and not words[-1].strip(_PUNCTUATION):
        words.pop()
    words = [word.strip(_PUNCTUATION) for word in words[-3:]]
    last = words[-1] if words else ""
    pair = " ".join(words[-2:])
    return last, pair, " ".join(words)


def _masked_before(
    text: str, start: int, end: int, whole: str, unit: str | None, late: bool, masks: Masks
) -> bool:
    """Whether the words before a bare number or a duration (at `start:end`, `whole` its
    integer part), or for a duration the words after it, say it is no figure."""
    if late and unit is not None:
        return True
    last, pair, three = words_before(text, start)
    if unit is None:
        # "section 42", "Level 2": identifiers are bare numbers ("figure 12%" is a figure).
        if last in masks.before or pair in masks.before:
            return True
        # "at the age of 14", "by age 16"
        if not masks.age.isdisjoint(three.split()) and whole.isdigit() and int(whole) <= MAX_AGE:
            return True
        # "over the next 12 to 18 months": the range is a duration.
        if _TO_DURATION.match(text, end) is None:
            return False
    if pair in masks.duration_kept:
        return False
    return last in masks.before_duration or pair in masks.before_duration


def decimals(quote: str) -> int:
    """Decimal places a figure is written with ("69.29%" has 2)."""
    found = re.search(r"\.(\d+)", quote)
    return len(found.group(1)) if found else 0
