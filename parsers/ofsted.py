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


def judgements_in(sentence: str) -> list[tuple[NamedPhrases, str]]:
    """The judgements a sentence states, in its order, each with its grade: "The impact of
    leaders is good, and the experiences and progress of children in care are outstanding"
    states two. A judgement's grade is the first after its words and before the next
    judgement's, else the first after its words, else the sentence's first ("Ofsted rated
    Sefton as requires improvement to be good overall effectiveness")."""
    norm = f" {normal_form(sentence)} "
    first_at: dict[str, tuple[int, NamedPhrases]] = {}
    for judgement, phrase in _judgement_phrases():
        at = norm.find(phrase)
        if at >= 0 and (judgement.id not in first_at or at < first_at[judgement.id][0]):
            first_at[judgement.id] = (at, judgement)
    grades = _grades_in(norm) if first_at else []
    if not grades:
        return []
    ordered = sorted(first_at.values(), key=lambda item: item[0])
    stated = []
    for index, (at, judgement) in enumerate(ordered):
        until = ordered[index + 1][0] if index + 1 < len(ordered) else len(norm)
        between = [grade for position, grade in grades if at < position < until]
        after = [grade for position, grade in grades if position > at]
        stated.append((judgement, (between or after or [grades[0][1]])[0]))
    return stated


def judgement_in(sentence: str) -> tuple[NamedPhrases, str] | None:
    """The first judgement a sentence states and its grade, or None."""
    stated = judgements_in(sentence)
    return stated[0] if stated else None


def _grades_in(norm: str) -> list[tuple[int, str]]:
    """Where each grade stands in a sentence in normal form, in order. A shorter grade inside
    a longer one ("good" in "requires improvement to be good") is not another."""
    found: list[tuple[int, int, str]] = []
    for words, grade in _grades():  # longest first
        position = norm.find(f" {words} ")
        while position >= 0:
            if not any(s <= position < s + n for s, n, _ in found):
                found.append((position, len(words) + 1, grade))
            position = norm.find(f" {words} ", position + 1)
    return sorted((position, grade) for position, _, grade in found)


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
        # The first of its first two sentences that states a judgement (it may state more).
        stated = next(filter(None, map(judgements_in, _SENTENCE.split(block.text)[:2])), [])
        if stated:
            overall = _state(stated, out, judgements, block.line)
            rating = rating or overall
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


def _state(
    stated: list[tuple[NamedPhrases, str]],
    out: SectionBuilder,
    judgements: dict[str, str],
    line: int,
) -> str | None:
    """Record a paragraph's judgements and open the section of the first; return the
    overall effectiveness grade it states (the rating), if any. Full reports grade each
    judgement in a table and again over its section: the first grade stands, and each
    occurrence opens the judgement's section."""
    tax = taxonomy()
    opened = False
    overall = None
    for judgement, grade in stated:
        if judgement.id == "overall_effectiveness":
            overall = overall or grade
            continue
        judgements.setdefault(judgement.id, grade)
        if opened:
            continue  # a paragraph that states two belongs to the first's section
        opened = True
        statement = judgement.statement
        out.open(
            judgement.title,
            "section",
            line,
            statement=statement,
            theme=tax.theme_of(statement),
            role="judgement",
            key=f"{statement or 'doc'}/ofsted/{judgement.id}",
        )
    return overall
