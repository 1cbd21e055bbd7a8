"""`carecompare search` as CONTRACT.md says, and the issue's examples on the bundled samples."""

from __future__ import annotations

import json

import pytest

from carecompare.tui.cli import main
from helpers import FIXTURES

KEYS = {"path", "council", "statement", "title", "line", "score", "snippet"}


def search_json(capsys, *args: str) -> list[dict]:
    assert main(["search", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "query", ["safeguarding backlog", "safegaurding backlgo", "DoLS waiting list"]
)
def test_a_safeguarding_section_ranks_first_on_the_samples(capsys, query):
    hits = search_json(capsys, query)
    assert hits[0]["statement"] == "safeguarding"
    assert all(set(hit) >= KEYS for hit in hits)
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_json_hit_points_at_the_line_of_the_match(capsys):
    path = FIXTURES / "york-safeguarding-pdf.txt"
    [hit, *_] = search_json(capsys, "making safeguarding personal", str(path))
    assert hit["path"] == str(path)
    assert hit["council"] == "City of York Council"
    assert hit["title"] == "Making safeguarding personal"
    # The words are in the title alone: the line is the title's, the snippet opens the text.
    lines = path.read_text().splitlines()
    assert "safeguarding" in lines[hit["line"] - 1].casefold()
    assert hit["snippet"].startswith("People were asked")


def test_json_line_is_the_line_of_the_words_in_the_text(capsys):
    hit = search_json(capsys, "DoLS waiting list")[0]
    with open(hit["path"], encoding="utf-8") as file:
        line = file.read().splitlines()[hit["line"] - 1].casefold()
    assert "waiting" in line or "dols" in line


def test_limit(capsys):
    assert len(search_json(capsys, "care", "--limit", "2")) == 2


def test_nothing_found_exits_1_with_empty_json(capsys):
    assert main(["search", "zzqxv", "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert "zzqxv" in captured.err


def test_a_query_without_words_is_bad_usage(capsys):
    assert main(["search", "..."]) == 2
    assert main(["search", "care", "--limit", "0"]) == 2


def test_readable_listing_marks_the_matched_words(capsys):
    assert main(["search", "safeguarding backlog"]) == 0
    out = capsys.readouterr().out
    assert "Derby City Council" in out and "backlog" in out


def test_listing_shows_document_text_literally(tmp_path, capsys):
    path = tmp_path / "markup.txt"
    path.write_text("# Findings\n\nThe [bold red]backlog[/] grew [@click=app.quit]x[/] daily.\n")
    assert main(["search", "backlog", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[bold red]backlog[/]" in out and "[@click=app.quit]" in out


def test_marked_text_styles_only_the_spans():
    from carecompare.tui.search_listing import MATCH_STYLE, marked

    text = marked("a backlog here", [(2, 9)])
    assert text.plain == "a backlog here"
    assert [(s.start, s.end, str(s.style)) for s in text.spans] == [(2, 9, MATCH_STYLE)]
    # Text with control characters is cleaned and shown unmarked.
    assert marked("a\x1b[31mb", [(0, 1)]).plain == "ab"
