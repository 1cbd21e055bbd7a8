"""The export's opening parts: the documents compared, and their ratings and statement scores
side by side with the differences marked (who is ahead, by how much)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from carecompare.export_view import KIND_NAMES, ExportView
from carecompare.figure_format import BEST, WORST
from carecompare.markdown import ABSENT, cell, inline, table
from carecompare.parsers import Document
from carecompare.parsers.knowledge import taxonomy

LEVEL = "="
"""Mark for a statement every document scores the same."""


def ranks(values: Mapping[int, float]) -> tuple[set[int], set[int]]:
    """The documents (by index) with the highest and the lowest value; both empty when fewer
    than two different values are given."""
    if len(set(values.values())) < 2:
        return set(), set()
    high, low = max(values.values()), min(values.values())
    return (
        {i for i, v in values.items() if v == high},
        {i for i, v in values.items() if v == low},
    )


def difference(values: Mapping[int, float], labels: Sequence[str], unit: str = "") -> str:
    """Who is ahead of whom and by how much ("▲ A ahead of ▼ B by 1"), as markdown."""
    if not values:
        return ABSENT
    if len(values) == 1:
        [index] = values
        return f"only {inline(labels[index])}"
    high, low = ranks(values)
    if not high:
        return f"{LEVEL} level"
    gap = max(values.values()) - min(values.values())
    by = f"{gap:g}" + (f" {unit}{'s' if gap != 1 else ''}" if unit else "")
    ahead = ", ".join(inline(labels[i]) for i in sorted(high))
    behind = ", ".join(inline(labels[i]) for i in sorted(low))
    return f"{BEST} {ahead} ahead of {WORST} {behind} by {by}"


def marked(text: str, index: int, high: set[int], low: set[int]) -> str:
    """A value with the best or worst mark when it is one."""
    if index in high:
        return f"{text} {BEST}"
    if index in low:
        return f"{text} {WORST}"
    return text


def date_text(document: Document) -> str:
    """When a document is from: its publication date and the period it covers."""
    parts = []
    if document.published:
        parts.append(document.published.isoformat())
    if document.period:
        parts.append(f"covers {inline(document.period)}")
    return ", ".join(parts) or ABSENT


def rating_text(document: Document) -> str:
    """The rating as the document states it, indicative or not, with any overall score."""
    if not document.rating:
        return ABSENT
    text = inline(document.rating)
    if document.indicative:
        text += " (indicative)"
    if document.overall_score is not None:
        text += f", overall score {document.overall_score}%"
    return text


def documents_part(view: ExportView) -> str:
    """The documents compared: council, kind, date, rating and file; Ofsted judgements."""
    rows = [
        [
            cell(label),
            cell(document.council),
            KIND_NAMES.get(document.kind, cell(document.kind)),
            date_text(document),
            rating_text(document),
            cell(document.path),
        ]
        for label, document in zip(view.labels, view.documents, strict=True)
    ]
    parts = [
        "## Documents compared",
        table(["Document", "Council", "Kind", "Date", "Rating", "File"], rows),
    ]
    judged = [i for i, d in enumerate(view.documents) if d.judgements]
    if judged:
        titles = {j.id: j.title for j in taxonomy().ofsted_judgements}
        ids = list(dict.fromkeys(j for i in judged for j in view.documents[i].judgements))
        parts.append("Ofsted judgements:")
        parts.append(
            table(
                ["Judgement", *(cell(view.labels[i]) for i in judged)],
                [
                    [
                        cell(titles.get(j, j.replace("_", " "))),
                        *(cell(view.documents[i].judgements.get(j)) for i in judged),
                    ]
                    for j in ids
                ],
            )
        )
    return "\n\n".join(parts)


def _rating_ranks(view: ExportView) -> dict[int, float]:
    """CQC ratings as numbers (higher is better) for the CQC documents that state one.

    Ratings from other regulators use other scales and are not ranked against them."""
    order = [r.casefold() for r in taxonomy().ratings]
    found = {}
    for i, document in enumerate(view.documents):
        rating = (document.rating or "").casefold()
        if document.kind == "cqc_assessment" and rating in order:
            found[i] = float(len(order) - order.index(rating))
    return found


def scores_part(view: ExportView) -> str:
    """Ratings and the chosen statements' scores: statements as rows, documents as columns."""
    tax = taxonomy()
    ids = [s.id for s in view.statements]
    shown = [
        i
        for i, d in enumerate(view.documents)
        if d.rating or any(d.scores.get(s) is not None for s in ids)
    ]
    parts = ["## Ratings and scores"]
    if not shown:
        parts.append("No document states a rating or a score for these statements.")
        return "\n\n".join(parts)
    header = ["", *(cell(view.labels[i]) for i in shown), "Difference"]
    ratings = {i: v for i, v in _rating_ranks(view).items() if i in shown}
    high, low = ranks(ratings)
    rows = [
        [
            "**Rating**",
            *(marked(rating_text(view.documents[i]), i, high, low) for i in shown),
            difference(ratings, view.labels, "grade") if ratings else ABSENT,
        ]
    ]
    for statement in view.statements:
        scores = {
            i: float(score)
            for i in shown
            if (score := view.documents[i].scores.get(statement.id)) is not None
        }
        high, low = ranks(scores)
        rows.append(
            [
                f"{statement.number}. {cell(statement.title)}",
                *(marked(f"{scores[i]:g}", i, high, low) if i in scores else ABSENT for i in shown),
                difference(scores, view.labels),
            ]
        )
    parts.append(table(header, rows, "l" + "c" * len(shown) + "l"))
    by_score = sorted(tax.score_words.items(), key=lambda item: -item[1])
    words = "; ".join(f"{score}: {words}" for words, score in by_score)
    parts.append(
        f"Scores run from 1 to 4 ({words}). {BEST} highest of the documents, {WORST} lowest, "
        f"{LEVEL} all the same, {ABSENT} not stated. CQC ratings are compared with each other "
        "only; other regulators' grades are shown as stated."
    )
    unscored = [i for i in range(len(view.documents)) if i not in shown]
    if unscored:
        names = ", ".join(inline(view.labels[i]) for i in unscored)
        parts.append(f"No rating or score stated in: {names}.")
    return "\n\n".join(parts)
