"""A synthetic corpus for scale: N council documents written from the bundled samples.

    python benchmarks/make_corpus.py                      # 150 and 300 documents
    python benchmarks/make_corpus.py /tmp/corpus -n 300 --seed 7

Writes `<out>/<N>/NNNN-<council>-<kind>.<suffix>` for each N (default out:
`benchmarks/corpus/`, which git ignores: never commit a corpus). Each document is one of the
samples with another council's names (from parsers/data/councils.yaml), other statement scores
and rating (CQC) or judgements (Ofsted), its figures scaled (the national averages it quotes
left alone, as they are the same for every council) and its prose paragraphs reordered within
their sections (not in double-spaced PDF text, whose paragraphs cannot be told apart). The
same seed writes the same files.

Every document is parsed back and checked: the same kind as its sample, the new council, the
new scores, rating and judgements, and the sections the sample's parse recognised (themes,
statements, findings, domains, judgements). A mismatch stops the script, except a council whose
name the parser cannot find in a sample that names its council only in its text: that council
is passed over for the next, with a note.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from carecompare.parsers import Document, parse_text
from carecompare.parsers.blocks import segment
from carecompare.parsers.clean import clean_lines
from carecompare.parsers.councils import directory
from carecompare.parsers.facts import rating_for_score, rating_word, score_in
from carecompare.parsers.knowledge import Council, councils, taxonomy
from carecompare.parsers.load import read_source
from carecompare.parsers.ofsted import judgement_in
from carecompare.parsers.textnorm import normal_form, slug
from carecompare.samples import sample_paths

DEFAULT_OUT = Path(__file__).parent / "corpus"
DEFAULT_SIZES = (150, 300)
TEMPLATE_WEIGHTS = {
    "cqc_assessment": 3,
    "annual_report": 1,
    "ofsted_children": 1,
    "other": 1,
}
"""How often each kind of sample is used: CQC assessments are most of what a user loads."""

FIGURE_SPREAD = (0.7, 1.3)
"""A figure is scaled by a factor drawn from this range."""
_FIGURE = re.compile(
    r"(?<![\w.,/£-])(?P<pound>£)?(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?"
    r"(?P<unit>%|m\b|k\b|bn\b| per ?cent\b| days?\b| weeks?\b| months?\b)?(?![\w/])"
)
_COMPARATOR_BEFORE = re.compile(r"(?:average|national|england|region|target)\W*(?:\w+\W+){0,2}$")
_COMPARATOR_AFTER = re.compile(r"^\W*(?:\w+\W+)?national", re.IGNORECASE)
_EVIDENCE = re.compile(r"evidence shows [a-z ]+?(?=\s*$|[.;,])", re.IGNORECASE)
_SCORE_DIGIT = re.compile(r"(?<![\d.])[1-4](?![\d.])")
_PROSE_START = re.compile(r"[A-Z]")


@dataclass(frozen=True)
class Template:
    """A bundled sample and what its parse says."""

    path: Path
    text: str
    document: Document
    council: Council
    layout: str


@dataclass
class Synthetic:
    """One written document and what it must parse as."""

    name: str
    text: str
    kind: str
    council: str
    scores: dict[str, int] = field(default_factory=dict)
    rating: str | None = None
    judgements: dict[str, str] = field(default_factory=dict)
    structure: tuple[tuple[str, str, str | None], ...] = ()
    """(kind, role, statement) of each recognised section, as the sample parses."""


class CorpusError(Exception):
    """A written document does not parse as what it was written to be."""


class CouncilNotRecognised(CorpusError):
    """The only mismatch: the parser does not find the new council's name in the text."""


# -- templates ---------------------------------------------------------------------------


def load_templates() -> list[Template]:
    """The bundled samples, parsed, each with the council it is about."""
    templates = []
    for path in map(Path, sample_paths()):
        text = read_source(path).text
        document = parse_text(text, str(path))
        council = directory().lookup(document.council or "")
        if council is None:
            continue  # a sample about no known council cannot be renamed
        layout = segment(clean_lines(text)).layout
        templates.append(Template(path, text, document, council, layout))
    return templates


def template_cycle(templates: Sequence[Template]) -> list[Template]:
    """The templates repeated by TEMPLATE_WEIGHTS, in a fixed order."""
    cycle = []
    for template in templates:
        cycle += [template] * TEMPLATE_WEIGHTS.get(template.document.kind, 1)
    return cycle


# -- council names -----------------------------------------------------------------------


def rename_council(text: str, old: Council, new: Council) -> str:
    """Every name of `old` in `text` replaced by the matching name of `new`: full names and
    aliases by the full name, place names ("Derby") by the new council's place name."""
    replacements = {name: new.name for name in (old.name, *old.aliases)}
    short = new.short[0] if new.short else new.name
    replacements.update({name: short for name in old.short})
    names = sorted(replacements, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    return pattern.sub(lambda found: replacements[found.group(0)], text)


# -- scores, ratings, judgements -----------------------------------------------------------


def _statement_titles() -> dict[str, str]:
    titles = {}
    for statement in taxonomy().statements:
        for title in (statement.title, *statement.variants):
            titles[normal_form(title)] = statement.id
    return titles


def _score_words(score: int) -> str:
    return next(words for words, n in taxonomy().score_words.items() if n == score)


def _with_evidence(line: str, score: int) -> str:
    def words(found: re.Match[str]) -> str:
        new = _score_words(score)
        return new[0].upper() + new[1:] if found.group(0)[0].isupper() else new

    return _EVIDENCE.sub(words, line)


def vary_cqc_scores(
    lines: list[str], statements: Iterable[str], rng: random.Random
) -> tuple[list[str], dict[str, int], str | None]:
    """New scores for the statements, written wherever a score follows a statement's title,
    and the rating CQC's thresholds give them where the overview states a rating."""
    scores = {
        statement: rng.choices((1, 2, 3, 4), weights=(1, 4, 6, 1))[0] for statement in statements
    }
    rating = (
        rating_for_score(round(sum(scores.values()) / (4 * len(scores)) * 100)) if scores else None
    )
    rating_score = {
        normal_form(r): s for r, s in zip(taxonomy().ratings, (4, 3, 2, 1), strict=True)
    }
    titles = _statement_titles()
    current: str | None = None
    out = []
    for line in lines:
        bare = line.strip().lstrip("#-*• ").strip()
        statement = titles.get(normal_form(bare))
        if statement is not None:
            current = statement
        elif current in scores and score_in(bare) is not None:
            new = scores[current]
            line = _with_evidence(_SCORE_DIGIT.sub(str(new), line, count=1), new)
        elif current is None and rating is not None and (said := rating_word(bare)):
            # The overview's rating line: "Good" or "Good: Evidence shows a good standard".
            line = re.sub(re.escape(said), rating, line, count=1, flags=re.IGNORECASE)
            line = _with_evidence(line, rating_score[normal_form(rating)])
        out.append(line)
    return out, scores, rating


def vary_judgements(lines: list[str], rng: random.Random) -> tuple[list[str], dict[str, str]]:
    """Each Ofsted judgement the report states given another grade, in the same words."""
    grades = taxonomy().ofsted_grades
    chosen: dict[str, str] = {}
    out = []
    for line in lines:
        stated = judgement_in(line)
        if stated is not None:
            judgement, grade = stated
            new = chosen.setdefault(judgement.id, rng.choice(grades))
            found = re.search(re.escape(grade), line, re.IGNORECASE)
            if found:
                written = new if found.group(0)[0].isupper() else new.casefold()
                line = line[: found.start()] + written + line[found.end() :]
        out.append(line)
    return out, chosen


# -- figures -----------------------------------------------------------------------------


def _format_like(value: float, number: str, decimals: str | None) -> str:
    places = len(decimals) - 1 if decimals else 0
    text = f"{value:,.{places}f}" if "," in number else f"{value:.{places}f}"
    return text


def vary_figures(text: str, rng: random.Random) -> str:
    """Figures (percentages, money, decimals, large counts, durations) scaled by a random
    factor; years, section numbers, scores and the national averages quoted stay as they are."""

    def scaled(found: re.Match[str]) -> str:
        number, decimals, unit = found.group("number"), found.group("decimals"), found.group("unit")
        value = float(number.replace(",", "") + (decimals or ""))
        plain_integer = not (found.group("pound") or decimals or unit or "," in number)
        if plain_integer and (value < 100 or 1900 <= value <= 2100):
            return found.group(0)  # a count too small to matter, a year, a section number
        before = text[max(0, found.start() - 40) : found.start()].casefold()
        after = text[found.end() : found.end() + 20]
        if _COMPARATOR_BEFORE.search(before) or _COMPARATOR_AFTER.match(after):
            return found.group(0)
        new = value * rng.uniform(*FIGURE_SPREAD)
        if unit == "%" or (unit and "cent" in unit):
            new = min(new, 99.9 if decimals else 99)
        if not decimals:
            new = max(1, round(new))
        return (found.group("pound") or "") + _format_like(new, number, decimals) + (unit or "")

    return _FIGURE.sub(scaled, text)


# -- paragraph order ---------------------------------------------------------------------


def _paragraphs(lines: list[str], layout: str) -> list[tuple[int, int]]:
    """(first line, end line) of each paragraph: a line when the text is unwrapped, a run of
    lines up to a blank line when it is wrapped; none for double-spaced PDF text."""
    if layout == "double":
        return []
    if layout == "unwrapped":
        return [(i, i + 1) for i, line in enumerate(lines) if line.strip()]
    spans, start = [], None
    for i, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = i
        elif not line.strip() and start is not None:
            spans.append((start, i))
            start = None
    return spans


def _is_prose(block: list[str], fixed: Callable[[str], bool]) -> bool:
    """A paragraph of sentences, safe to move: no heading, list item, table row or score."""
    text = " ".join(line.strip() for line in block)
    if len(text) < 120 or not _PROSE_START.match(text) or not text.endswith("."):
        return False
    if len(block) > 1:
        # A short first line in wrapped text is a heading glued to its paragraph.
        width = max(len(line.rstrip()) for line in block)
        if any(len(line.rstrip()) < 0.6 * width for line in block[:-1]):
            return False
    return not fixed(text)


def shuffle_paragraphs(
    lines: list[str], layout: str, rng: random.Random, fixed: Callable[[str], bool]
) -> list[str]:
    """Prose paragraphs reordered within each run of them: runs stop at anything else (a
    heading, a list, a table), so every paragraph stays in its own section."""
    runs: list[list[tuple[int, int]]] = []
    for start, end in _paragraphs(lines, layout):
        if not _is_prose(lines[start:end], fixed):
            runs.append([])
            continue
        if runs and runs[-1] and not any(s.strip() for s in lines[runs[-1][-1][1] : start]):
            runs[-1].append((start, end))
        else:
            runs.append([(start, end)])
    out = list(lines)
    # From the last run back, so the line numbers of earlier runs still hold.
    for run in reversed([run for run in runs if len(run) > 1]):
        blocks = [lines[start:end] for start, end in run]
        gaps = [lines[end:start] for (_, end), (start, _) in pairwise(run)]
        rng.shuffle(blocks)
        rewritten = blocks[0]
        for gap, block in zip(gaps, blocks[1:], strict=True):
            rewritten = rewritten + gap + block
        out[run[0][0] : run[-1][1]] = rewritten
    return out


# -- documents ---------------------------------------------------------------------------


def _states_something(text: str) -> bool:
    """Lines the parsers read facts from stay where they are."""
    return judgement_in(text) is not None or rating_word(text) is not None


def structure(document: Document) -> tuple[tuple[str, str, str | None], ...]:
    """The sections the parser recognised (themes, statements, findings, domains, judgements):
    what alignment reads. Other headings may come and go as a longer council name makes a
    heading line too long to be one."""
    return tuple((s.kind, s.role, s.statement) for s in document.sections if s.role != "body")


def synthesise(index: int, template: Template, council: Council, seed: int) -> Synthetic:
    """Document number `index`: the template rewritten for `council`."""
    rng = random.Random(f"{seed}:{index}")
    document = template.document
    text = rename_council(template.text, template.council, council)
    text = vary_figures(text, rng)
    lines = text.split("\n")
    scores: dict[str, int] = {}
    rating = document.rating
    judgements = dict(document.judgements)
    if document.kind == "cqc_assessment" and document.scores:
        lines, scores, rating = vary_cqc_scores(lines, document.scores, rng)
        rating = rating if document.rating else None
    elif document.kind == "ofsted_children":
        lines, chosen = vary_judgements(lines, rng)
        rating = chosen.pop("overall_effectiveness", rating)
        judgements = {**judgements, **chosen}
    lines = shuffle_paragraphs(lines, template.layout, rng, _states_something)
    expected_council = council.name
    name = f"{index:04d}-{slug(council.name, 40)}-{document.kind}{template.path.suffix}"
    return Synthetic(
        name=name,
        text="\n".join(lines),
        kind=document.kind,
        council=expected_council,
        scores=scores or dict(document.scores),
        rating=rating,
        judgements=judgements,
        structure=structure(document),
    )


def check(synthetic: Synthetic) -> Document:
    """Parse the written text back; raise CorpusError naming what does not match."""
    document = parse_text(synthetic.text, synthetic.name)
    problems = []
    if document.kind != synthetic.kind:
        problems.append(f"kind {document.kind}, not {synthetic.kind}")
    found = directory().lookup(document.council or "")
    council_problem = found is None or found.name != synthetic.council
    if document.scores != synthetic.scores:
        problems.append(f"scores {document.scores}, not {synthetic.scores}")
    if (document.rating or "").casefold() != (synthetic.rating or "").casefold():
        problems.append(f"rating {document.rating!r}, not {synthetic.rating!r}")
    judged = {k: v.casefold() for k, v in document.judgements.items()}
    if judged != {k: v.casefold() for k, v in synthetic.judgements.items()}:
        problems.append(f"judgements {document.judgements}, not {synthetic.judgements}")
    found_structure = structure(document)
    if found_structure != synthetic.structure:
        problems.append(
            f"{len(found_structure)} recognised sections, not the sample's "
            f"{len(synthetic.structure)}"
        )
    if council_problem:
        problem = f"council {document.council!r}, not {synthetic.council!r}"
        if not problems:
            raise CouncilNotRecognised(f"{synthetic.name}: {problem}")
        problems.append(problem)
    if problems:
        raise CorpusError(f"{synthetic.name}: " + "; ".join(problems))
    return document


def make_corpus(count: int, seed: int = 1, notes: list[str] | None = None) -> list[Synthetic]:
    """`count` documents, deterministic for the seed, each checked by parsing it back.

    A council whose name the parser cannot find in a sample's text (a sample that names its
    council only in passing) is passed over for the next; `notes` collects each such case."""
    templates = template_cycle(load_templates())
    known = list(councils())
    random.Random(seed).shuffle(known)
    corpus = []
    for index in range(count):
        template = templates[index % len(templates)]
        # Walk the councils so a council's documents are of different kinds.
        first = index + index // len(known)
        for attempt in range(len(known)):
            council = known[(first + attempt) % len(known)]
            synthetic = synthesise(index, template, council, seed)
            try:
                check(synthetic)
                break
            except CouncilNotRecognised as error:
                if notes is not None:
                    notes.append(f"passed over: {error}")
        corpus.append(synthetic)
    return corpus


def write_corpus(corpus: Sequence[Synthetic], folder: Path) -> None:
    """The documents as files in `folder` (emptied of earlier documents first)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file() and old.suffix in {".txt", ".md"}:
            old.unlink()
    for synthetic in corpus:
        (folder / synthetic.name).write_text(synthetic.text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help="folder to write")
    parser.add_argument("-n", type=int, action="append", help="documents (default 150 and 300)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for count in args.n or DEFAULT_SIZES:
        notes: list[str] = []
        try:
            corpus = make_corpus(count, args.seed, notes)
        except CorpusError as error:
            print(f"make_corpus: {error}", file=sys.stderr)
            return 1
        for note in notes:
            print(f"make_corpus: {note}", file=sys.stderr)
        folder = args.out / str(count)
        write_corpus(corpus, folder)
        megabytes = sum(len(s.text.encode()) for s in corpus) / 1e6
        print(f"{count} documents ({megabytes:.1f} MB) in {folder}, each parsed back and checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
