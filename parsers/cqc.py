"""CQC local authority assessments: themes, statements, their parts, key findings and scores.

Structure comes from recognising known titles (parsers/data/taxonomy.yaml), never from heading
levels: scraped pages mark headings with any number of `#` or none, and PDF text breaks them
over lines or glues them to the paragraph they head.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import NamedTuple

from . import facts
from .blocks import Block
from .builder import OpenSection, SectionBuilder
from .councils import directory
from .headings import (
    MAX_HEADING_LINES,
    WHOLE_LINES,
    Cut,
    candidates,
    heading_text,
    looks_like_heading,
)
from .knowledge import any_of, taxonomy
from .model import Document, Section
from .textnorm import slug
from .titles import TitleIndex

LOOKAHEAD_BLOCKS = 8
"""How far past a statement title to look for proof that a statement starts there."""
BODY_WORDS = 12
"""A block this long is body text: after a statement title it proves a statement starts."""


@dataclass(frozen=True, slots=True)
class Known:
    """What a recognised heading names."""

    role: str
    """`overview`, `theme`, `statement`, `part` or `subsection`."""
    id: str
    owner: str | None = None
    """The statement a standard key-findings heading belongs to."""


class Heading(NamedTuple):
    """A heading found at the start of a block."""

    role: str
    """A Known role, or `title`, `header`, `furniture`, `score`, `generic`."""
    title: str
    cut: Cut
    known: Known | None = None
    value: str | int | None = None


def _statement_inner_titles() -> list[tuple[str, Known]]:
    """The parts of every statement and the standard key-findings headings."""
    tax = taxonomy()
    titles = [(t, Known("part", p.id)) for p in tax.statement_parts for t in (p.title, *p.variants)]
    for statement in tax.statements:
        titles += [(t, Known("subsection", slug(t), statement.id)) for t in statement.subsections]
    return titles


@cache
def heading_index() -> TitleIndex[Known]:
    """Every title a CQC report prints as a heading, naming what it is."""
    tax = taxonomy()
    titles: list[tuple[str, Known]] = []
    for section in tax.document_sections:
        titles += [(t, Known("overview", section.id)) for t in (section.title, *section.variants)]
    for theme in tax.themes:
        titles += [(t, Known("theme", theme.id)) for t in (theme.title, *theme.variants)]
    for statement in tax.statements:
        titles += [
            (t, Known("statement", statement.id)) for t in (statement.title, *statement.variants)
        ]
    return TitleIndex(titles + _statement_inner_titles())


@cache
def glued_index() -> TitleIndex[Known]:
    """Titles that PDF text glues to the start of the paragraph they head."""
    return TitleIndex(_statement_inner_titles())


@cache
def _page_header() -> re.Pattern[str]:
    return any_of(taxonomy().page_header)


@cache
def _furniture() -> re.Pattern[str]:
    return any_of(taxonomy().furniture)


@cache
def _about() -> re.Pattern[str]:
    about = next(s for s in taxonomy().document_sections if s.id == "about")
    return any_of(about.patterns)


LONG_LINE = 220
"""A first line longer than this is a paragraph, not a heading (unless marked with `#`)."""


class CqcParser:
    """One pass over a report's blocks, opening a section at each heading it recognises."""

    def __init__(self, blocks: Sequence[Block], council: str | None, glued: bool = True) -> None:
        self.blocks = blocks
        self.council = council
        self.glued = glued
        """Whether headings may be glued to their paragraphs (PDF text; not web text)."""
        self.out = SectionBuilder()
        self.statement: str | None = None
        self.theme: str | None = None
        self.in_findings = False
        self.title_seen = False
        self.rating: str | None = None
        self.rating_blocks_left = 0
        self.overview_scores: dict[str, int] = {}
        self.last_content: OpenSection | None = None
        self._headings: dict[int, Heading | None] = {}
        self._by_head: dict[tuple[object, ...], Heading | None] = {}

    # -- recognising ---------------------------------------------------------------------

    def known_heading(self, index: int) -> Heading | None:
        """The heading blocks[index] starts with, judged by the block alone (no parser state),
        so looking ahead can ask about any block and the answer can be kept."""
        if index not in self._headings:
            block = self.blocks[index]
            if len(block.first.text) > LONG_LINE and not block.first.heading:
                self._headings[index] = None  # a paragraph, never a heading
            else:
                # Page furniture repeats on every page: recognise each head of a block once.
                head = self._head_key(block)
                if head not in self._by_head:
                    self._by_head[head] = self._recognise(block)
                self._headings[index] = self._by_head[head]
        return self._headings[index]

    @staticmethod
    def _head_key(block: Block) -> tuple[object, ...]:
        """What `_recognise` reads of a block: its first lines' words and first line's marks."""
        first = block.first
        return (
            first.heading,
            first.bullet,
            *[line.text for line in block.lines[:MAX_HEADING_LINES]],
        )

    def heading_here(self, index: int) -> Heading | None:
        """The heading blocks[index] starts with, given where the parser stands now: inside
        a statement, a title may be glued to its paragraph; inside key findings, a short plain
        line over prose is a heading nobody taught us."""
        found = self.known_heading(index)
        if found is not None:
            return found
        block = self.blocks[index]
        first = block.first.text
        if self.glued and self.statement and len(first) > 20:
            glued = self._glued(block)
            if glued:
                return glued
        if len(first) > LONG_LINE or self._names_a_council(first):
            return None
        if block.first.heading:
            return Heading("generic", first, WHOLE_LINES[1])
        plain = len(block.lines) == 1 and not block.first.bullet
        if self.in_findings and plain and looks_like_heading(first):
            return Heading("generic", first, WHOLE_LINES[1])
        return None

    def _recognise(self, block: Block) -> Heading | None:
        """The heading a block starts with (`known_heading` has ruled out long first lines)."""
        tax = taxonomy()
        first = block.first.text
        whole = WHOLE_LINES[1]
        if len(first) <= 160 and not block.first.bullet:
            # Cheap tests on the lower-cased line decide which regexes are worth running.
            lower = first.casefold()
            if lower.endswith("assessment"):
                council = facts.page_title_council(first)
                if council:
                    return Heading("title", first, whole, value=council)
            if _page_header().search(first):
                return Heading("header", first, whole)
            if _furniture().search(first):
                return Heading("furniture", first, whole)
            if lower[:1].isdigit() or lower.startswith(("score", "indicative", "evidence")):
                score = facts.score_in(first)
                if score is not None or facts.is_score_label(first):
                    return Heading("score", first, whole, value=score)
        best: Heading | None = None
        best_score = 0.0
        index = heading_index()
        for text, cut in candidates(block):
            theme = tax.theme_heading.match(text) if text[:5].casefold() == "theme" else None
            if theme:
                theme_id = next(t.id for t in tax.themes if t.number == int(theme.group("number")))
                return Heading("theme", text, cut, Known("theme", theme_id))
            title, score = self._title_and_score(text)
            found = index.match(self._generic_council(title))
            if found and found.score > best_score:
                # The section keeps the heading as printed: no word of it is lost.
                best = Heading(found.value.role, text, cut, found.value, score)
                best_score = found.score
            if found is None and cut.lines == 1 and self._is_about(text):
                best, best_score = Heading("overview", text, cut, Known("overview", "about")), 100
        return best

    def _title_and_score(self, text: str) -> tuple[str, int | None]:
        """A heading's title without a "Quality statement 7:" prefix or a "– Score: 2"
        suffix, and the score such a suffix gives."""
        tax = taxonomy()
        if text[:2].casefold() in ("qu", "qs"):
            text = tax.statement_title_prefix.sub("", text)
        if "core" in text:
            found = tax.statement_title_score.search(text)
            if found and found.start() > 0:
                return text[: found.start()], int(found.group("score"))
        return text, None

    def _generic_council(self, text: str) -> str:
        """The heading with this council's name read as "the local authority", as the
        framework's titles say it ("How Leeds City Council works with people")."""
        if not self.council:
            return text
        at = text.casefold().find(self.council.casefold())
        if at < 0:
            return text
        return f"{text[:at]}the local authority{text[at + len(self.council) :]}"

    def _is_about(self, text: str) -> bool:
        """ "About Derbyshire County Council", "About the local authority"."""
        found = _about().match(text)
        if found is None:
            return False
        name = found.group("name")
        return name.casefold() in ("the local authority", "the council") or bool(
            directory().from_title(name)
        )

    def _glued(self, block: Block) -> Heading | None:
        """A part or key-findings title glued to the start of the paragraph it heads."""
        first = block.first.text
        glued = glued_index().match_prefix(first)
        if glued is None:
            return None
        title = heading_text((block.first._replace(text=first[: glued.end]),))
        return Heading(glued.value.role, title, Cut(0, glued.end), glued.value)

    def _names_a_council(self, text: str) -> bool:
        return len(text) <= 80 and directory().lookup(text) is not None

    def _starts_statement(self, index: int, cut: Cut) -> bool:
        """A statement title starts a statement when its parts or body text follow it; a title
        with only a score under it is the overview's list of scores."""
        block = self.blocks[index]
        rest, _ = cut.rest(block)
        if len(" ".join(line.text for line in rest).split()) >= BODY_WORDS:
            return True
        for ahead in range(index + 1, min(index + 1 + LOOKAHEAD_BLOCKS, len(self.blocks))):
            found = self.known_heading(ahead)
            role = found.role if found else "body"
            if role in ("part", "subsection"):
                return True
            if role in ("statement", "theme", "overview", "title"):
                return False
            if role == "body" and len(self.blocks[ahead].text.split()) >= BODY_WORDS:
                return True
        return False

    def _overview_score(self, index: int, cut: Cut) -> int | None:
        rest, _ = cut.rest(self.blocks[index])
        if rest:
            return facts.score_in(rest[0].text)
        if index + 1 < len(self.blocks):
            return facts.score_in(self.blocks[index + 1].first.text)
        return None

    # -- building --------------------------------------------------------------------------

    def parse(self) -> tuple[Section, ...]:
        for index, block in enumerate(self.blocks):
            found = self.heading_here(index)
            if found is None or found.role == "score":
                self._body(block, found)
                continue
            handler = getattr(self, f"_on_{found.role}")
            handler(index, block, found)
        return self.out.finish()

    def _body(self, block: Block, found: Heading | None) -> None:
        current = self.out.current
        if current is not None and current.role == "furniture" and self.last_content is not None:
            self._continue(self.last_content, block.line)
        current = self.out.current
        is_score = found is not None and isinstance(found.value, int)
        if (
            is_score
            and current is not None
            and current.role == "statement"
            and current.score is None
        ):
            current.score = found.value  # type: ignore[union-attr]
        if self.rating_blocks_left > 0:
            self.rating_blocks_left -= 1
            rating = facts.rating_word(block.first.text)
            if rating and self.rating is None:
                self.rating = rating
                self.rating_blocks_left = 0
        self.out.add_block(block)

    def _continue(self, section: OpenSection, line: int) -> None:
        """Text after page furniture carries on the section the furniture interrupted."""
        self.out.open(
            section.title,
            section.kind,
            line,
            statement=section.statement,
            theme=section.theme,
            role=section.role,
            key=section.key,
        )

    def _open(self, title: str, line: int, **fields: object) -> None:
        self.out.open(title, line=line, **fields)  # type: ignore[arg-type]
        if fields.get("role") not in ("furniture", "title"):
            self.last_content = self.out.current

    def _rest(self, block: Block, cut: Cut) -> None:
        lines, chars = cut.rest(block)
        if lines:
            self.out.add(lines, chars)

    def _on_title(self, index: int, block: Block, found: Heading) -> None:
        if not self.title_seen:
            self.title_seen = True
            self._open(found.title, block.line, kind="section", role="title", key="doc/title")
        else:
            self._open(found.title, block.line, kind="section", role="furniture", key="furniture")
        self._rest(block, found.cut)

    def _on_header(self, index: int, block: Block, found: Heading) -> None:
        current = self.out.current
        if current is not None and current.role in ("title", "furniture"):
            self.out.add_block(block)
        else:
            self._on_furniture(index, block, found)

    def _on_furniture(self, index: int, block: Block, found: Heading) -> None:
        current = self.out.current
        if current is None or current.role != "furniture":
            self._open(found.title, block.line, kind="section", role="furniture", key="furniture")
        self.out.add_block(block)

    def _on_overview(self, index: int, block: Block, found: Heading) -> None:
        assert found.known is not None
        self.statement = self.theme = None
        self.in_findings = False
        self._open(
            found.title, block.line, kind="section", role="overview", key=f"doc/{found.known.id}"
        )
        if found.known.id == "rating":
            self.rating_blocks_left = 4
        self._rest(block, found.cut)

    def _on_theme(self, index: int, block: Block, found: Heading) -> None:
        assert found.known is not None
        self.statement = None
        self.in_findings = False
        self.theme = found.known.id
        self._open(
            found.title,
            block.line,
            kind="theme",
            theme=self.theme,
            role="theme",
            key=f"theme/{self.theme}",
        )
        self._rest(block, found.cut)

    def _on_statement(self, index: int, block: Block, found: Heading) -> None:
        assert found.known is not None
        statement = found.known.id
        if not self._starts_statement(index, found.cut):
            score = found.value if isinstance(found.value, int) else None
            score = score or self._overview_score(index, found.cut)
            if score is not None:
                self.overview_scores.setdefault(statement, score)
            self._body(block, None)
            return
        self.statement = statement
        self.theme = taxonomy().theme_of(statement)
        self.in_findings = False
        self._open(
            found.title,
            block.line,
            kind="statement",
            statement=statement,
            theme=self.theme,
            role="statement",
            key=statement,
        )
        rest, _ = found.cut.rest(block)
        score = found.value if isinstance(found.value, int) else None
        if score is None and rest:
            score = facts.score_in(rest[0].text)
        if score is not None and self.out.current is not None:
            self.out.current.score = score
        self._rest(block, found.cut)

    def _on_part(self, index: int, block: Block, found: Heading) -> None:
        assert found.known is not None
        part = found.known.id
        self.in_findings = part == "key_findings"
        prefix = self.statement or "doc"
        self._open(
            found.title,
            block.line,
            kind="section",
            statement=self.statement,
            theme=self.theme,
            role=part,
            key=f"{prefix}/{part}",
        )
        self._rest(block, found.cut)

    def _on_subsection(self, index: int, block: Block, found: Heading) -> None:
        assert found.known is not None
        if self.statement is None and found.known.owner:
            # A statement page saved without its heading: the finding says whose it is.
            self.statement = found.known.owner
            self.theme = taxonomy().theme_of(self.statement)
            self.in_findings = True
        prefix = self.statement or "doc"
        self._open(
            found.title,
            block.line,
            kind="subsection" if self.statement else "section",
            statement=self.statement,
            theme=self.theme,
            role="finding",
            key=f"{prefix}/{found.known.id}",
        )
        self._rest(block, found.cut)

    def _on_generic(self, index: int, block: Block, found: Heading) -> None:
        prefix = self.statement or "doc"
        finding = self.statement is not None and self.in_findings
        self._open(
            found.title,
            block.line,
            kind="subsection" if finding else "section",
            statement=self.statement,
            theme=self.theme,
            role="finding" if finding else "body",
            key=f"{prefix}/x/{slug(found.title)}",
        )
        self._rest(block, found.cut)


def parse_cqc(
    path: str, blocks: Sequence[Block], council: str | None, glued: bool = True
) -> Document:
    """A CQC assessment as a Document: sections, scores, rating, date. `glued`: whether the
    text may glue headings to their paragraphs (PDF text)."""
    parser = CqcParser(blocks, council, glued)
    sections = parser.parse()
    scores: dict[str, int] = {}
    for section in sections:
        if section.kind == "statement" and section.statement and section.score is not None:
            scores.setdefault(section.statement, section.score)
    for statement, score in parser.overview_scores.items():
        scores.setdefault(statement, score)
    sections = tuple(
        replace(s, score=scores.get(s.statement)) if s.kind == "statement" else s for s in sections
    )
    order = {statement.id: n for n, statement in enumerate(taxonomy().statements)}
    scores = dict(sorted(scores.items(), key=lambda item: order[item[0]]))
    head_text = " ".join(block.text for block in blocks[: facts.HEAD_BLOCKS])
    rating = parser.rating or facts.stated_rating(blocks)
    score = facts.overall_score(blocks)
    if rating is None and score is not None:
        rating = facts.rating_for_score(score)
    title = next((s.title for s in sections if s.role == "title"), None)
    return Document(
        path=path,
        kind="cqc_assessment",
        council=council,
        title=title,
        published=facts.published_date(blocks),
        rating=rating,
        indicative=facts.is_indicative(head_text) or _scores_indicative(sections),
        overall_score=score,
        scores=scores,
        sections=sections,
    )


def _scores_indicative(sections: Sequence[Section]) -> bool:
    return any(facts.is_indicative(s.text[:200]) for s in sections if s.kind == "statement")
