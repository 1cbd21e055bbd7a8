"""Broken and hostile input: every bad file gets a clear message naming it, the rest load,
nothing is interpreted and no control character comes out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from badfiles import ESCAPES, MARKUP, build_bad_folder

from carecompare.corpus import load_corpus
from carecompare.parsers import parse_text
from carecompare.parsers.load import LoadError, read_bytes
from carecompare.samples import sample_paths

CONTROL = {chr(c) for c in range(32) if chr(c) not in "\n"} | {chr(c) for c in range(0x7F, 0xA0)}


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("bad")
    expected = build_bad_folder(folder)
    for sample in sample_paths():
        (folder / Path(sample).name).write_bytes(Path(sample).read_bytes())
        expected[Path(sample).name] = "loads"
    return folder, expected


def test_every_bad_file_is_named_with_its_reason_and_the_rest_load(bad_folder):
    folder, expected = bad_folder
    corpus = load_corpus([str(folder)], use_cache=False)
    loaded = {Path(d.path).name for d in corpus.documents}
    failed = {Path(f.path).name: f.reason for f in corpus.failures}
    for name, expectation in expected.items():
        if expectation == "loads":
            assert name in loaded, f"{name} did not load: {failed.get(name)}"
        else:
            assert name in failed, f"{name} loaded, but should be skipped"
            assert expectation.lower() in failed[name].lower(), (name, failed[name])
    # The symlink loop is walked once, not for ever, and is not an error.
    assert len(corpus.documents) == sum(1 for e in expected.values() if e == "loads")


def test_the_command_line_skips_bad_files_with_one_line_each(bad_folder):
    folder, expected = bad_folder
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "carecompare.tui.cli",
            "scores",
            "--json",
            "--no-cache",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("carecompare:")]
    for name, expectation in expected.items():
        named = [line for line in skipped if f"/{name}:" in line]
        assert bool(named) == (expectation != "loads"), (name, named)
    records = json.loads(result.stdout)
    councils = {record["council"] for record in records}
    assert {"Derby City Council", "Derbyshire County Council", "North Lincolnshire Council"} <= (
        councils
    )


def test_markup_in_a_document_is_text(bad_folder):
    folder, _ = bad_folder
    [document] = load_corpus([str(folder / "markup.md")], use_cache=False).documents
    text = " ".join(f"{s.title} {s.text}" for s in document.sections)
    assert "[@click=app.quit]" in text and "[bold red]" in text and "[/]" in text


def test_terminal_escapes_never_reach_the_output(bad_folder):
    folder, _ = bad_folder
    [document] = load_corpus([str(folder / "escapes.txt")], use_cache=False).documents
    assert document.scores == {"safeguarding": 2}
    for section in document.sections:
        assert not CONTROL & set(section.title + section.text), section
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "carecompare.tui.cli",
            "parse",
            "--no-cache",
            str(folder / "escapes.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert (
        "\x1b[2J" not in result.stdout
        and "\x1b]52" not in result.stdout
        and "\x07" not in result.stdout
    )


def test_a_file_that_disappears_while_loading_is_skipped(tmp_path, monkeypatch):
    keep = tmp_path / "keep.txt"
    keep.write_text(ESCAPES)
    gone = tmp_path / "gone.txt"
    gone.write_text(MARKUP)

    from carecompare.parsers import load as load_module

    original = load_module.read_bytes

    def vanish_first(path):
        if Path(path).name == "gone.txt" and gone.exists():
            gone.unlink()  # gone between being listed and being read
        return original(path)

    monkeypatch.setattr("carecompare.corpus.read_bytes", vanish_first, raising=False)
    monkeypatch.setattr("carecompare.parsers.load.read_bytes", vanish_first)
    corpus = load_corpus([str(tmp_path)], use_cache=False, workers=1)
    assert [Path(d.path).name for d in corpus.documents] == ["keep.txt"]
    assert [(Path(f.path).name, f.reason) for f in corpus.failures] == [
        ("gone.txt", "no such file")
    ]


def test_an_unreadable_file_is_named(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("Safeguarding\n")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Tests run as root in CI, where file modes do not stop reading: refuse at the OS call.
    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(LoadError, match=r"locked\.txt: permission denied"):
        read_bytes(locked)


def test_limits_are_stated_in_the_message(tmp_path):
    big = tmp_path / "big.md"
    with big.open("wb") as file:
        file.truncate(17 * 1024 * 1024)  # sparse: 17 MB without writing them
    with pytest.raises(LoadError, match=r"17 MB.*up to 16 MB"):
        read_bytes(big)


def test_parsing_hostile_structures_stays_linear_enough():
    # Not a timing test: these must simply finish and keep their structure.
    document = parse_text(
        "Safeguarding\n\nScore: 3\n\nKey findings for this quality statement\n\n" * 2000
    )
    assert document.scores == {"safeguarding": 3}
    assert len(document.sections) >= 2000
    document = parse_text("[" * 200_000 + "](" * 100_000)
    assert document.sections


@pytest.mark.skipif(os.geteuid() != 0 and sys.platform == "win32", reason="needs fifo support")
def test_a_pipe_is_refused_without_reading_it(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with pytest.raises(LoadError, match="not a regular file"):
        read_bytes(pipe)
