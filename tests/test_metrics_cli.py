"""`carecompare metrics` as CONTRACT.md describes it: JSON records, CSV, a readable table."""

from __future__ import annotations

import csv
import io
import json

import pytest

from carecompare.tui.cli import main

ASSESSMENT = """# Wessex Council: local authority assessment

## Assessing needs

### Assessment, care planning and review arrangements

The percentage of people satisfied with their care and support was higher in Wessex
(69.29%) than the national average (61.21%) (ASCS).

There were 412 active care providers.

## Safeguarding

The median wait for a safeguarding enquiry was 9 days, against a national average of 12 days.
"""


@pytest.fixture
def assessment(tmp_path):
    path = tmp_path / "wessex.md"
    path.write_text(ASSESSMENT, encoding="utf-8")
    return str(path)


def test_metrics_json_is_the_contract_record(assessment, capsys):
    assert main(["metrics", "--json", assessment]) == 0
    records = json.loads(capsys.readouterr().out)
    first = records[0]
    assert {
        key: first[key]
        for key in (
            "path",
            "council",
            "statement",
            "line",
            "metric",
            "quote",
            "value",
            "unit",
            "comparators",
            "source",
            "higher_is_better",
            "gap",
            "verdict",
        )
    } == {
        "path": assessment,
        "council": "Wessex Council",
        "statement": "assessing_needs",
        "line": 8,
        "metric": "ascs_satisfaction",
        "quote": "69.29%",
        "value": 69.29,
        "unit": "%",
        "comparators": [
            {"label": "national average", "kind": "national", "value": 61.21, "quote": "61.21%"}
        ],
        "source": "ASCS",
        "higher_is_better": True,
        "gap": 8.08,
        "verdict": "better",
    }
    assert first["section"] == "Assessment, care planning and review arrangements"
    assert "satisfied with their care and support" in first["label"]


def test_a_figure_without_comparator_has_an_empty_list_and_no_gap(assessment, capsys):
    main(["metrics", "--json", assessment])
    records = json.loads(capsys.readouterr().out)
    providers = next(r for r in records if r["quote"] == "412")
    assert (providers["comparators"], providers["gap"], providers["verdict"]) == (
        [],
        None,
        "unknown",
    )
    assert providers["value"] == 412 and isinstance(providers["value"], int)


def test_a_shorter_wait_is_better(assessment, capsys):
    main(["metrics", "--json", assessment])
    wait = next(r for r in json.loads(capsys.readouterr().out) if r["unit"] == "days")
    assert (wait["statement"], wait["gap"], wait["verdict"]) == ("safeguarding", -3, "better")


def test_metrics_csv(assessment, capsys):
    assert main(["metrics", "--csv", assessment]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["quote"] == "69.29%"
    assert rows[0]["comparators"] == "national average (national): 61.21"
    assert rows[0]["verdict"] == "better"
    assert len(rows) == 3


def test_readable_table_shows_figures_gaps_and_verdict_words(assessment, capsys):
    assert main(["metrics", assessment]) == 0
    out = capsys.readouterr().out
    assert "69.29%" in out and "+8.08" in out and "better" in out


def test_readable_table_shows_document_text_literally(tmp_path, capsys):
    path = tmp_path / "markup.md"
    path.write_text(
        "# Wessex Council: local authority assessment\n\n"
        "[bold red]Carers[/] [@click=app.quit]x[/] waiting: 41 people.\n",
        encoding="utf-8",
    )
    assert main(["metrics", str(path)]) == 0
    out = "".join(capsys.readouterr().out.split())  # the table may wrap the label
    assert "[boldred]Carers[/]" in out and "[@click=app.quit]x[/]" in out


def test_metrics_on_the_bundled_samples(capsys):
    assert main(["metrics", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    compared = [r for r in records if r["comparators"]]
    assert len(compared) > 50
    assert {r["verdict"] for r in compared} >= {"better", "worse", "similar", "unknown"}


def test_nothing_found_exits_1(tmp_path, capsys):
    path = tmp_path / "words.txt"
    path.write_text("A report with words and no figures at all.\n", encoding="utf-8")
    assert main(["metrics", "--json", str(path)]) == 1
    assert json.loads(capsys.readouterr().out) == []
