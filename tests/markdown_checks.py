"""Checks of markdown as a renderer reads it (markdown-it-py with GitHub's tables and
strikethrough), for the export tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown_it import MarkdownIt

# An unescaped pipe: not preceded by an odd number of backslashes.
_CELL_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


def renderer() -> MarkdownIt:
    """CommonMark with raw HTML allowed (as GitHub allows it) plus GFM tables and ~~."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def raw_cells(line: str) -> int:
    """How many cells a table row's source line has (escaped pipes do not split)."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return len(_CELL_PIPE.split(inner))


@dataclass
class TableReport:
    tables: int
    rows: int
    mismatched: list[tuple[int, int, int]]
    """(line number, cells in the row, cells in the header) of each row that differs."""
    stray_pipe_lines: list[int]
    """Lines that start with `|` but that no table holds (a table broken in two)."""


def check_tables(text: str) -> TableReport:
    """Every row of every table the renderer finds, counted against its header."""
    lines = text.split("\n")
    tokens = renderer().parse(text)
    mismatched: list[tuple[int, int, int]] = []
    in_tables: set[int] = set()
    tables = rows = 0
    header = 0
    for token in tokens:
        if token.type == "table_open" and token.map:
            tables += 1
            in_tables.update(range(*token.map))
            header = raw_cells(lines[token.map[0]])
        elif token.type == "tr_open" and token.map:
            rows += 1
            line = token.map[0]
            count = raw_cells(lines[line])
            if count != header:
                mismatched.append((line + 1, count, header))
    stray = [
        number + 1
        for number, line in enumerate(lines)
        if line.startswith("|") and number not in in_tables
    ]
    return TableReport(tables, rows, mismatched, stray)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def rendered(text: str) -> tuple[list[str], str]:
    """The HTML tags the renderer makes of `text`, and the text a reader sees."""
    parser = _Tags()
    parser.feed(renderer().render(text))
    return parser.tags, "".join(parser.text)
