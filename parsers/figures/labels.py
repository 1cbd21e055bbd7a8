"""What a figure measures, in the report's words: the few words around it that name it.

"80.02% of people felt they had control over their daily life with ..." gives "people felt they
had control over their daily life"; "the percentage of people ... satisfied with their care
and support was higher in Derbyshire (69.29%)" gives the words before "was". Plain word
operations, no regular expressions: this runs for every figure.
"""

from __future__ import annotations

from collections.abc import Set

from .lexicon import SMALL_WORDS, words_of

MAX_WORDS = 14
BEFORE_WORDS = 2 * MAX_WORDS
"""Words before a figure that are looked at."""
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
# Openings that are not part of the measure's name ("As a result our referral rate", "There
# was a mean-average wait of ...").
_LEAD = _words(
    "however similarly for example instance in addition overall despite this additionally "
    "also and but so while whereas only nearly almost around about approximately over which "
    "that it there as a an the our its their result"
)
_ARTICLES = _words("a an the")
ARTICLE_REACH = 6
"""How far back from "of" the article of "an average wait of" is looked for."""
# The words after a figure that name it end where a clause's verb starts ("the Derby quality
# of life score matches ...", "people eligible for a review were still waiting").
_CLAUSE_STOPS = (
    _STOPS
    | _VERBS
    | _words("matches match matched exceeds exceeded remains continues compares ranks placed puts")
)
# Prepositions a list of figures repeats after leaving out what they count (see
# `elliptic_label`).
_ELLIPSIS = _words("at in for from on by within to")
_REPORTING = frozenset(
    ("showed", "shows", "show", "reflected", "indicated", "estimated", "found", "told")
)
_FILLER = _words("and the a an of with in at to by was is that")
_CONJUNCTIONS = _words("and or but while whereas")
_BOUNDS = _words("less more fewer")
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
_PUNCTUATION = " ,.;:()[]\"'“”‘’–-•·▪◦‣*"


def counts_something(after: str) -> bool:
    """Whether the words after a bare number say what it counts ("396 active providers")."""
    tail = after.lstrip()
    first = tail.split(None, 1)[0].lower() if tail else ""
    return first.isalpha() and first not in _NOT_NOUNS


def says_nothing(label: str, vague: Set[str]) -> bool:
    """Whether a label has no word that says what is measured: only small words, numbers and
    `vague` ones ("Derby performed", "the final result", "Over 6 out of 10")."""
    for word in words_of(label.lower()):
        if word not in vague and word not in SMALL_WORDS and not word.isdigit():
            return False
    return True


def named_after(after: str) -> str:
    """The words after a figure up to where a comparison or a new clause starts ("... with
    the remaining 39% being sent to locality teams, ..." gives "being sent to locality
    teams")."""
    return " ".join(_words_after(after.lstrip(" )")))


def figure_label(
    before: str, after: str, parenthesised: bool, counted: bool, vague: Set[str] = frozenset()
) -> str:
    """The words naming a figure, from the text just before it and just after it.

    `counted`: the figure counts what the words after it name ("396 active providers");
    `vague`: words that say nothing of what is measured."""
    tail = after.lstrip(" )")
    # Only the last words can name it (a label has at most MAX_WORDS).
    words = before.split()[-BEFORE_WORDS:]
    # "People over 85 were 3.2% of the population": the subject names the figure.
    predicate = bool(words) and words[-1].lower() in _VERBS
    # "1866, of these met the threshold"
    of = tail.lstrip(", ")
    if not parenthesised and not predicate and of[:3].lower() == "of ":
        return " ".join(_until_stop(of[3:].split())[:MAX_WORDS])
    if counted:
        named = _until_stop(tail.split())
        if named:
            return " ".join(named[:MAX_WORDS])
    while words and words[-1] in ("(", "–", "-"):
        words = words[:-1]
    if words and words[-1].lower() == "of" and not parenthesised:
        # "a median waiting time for allocation of 152 days", "with a population of 794,600".
        named = _article_of(words)
        if named and not says_nothing(" ".join(named), vague):
            return " ".join(named)
    whole = words
    for back in range(1, min(VERB_REACH, len(words)) + 1):
        if words[-back].lower() in _VERBS:
            words = words[:-back]
            break
    # "... was better than the England average (69.3% compared to 61.2%)": the comparison
    # is not part of the measure's name.
    for back in range(min(VERB_REACH, len(words)), 0, -1):
        at = len(words) - back
        if words[at].lower().strip(_PUNCTUATION) in _COMPARING and not _bound(words, at):
            words = words[:-back]
            break
    words = _tidy(words)
    if not words:
        # "This is predicted to grow by 2%": the words after the verb.
        words = _tidy(whole)
        while words and words[0].lower() in _TRAILING:
            words = words[1:]
    if parenthesised:
        # "(298) of people eligible for a review": what the bracketed count is of; "In the
        # same survey three quarters (75.6%) said ...": only what follows says anything.
        own = [] if says_nothing(" ".join(words), vague) else words
        if not own and tail[:3].lower() == "of ":
            tail = tail[3:]
        # "within 9 months (93.9%) and within 12 months (100%)": after a conjunction, the
        # words name the next figure, not this one.
        after = tail.split()
        named = [] if own and after and after[0].lower() in _CONJUNCTIONS else _until_stop(after)
        words = own + named if own or named else words
    if not words:
        # "At 19.0 the Derby quality of life score matches ...": the words after it.
        words = _words_after(tail)
    return " ".join(words[-MAX_WORDS:])


def _bound(words: list[str], at: int) -> bool:
    """Whether `words[at]` is the "than" of a bound on a quantity ("completed in less than 3
    months (48.5%)"), part of what is measured, not a comparison with another figure."""
    return (
        0 < at < len(words) - 1
        and words[at].lower() == "than"
        and words[at - 1].lower() in _BOUNDS
        and words[at + 1][:1].isdigit()
    )


def _words_after(tail: str) -> list[str]:
    """The words after a figure that name it, up to the next clause: "13% were applications
    from hospitals and ..." gives "applications from hospitals"."""
    words = tail.split()
    if words and words[0].lower() in _VERBS and words[0].lower() != "at":
        words = words[1:]
    return _tidy(_until_stop(words, _CLAUSE_STOPS))[:MAX_WORDS]


def elliptic_label(label: str, previous: str, after: str, vague: Set[str]) -> str:
    """The label of a figure whose words leave out what the figure before it counts: "1089
    staff attending at Level 2, 194 at Level 3" gives 194 "staff attending at Level 3", "13%
    were applications from hospitals and 87% from care homes" gives 87% "applications from
    care homes". `label`: the figure's own (returned when it says enough, or when `after`, the
    words after the figure, does not start with a preposition `previous` has)."""
    words = after.split()
    if not words or words[0].lower() not in _ELLIPSIS:
        return label
    if not says_nothing(label, vague) and label.split()[0].lower() not in _ELLIPSIS:
        return label
    at = f" {previous.lower()} ".find(f" {words[0].lower()} ")
    if at <= 0:
        return label
    named = _until_stop(words[1:], _CLAUSE_STOPS)
    return " ".join([previous[: at - 1], words[0], *named][:MAX_WORDS]) if named else label


def _article_of(words: list[str]) -> list[str]:
    """The words between the article and the "of" that `words` ends with ("an average wait
    of" gives "average wait"), or none when no article stands close before it or a verb
    stands between."""
    for back in range(2, min(ARTICLE_REACH + 2, len(words) + 1)):
        word = words[-back].lower()
        if word in _ARTICLES:
            named = words[len(words) - back + 1 : -1]
            if any(w.lower() in _VERBS for w in named):
                return []
            return _trim(named)
        if word.strip(_PUNCTUATION) != word:
            return []
    return []


def _until_stop(words: list[str], stops: Set[str] = _STOPS) -> list[str]:
    """The first words up to a stop word, a bracket, a dash or a clause's punctuation (at
    most MAX_WORDS)."""
    kept: list[str] = []
    for word in words[:MAX_WORDS]:
        bare = word.strip(_PUNCTUATION).lower()
        if bare in stops or word[:1] in "(" or (bare and word[0] in "–-" and len(word) == 1):
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
            # "... told us (that) the percentage of people who had reviews"
            while words and words[0].lower() in ("that", "us"):
                words = words[1:]
            break
    start = 0
    while start < len(words) and (
        words[start].lower().strip(_PUNCTUATION) in _LEAD or not words[start].strip(_PUNCTUATION)
    ):
        start += 1
    words = words[start:]
    if (
        len(words) > 1
        and words[0].lower() in ("percentage", "proportion", "number", "rate", "share")
        and words[1].lower() == "of"
    ):
        words = words[2:]
    return _trim(words)


def _trim(words: list[str]) -> list[str]:
    while words and (
        words[-1].strip(_PUNCTUATION).lower() in _TRAILING or not words[-1].strip(_PUNCTUATION)
    ):
        words = words[:-1]
    if words:
        words[-1] = words[-1].rstrip(" ,.;:(–-")
        words[0] = words[0].lstrip(" ,.;:)–-•·▪◦‣*")
    return [word for word in words if word]
