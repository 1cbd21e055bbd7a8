"""Dates and reporting periods as reports print them."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[/\-–]\s*((?:19|20)?\d\d)\b")


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first date written in `text` ("16 August 2024", "2024-08-16", "16/08/2024")."""
    found = _DAY_MONTH_YEAR.search(text)
    if found and found.group(2).casefold() in _MONTHS:
        return _make(int(found.group(3)), _MONTHS[found.group(2).casefold()], int(found.group(1)))
    found = _MONTH_DAY_YEAR.search(text)
    if found and found.group(1).casefold() in _MONTHS:
        return _make(int(found.group(3)), _MONTHS[found.group(1).casefold()], int(found.group(2)))
    found = _ISO.search(text)
    if found:
        return _make(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    found = _NUMERIC.search(text)
    if found:  # British order: day, month, year
        return _make(int(found.group(3)), int(found.group(2)), int(found.group(1)))
    return None


def _as_period(first: str, second: str) -> str | None:
    start = int(first)
    end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
    if end != start + 1:
        return None
    return f"{start}/{end % 100:02d}"


def periods_in(text: str) -> list[str]:
    """Financial years written in `text` ("2012/13", "2012-13", "2012/2013"), as "2012/13"."""
    found = []
    for match in _PERIOD.finditer(text):
        period = _as_period(match.group(1), match.group(2))
        if period:
            found.append(period)
    return found


def main_period(texts: list[str]) -> str | None:
    """The period the first texts name most; earlier texts win ties."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(periods_in(text))
    return counts.most_common(1)[0][0] if counts else None
