"""The parse cache: hits skip parsing, any parser change misses, bad entries never hurt."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
from pathlib import Path

import pytest

import carecompare.corpus as corpus_module
from carecompare.cache import (
    CACHE_DIR_ENV,
    KEPT_VERSIONS,
    NO_CACHE_ENV,
    ParseCache,
    parser_version,
    source_version,
)
from carecompare.corpus import load_corpus
from carecompare.parsers import LoadError, parse_file
from carecompare.samples import sample_paths
from carecompare.tui.cli import main


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)
    return folder


@pytest.fixture
def samples(tmp_path) -> list[str]:
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in map(Path, sample_paths()):
        shutil.copy(path, folder / path.name)
    return sorted(str(p) for p in folder.iterdir())


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("documents-*/*"))


def no_parsing(monkeypatch) -> None:
    def fail(data, path):
        raise AssertionError(f"{path} was parsed, not read from the cache")

    monkeypatch.setattr(corpus_module, "parse_bytes", fail)


def test_a_second_load_reads_every_document_from_the_cache(cache_dir, samples, monkeypatch):
    first = load_corpus(samples, workers=1)
    assert len(first.documents) == len(samples) == len(entries(cache_dir))
    no_parsing(monkeypatch)
    second = load_corpus(samples, workers=1)
    assert second.documents == first.documents
    assert [d.path for d in second.documents] == samples


def test_the_same_content_under_another_name_is_a_hit_with_its_own_path(cache_dir, samples,
                                                                        monkeypatch):  # fmt: skip
    load_corpus(samples[:1], workers=1)
    copy = Path(samples[0]).with_name("renamed" + Path(samples[0]).suffix)
    shutil.copy(samples[0], copy)
    no_parsing(monkeypatch)
    [document] = load_corpus([str(copy)], workers=1).documents
    assert document.path == str(copy)
    assert document == parse_file(copy)


def test_changed_content_is_parsed_again(cache_dir, samples):
    load_corpus(samples[:1], workers=1)
    with open(samples[0], "a", encoding="utf-8") as file:
        file.write("\nA line added later.\n")
    [document] = load_corpus(samples[:1], workers=1).documents
    assert "A line added later." in document.sections[-1].text
    assert len(entries(cache_dir)) == 2


def test_another_parser_version_does_not_see_the_entries(tmp_path):
    document = parse_file(sample_paths()[0])
    old = ParseCache(tmp_path, version="old")
    key = old.key(document.path, b"content")
    old.put(key, pickle.dumps(document))
    assert old.get(key, document.path) == document
    assert ParseCache(tmp_path, version="new").get(key, document.path) is None


def test_the_parser_version_follows_the_parsers_source_and_data(tmp_path):
    import carecompare.parsers as parsers

    copy = tmp_path / "parsers"
    shutil.copytree(Path(parsers.__file__).parent, copy)
    assert source_version(copy) == parser_version()
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert source_version(copy) == parser_version()  # compiled files are not the source
    taxonomy = copy / "data" / "taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "\n# a new variant\n")
    assert source_version(copy) != parser_version()


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a pickle", pickle.dumps({"a": "dict"}), b"\x80\x05\x95\xff\xff truncated"],
    ids=["empty", "text", "not-a-document", "truncated"],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(cache_dir, samples, garbage):
    expected = load_corpus(samples[:1], workers=1).documents
    [entry] = entries(cache_dir)
    entry.write_bytes(garbage)
    corpus = load_corpus(samples[:1], workers=1)
    assert corpus.documents == expected and corpus.failures == []
    assert pickle.loads(entry.read_bytes()) == expected[0]  # rebuilt


def test_a_cache_folder_that_cannot_be_written_is_never_fatal(tmp_path, monkeypatch, samples):
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(CACHE_DIR_ENV, str(blocker))
    corpus = load_corpus(samples, workers=1)
    assert len(corpus.documents) == len(samples) and corpus.failures == []


def test_old_parser_versions_are_pruned(tmp_path):
    for age, name in enumerate(["a", "b", "c", "d"]):
        old = tmp_path / f"documents-{name}"
        old.mkdir()
        (old / "entry").write_bytes(b"x")
        stamp = 1_000_000 + age
        os.utime(old, (stamp, stamp))
    ParseCache(tmp_path, version="new").put("key", b"payload")
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(kept) == KEPT_VERSIONS
    assert kept == ["documents-c", "documents-d", "documents-new"]  # the newest old ones


def test_temporary_files_left_by_a_stopped_process_are_swept(tmp_path):
    cache = ParseCache(tmp_path, version="v")
    cache.put("first", b"payload")
    old, recent = cache.folder / ".tmp-old", cache.folder / ".tmp-recent"
    old.write_bytes(b"half")
    recent.write_bytes(b"half")  # another process may be writing this one now
    os.utime(old, (1_000_000, 1_000_000))
    ParseCache(tmp_path, version="v").put("second", b"payload")
    assert sorted(p.name for p in cache.folder.iterdir()) == [".tmp-recent", "first", "second"]


def _load_in_process(paths: list[str], cache: str, queue) -> None:
    os.environ[CACHE_DIR_ENV] = cache
    corpus = load_corpus(paths, workers=1)
    queue.put((len(corpus.documents), len(corpus.failures)))


def test_processes_sharing_the_cache_at_once_all_load_everything(cache_dir, samples):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    processes = [
        context.Process(target=_load_in_process, args=(samples, str(cache_dir), queue))
        for _ in range(4)
    ]
    for process in processes:
        process.start()
    results = [queue.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert results == [(len(samples), 0)] * 4
    assert len(entries(cache_dir)) == len(samples)
    assert list(cache_dir.glob("documents-*/.tmp-*")) == []  # no half-written entry left


def test_no_cache_neither_reads_nor_writes_entries(cache_dir, samples, capsys):
    assert main(["scores", "--json", "--no-cache", *samples]) == 0
    assert not cache_dir.exists()
    assert main(["parse", "--json", "--no-cache", samples[0]]) == 0
    assert not cache_dir.exists()
    assert main(["parse", "--json", samples[0]]) == 0
    assert len(entries(cache_dir)) == 1
    capsys.readouterr()


def test_a_load_error_survives_the_trip_from_a_worker():
    error = pickle.loads(pickle.dumps(LoadError("a/b.pdf", "the PDF is protected by a password")))
    assert (error.path, error.reason) == ("a/b.pdf", "the PDF is protected by a password")
    assert str(error) == "a/b.pdf: the PDF is protected by a password"
