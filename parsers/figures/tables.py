"""Tables of measures by year, as annual reports print them:

    Key Measures 2010/11 2011/12 2012/13
    User satisfaction with care and support 60.1% 63.4% 59.4%

The latest year's column is the figure; the earlier columns are its previous values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .sentences import paragraphs

_TWO_YEARS = re.compile(r"(?:19|20)\d\d(?:/\d\d)?\s+(?:19|20)\d\d")
_YEAR_TOKEN = re.compile(r"(?<![\w/])(?:19|20)\d\d(?:\s*[/–-]\s*\d{2,4})?(?![\w/])")
_VALUE = re.compile(r"(?:[<>]?£?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|[-–*]|n/?a)", re.I)
_TOKEN = re.compile(r"\S+")
_LETTER = re.compile(r"[A-Za-z]")
MAX_HEADER_WORDS = 6
"""Words a year header may have besides its years ("Key Measures", "We rate as")."""


class Cell(NamedTuple):
    year: str
    quote: str
    """The value as printed; "-" or "n/a" for a year without one."""
    offset: int
    """Offset of the value in the section text."""


class Row(NamedTuple):
    start: int
    end: int
    """The row's line in the section text."""
    label: str
    cells: tuple[Cell, ...]
    """One per year, in the header's order."""


def header_years(line: str) -> list[str] | None:
    """The years of a table header line ("Key Measures 2010/11 2011/12 2012/13"), or None."""
    years = _YEAR_TOKEN.findall(line)
    if len(years) < 2:
        return None
    rest = _YEAR_TOKEN.sub(" ", line).split()
    if len(rest) > MAX_HEADER_WORDS or any(_VALUE.fullmatch(word) for word in rest):
        return None
    return [" ".join(year.split()) for year in years]


def year_rows(title: str, text: str, lines: Sequence[tuple[int, int, bool]]) -> list[Row]:
    """The rows of the tables by year in a section (its title may be the header). `lines`:
    the section's lines with digits (`sentences.lines_with_digits`): a header is one."""
    rows: list[Row] = []
    years = header_years(title) if _TWO_YEARS.search(title) else None
    if years:
        rows.extend(_rows_after(text, 0, years))
    for start, end, _ in lines:
        if rows and start < rows[-1].end:
            continue
        line = text[start:end]
        # Most lines name no year: `in` rules them out for less than a search costs.
        if ("20" not in line and "19" not in line) or not _TWO_YEARS.search(line):
            continue
        years = header_years(line)
        if years:
            rows.extend(_rows_after(text, end, years))
    return rows


def _rows_after(text: str, at: int, years: list[str]) -> list[Row]:
    """The rows of a table whose header ends at `at`: lines until one is not a row."""
    rows = []
    for start, end in paragraphs(text, at):
        row = _row(text[start:end], start, years)
        if row is None:
            break
        rows.append(row)
    return rows


def _row(line: str, base: int, years: list[str]) -> Row | None:
    tokens = list(_TOKEN.finditer(line))
    count = len(years)
    if len(tokens) <= count:
        return None
    values = tokens[-count:]
    if not all(_VALUE.fullmatch(token.group(0)) for token in values):
        return None
    label = line[: values[0].start()].strip()
    if not _LETTER.search(label):
        return None
    cells = tuple(
        Cell(year, token.group(0), base + token.start())
        for year, token in zip(years, values, strict=True)
    )
    return Row(base, base + len(line), label, cells)


def year_key(year: str) -> int:
    """A year printed as "2012/13", "2012-2013" or "2012", as a number to order by."""
    digits = re.match(r"\d+", year)
    value = int(digits.group(0)) if digits else 0
    return value + 2000 if value < 100 else value
