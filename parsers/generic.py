"""Documents carecompare does not know: split on their own headings so they still read side by
side. The heading rules here also serve the annual-report parser."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .blocks import Block
from .builder import SectionBuilder
from .headings import Cut, looks_like_heading
from .model import Document
from .textnorm import slug

PROSE_LINE = 60
"""A line this long is prose; a short line above one is its heading."""
WRAPPED_HEADING = 0.6
"""In text wrapped at a width, a heading line is shorter than this share of it."""
# A row of a table of figures: ends in a percentage, a decimal or comma figure, or two figures.
_TABLE_ROW = re.compile(r"(?:\d%|\d[.,]\d+|\d\s+[£$]?\d[\d,.]*)\)?$")


def plain_heading(blocks: Sequence[Block], index: int, width: int) -> Cut | None:
    """Where a heading nobody taught us ends in blocks[index], if the block starts with one.

    A `#` line is a heading. So is a short line that does not end a clause or a table row,
    standing over prose: as a block of its own before a paragraph, or as the first line of a
    paragraph.
    """
    block = blocks[index]
    first = block.first
    if first.heading:
        return Cut(1)
    if first.bullet or not looks_like_heading(first.text, 10):
        return None
    if _TABLE_ROW.search(first.text):
        return None  # a row of a table of figures
    if width <= 200 and len(first.text) > WRAPPED_HEADING * width:
        return None
    if len(block.lines) > 1:
        second = block.lines[1].text
        return Cut(1) if len(second) >= PROSE_LINE and not block.lines[1].bullet else None
    if index + 1 >= len(blocks):
        return None
    after = blocks[index + 1]
    if after.first.heading:
        return None
    return Cut(1) if len(after.lines) > 1 or len(after.first.text) >= PROSE_LINE else None


def parse_other(path: str, blocks: Sequence[Block], council: str | None, width: int) -> Document:
    """Any document: a section per heading of its own, kind `other`. `width`: the width its
    lines are wrapped at."""
    out = SectionBuilder()
    for index, block in enumerate(blocks):
        cut = plain_heading(blocks, index, width)
        if cut is None:
            out.add_block(block)
            continue
        title = block.first.text
        out.open(title, "section", block.line, key=f"doc/x/{slug(title)}")
        lines, chars = cut.rest(block)
        if lines:
            out.add(lines, chars)
    sections = out.finish()
    title = next((s.title for s in sections if s.title), None)
    return Document(path=path, kind="other", council=council, title=title, sections=sections)
