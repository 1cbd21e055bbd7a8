"""Words as search sees them: letters and digits in lower case, apostrophes inside a word
dropped ("people’s" is `peoples`), quotes and other punctuation ignored, hyphenated words
split into their parts and also kept joined ("well-being" is `well`, `being` and `wellbeing`).

Two ways to get them, which agree: `terms` is fast (C-level regex and string operations over a
whole section, for building the index) and gives no positions; `word_spans` gives each word's
place in the text (for snippets and highlighting) and is used only on the sections shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress
from typing import NamedTuple

_LETTERS = r"[^\W_]+"
_WORD = _LETTERS + r"(?:['’]+" + _LETTERS + r")*"
_LETTERS_RE = re.compile(_LETTERS)
_MARKS = "‘“”–—…•£€·°§¶′″«»"
"""Non-ASCII marks common in reports; none is a letter or digit, so each separates words."""
_ASCII_SPACES = bytes(code if chr(code).isalnum() else 0x20 for code in range(128)) + bytes(
    [0x20] * 128
)
# For `terms`: apostrophes are deleted first, so a compound is letters joined by hyphens.
_HYPHENATED = re.compile(_LETTERS + r"(?:-" + _LETTERS + r")+")
# Apostrophes next to a hyphen vanish with the rest, so they may stand there too.
_COMPOUND = re.compile(_WORD + r"(?:['’]*-['’]*" + _WORD + r")+")
# A word or the run of other characters after it: the parts alternate, so their lengths
# summed give every word's offset without a Python step per word.
WORDS_AND_GAPS = re.compile(_WORD + r"|[\W_]+")


class WordSpan(NamedTuple):
    """A word of a text: its normal form and where it stands."""

    term: str
    start: int
    end: int


def terms(text: str) -> tuple[list[str], list[str]]:
    """The words of `text` in order, normalised, and its hyphenated words joined up
    ("Joined-Up-Care" gives `joined`, `up`, `care`, and the compound `joinedupcare`)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # A letter whose lower case is two characters ("İ"): split first, as `word_spans`
        # does, then lower each word.
        words, joined = _terms(text)
        return [word.lower() for word in words], [word.lower() for word in joined]
    return _terms(lowered)


def _terms(text: str) -> tuple[list[str], list[str]]:
    # Deleting every apostrophe joins the words it stands inside ("people’s") and leaves the
    # words around a quotation mark as they were: the same words `word_spans` finds.
    if "’" in text:
        text = text.replace("’", "")
    if "'" in text:
        text = text.replace("'", "")
    joined = []
    at = text.find("-")
    while at >= 0:
        # Hyphens are few: walk back from each to its word's start.
        start = at
        while start and text[start - 1].isalnum():
            start -= 1
        found = _HYPHENATED.match(text, start) if start < at else None
        if found is not None:
            joined.append(found.group(0).replace("-", ""))
            at = text.find("-", found.end())
        else:
            at = text.find("-", at + 1)
    if not text.isascii():
        for mark in _MARKS:
            if mark in text:
                text = text.replace(mark, " ")
        if not text.isascii():
            return _LETTERS_RE.findall(text), joined
    # Plain ASCII (nearly every section once the usual marks are spaces): every byte that is
    # not a letter or digit made a space in one C pass, then split. Three times the speed of
    # the regex, and the same words.
    return text.encode("ascii").translate(_ASCII_SPACES).decode("ascii").split(), joined


def _without_apostrophes(text: str) -> str:
    # str.replace, not str.translate: translate is many times slower on non-ASCII text.
    return text.replace("’", "").replace("'", "")


def normal_word(word: str) -> str:
    """One word as `terms` would give it."""
    return _without_apostrophes(word).lower()


def query_words(query: str) -> list[str]:
    """The words of a typed query, in order, each once; a hyphenated word gives its parts."""
    return list(dict.fromkeys(terms(query)[0]))


def word_spans(text: str) -> list[WordSpan]:
    """Every word of `text` with its offsets, in the order `terms` gives them."""
    parts = WORDS_AND_GAPS.findall(text)
    if not parts:
        return []
    ends = list(accumulate(map(len, parts)))
    first = 0 if parts[0][0].isalnum() else 1
    spans = []
    for index in range(first, len(parts), 2):
        word = parts[index]
        end = ends[index]
        start = end - len(word)
        if "'" in word or "’" in word:
            # A word with an apostrophe is one term; its span covers the apostrophe.
            spans.append(WordSpan(normal_word(word), start, end))
        else:
            spans.append(WordSpan(word.lower(), start, end))
    return spans


def compound_spans(text: str) -> Iterator[WordSpan]:
    """The hyphenated words of `text`, joined up, with their offsets."""
    at = text.find("-")
    while at >= 0:
        # Hyphens are few: walk back from each to its word's start, then match from there
        # (a regex search would try every letter of the text).
        start = at
        while start and (text[start - 1].isalnum() or text[start - 1] in "'’"):
            start -= 1
        while start < at and not text[start].isalnum():
            start += 1  # a word starts with a letter, not an apostrophe
        found = _COMPOUND.match(text, start) if start < at else None
        if found is not None:
            term = normal_word(found.group(0).replace("-", ""))
            yield WordSpan(term, found.start(), found.end())
            at = text.find("-", found.end())
        else:
            at = text.find("-", at + 1)


class WordTable(NamedTuple):
    """Every word of a text, normalised, with its offsets; and its hyphenated words joined."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]
    compounds: tuple[WordSpan, ...]


def word_table(text: str) -> WordTable:
    """The words of `text` with their offsets, worked out mostly in C (it runs for every
    result shown): the words normalised all at once, joined by newlines."""
    parts = WORDS_AND_GAPS.findall(text)
    if not parts:
        return WordTable((), (), (), ())
    first = 0 if parts[0][0].isalnum() else 1
    ends = tuple(accumulate(map(len, parts)))[first::2]
    written = parts[first::2]
    joined = "\n".join(written).lower()
    if "'" in joined or "’" in joined:
        joined = _without_apostrophes(joined)
    starts = tuple(map(int.__sub__, ends, map(len, written)))
    compounds = tuple(compound_spans(text)) if "-" in text else ()
    return WordTable(starts, ends, tuple(joined.split("\n")), compounds)


def spans_in(table: WordTable, wanted: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    """(start, end) of the words of a word table whose normal form is one of `wanted`."""
    found = list(
        compress(zip(table.starts, table.ends, strict=True), map(wanted.__contains__, table.words))
    )
    if table.compounds:
        found += [(s.start, s.end) for s in table.compounds if s.term in wanted]
        return _merge(found)
    return found


def spans_of(text: str, wanted: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` whose normal form is one of `wanted`, in order;
    a hyphenated word is found whole when its joined form is wanted."""
    wanted = wanted if isinstance(wanted, (set, frozenset)) else frozenset(wanted)
    if not wanted or not text:
        return []
    return spans_in(word_table(text), wanted)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, overlapping ones made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
