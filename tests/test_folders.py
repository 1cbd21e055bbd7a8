"""Folders of mixed files: every readable one loads (in parallel when many), each bad one is
named with its reason, and the print commands show progress when loading takes a while."""

from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path

import pytest
from builders import html_from_text, pdf_from_text

import carecompare.corpus as corpus_module
from carecompare.corpus import load_corpus
from carecompare.samples import sample_paths
from carecompare.tui.cli import _command_parsers, main
from carecompare.tui.progress import StderrProgress


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The samples as text, as saved pages and as PDFs, in nested folders, with bad files."""
    root = tmp_path_factory.mktemp("reports")
    for path in map(Path, sample_paths()):
        text = path.read_text(encoding="utf-8")
        shutil.copy(path, root / path.name)
        (root / "saved").mkdir(exist_ok=True)
        (root / "saved" / f"{path.stem}.html").write_text(html_from_text(text), encoding="utf-8")
        if "ofsted" in path.name or "safeguarding" in path.name:
            (root / "pdf" / "2024").mkdir(parents=True, exist_ok=True)
            (root / "pdf" / "2024" / f"{path.stem}.pdf").write_bytes(pdf_from_text(text))
    (root / "pdf" / "broken.pdf").write_bytes(b"%PDF-1.5\nnot really")
    (root / "empty.md").write_text("   \n")
    (root / "scripts-only.htm").write_text("<html><body><script>x()</script></body></html>")
    (root / "report.docx").write_bytes(b"PK\x03\x04 not read: not a supported type")
    return root


def test_a_folder_loads_every_supported_file_and_names_each_bad_one(folder):
    corpus = load_corpus([str(folder)], use_cache=False, workers=1)
    loaded = sorted(Path(d.path).relative_to(folder).as_posix() for d in corpus.documents)
    assert len(loaded) == 12
    assert "pdf/2024/derby-cqc-assessment-safeguarding-2024.pdf" in loaded
    assert "saved/derbyshire-cqc-assessment-2024.html" in loaded
    reasons = {Path(f.path).name: f.reason for f in corpus.failures}
    assert set(reasons) == {"broken.pdf", "empty.md", "scripts-only.htm"}
    assert reasons["empty.md"] == "the file is empty"
    assert reasons["scripts-only.htm"].startswith("the page has no text")
    by_name = {Path(d.path).name: d for d in corpus.documents}
    pdf = by_name["derby-cqc-assessment-safeguarding-2024.pdf"]
    text = by_name["derby-cqc-assessment-safeguarding-2024.txt"]
    assert (
        (pdf.council, pdf.scores)
        == (text.council, text.scores)
        == (
            "Derby City Council",
            {"safeguarding": 2},
        )
    )


@pytest.mark.parametrize("caller_parses", [False, True], ids=["workers only", "caller too"])
def test_parsing_in_worker_processes_gives_the_same_corpus(folder, monkeypatch, caller_parses):
    serial = load_corpus([str(folder)], use_cache=False, workers=1)
    monkeypatch.setattr(corpus_module, "_caller_can_parse", lambda: caller_parses)
    parallel = load_corpus([str(folder)], use_cache=False, workers=2)
    assert parallel.documents == serial.documents
    assert [(f.path, f.reason) for f in parallel.failures] == [
        (f.path, f.reason) for f in serial.failures
    ]


def test_parsing_in_workers_from_a_thread_as_the_reader_does(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("CARECOMPARE_CACHE_DIR", str(tmp_path / "cache"))
    results = []
    thread = threading.Thread(
        target=lambda: results.append(load_corpus([str(folder / "saved")], workers=2))
    )
    thread.start()
    thread.join(timeout=120)
    [corpus] = results
    assert len(corpus.documents) == 5 and corpus.failures == []
    assert len(list((tmp_path / "cache").glob("documents-*/*"))) == 5  # workers fill the cache


def test_progress_is_reported_for_every_file(folder):
    calls = []
    corpus = load_corpus([str(folder)], lambda *call: calls.append(call), use_cache=False)
    total = len(corpus.documents) + len(corpus.failures)  # the .docx is not even looked at
    assert [done for done, _, _ in calls] == list(range(1, total + 1))
    assert {whole for _, whole, _ in calls} == {total}
    assert {path for _, _, path in calls} >= {d.path for d in corpus.documents}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_stderr_appears_only_after_a_blink_and_is_cleared():
    stream = _Terminal()
    with StderrProgress(stream, delay=0.0) as progress:
        progress(1, 3, "reports/derby\x1b[31m.txt")
        progress(3, 3, "reports/leeds.pdf")
    written = stream.getvalue()
    assert "loading 1/3 files" in written and "loading 3/3 files  leeds.pdf" in written
    assert "\x1b[31m" not in written  # file names are shown safely
    assert written.endswith("\r\x1b[2K")
    quick = _Terminal()
    with StderrProgress(quick, delay=60) as progress:
        progress(1, 1, "a.txt")
    assert quick.getvalue() == ""
    piped = io.StringIO()
    with StderrProgress(piped, delay=0.0) as progress:
        progress(1, 1, "a.txt")
    assert piped.getvalue() == ""


def test_scores_on_a_folder_warns_about_each_skipped_file_and_prints_the_rest(folder, capsys):
    assert main(["scores", "--csv", "--no-cache", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert len(out.strip().splitlines()) == 1 + 12
    skipped = [line for line in err.splitlines() if line.startswith("carecompare: skipped")]
    assert len(skipped) == 3
    assert any(f"{folder}/pdf/broken.pdf: not a readable PDF" in line for line in skipped)
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["", *_command_parsers()])
def test_every_command_takes_no_cache(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"] if command else ["--help"])
    assert "--no-cache" in capsys.readouterr().out


def test_parallel_parsing_starts_from_a_thread_whose_stderr_has_no_descriptor(
    tmp_path, monkeypatch
):
    # The reader loads in a worker thread while Textual holds sys.stderr, which has no file
    # descriptor; multiprocessing's helper process used to fail to start ("fds_to_keep").
    import io
    import sys
    import threading

    from carecompare.corpus import load_corpus
    from carecompare.samples import sample_paths

    samples = [Path(p) for p in sample_paths()]
    for index in range(14):
        source = samples[index % len(samples)]
        (tmp_path / f"{index:02d}-{source.name}").write_bytes(source.read_bytes())

    class NoDescriptor(io.StringIO):
        def fileno(self) -> int:
            return -1  # as Textual's capture of sys.stderr answers

    monkeypatch.setattr(sys, "stderr", NoDescriptor())
    result: dict[str, object] = {}

    def load() -> None:
        try:
            result["corpus"] = load_corpus([str(tmp_path)], use_cache=False, workers=2)
        except Exception as error:  # the thread must report, not die silently
            result["error"] = error

    thread = threading.Thread(target=load)
    thread.start()
    thread.join(120)
    assert "error" not in result, result.get("error")
    corpus = result["corpus"]
    assert len(corpus.documents) == 14 and not corpus.failures
