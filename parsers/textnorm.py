"""Normal forms of short strings, so titles and names compare equal however they are printed."""

from __future__ import annotations

import re
from functools import lru_cache

_APOSTROPHES = re.compile(r"['\u2019\u2018]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_SLUG = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=8192)
def normal_form(text: str) -> str:
    """Lower case, '&' as 'and', apostrophes dropped, other punctuation as single spaces.

    Memoised: the same headings recur in every report, and this is called for each."""
    text = text.casefold()
    if "&" in text:
        text = text.replace("&", " and ")
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).strip()


def slug(text: str, limit: int = 60) -> str:
    """A stable identifier from a title ('Making safeguarding personal' gives
    'making_safeguarding_personal')."""
    return _SLUG.sub("_", normal_form(text))[:limit].strip("_") or "untitled"
