"""The synthetic corpus for benchmarks: other councils, scores, figures and paragraph order,
deterministic for a seed, and every document still parses as the kind it was made from."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from carecompare.corpus import load_corpus
from carecompare.parsers import parse_text
from carecompare.parsers.knowledge import councils

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "make_corpus.py"
PERCENT = re.compile(r"\d+(?:\.\d+)?%")


@pytest.fixture(scope="module")
def make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(make_corpus):
    return make_corpus.make_corpus(14, seed=3)


def test_same_seed_same_documents(make_corpus, corpus):
    again = make_corpus.make_corpus(14, seed=3)
    assert [(s.name, s.text) for s in again] == [(s.name, s.text) for s in corpus]
    other = make_corpus.make_corpus(3, seed=4)
    assert [s.text for s in other] != [s.text for s in corpus[:3]]


def test_each_document_parses_as_its_sample_did(corpus):
    known = {council.name for council in councils()}
    for synthetic in corpus:
        document = parse_text(synthetic.text, synthetic.name)
        assert document.kind == synthetic.kind
        assert synthetic.council in known
        assert document.scores == synthetic.scores


def test_every_kind_of_sample_is_used_and_councils_differ(corpus):
    assert {s.kind for s in corpus} == {"cqc_assessment", "annual_report", "ofsted_children"}
    assert len({s.council for s in corpus}) == len(corpus)


def test_scores_and_figures_vary_between_documents_from_one_sample(make_corpus, corpus):
    templates = make_corpus.template_cycle(make_corpus.load_templates())
    cycle = len(templates)
    first, second = corpus[0], corpus[cycle]  # the same sample, a cycle apart
    assert first.kind == second.kind
    assert PERCENT.findall(first.text) != PERCENT.findall(second.text)
    cqc = [s for s in corpus if s.kind == "cqc_assessment" and len(s.scores) == 9]
    assert len({tuple(sorted(s.scores.items())) for s in cqc}) > 1


def test_national_averages_stay_as_the_sample_gives_them(make_corpus, corpus):
    sample = next(t for t in make_corpus.load_templates() if t.path.suffix == ".md")
    quoted = re.compile(r"national average of (\d+(?:\.\d+)?%)")
    expected = sorted(quoted.findall(sample.text))
    made = next(s for s in corpus if s.name.endswith(".md"))
    assert expected and sorted(quoted.findall(made.text)) == expected


def test_paragraphs_change_order_within_their_sections(make_corpus, corpus):
    sample = next(t for t in make_corpus.load_templates() if t.path.suffix == ".md")
    made = next(s for s in corpus if s.name.endswith(".md"))
    assert made.text != sample.text
    # Paragraph openings with no figure or name in them are found as they were.
    openings = [line[:60] for line in sample.text.split("\n") if len(line) > 300]
    openings = [o for o in openings if not re.search(r"\d|Derby", o)]
    positions = [made.text.find(opening) for opening in openings]
    assert len(positions) > 20 and min(positions) >= 0
    assert positions != sorted(positions)


def test_written_corpus_loads(make_corpus, corpus, tmp_path):
    make_corpus.write_corpus(corpus[:4], tmp_path)
    loaded = load_corpus([str(tmp_path)])
    assert not loaded.failures
    assert sorted(d.kind for d in loaded.documents) == sorted(s.kind for s in corpus[:4])
