"""Council annual reports (local accounts): sections by ASCOF outcome domain, each aligned to
the CQC statement it answers to (taxonomy.yaml says which)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from .blocks import Block
from .builder import SectionBuilder
from .dates import main_period
from .generic import plain_heading
from .headings import MAX_HEADING_LINES, Cut, candidates
from .knowledge import NamedPhrases, taxonomy
from .model import Document
from .textnorm import normal_form, slug

DOMAIN_THRESHOLD = 90.0
"""rapidfuzz partial_ratio a heading needs against a domain's phrase."""


MIN_SHARED_WORDS = 0.6
"""Share of a domain phrase's words a heading must contain before rapidfuzz is asked."""


@dataclass(frozen=True, slots=True)
class _Phrase:
    domain: NamedPhrases
    norm: str
    words: frozenset[str]


@cache
def _phrases() -> tuple[_Phrase, ...]:
    phrases = []
    for domain in taxonomy().ascof_domains:
        for phrase in (domain.title, *domain.variants):
            norm = normal_form(phrase)
            phrases.append(_Phrase(domain, norm, frozenset(norm.split())))
    return tuple(phrases)


@cache
def _telling_words() -> frozenset[str]:
    """Long words of the domain phrases: a heading naming a domain uses some of them."""
    return frozenset(word for phrase in _phrases() for word in phrase.words if len(word) >= 7)


@cache
def _phrase_lengths() -> tuple[int, int]:
    sizes = [len(phrase.norm) for phrase in _phrases()]
    return int(0.6 * min(sizes)), int(1.6 * max(sizes) + 40)


def domain_heading(block: Block, width: int) -> tuple[NamedPhrases, str, Cut] | None:
    """The ASCOF domain a heading at the start of `block` names ("How does Derby City Council
    safeguard adults ... from harm?"), with the heading's text and where it ends. In text
    wrapped at `width`, heading lines are short."""
    first = block.first.text
    if block.first.bullet or len(first) > 120 or (width <= 200 and len(first) > 0.7 * width):
        return None
    lines = block.lines
    if len(lines) > MAX_HEADING_LINES and not any(
        "?" in line.text for line in lines[:MAX_HEADING_LINES]
    ):
        return None  # only a question can head a long paragraph, and none is asked
    shortest, longest = _phrase_lengths()
    for text, cut in candidates(block):
        # A domain heading is a question, or a block of its own.
        if not (text.endswith("?") or cut.lines == len(block.lines)):
            continue
        if not shortest <= len(text) <= longest:
            continue
        norm = normal_form(text)
        words = set(norm.split())
        if len(words & _telling_words()) < 2:
            continue
        for phrase in _phrases():
            if len(words & phrase.words) < MIN_SHARED_WORDS * len(phrase.words):
                continue
            size = len(phrase.norm)
            if not 0.6 * size <= len(norm) <= 1.6 * size + 30:
                continue
            if fuzz.partial_ratio(phrase.norm, norm) >= DOMAIN_THRESHOLD:
                return phrase.domain, text, cut
    return None


def _closes_domain(title: str) -> bool:
    return any(pattern.search(title) for pattern in taxonomy().annual_closing_headings)


def parse_annual(path: str, blocks: Sequence[Block], council: str | None, width: int) -> Document:
    """An annual report as a Document: its own headings, grouped under ASCOF domains.
    `width`: the width its lines are wrapped at."""
    tax = taxonomy()
    out = SectionBuilder()
    statement: str | None = None
    prefix = "doc"
    for index, block in enumerate(blocks):
        domain = domain_heading(block, width)
        if domain is not None:
            named, title, cut = domain
            statement = named.statement
            prefix = statement or "ascof"
            out.open(
                title,
                "section",
                block.line,
                statement=statement,
                theme=tax.theme_of(statement),
                role="domain",
                key=f"{prefix}/ascof/{named.id}",
            )
        else:
            cut = plain_heading(blocks, index, width)
            if cut is None:
                out.add_block(block)
                continue
            title = block.first.text
            if _closes_domain(title):
                statement, prefix = None, "doc"
            out.open(
                title,
                "section",
                block.line,
                statement=statement,
                theme=tax.theme_of(statement),
                key=f"{prefix}/x/{slug(title)}",
            )
        lines, chars = cut.rest(block)
        if lines:
            out.add(lines, chars)
    sections = out.finish()
    return Document(
        path=path,
        kind="annual_report",
        council=council,
        title=None,
        period=_period(blocks),
        sections=sections,
    )


def _period(blocks: Sequence[Block]) -> str | None:
    """The year the report covers, from where it names itself ("our 2012/13 Annual Report")."""
    naming = [
        b.text
        for b in blocks[:80]
        if "nnual report" in b.text or "ocal account" in b.text.casefold()
    ]
    return main_period(naming) or main_period([b.text for b in blocks[:30]])
