"""The metric lexicon (parsers/data/metrics.yaml), read once and compiled for matching.

Speed matters here (extraction runs inside every parse), so phrasings are found by their first
word: `str.find` on the lower-cased text says where a first word stands, and an anchored regular
expression says whether the whole phrasing does. Measures are found through an index of their
phrasings' words, so rapidfuzz is only asked about phrasings that share words with a figure's
context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Generic, Literal, TypeVar

from rapidfuzz import fuzz

from ..knowledge import KnowledgeError, _read_yaml, councils
from ..model import ComparatorKind
from .numbers import masked_numbers

T = TypeVar("T")
Population = Literal["people", "carers"]

COMPARATOR_KINDS: frozenset[str] = frozenset(
    {"national", "regional", "peer_group", "previous", "target", "estimate", "other"}
)
MEASURE_THRESHOLD = 85.0
"""rapidfuzz partial_ratio a phrasing needs against a figure's context. Tests pin it: "felt
safe" still matches "feel safe" (89); "felt they had control" does not match "felt safe"."""

MAX_MEASURES_PER_WORD = 4
"""A word that phrasings of more measures than this use is too common to index by."""
SMALL_WORDS = frozenset(
    str.split(
        "a an and are as at be by for from had has have in is it its of on or said say that "
        "the their them they this those to was were who with"
    )
)
"""Words too small to say what a phrasing or a label is about."""
_WORD = re.compile(r"[0-9a-z]+")
_COUNT_BEFORE = re.compile(r"\d[\d,]*\s+$")
# What may stand just before a phrasing (ASCII only, so that the scan's class is a bitmap).
_BEFORE_PHRASE = r" \t(/\"'\["
_FIRST_WORD = re.compile(r"(?:\\b)?([a-z]+)")


def fold(text: str) -> str:
    """A text in the normal form phrasings are compared in, as textnorm.normal_form makes it
    (lower case, apostrophes dropped, other punctuation a space), without its cache: the
    contexts of figures are all different."""
    return " ".join(words_of(text.lower()))


def words_of(low: str) -> list[str]:
    """The words of a lower-cased text in normal form (see `fold`)."""
    if "'" in low or "’" in low:
        low = low.replace("'", "").replace("’", "")
    return _WORD.findall(low)


def lowered(text: str) -> str:
    """`text` in lower case, character for character (offsets stay those of `text`)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure the reports keep citing, with the words they cite it in."""

    id: str
    label: str
    unit: str | None
    higher_is_better: bool | None
    source: str | None
    population: Population | None
    phrases: tuple[str, ...]
    """Phrasings in normal form."""
    requires: tuple[str, ...] = ()
    """Normal-form words or phrases of which one must stand in the context."""
    excludes: frozenset[str] = frozenset()
    """Words that rule the measure out when the context has them."""


@dataclass(frozen=True, slots=True)
class ComparatorKindSpec:
    kind: ComparatorKind
    label: str | None
    """A fixed label (the estimate's phrasing is a whole clause); None: the words matched."""
    next_sentence: re.Pattern[str] | None
    """A comparator of this kind with no figure in its sentence pairs with the next
    sentence's figure when that sentence matches this."""


@dataclass(frozen=True, slots=True, eq=False)
class _Phrasing:
    """One phrasing of a measure, as the measure index holds it (compared by identity, so it
    is a cheap dictionary key)."""

    measure: Measure
    phrase: str
    padded: str
    """The phrasing with a space each side."""
    size: int
    """How many of its words the index holds."""
    kind: str | None = field(init=False)
    """`unit_kind` of the measure's unit."""
    carers: bool | None = field(init=False)
    """Whether it is about carers (None: about anyone)."""

    def __post_init__(self) -> None:
        unit, population = self.measure.unit, self.measure.population
        object.__setattr__(self, "kind", unit_kind(unit) if unit else None)
        object.__setattr__(self, "carers", None if population is None else population == "carers")


@dataclass(frozen=True, slots=True)
class MeasureMatch:
    measure: Measure
    score: float


@dataclass(frozen=True, slots=True)
class Masks:
    """Numbers that are not figures (metrics.yaml `not_figures`, see numbers.find_numbers)."""

    numbers: re.Pattern[str]
    """A number with what, at it or after it, says it is not a figure (`masked_numbers`)."""
    before: frozenset[str]
    """Words, or two words, just before a number that say it is not a figure."""
    before_duration: frozenset[str]
    duration_kept: frozenset[str]
    age: frozenset[str]


class PhraseIndex(Generic[T]):
    """Phrasings found by their first word: one regular expression, a trie of the first words
    after a space, a bracket, a slash or a quote, run over the lower-cased text, says where a
    first word stands; one anchored alternation of that word's phrasings (the longest first)
    says whether a whole phrasing does, and which.

    Speed: the scan starts with a character class (`re` skips to the next such character
    without trying a match at every position, several times faster than a look-behind), and
    a first word costs one more call however many phrasings start with it."""

    def __init__(self, entries: Iterable[tuple[str, str, bool, T]]) -> None:
        """entries: (first word, pattern from the first word on, case-sensitive, payload)."""
        grouped: dict[str, list[tuple[str, bool, T]]] = {}
        for word, pattern, exact, payload in entries:
            grouped.setdefault(word, []).append((pattern, exact, payload))
        self._by_word: dict[str, tuple[re.Pattern[str], list[T]]] = {}
        for word, items in grouped.items():
            ordered = sorted(items, key=lambda item: -len(item[0]))
            alternatives = "|".join(
                f"({pattern})" if exact else f"((?i:{pattern}))" for pattern, exact, _ in ordered
            )
            self._by_word[word] = (re.compile(alternatives), [item[2] for item in ordered])
        self._first_words = re.compile(rf"[{_BEFORE_PHRASE}]({_trie(list(grouped))})(?![a-z])")

    def find(self, text: str, low: str, start: int, end: int) -> list[tuple[int, int, T]]:
        """(start, end, payload) of the phrasings in `text[start:end]`, left to right, the
        longer first where two overlap. `low` is `lowered(text[start:end])`."""
        found: list[tuple[int, int, T]] = []
        by_word = self._by_word
        # The space put first lets a phrasing start the text; offsets in it are one more.
        base = start - 1
        for word in self._first_words.finditer(" " + low):
            at = base + word.start(1)
            pattern, payloads = by_word[word.group(1)]
            match = pattern.match(text, at, end)
            if match is None:
                continue
            payload = payloads[match.lastindex - 1]  # type: ignore[operator]
            begin = at
            if isinstance(payload, PhraseKind) and payload.counted:
                count = _COUNT_BEFORE.search(text, max(0, at - 12), at)
                begin = count.start() if count else at
            if not found or begin >= found[-1][1]:
                found.append((begin, match.end(), payload))
        return found


def _trie(words: list[str]) -> str:
    """A regular expression matching any of `words`, as a trie ("nation(?:al(?:ly)?)")."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" in node:
            return f"(?:{body})?"
        return body

    return pattern(root)


@dataclass(frozen=True, slots=True)
class PhraseKind:
    """What a comparator phrasing stands for."""

    spec: int
    counted: bool = False
    """The phrasing may follow a count ("16 comparable local authorities")."""


class Lexicon:
    """Everything metrics.yaml says, compiled."""

    def __init__(self, data: dict[str, Any]) -> None:
        where = "metrics.yaml"
        self.kinds: list[ComparatorKindSpec] = []
        comparators: list[tuple[str, str, bool, PhraseKind | str]] = []
        for index, item in enumerate(_need(data, "comparators", where)):
            place = f"{where}: comparators[{index}]"
            kind = item.get("kind")
            if kind not in COMPARATOR_KINDS:
                raise KnowledgeError(f"{place}.kind: unknown {kind!r}")
            nxt = item.get("next_sentence")
            self.kinds.append(
                ComparatorKindSpec(kind, item.get("label"), re.compile(nxt, re.I) if nxt else None)
            )
            for phrase in item.get("phrases") or ():
                phrase = str(phrase)
                counted = phrase.startswith("{n}")
                pattern = phrase_pattern(phrase.removeprefix("{n}").strip())
                comparators.append(
                    (_first_word(phrase, place), pattern, False, PhraseKind(index, counted))
                )
            for pattern in item.get("patterns") or ():
                pattern = _checked(str(pattern), place, groups=False)
                comparators.append((_first_word(pattern, place), pattern, False, PhraseKind(index)))
        # In normal form, longest first; a cue counts when the words before a comparator end
        # with it.
        self.similar = tuple(
            sorted({fold(str(cue)) for cue in data.get("similar") or ()}, key=len, reverse=True)
        )
        self.cue_re = _alternation(data.get("comparison_cues"))
        self.change_from_re = re.compile(
            rf"(?:{'|'.join(phrase_pattern(str(w)) for w in data.get('change_from') or ['(?!)'])})"
            r"\s+from\s+(?:around\s+|about\s+)?$",
            re.IGNORECASE,
        )
        self.anaphora = frozenset(str(word).casefold() for word in data.get("anaphora") or ())

        self.source_population: dict[str, Population | None] = {}
        sources: list[tuple[str, str, bool, PhraseKind | str]] = []
        for index, item in enumerate(_need(data, "sources", where)):
            place = f"{where}: sources[{index}]"
            source = str(_need(item, "id", place))
            self.source_population[source] = item.get("population")
            for name in item.get("names") or ():
                name = str(name)
                # Acronyms match in capitals only ("SALT", not "salt").
                exact = name.replace("-", "").isupper()
                sources.append((_first_word(name, place), phrase_pattern(name), exact, source))
        # One index for both: one pass over a paragraph finds comparators and sources, and a
        # source's name ("Survey of Adult Carers in England") hides the phrasings inside it.
        self.phrases: PhraseIndex[PhraseKind | str] = PhraseIndex([*comparators, *sources])

        directions = data.get("directions") or {}
        self.lower_words = _word_set(directions.get("lower_is_better"))
        self.higher_words = _word_set(directions.get("higher_is_better"))
        masks = _need(data, "not_figures", where)
        self.masks = Masks(
            numbers=masked_numbers(
                _any(masks.get("number"), "not_figures.number", groups=False).pattern,
                _any(masks.get("after"), "not_figures.after", groups=False).pattern,
                _any(
                    masks.get("after_duration"), "not_figures.after_duration", groups=False
                ).pattern,
            ),
            before=_word_set(masks.get("before")),
            before_duration=_word_set(masks.get("before_duration")),
            duration_kept=_word_set(masks.get("duration_kept")),
            age=_word_set(masks.get("age")),
        )

        self.structure = _word_set(data.get("structure"))
        """Counted nouns that are organisational structure, in normal form (a word or two)."""
        anecdote = _word_set(data.get("anecdote"))
        self.anecdote_words = frozenset(word for word in anecdote if " " not in word)
        self.anecdote_phrases = tuple(f" {phrase} " for phrase in anecdote if " " in phrase)
        """Words and (padded) phrases, in normal form, that tell a story about one person."""
        self._anecdote_keys = frozenset(phrase.split()[-1] for phrase in self.anecdote_phrases)
        """The last words of those phrases: without one, no phrase need be looked for."""
        self.says_nothing = _word_set(data.get("says_nothing")) | _place_words()
        """Words that say nothing about what a figure measures (and the councils' places)."""

        self.measures: tuple[Measure, ...] = tuple(
            _measure(item, f"{where}: metrics[{index}]")
            for index, item in enumerate(_need(data, "metrics", where))
        )
        self.by_id = {measure.id: measure for measure in self.measures}
        if len(self.by_id) != len(self.measures):
            raise KnowledgeError(f"{where}: metrics: an id is used twice")
        # word -> (measure index, phrasing, indexed words in the phrasing). Words many measures
        # use ("care", "support") are not indexed unless a phrasing has no other: they would
        # send rapidfuzz to half the lexicon for every figure.
        spread: dict[str, set[int]] = {}
        for number, measure in enumerate(self.measures):
            for phrase in measure.phrases:
                for word in _content_words(phrase):
                    spread.setdefault(word, set()).add(number)
        self._index: dict[str, list[_Phrasing]] = {}
        for measure in self.measures:
            for phrase in measure.phrases:
                words = _content_words(phrase)
                telling = [w for w in words if len(spread[w]) <= MAX_MEASURES_PER_WORD] or words
                entry = _Phrasing(measure, phrase, f" {phrase} ", len(telling))
                for word in telling:
                    self._index.setdefault(word, []).append(entry)
        self._indexed = frozenset(self._index)

    def measure(
        self, words: list[str], population: Population, kind: str | None = None
    ) -> MeasureMatch | None:
        """The known measure the words around a figure name, if any (best phrasing wins;
        among equals, one whose required words are present, then the longer phrasing).
        `words`: in normal form (`words_of`); `kind`: the figure's `unit_kind` (a percentage
        is not a wait in days), `count` for a counted noun, `bare` for a bare number."""
        known = self._indexed.intersection(words)
        if not known:
            return None
        index = self._index
        # How many of each phrasing's indexed words the context has (a plain dictionary: a
        # Counter costs more to set up than the few words counted here).
        hits: dict[_Phrasing, int] = {}
        for word in known:
            for entry in index[word]:
                hits[entry] = hits.get(entry, 0) + 1
        # Two thirds of a phrasing's words must be there before rapidfuzz is asked.
        candidates = [entry for entry, count in hits.items() if 3 * count >= 2 * entry.size]
        if not candidates:
            return None
        carers = population == "carers"
        present: set[str] | None = None
        norm = padded = ""
        best: tuple[float, bool, int] | None = None
        found: MeasureMatch | None = None
        for entry in candidates:
            measure = entry.measure
            # A bare number can be a score, a rate or a number of days, not a percentage or
            # money; other figures need the measure's kind of unit.
            if kind is not None and entry.kind is not None:
                if kind == "bare":
                    if entry.kind in ("%", "GBP"):
                        continue
                elif kind != entry.kind:
                    continue
            if entry.carers is not None and entry.carers != carers:
                continue
            if not norm:
                norm = " ".join(words)
                padded = f" {norm} "
            if measure.excludes or measure.requires:
                present = present or set(words)
                if not measure.excludes.isdisjoint(present):
                    continue
                if measure.requires and not any(
                    (r in present) if " " not in r else (f" {r} " in padded)
                    for r in measure.requires
                ):
                    continue
            if entry.padded in padded:
                score = 100.0
            else:
                score = fuzz.partial_ratio(entry.phrase, norm, score_cutoff=MEASURE_THRESHOLD)
                if not score:
                    continue
            rank = (score, bool(measure.requires), len(entry.phrase))
            if best is None or rank > best:
                best, found = rank, MeasureMatch(measure, score)
        return found

    def tells_story(self, words: list[str]) -> bool:
        """Whether the words around a figure tell a story about one person ("he received a one
        off direct payment of £370", "One person told us ..."). `words`: in normal form."""
        if not self.anecdote_words.isdisjoint(words):
            return True
        if self._anecdote_keys.isdisjoint(words):
            return False
        padded = f" {' '.join(words)} "
        return any(phrase in padded for phrase in self.anecdote_phrases)

    def direction(self, words: list[str]) -> bool | None:
        """Whether higher is better for a measure the lexicon does not know, from plain words
        ("waiting", "backlog", "vacancies": lower is better); None when the words do not say.
        `words`: in normal form (`words_of`)."""
        lower = not self.lower_words.isdisjoint(words)
        higher = not self.higher_words.isdisjoint(words)
        if lower == higher:
            return None
        return higher


_TIME = frozenset({"days", "weeks", "months", "hours", "years"})


def unit_kind(unit: str) -> str:
    """What sort of quantity a unit measures: days, weeks and months are all `time`."""
    return "time" if unit in _TIME else unit


def phrase_pattern(phrase: str) -> str:
    """The regular expression of a plain phrasing (see metrics.yaml for the syntax), to be
    matched where its first word starts."""
    parts = []
    for word in phrase.split():
        plural = word.endswith("(s)")
        if plural:
            word = word[:-3]
        text = re.escape(word).replace("'", "['’]?").replace("’", "['’]?")
        parts.append(text + ("s?" if plural else ""))
    return r"\s+".join(parts) + r"(?![\w-])"


def _first_word(phrase: str, where: str) -> str:
    found = _FIRST_WORD.match(phrase.removeprefix("{n}").strip().lower())
    if not found:
        raise KnowledgeError(f"{where}: {phrase!r} must start with a word")
    return found.group(1)


def _alternation(phrases: Any, suffix: str = "") -> re.Pattern[str]:
    patterns = sorted(
        (rf"(?<![\w-]){phrase_pattern(str(p))}" for p in phrases or ()), key=len, reverse=True
    )
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile(f"(?:{'|'.join(patterns)}){suffix}", re.IGNORECASE)


def _any(patterns: Any, where: str, groups: bool = True) -> re.Pattern[str]:
    """One pattern matching where any of `patterns` does. `groups=False`: the patterns may
    not capture (they become part of a pattern whose groups are counted)."""
    checked = [_checked(str(p), f"metrics.yaml: {where}") for p in patterns or ()]
    combined = re.compile("|".join(f"(?:{p})" for p in checked) or r"(?!)", re.IGNORECASE)
    if not groups and combined.groups:
        raise KnowledgeError(f"metrics.yaml: {where}: use (?:...), not capturing groups")
    return combined


def _checked(pattern: str, where: str, groups: bool = True) -> str:
    """`pattern`, once it is known to compile (and, with `groups=False`, not to capture)."""
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise KnowledgeError(f"{where}: bad pattern {pattern!r}: {error}") from None
    if not groups and compiled.groups:
        raise KnowledgeError(f"{where}: {pattern!r}: use (?:...), not capturing groups")
    return pattern


def _word_set(words: Any) -> frozenset[str]:
    return frozenset(fold(str(word)) for word in words or ())


def _need(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise KnowledgeError(f"{where}: missing key {key!r}")
    return data[key]


def _content_words(phrase: str) -> tuple[str, ...]:
    return tuple(word for word in phrase.split() if word not in SMALL_WORDS)


def _measure(item: dict[str, Any], where: str) -> Measure:
    higher = item.get("higher_is_better")
    if higher not in (True, False, None):
        raise KnowledgeError(f"{where}.higher_is_better: expected true, false or nothing")
    population = item.get("population")
    if population not in ("people", "carers", None):
        raise KnowledgeError(f"{where}.population: expected people or carers")
    phrases = tuple(fold(str(p)) for p in _need(item, "phrases", where) or ())
    if not phrases or not all(phrases):
        raise KnowledgeError(f"{where}.phrases: expected a list of phrasings")
    return Measure(
        id=str(_need(item, "id", where)),
        label=str(_need(item, "label", where)),
        unit=item.get("unit"),
        higher_is_better=higher,
        source=item.get("source"),
        population=population,
        phrases=phrases,
        requires=tuple(fold(str(r)) for r in item.get("requires") or ()),
        excludes=_word_set(item.get("excludes")),
    )


def _place_words() -> frozenset[str]:
    """The words of the places councils are named by ("Derby", "North Lincolnshire")."""
    places = (place.lower() for council in councils() for place in council.short)
    return frozenset(word for place in places for word in words_of(place))


@cache
def lexicon() -> Lexicon:
    """The metric lexicon (parsers/data/metrics.yaml), compiled once per process."""
    return Lexicon(_read_yaml("metrics.yaml"))
