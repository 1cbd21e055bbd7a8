"""`carecompare export` as CONTRACT.md says: standard output or `-o FILE`, never over an
existing file without `--force`, never half a file; choices of councils and statements."""

from __future__ import annotations

import os

import pytest
from export_cases import GOLDEN, PAIR, ROOT
from test_cli import run

from carecompare import safe_write
from carecompare.export import PRODUCER
from carecompare.parsers.knowledge import taxonomy
from carecompare.safe_write import WriteError, write_file
from carecompare.tui.cli import main


def test_export_to_a_file_names_every_council_and_statement_and_will_not_overwrite(tmp_path):
    first = run("export", "-o", "out.md", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    written = (tmp_path / "out.md").read_bytes()
    text = written.decode("utf-8")
    for council in ("Derby City Council", "Derbyshire County Council", "North Lincolnshire"):
        assert council in text
    for statement in taxonomy().statements:
        assert statement.title in text
    before = os.stat(tmp_path / "out.md")

    second = run("export", "-o", "out.md", cwd=tmp_path)
    assert second.returncode == 2
    assert second.stderr.strip().splitlines() == [
        "carecompare: out.md: already exists (use --force to replace it)"
    ]
    assert (tmp_path / "out.md").read_bytes() == written
    assert os.stat(tmp_path / "out.md").st_mtime_ns == before.st_mtime_ns

    forced = run("export", "-o", "out.md", "--force", "--statement", "7", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "### 7. Safeguarding" in (tmp_path / "out.md").read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temporary left


def test_export_to_standard_output_is_the_golden_export():
    paths = [f"tests/fixtures/{name}" for name in PAIR]
    result = run("export", "--no-timestamp", *paths, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    golden = (GOLDEN / "fixture-pair.md").read_text("utf-8")
    assert result.stdout == f"*Exported by {PRODUCER}.*\n" + golden


def test_choosing_councils_and_statements(capsys, fixture_path):
    paths = [str(fixture_path(name)) for name in PAIR]
    code = main(["export", *paths, "--council", "rutland", "-s", "governance,7", "--no-text"])
    assert code == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(f"*Exported by {PRODUCER} on ")
    assert "Rutland County Council" in out and "Hartlepool" not in out
    assert "### 7. Safeguarding" in out and "### 8. Governance" in out and "### 1." not in out
    assert "Leaders had a plan" not in out


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--council", "Atlantis"], "no document of a council matching 'Atlantis'"),
        (["--statement", "10"], "no statement '10'"),
        (["-o", "no-such-folder/out.md"], "no-such-folder/out.md: No such file or directory"),
        (["-o", "."], ".: is a folder"),
        (["-o", ".", "--force"], ".: is a folder"),
    ],
)
def test_bad_choices_exit_2_with_one_line(args, reason, fixture_path, tmp_path):
    path = str(fixture_path(PAIR[0]))
    result = run("export", path, *args, cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert reason in line and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_file_being_replaced_is_not_read_as_a_document(tmp_path, fixture_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in PAIR:
        (folder / name).write_bytes(fixture_path(name).read_bytes())
    target = folder / "comparison.md"
    assert run("export", str(folder), "-o", str(target)).returncode == 0
    first = target.read_text("utf-8")
    assert run("export", str(folder), "-o", str(target), "--force").returncode == 0
    assert "2 documents of 2 councils" in first
    assert target.read_text("utf-8").splitlines()[2:] == first.splitlines()[2:]


def test_nothing_readable_exits_1_and_writes_nothing(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("export", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out.md"))
    assert result.returncode == 1
    assert not (tmp_path / "out.md").exists()


# -- the writer ------------------------------------------------------------------------


def test_write_file_writes_utf8_with_the_usual_permissions(tmp_path):
    target = write_file(tmp_path / "report.md", "▲ ahead\n")
    assert target.read_bytes() == "▲ ahead\n".encode()
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(target).st_mode & 0o777 == 0o666 & ~umask


def test_write_file_refuses_an_existing_file_and_force_replaces_it(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("mine")
    with pytest.raises(FileExistsError):
        write_file(target, "new")
    assert target.read_text() == "mine"
    write_file(target, "new", force=True)
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_file_that_appears_during_the_write_is_not_replaced(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    real_link = os.link

    def someone_else_writes_first(source, destination):
        target.write_text("theirs")
        return real_link(source, destination)

    monkeypatch.setattr(safe_write.os, "link", someone_else_writes_first)
    with pytest.raises(FileExistsError):
        write_file(target, "ours")
    assert target.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


@pytest.mark.parametrize("force", [False, True])
def test_a_failed_write_leaves_no_file_and_no_temporary(tmp_path, monkeypatch, force):
    target = tmp_path / "report.md"
    if force:
        target.write_text("old")

    def disk_full(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_write.os, "fsync", disk_full)
    with pytest.raises(WriteError, match="No space left"):
        write_file(target, "new " * 1000, force=force)
    assert [p.name for p in tmp_path.iterdir()] == (["report.md"] if force else [])
    if force:
        assert target.read_text() == "old"


def test_write_file_refuses_a_folder(tmp_path):
    with pytest.raises(WriteError, match="is a folder"):
        write_file(tmp_path, "x", force=True)


def test_a_device_or_pipe_is_never_renamed_over_even_with_force(tmp_path):
    # `-o /dev/null --force` must not put a plain file where the device was.
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "link-to-pipe"
    link.symlink_to(pipe)
    for target in (pipe, link):
        with pytest.raises(WriteError, match="not a regular file"):
            write_file(target, "x", force=True)
    assert pipe.is_fifo() and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link-to-pipe", "pipe"]
    result = run("export", "-o", str(pipe), "--force")
    assert result.returncode == 2 and "not a regular file" in result.stderr
    assert pipe.is_fifo()
