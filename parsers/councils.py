"""Which council a document is about: from its title, else from the names its text uses."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from .knowledge import Council, councils
from .textnorm import normal_form

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|&")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_FULL_NAME_WEIGHT = 3
"""A full name ("Derby City Council") says more than a place name ("Derby") does."""
SCAN_CHARS = 12_000
"""Names are found in the opening of a document; scanning all of a long one costs time."""


class CouncilDirectory:
    """England's councils, looked up by any of their names."""

    def __init__(self, known: tuple[Council, ...]) -> None:
        self.by_name: dict[str, Council] = {}
        self._by_first: dict[str, list[tuple[tuple[str, ...], Council, int]]] = {}
        for council in known:
            for name in (council.name, *council.aliases):
                self._add(name, council, _FULL_NAME_WEIGHT)
            for name in council.short:
                self._add(name, council, 1)
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self._name_run = _name_run(known)

    def _add(self, name: str, council: Council, weight: int) -> None:
        words = tuple(normal_form(name).split())
        if not words:
            return
        self.by_name.setdefault(" ".join(words), council)
        self._by_first.setdefault(words[0], []).append((words, council, weight))

    def lookup(self, name: str) -> Council | None:
        """The council `name` names exactly (full name, alias or short form)."""
        return self.by_name.get(normal_form(name))

    def from_title(self, prefix: str) -> str | None:
        """The council a page title names, spelled as the title spells it when that is a full
        name, else the full name from the list ("Derby" gives "Derby City Council")."""
        prefix = prefix.strip(" :-–—")
        council = self.lookup(prefix)
        if council is not None:
            norm = normal_form(prefix)
            full = {normal_form(n) for n in (council.name, *council.aliases)}
            return prefix if norm in full and len(prefix.split()) > 1 else council.name
        if re.search(r"\b(?:council|borough|corporation)\b", prefix, re.IGNORECASE):
            return prefix  # a council the list does not know yet; the title's words stand
        return None

    def mentioned(self, text: str) -> str | None:
        """The council the text names most (full names count more), or None."""
        weights: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        by_first = self._by_first
        for run in self._name_run.finditer(text[:SCAN_CHARS]):
            words = run.group(0)
            if words.isascii() and words.isalnum() and words.casefold() not in by_first:
                continue  # one plain word that starts no council's name (most runs are)
            tokens = [
                "and" if token == "&" else token.casefold().replace("'", "").replace("’", "")
                for token in _TOKEN.findall(words)
            ]
            index = 0
            while index < len(tokens):
                matched = 1
                for name, council, weight in by_first.get(tokens[index], ()):
                    if tuple(tokens[index : index + len(name)]) == name:
                        weights[council.name] += weight
                        first_seen.setdefault(council.name, run.start())
                        matched = len(name)
                        break
                index += matched
        if not weights:
            return None
        return max(weights, key=lambda name: (weights[name], -first_seen[name]))


def _name_run(known: tuple[Council, ...]) -> re.Pattern[str]:
    """Runs of capitalised words, with the small words the councils' names hold inside them
    ("Kingston upon Hull", "Blackburn with Darwen")."""
    small = sorted(
        {
            word
            for council in known
            for name in (council.name, *council.aliases, *council.short)
            for word in _LOWER_WORD.findall(name)
        }
    )
    # Separators, then any small words each followed by separators, then the next capital:
    # written so, a failed run costs one look at the small words, not one per separator.
    joins = rf"[\s,&-]+(?:(?:{'|'.join(small)})\b[\s,&-]+)*"
    return re.compile(rf"[A-Z][\w'’]*(?:{joins}[A-Z][\w'’]*)*")


@cache
def directory() -> CouncilDirectory:
    """The directory of the councils in parsers/data/councils.yaml, built once."""
    return CouncilDirectory(councils())
