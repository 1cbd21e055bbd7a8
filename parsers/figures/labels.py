"""What a figure measures, in the report's words: the few words around it that name it.

"80.02% of people felt they had control over their daily life with ..." gives "people felt they
had control over their daily life"; "the percentage of people ... satisfied with their care
and support was higher in Derbyshire (69.29%)" gives the words before "was". Plain word
operations, no regular expressions: this runs for every figure.
"""

from __future__ import annotations

MAX_WORDS = 14
FALLBACK_WORDS = 4
VERB_REACH = 6
"""How far back from a figure the verb that introduces it is looked for."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The words naming a measure after a figure ("of carers felt ...") end at one of these.
_STOPS = _words(
    "compared compares comparing with than which against above below while whereas but "
    "similar better worse higher lower respectively"
)
# Before a figure, the measure's words end at the verb that introduces the figure.
_VERBS = _words(
    "was were is are stood stands had has reached rose fell increased decreased reduced "
    "improved remained at"
)
# Openings that are not part of the measure's name.
_LEAD = _words(
    "however similarly for example instance in addition overall despite this additionally "
    "also and but so while whereas only nearly almost around about approximately over which "
    "that it"
)
_REPORTING = frozenset(("showed", "shows", "show", "reflected", "indicated", "estimated", "found"))
_FILLER = _words("and the a an of with in at to by was is that")
_TRAILING = _FILLER | _VERBS
_COMPARING = _words(
    "better worse higher lower than above below compared similar line same ahead behind "
    "exceeded exceeding"
)
# Words after a count that do not say what is counted ("2,876 over the year").
_NOT_NOUNS = _TRAILING | _words(
    "over under in on at by for from to during across within per between than compared "
    "which who this these those more less fewer"
)
_PUNCTUATION = " ,.;:()[]\"'“”‘’–-"


def counts_something(after: str) -> bool:
    """Whether the words after a bare number say what it counts ("396 active providers")."""
    tail = after.lstrip()
    first = tail.split(None, 1)[0].lower() if tail else ""
    return first.isalpha() and first not in _NOT_NOUNS


def figure_label(before: str, after: str, parenthesised: bool, counted: bool) -> str:
    """The words naming a figure, from the text just before it and just after it.

    `counted`: the figure counts what the words after it name ("396 active providers")."""
    tail = after.lstrip(" )")
    words = before.split()
    # "People over 85 were 3.2% of the population": the subject names the figure.
    predicate = bool(words) and words[-1].lower() in _VERBS
    if not parenthesised and not predicate and tail[:3].lower() == "of ":
        return " ".join(_until_stop(tail[3:].split())[:MAX_WORDS])
    if counted:
        named = _until_stop(tail.split())
        if named:
            return " ".join(named[:MAX_WORDS])
    while words and words[-1] in ("(", "–", "-"):
        words = words[:-1]
    whole = words
    for back in range(1, min(VERB_REACH, len(words)) + 1):
        if words[-back].lower() in _VERBS:
            words = words[:-back]
            break
    # "... was better than the England average (69.3% compared to 61.2%)": the comparison
    # is not part of the measure's name.
    for back in range(min(VERB_REACH, len(words)), 0, -1):
        if words[-back].lower().strip(_PUNCTUATION) in _COMPARING:
            words = words[:-back]
            break
    words = _tidy(words)
    if not words:
        # "This is predicted to grow by 2%": the words after the verb.
        words = _tidy(whole)
        while words and words[0].lower() in _TRAILING:
            words = words[1:]
    if parenthesised:
        words += _until_stop(tail.split())
    if not words:
        # "..., which was £128,569,000 more than estimated": the few words after it.
        named = _until_stop(tail.split())
        words = _trim(named if len(named) > 1 else tail.split(",")[0].split()[:FALLBACK_WORDS])
    return " ".join(words[-MAX_WORDS:])


def _until_stop(words: list[str]) -> list[str]:
    kept: list[str] = []
    for word in words:
        bare = word.strip(_PUNCTUATION).lower()
        if bare in _STOPS or word[:1] in "(" or (bare and word[0] in "–-" and len(word) == 1):
            break
        kept.append(word)
        if word[-1] in ",;:":
            kept[-1] = word.rstrip(",;:")
            break
    return _trim(kept)


def _tidy(words: list[str]) -> list[str]:
    # "Data from the survey showed (that) ...": the measure starts after the reporting verb.
    for index in range(min(len(words), 12) - 1, -1, -1):
        if words[index].lower().strip(_PUNCTUATION) in _REPORTING:
            words = words[index + 1 :]
            if words and words[0].lower() == "that":
                words = words[1:]
            break
    start = 0
    while start < len(words) and words[start].lower().strip(_PUNCTUATION) in _LEAD:
        start += 1
    words = words[start:]
    if (
        len(words) > 2
        and words[0].lower() == "the"
        and words[1].lower() in ("percentage", "proportion", "number", "rate", "share")
        and words[2].lower() == "of"
    ):
        words = words[3:]
    return _trim(words)


def _trim(words: list[str]) -> list[str]:
    while words and (
        words[-1].strip(_PUNCTUATION).lower() in _TRAILING or not words[-1].strip(_PUNCTUATION)
    ):
        words = words[:-1]
    if words:
        words[-1] = words[-1].rstrip(" ,.;:(–-")
        words[0] = words[0].lstrip(" ,.;:)–-")
    return [word for word in words if word]
