"""Aligning figures across documents: by metric id, else by label; best and worst by direction."""

from __future__ import annotations

from carecompare.metric_align import align_metrics
from carecompare.parsers import Comparator, Document, Metric, Section, parse_text


def document(council: str, *metrics: Metric, statement: str = "safeguarding") -> Document:
    section = Section("Safeguarding", "statement", 1, statement=statement)
    return Document(
        path=f"{council}.txt",
        kind="cqc_assessment",
        council=council,
        sections=(section,),
        metrics=metrics,
    )


def metric(
    label: str,
    value: float,
    national: float | None,
    metric_id: str | None = None,
    higher_is_better: bool | None = True,
    unit: str = "%",
) -> Metric:
    comparators = (Comparator("national average", "national", national),) if national else ()
    return Metric(
        label=label,
        quote=f"{value}{unit}",
        value=value,
        unit=unit,
        line=1,
        section=0,
        comparators=comparators,
        metric=metric_id,
        higher_is_better=higher_is_better,
    )


def test_same_metric_id_shares_a_row_and_best_worst_follow_direction():
    rows = align_metrics(
        [
            document("A", metric("people who feel safe", 70.7, 69.69, "ascs_feel_safe")),
            document("B", metric("service users who feel safe", 66.4, 65.0, "ascs_feel_safe")),
            document("C", metric("users feeling safe", 72.0, 69.69, "ascs_feel_safe")),
        ]
    )
    [row] = rows
    assert row.present == 3
    assert row.best_and_worst() == ({2}, {1})
    assert row.national == 69.69


def test_lower_is_better_flips_best_and_worst():
    rows = align_metrics(
        [
            document(
                "A", metric("median wait for DoLS allocation", 152, None, None, False, "days")
            ),
            document(
                "B",
                metric("median waiting time for DoLS allocation", 40, None, None, False, "days"),
            ),
        ]
    )
    [row] = rows
    assert row.key.startswith("label/")
    assert row.best_and_worst() == ({1}, {0})


def test_unknown_direction_marks_nothing_and_different_units_do_not_match():
    rows = align_metrics(
        [
            document("A", metric("population aged over 65", 22.3, 18.3, None, None)),
            document("B", metric("population aged over 65", 22.3, None, None, None, unit="count")),
        ]
    )
    assert len(rows) == 2
    assert rows[0].best_and_worst() == (set(), set())


def test_rows_follow_statement_order_then_larger_gaps():
    rows = align_metrics(
        [
            document("A", metric("small gap", 50, 49), metric("big gap", 80, 50)),
            document("B", metric("needs", 10, 5), statement="assessing_needs"),
        ]
    )
    assert [row.label for row in rows] == ["needs", "big gap", "small gap"]


def test_parsed_reports_line_up_the_same_measure_in_their_own_words():
    shire = parse_text(
        "# Wessex County Council: local authority assessment\n\n## Safeguarding\n\n"
        "People felt safe. 81.2% of carers felt safe compared to a national average of "
        "80.5%.\n",
        "shire.md",
    )
    city = parse_text(
        "# Mercia City Council: local authority assessment\n\n## Safeguarding\n\n"
        "The proportion of carers who said they feel safe was 72.7%, below the England "
        "average of 80%.\n",
        "city.md",
    )
    [row] = [r for r in align_metrics([shire, city]) if r.present == 2]
    assert row.key == "sace_feel_safe"
    assert row.label == "carers who feel safe"
    assert [row.first(i).value for i in range(2)] == [81.2, 72.7]
    assert row.best_and_worst() == ({0}, {1})


def test_figures_that_name_nothing_are_not_lined_up_with_each_other():
    rows = align_metrics(
        [
            document("A", metric("", 99, None, None, None)),
            document("B", metric("", 68.1, None, None, None)),
        ]
    )
    assert len(rows) == 2
