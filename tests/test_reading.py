"""The reader's data: what it opens with, its outline, where figures stand, the scorecard."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reader_fixtures import council, three_councils

from carecompare.align import align
from carecompare.gaps import BEST, WORST
from carecompare.metric_align import align_metrics
from carecompare.reading import (
    OPEN_WITH_AT_MOST,
    default_choice,
    figures_with_gaps,
    outline,
    place_figures,
    statement_rows,
)
from carecompare.scorecard import document_date, rating_rank, score_columns, sort_order


def test_opens_with_the_commonest_kind_when_few():
    documents = three_councils()
    ofsted = replace(documents[0], kind="ofsted_children")
    assert default_choice([ofsted, *documents]) == (1, 2, 3)
    assert default_choice([]) == ()
    many = [replace(documents[0], path=f"{n}.md") for n in range(OPEN_WITH_AT_MOST + 1)]
    assert default_choice(many) == ()


def test_outline_has_each_councils_score_and_the_spread():
    comparison = align(three_councils())
    entries = outline(comparison)
    assert [e.row for e in entries] == list(range(len(comparison.rows)))
    safeguarding = next(e for e in entries if e.statement == "safeguarding" and e.number)
    assert safeguarding.number == 7
    assert safeguarding.scores == (3, 2, 3)
    assert safeguarding.spread == 1
    finding = next(e for e in entries if e.title == "Making safeguarding personal")
    assert finding.scores == () and finding.spread == 0 and finding.number is None
    assert statement_rows(comparison)["safeguarding"] == safeguarding.row


def test_figures_are_placed_in_their_sections_row_and_ranked():
    documents = three_councils()
    comparison = align(documents)
    placed = place_figures(comparison, align_metrics(documents))
    rows = statement_rows(comparison)
    alpha = {f.value.label: f for f in placed[(rows["safeguarding"], 0)]}
    assert list(alpha) == ["people who feel safe", "median wait for DoLS"]
    assert alpha["people who feel safe"].rank == BEST
    assert alpha["median wait for DoLS"].key == (0, 2)
    beta = {f.value.label: f for f in placed[(rows["safeguarding"], 1)]}
    assert beta["people who feel safe"].rank == WORST
    assert beta["median wait for DoLS"].rank == WORST  # 152 days, lower is better
    satisfied_row = next(
        i for i, r in enumerate(comparison.rows) if r.key.startswith("assessing_needs/")
    )
    assert [f.value.label for f in placed[(satisfied_row, 0)]] == [
        "people satisfied with their care"
    ]
    ordered = figures_with_gaps(placed)
    assert [(f.row, f.document) for f in ordered] == sorted((f.row, f.document) for f in ordered)
    assert len(ordered) == 7


def test_scorecard_sorts_with_missing_values_last_either_way():
    documents = three_councils()
    documents.append(council("Delta Council", {}, rating=None, published=None))
    columns = {c.id: c for c in score_columns()}
    assert sort_order(documents, columns["safeguarding"], descending=True) == [0, 2, 1, 3]
    assert sort_order(documents, columns["safeguarding"]) == [1, 0, 2, 3]
    assert sort_order(documents, columns["rating"], descending=True) == [0, 2, 1, 3]
    assert sort_order(documents, columns["date"]) == [1, 2, 0, 3]
    assert sort_order(documents, columns["council"], descending=True)[0] == 2
    assert [c.title for c in score_columns()][4] == "1 Assessing"


def test_rating_ranks_and_dates():
    assert rating_rank("Outstanding") == 4
    assert rating_rank("Requires improvement to be good") == 2
    assert rating_rank("inadequate") == 1
    assert rating_rank(None) is None and rating_rank("Splendid") is None
    assert document_date(council("X", {}, published=date(2024, 8, 16))) == "2024-08-16"
    assert document_date(replace(council("X", {}), published=None, period="2012/13")) == "2012/13"
