"""Search hits for a person: `carecompare search` prints them (`print_hits`), and the reader's
search screen draws them from the same (text, role) spans (`hit_heading`, `hit_snippet`).
Each hit's council, statement, section and place, and a line of its text with the matched
words marked. Document text goes in as `Text` or spans, never as markup."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console, Group
from rich.style import Style
from rich.table import Table
from rich.text import Text

from carecompare.parsers.clean import safe_text
from carecompare.parsers.knowledge import taxonomy
from carecompare.search import Hit, SearchIndex
from carecompare.tui.console import plain
from carecompare.tui.pane_layout import Line, Span

MATCH_STYLE = "bold underline"
"""Marks a matched word; still reads without colour (NO_COLOR)."""


def marked(
    text: str,
    spans: Sequence[tuple[int, int]],
    style: str | Style = "",
    match_style: str | Style = MATCH_STYLE,
) -> Text:
    """`text` as Text with `spans` styled as matches. Text that is not safe to print as it
    stands is cleaned first and shown unmarked (its spans no longer line up)."""
    shown = safe_text(text)
    result = Text(shown, style=style)
    if shown == text:
        for start, end in spans:
            result.stylize(match_style, start, end)
    return result


def marked_spans(
    text: str, spans: Sequence[tuple[int, int]], role: str = "text", match: str = "match"
) -> list[Span]:
    """`text` as (text, role) spans with `spans` in the `match` role. Text that is not safe
    to print as it stands is cleaned first and left unmarked (its spans no longer line up)."""
    shown = safe_text(text)
    if shown != text or not spans:
        return [(shown, role)] if shown else []
    pieces: list[Span] = []
    at = 0
    for start, end in spans:
        if start > at:
            pieces.append((text[at:start], role))
        pieces.append((text[start:end], match))
        at = end
    if at < len(text):
        pieces.append((text[at:], role))
    return pieces


def statement_label(statement: str | None) -> str:
    """ "7 Safeguarding" for a statement id ("" for none or one the taxonomy lacks)."""
    for known in taxonomy().statements:
        if known.id == statement:
            return f"{known.number} {known.title}"
    return ""


def hit_heading(index: SearchIndex, hit: Hit) -> Line:
    """Council · statement · section title (its matched words marked) · file:line."""
    document = index.documents[hit.document]
    section = hit.target
    spans: list[Span] = [(safe_text(document.name), "council")]
    statement = statement_label(section.statement)
    if statement:
        spans += [(" · ", "separator"), (statement, "band-statement")]
    spans.append((" · ", "separator"))
    if section.title:
        spans += marked_spans(section.title, hit.title_spans, "heading")
    else:
        spans.append(("(untitled)", "note"))
    spans.append((f"  {safe_text(Path(document.path).name)}:{hit.line}", "path"))
    return tuple(spans)


def hit_snippet(hit: Hit) -> Line:
    """The hit's snippet with its matched words marked (empty when it has none)."""
    return tuple(marked_spans(hit.snippet, hit.snippet_spans)) if hit.snippet else ()


def print_hits(index: SearchIndex, hits: Sequence[Hit], query: str) -> None:
    """The hits, best first, numbered."""
    console = Console(highlight=False, soft_wrap=False)
    statements = {s.id: s.title for s in taxonomy().statements}
    heading = Text("Sections matching ")
    heading.append(plain(query, "bold"))
    heading.append(f": {len(hits)} shown, best first", style="dim")
    console.print(heading)
    for number, hit in enumerate(hits, start=1):
        document = index.documents[hit.document]
        section = hit.target
        console.print()
        heading = Text()
        heading.append(plain(document.name, "bold"))
        if section.statement:
            heading.append(" · ").append(plain(statements.get(section.statement, "")))
        heading.append(" · ").append(marked(section.title or "(untitled)", hit.title_spans))
        where = plain(f"{Path(document.path).name}:{hit.line}", "dim")
        where.append(f"  score {hit.score:.2f}", style="dim")
        body = [heading, where]
        if hit.snippet:
            body.append(marked(hit.snippet, hit.snippet_spans))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(justify="right", style="dim", no_wrap=True)
        grid.add_column()
        grid.add_row(str(number), Group(*body))
        console.print(grid)
