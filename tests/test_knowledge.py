"""The knowledge files, and the user's own (CARECOMPARE_KNOWLEDGE): read with the safe
loader, checked, and every problem named by file and key."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from carecompare.parsers.knowledge import (
    COUNCILS_SHAPE,
    TAXONOMY_SHAPE,
    KnowledgeError,
    check_shape,
)


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CARECOMPARE_KNOWLEDGE": str(folder)}
    return subprocess.run(
        [sys.executable, "-m", "carecompare.tui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def shipped(name: str) -> dict:
    text = resources.files("carecompare.parsers").joinpath("data", name).read_text("utf-8")
    return yaml.safe_load(text)


def test_the_shipped_files_have_their_shapes():
    check_shape(shipped("taxonomy.yaml"), TAXONOMY_SHAPE, "taxonomy.yaml")
    check_shape(shipped("councils.yaml"), COUNCILS_SHAPE, "councils.yaml")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"themes": 3}, "taxonomy.yaml: themes: expected a list, found 3"),
        ({"themes": [{"id": 7}]}, "themes[0].id: expected text, found 7"),
        ({"statements": [{"subsections": "one"}]}, "statements[0].subsections: expected a list"),
        ({"kinds": {"cqc": {"markers": {"x": "many"}}}}, "kinds.cqc.markers.x: expected a whole"),
        ({"score_words": {"two": "x"}}, "score_words.two (the key): expected a whole number"),
        ({"ratings": [True]}, "ratings[0]: expected text, found True"),
    ],
)
def test_a_wrong_shape_names_the_key(value, message):
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        check_shape(value, TAXONOMY_SHAPE, "taxonomy.yaml")


def test_a_users_own_taxonomy_adds_a_title_variant(tmp_path):
    taxonomy = shipped("taxonomy.yaml")
    for statement in taxonomy["statements"]:
        if statement["id"] == "safeguarding":
            statement["variants"] = ["Keeping people safe from abuse"]
    (tmp_path / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy))
    document = tmp_path / "report.txt"
    document.write_text(
        "Keeping people safe from abuse\n\nScore: 3\n\n"
        "Key findings for this quality statement\n\nStaff knew the policy well.\n"
    )
    result = run(tmp_path, "scores", "--json", "--no-cache", str(document))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["scores"] == {"safeguarding": 3}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("councils.yaml", "councils:\n  - name: 5\n", "councils.yaml: councils[0].name: expected"),
        ("councils.yaml", "councils: [\n", "councils.yaml: not valid YAML (line 2)"),
        ("taxonomy.yaml", "- just\n- a list\n", "taxonomy.yaml: expected a mapping"),
        # The safe loader builds no objects: a tag that would run code is refused.
        ("councils.yaml", '!!python/object/apply:os.system ["echo hacked"]\n', "not valid YAML"),
    ],
)
def test_a_bad_users_file_stops_with_one_line_naming_it(tmp_path, name, content, message):
    (tmp_path / name).write_text(content)
    result = run(tmp_path, "scores")
    assert result.returncode == 2
    assert "hacked" not in result.stdout + result.stderr
    [line] = result.stderr.strip().splitlines()
    assert str(tmp_path / name) in line and message.split(": ", 1)[-1] in line
    assert "Traceback" not in result.stderr


def test_the_parse_cache_knows_the_users_files(tmp_path):
    (tmp_path / "councils.yaml").write_text(yaml.safe_dump(shipped("councils.yaml")))
    code = "from carecompare.cache import parser_version; print(parser_version())"
    plain = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    own = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "CARECOMPARE_KNOWLEDGE": str(tmp_path)},
    )
    assert plain.stdout.strip() and own.stdout.strip()
    assert plain.stdout != own.stdout
