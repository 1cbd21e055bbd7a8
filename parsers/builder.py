"""Collect blocks into sections. Every block a parser hands over lands in exactly one section."""

from __future__ import annotations

from collections.abc import Sequence

from .blocks import Block, Line, reflow
from .model import Section, SectionKind


class OpenSection:
    """The section being filled: plain mutable state, frozen into a Section when it closes
    (building frozen dataclasses block by block costs more than the parsing itself)."""

    __slots__ = (
        "key",
        "kind",
        "length",
        "line",
        "maps",
        "paragraphs",
        "role",
        "score",
        "statement",
        "theme",
        "title",
    )

    def __init__(
        self,
        title: str,
        kind: SectionKind,
        line: int,
        statement: str | None,
        theme: str | None,
        score: int | None,
        role: str,
        key: str,
    ) -> None:
        self.title = title
        self.kind: SectionKind = kind
        self.line = line
        self.statement = statement
        self.theme = theme
        self.score = score
        self.role = role
        self.key = key
        self.paragraphs: list[str] = []
        self.maps: list[tuple[int, list[tuple[int, int]]]] = []
        """(offset of the paragraph in the text, its own line map)."""
        self.length = 0

    def freeze(self) -> Section:
        return Section(
            title=self.title,
            kind=self.kind,
            line=self.line,
            text="\n\n".join(self.paragraphs),
            statement=self.statement,
            theme=self.theme,
            score=self.score,
            role=self.role,
            key=self.key,
            line_map=tuple(
                (base + offset, number)
                for base, line_map in self.maps
                for offset, number in line_map
            ),
        )


class SectionBuilder:
    """Sections in document order; text goes to the one most recently opened."""

    def __init__(self) -> None:
        self._done: list[Section] = []
        self.current: OpenSection | None = None

    def open(
        self,
        title: str,
        kind: SectionKind,
        line: int,
        *,
        statement: str | None = None,
        theme: str | None = None,
        score: int | None = None,
        role: str = "body",
        key: str = "",
    ) -> None:
        """Close the open section and start a new one."""
        if self.current is not None:
            self._done.append(self.current.freeze())
        self.current = OpenSection(title, kind, line, statement, theme, score, role, key)

    def add(self, lines: Sequence[Line], first_char: int = 0) -> None:
        """Add lines (a block, or what is left of it after a heading) as a paragraph."""
        self._add_reflowed(*reflow(lines, first_char), first_line=lines[0].number)

    def add_block(self, block: Block) -> None:
        self._add_reflowed(*block.reflowed, first_line=block.line)

    def _add_reflowed(self, text: str, line_map: list[tuple[int, int]], first_line: int) -> None:
        if not text:
            return
        if self.current is None:
            self.open("", "section", first_line, role="preamble", key="doc/preamble")
        target = self.current
        assert target is not None
        if target.paragraphs:
            target.length += 2  # the blank line between paragraphs
        target.maps.append((target.length, line_map))
        target.paragraphs.append(text)
        target.length += len(text)

    def finish(self) -> tuple[Section, ...]:
        if self.current is not None:
            self._done.append(self.current.freeze())
            self.current = None
        return tuple(self._done)
