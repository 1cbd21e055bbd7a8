"""Markdown that shows document text as it is: escaping, tables and collapsible blocks.

Document text is data. Everything a report says passes through `inline`, `cell` or `block`
(or `html_text` inside HTML), so a `|` cannot split a table cell, a `#` cannot start a
heading, `<script>` cannot become HTML and `[x](y)` cannot become a link; the rendered page
shows the characters the document holds, nothing more. Control characters, terminal escapes
and bidirectional overrides never pass through.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from carecompare.parsers.clean import safe_text

# Bidirectional embeddings, overrides and isolates can make text read differently from what
# it holds; line and paragraph separators would break lines behind markdown's back.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\ufeff]")
_SEPARATORS = re.compile("[\t\u2028\u2029\x0b\x0c]")

# Characters with a meaning anywhere in a line of CommonMark or GitHub-flavoured markdown:
# escapes, code, emphasis, links and images, HTML and autolinks, table cells, strikethrough
# and GitHub's `$` maths. Every one is ASCII punctuation, so a backslash makes it literal.
# An `_` between two letters or digits can neither open nor close emphasis, so file names
# like `sample_docs` keep theirs.
_INLINE = re.compile(r"[\\`*\[\]<>|~$]")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# GitHub links (and notifies) `@name` where no letter or digit stands before the `@`; an
# e-mail address keeps its `@`.
_MENTION = re.compile(r"(?<![0-9A-Za-z])@(?=[0-9A-Za-z])")
# `&` only matters where it would start an entity (`&amp;`, `&#60;`).
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What would start a block at the beginning of a line: a heading, a bullet, a thematic break
# or setext underline, an ordered list item (`1.`, `1)`); `>`, `*`, `_`, `~`, `` ` `` and
# `<` are escaped wherever they stand.
_ORDERED = re.compile(r"^(\d{1,9})([.)])")

ABSENT = "–"
"""What a table cell shows when there is nothing to show."""


# Anything `clean` would change; document text from the parsers has none, so it is checked
# in one scan before any replacing.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def clean(text: object) -> str:
    """The text with nothing a terminal or a renderer would act on, markup untouched."""
    value = "" if text is None else str(text)
    if not _UNSAFE.search(value):
        return value
    return _SEPARATORS.sub(" ", _INVISIBLE.sub("", safe_text(value)))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _escape_inline(text: str) -> str:
    """Text escaped wherever it stands inside a line."""
    if "&" in text:
        text = _ENTITY.sub("&amp;", text)
    text = _INLINE.sub(r"\\\g<0>", text)
    if "@" in text:
        text = _MENTION.sub(r"\\@", text)
    # After the pass above, so the backslash it adds before `_` is not doubled.
    return _UNDERSCORE.sub(r"\\_", text) if "_" in text else text


def _escape_start(line: str) -> str:
    """An escaped line, with what would start a block at its beginning escaped too."""
    if line[:1] in ("#", "+", "-", "="):
        return "\\" + line
    if line[:1].isdigit():
        return _ORDERED.sub(r"\1\\\2", line)
    return line


def inline(text: object) -> str:
    """Document text as one line of literal markdown, safe anywhere (line breaks become
    spaces; a `#`, `-` or `1.` at its start is escaped too)."""
    return _escape_start(_escape_inline(_one_line(clean(text))))


def cell(text: object) -> str:
    """Document text for a table cell: one line, literal, `ABSENT` when empty. A cell never
    starts a line, so only what acts inside a line needs escaping."""
    return _escape_inline(_one_line(clean(text))) or ABSENT


def block(text: object) -> str:
    """Document text as literal markdown paragraphs: blank lines part paragraphs, single line
    breaks stay line breaks, and no line can start a heading, list, quote or code block."""
    paragraphs = []
    for paragraph in _PARAGRAPH_BREAK.split(_escape_inline(clean(text))):
        lines = [_escape_start(_one_line(line)) for line in paragraph.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            # A backslash before the newline is CommonMark's hard line break.
            paragraphs.append("\\\n".join(lines))
    return "\n\n".join(paragraphs)


def html_text(text: object) -> str:
    """Document text inside HTML (a `<summary>`): entities, one line."""
    return html.escape(_one_line(clean(text)), quote=True)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """A GitHub table from cells that are already markdown (escape document text first).

    `align` gives one letter per column, `l`, `c` or `r` (left when missing). Every row must
    have the header's number of cells: a short row would render shifted."""
    width = len(header)
    for row in rows:
        if len(row) != width:
            raise ValueError(f"table row has {len(row)} cells, the header {width}: {row!r}")
    rules = {"l": "---", "c": ":---:", "r": "---:"}
    marks = [rules.get(align[i] if i < len(align) else "l", "---") for i in range(width)]
    lines = [_row(header), _row(marks)]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    # A newline would end the row; cells come from our own formatting, so this only guards.
    return "| " + " | ".join(c.replace("\n", " ") or " " for c in cells) + " |"


def details(summary: str, body: str) -> str:
    """A collapsible block. `summary` is HTML (use `html_text`); `body` is markdown.

    The blank lines matter: they end the HTML block so the body is read as markdown."""
    return f"<details>\n<summary>{summary}</summary>\n\n{body}\n\n</details>"
