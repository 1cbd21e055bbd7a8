"""Ofsted inspections of children's services: overall effectiveness and the three judgements,
in the report's words, each judgement's text beside the CQC statement taxonomy.yaml names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .blocks import Block
from .builder import SectionBuilder
from .generic import plain_heading
from .knowledge import NamedPhrases, taxonomy
from .model import Document
from .textnorm import normal_form, slug

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])")
FOOTER_BLOCK_CHARS = 160
"""Blocks of a page footer are short lines (names, addresses, links)."""


@cache
def _grades() -> tuple[tuple[str, str], ...]:
    """Grades longest first, as (normal form, the grade as the taxonomy spells it)."""
    grades = ((normal_form(g), g) for g in taxonomy().ofsted_grades)
    return tuple(sorted(grades, key=lambda pair: -len(pair[0])))


@cache
def _judgement_phrases() -> tuple[tuple[NamedPhrases, str], ...]:
    """Each judgement's phrases in normal form, padded with spaces for whole-word search."""
    return tuple(
        (judgement, f" {normal_form(phrase)} ")
        for judgement in taxonomy().ofsted_judgements
        for phrase in (judgement.title, *judgement.variants)
    )


def judgement_in(sentence: str) -> tuple[NamedPhrases, str] | None:
    """The judgement a sentence states and its grade ("... requires improvement to be good")."""
    norm = f" {normal_form(sentence)} "
    for judgement, phrase in _judgement_phrases():
        at = norm.find(phrase)
        if at >= 0:
            grade = _grade_near(norm, at)
            if grade:
                return judgement, grade
    return None


def _grade_near(norm: str, at: int) -> str | None:
    """The grade in the sentence, the first after the judgement's phrase if there is one."""
    found: list[tuple[int, int, str]] = []
    for words, grade in _grades():
        position = norm.find(f" {words} ")
        # A shorter grade inside a longer one ("good" in "... to be good") is not another.
        if position >= 0 and not any(s <= position < s + n for s, n, _ in found):
            found.append((position, len(words) + 1, grade))
    if not found:
        return None
    after = [item for item in found if item[0] > at]
    return min(after or found)[2]


def _footer_start(blocks: Sequence[Block]) -> int:
    """Index of the first block of the trailing page footer (len(blocks) when there is none)."""
    furniture = taxonomy().furniture
    start = len(blocks)
    seen_marker = False
    for index in range(len(blocks) - 1, -1, -1):
        text = blocks[index].text
        if len(text) > FOOTER_BLOCK_CHARS or text.endswith("."):
            break
        seen_marker = seen_marker or any(
            p.search(t.text) for p in furniture for t in blocks[index].lines
        )
        start = index
    return start if seen_marker else len(blocks)


def parse_ofsted(
    path: str, blocks: Sequence[Block], council: str | None, width: int = 0
) -> Document:
    """An Ofsted children's services report as a Document with its judgements. `width`: the
    width its lines are wrapped at."""
    tax = taxonomy()
    out = SectionBuilder()
    rating: str | None = None
    judgements: dict[str, str] = {}
    footer = _footer_start(blocks)
    title: str | None = None
    for index, block in enumerate(blocks):
        if index == footer:
            out.open(block.first.text, "section", block.line, role="furniture", key="furniture")
        if index >= footer:
            out.add_block(block)
            continue
        stated = next(filter(None, map(judgement_in, _SENTENCE.split(block.text)[:2])), None)
        if stated is not None:
            judgement, grade = stated
            if judgement.id == "overall_effectiveness":
                rating = rating or grade
            else:
                # Full reports grade each judgement in a table and again over its section:
                # the first grade stands, and each occurrence opens the judgement's section.
                judgements.setdefault(judgement.id, grade)
                statement = judgement.statement
                out.open(
                    judgement.title,
                    "section",
                    block.line,
                    statement=statement,
                    theme=tax.theme_of(statement),
                    role="judgement",
                    key=f"{statement or 'doc'}/ofsted/{judgement.id}",
                )
        elif index == 0 or plain_heading(blocks, index, width) is not None:
            title = title or block.first.text
            role, key = ("title", "doc/title") if index == 0 else ("body", f"doc/x/{slug(title)}")
            out.open(block.first.text, "section", block.line, role=role, key=key)
            if len(block.lines) > 1:
                out.add(block.lines[1:])
            continue
        out.add_block(block)
    ordered = {j.id: judgements[j.id] for j in tax.ofsted_judgements if j.id in judgements}
    return Document(
        path=path,
        kind="ofsted_children",
        council=council,
        title=title,
        rating=rating,
        judgements=ordered,
        sections=out.finish(),
    )
