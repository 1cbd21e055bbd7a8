"""Readable command-line output with rich. Document text is always passed as `Text`, never
as markup, so a report that says `[bold]` prints `[bold]`."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from carecompare.parsers import Document, Metric
from carecompare.parsers.clean import safe_text
from carecompare.parsers.figures.numbers import decimals
from carecompare.parsers.knowledge import taxonomy

SCORE_STYLES = {4: "bold green", 3: "green", 2: "yellow", 1: "bold red"}
RATING_STYLES = {
    "outstanding": "bold green",
    "good": "green",
    "requires improvement": "yellow",
    "requires improvement to be good": "yellow",
    "inadequate": "bold red",
}
KIND_LABELS = {
    "cqc_assessment": "CQC",
    "annual_report": "annual",
    "ofsted_children": "Ofsted",
    "other": "other",
}


def plain(value: object, style: str = "") -> Text:
    """Document data as Text: never parsed as markup, control characters removed."""
    return Text(safe_text("" if value is None else str(value)), style=style)


def rating_text(rating: str | None, indicative: bool = False) -> Text:
    if not rating:
        return Text("–", style="dim")
    label = f"{rating} (indicative)" if indicative else rating
    return plain(label, RATING_STYLES.get(rating.casefold(), ""))


def score_text(score: int | None) -> Text:
    if score is None:
        return Text("·", style="dim")
    return Text(str(score), style=SCORE_STYLES.get(score, ""))


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def print_scores(documents: Sequence[Document]) -> None:
    """Councils as rows, the rating and the nine statement scores as columns."""
    statements = taxonomy().statements
    legend = "  ".join(f"{s.number} {s.title}" for s in statements)
    table = Table(
        title="Ratings and quality statement scores (1-4)",
        title_justify="left",
        caption=legend,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("Council", ratio=3, min_width=12)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Rating", ratio=2, min_width=8)
    for statement in statements:
        table.add_column(str(statement.number), justify="center", no_wrap=True)
    for document in documents:
        date = document.published.isoformat() if document.published else document.period
        table.add_row(
            plain(document.name),
            plain(KIND_LABELS.get(document.kind, document.kind)),
            plain(date or "–"),
            rating_text(document.rating, document.indicative),
            *(score_text(document.scores.get(s.id)) for s in statements),
        )
    _console().print(table)


def print_outline(document: Document) -> None:
    """The document's facts, then its sections as a tree (theme > statement > finding)."""
    console = _console()
    facts = Text()
    facts.append(safe_text(document.name), style="bold")
    facts.append(f"  {KIND_LABELS.get(document.kind, document.kind)}")
    if document.published:
        facts.append(f"  published {document.published.isoformat()}")
    if document.period:
        facts.append(f"  covers {safe_text(document.period)}")
    console.print(facts)
    if document.rating:
        console.print(Text("rating: ").append(rating_text(document.rating, document.indicative)))
    for judgement, grade in document.judgements.items():
        console.print(plain(f"{judgement.replace('_', ' ')}: {grade}"))
    tree = Tree(plain(document.path, "dim"))
    branches = {0: tree}
    depth_of = {"theme": 1, "statement": 2, "subsection": 3, "section": 3}
    for section in document.sections:
        depth = depth_of[section.kind]
        if section.kind == "section" and section.statement is None:
            depth = 1
        parent = branches.get(depth - 1) or branches[max(k for k in branches if k < depth)]
        label = Text(f"{section.line:>5}  ", style="dim")
        label.append(safe_text(section.title or "(untitled)"), style="bold" if depth < 3 else "")
        if section.score is not None:
            label.append("  ").append(score_text(section.score))
        if section.furniture:
            label.append("  (page furniture)", style="dim")
        label.append(f"  {len(section.text.split())} words", style="dim")
        branches[depth] = parent.add(label)
        for deeper in [k for k in branches if k > depth]:
            del branches[deeper]
    console.print(tree)


VERDICT_STYLES = {
    "better": ("✓ better", "green"),
    "worse": ("✗ worse", "red"),
    "similar": ("≈ similar", "yellow"),
    "unknown": ("? unknown", "dim"),
}
"""A verdict's symbol and word carry its meaning without colour (NO_COLOR, colour-blind)."""


def gap_text(metric: Metric) -> Text:
    """The gap to the reference comparator as a signed number with an arrow, coloured by the
    verdict; a dim dash when the figure has no comparator."""
    gap = metric.gap
    reference = metric.reference
    if gap is None or reference is None:
        return Text("–", style="dim")
    places = max(decimals(metric.quote), decimals(reference.quote))
    arrow = "↑" if gap > 0 else "↓" if gap < 0 else "="
    style = VERDICT_STYLES[metric.verdict][1]
    return Text(f"{arrow} {_signed(gap, places, metric.unit)}", style=style)


def _signed(gap: float, places: int, unit: str) -> str:
    """A gap as a short signed number: "+8.08", "−3", "+£128.6m"."""
    sign = "+" if gap > 0 else "-" if gap < 0 else "±"
    size = abs(gap)
    prefix = "£" if unit == "GBP" else ""
    if size >= 1e6:
        return f"{sign}{prefix}{size / 1e6:,.1f}m"
    if size >= 1e4:
        return f"{sign}{prefix}{size / 1e3:,.0f}k"
    return f"{sign}{prefix}{size:,.{places}f}"


def verdict_text(metric: Metric) -> Text:
    word, style = VERDICT_STYLES[metric.verdict]
    return Text(word, style=style)


def comparators_text(metric: Metric) -> Text:
    """The comparator the gap is measured against ("national average 61.21%"), and how many
    others the report gives."""
    reference = metric.reference
    if reference is None:
        return Text("–", style="dim")
    text = plain(f"{reference.label} {reference.quote}")
    if len(metric.comparators) > 1:
        text.append(f" +{len(metric.comparators) - 1}", style="dim")
    return text


def print_metrics(documents: Sequence[Document]) -> None:
    """Every figure of every document, one table per document: what it measures, its value,
    what it is compared with, the gap to the national (else first) comparator and whether
    that is better or worse for the measure."""
    numbers = {s.id: s.number for s in taxonomy().statements}
    console = _console()
    for document in documents:
        if not document.metrics:
            continue
        title = Text()
        title.append(safe_text(document.name), style="bold")
        title.append(f"  {KIND_LABELS.get(document.kind, document.kind)}  ")
        title.append(safe_text(document.path), style="dim")
        table = Table(
            title=title,
            title_justify="left",
            box=box.SIMPLE_HEAD,
            expand=True,
            padding=(0, 0),
            show_edge=False,
        )
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Figure", ratio=4, min_width=12)
        table.add_column("Value", justify="right", no_wrap=True)
        table.add_column("Compared with", ratio=3, min_width=8)
        table.add_column("Gap", justify="right", no_wrap=True)
        table.add_column("Verdict", no_wrap=True)
        table.add_column("Source", ratio=2, min_width=7, overflow="fold")
        table.add_column("Line", justify="right", no_wrap=True)
        for metric in document.metrics:
            number = numbers.get(document.sections[metric.section].statement or "")
            table.add_row(
                Text(str(number), style="") if number else Text("·", style="dim"),
                plain(metric.label),
                plain(metric.quote),
                comparators_text(metric),
                gap_text(metric),
                verdict_text(metric),
                plain(metric.source or "–", "" if metric.source else "dim"),
                Text(str(metric.line), style="dim"),
            )
        console.print(table)
    console.print(
        Text(
            "#: quality statement (1-9). Gap: the figure minus the national average (else the "
            "first comparator). Verdict by the measure's direction; ? when it is not known.",
            style="dim",
        )
    )
