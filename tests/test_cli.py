"""The command line as CONTRACT.md describes it: JSON shapes, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from carecompare.tui.cli import main
from helpers import FIXTURES


def run(*args: str, cwd: str | Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command line in a fresh process, as a user would."""
    code = "import sys; from carecompare.tui.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "120"},
        timeout=120,
    )


def test_scores_json_on_the_bundled_samples_from_anywhere(tmp_path):
    result = run("scores", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 5
    keys = {
        "path",
        "council",
        "kind",
        "published",
        "period",
        "rating",
        "indicative",
        "scores",
        "judgements",
    }
    assert all(keys <= set(record) for record in records)
    by_council_kind = {(r["council"], r["kind"]) for r in records}
    assert ("Derbyshire County Council", "ofsted_children") in by_council_kind


def test_scores_json_contract_shape(capsys):
    assert main(["scores", "--json", str(FIXTURES / "rotherham-pilot.txt")]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert record["path"] == str(FIXTURES / "rotherham-pilot.txt")
    assert record["published"] == "2023-11-24"
    assert record["period"] is None
    assert record["indicative"] is True
    assert record["scores"] == {
        "assessing_needs": 2,
        "safe_pathways": 3,
        "safeguarding": 1,
        "governance": 2,
    }
    assert record["judgements"] == {}


def test_parse_json_sections_hold_the_text(capsys):
    path = str(FIXTURES / "york-safeguarding-pdf.txt")
    assert main(["parse", "--json", path]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["council"] == "City of York Council"
    section = record["sections"][-1]
    assert set(section) >= {"title", "kind", "statement", "theme", "score", "line", "text"}
    assert (section["title"], section["kind"], section["statement"]) == (
        "Making safeguarding personal",
        "subsection",
        "safeguarding",
    )
    assert section["line"] == 34 and section["text"].startswith("People were asked")


def test_scores_csv(capsys):
    assert main(["scores", "--csv", str(FIXTURES / "rotherham-pilot.txt")]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split(",")[:3] == ["path", "council", "kind"]
    assert row.split(",")[-1] == ""  # learning: not stated


def test_readable_output_shows_document_text_literally(tmp_path, capsys):
    path = tmp_path / "markup.txt"
    path.write_text("# [bold red]Council[/] [@click=app.quit]x[/]\n\nText here.\n")
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[bold red]Council[/]" in out and "[@click=app.quit]" in out


def test_missing_file_is_skipped_with_a_warning_and_others_still_load(capsys):
    code = main(["scores", "--json", "no-such-file.txt", str(FIXTURES / "rotherham-pilot.txt")])
    captured = capsys.readouterr()
    assert code == 0
    assert "no-such-file.txt" in captured.err
    assert len(json.loads(captured.out)) == 1


def test_nothing_readable_exits_1(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    assert main(["scores", str(tmp_path)]) == 1
    assert "empty.txt" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["parse"],
        ["parse", "no-such-file.txt"],
        ["scores", "--json", "--csv"],
        ["scores", "--frobnicate"],
    ],
)
def test_bad_usage_exits_2_with_one_line_and_no_traceback(args):
    result = run(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_binary_file_for_parse_names_the_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x00\x01\x02\x89PNG")
    result = run("parse", str(path))
    assert result.returncode == 2
    assert "image.txt" in result.stderr and "binary" in result.stderr


def test_version_and_help():
    assert run("--version").stdout.startswith("carecompare ")
    help_text = run("--help").stdout
    assert "scores" in help_text and "parse" in help_text
