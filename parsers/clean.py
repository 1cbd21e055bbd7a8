"""Turn decoded text into clean lines: one Unicode form, plain spaces, no control characters.

Line numbering is preserved (one output line per input line), because every `line` the
command line reports is a line of the input file.
"""

from __future__ import annotations

import re
import unicodedata

# Terminal escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/PM/APC/SOS
# strings, and two-character ESC sequences. Removed whole so no fragment reaches a terminal.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\)?"
)
# Single characters to change, in one pass: C0/C1 controls (not newline or tab) and DEL go;
# spaces that are not plain spaces become spaces; invisible characters go; ligatures split.
# Line and paragraph separators would split lines for str.splitlines, so they become spaces
# and line numbering stays that of the input.
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"}
_SPECIAL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u1680\u2000-\u200d\u2028-\u202f"
    "\u205f-\u2069\u3000\ufb00-\ufb05\ufeff]"
)
_SPACE_LIKE = frozenset("\t\x0b\x0c\x85\u00a0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    chr(code) for code in range(0x2000, 0x200B)
)
_ESCAPE_STARTS = ("\x1b", "\x9b", "\x9d", "\x90", "\x98", "\x9e", "\x9f")


def _replace_special(found: re.Match[str]) -> str:
    char = found.group(0)
    if char in _SPACE_LIKE:
        return " "
    return _LIGATURES.get(char, "")


# Markdown and inline HTML that carry no words: emphasis markers, link targets, simple tags.
# `__` at a word's edge is emphasis; inside a word ("file__name") it is text.
# Stars inside a word ("0**0", "foo**bar**") part words: keep them apart.
_INTRAWORD_STARS = re.compile(r"(?<=\w)\*\*(?=\w)")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<!\w)__(?=\S)|(?<=\S)__(?!\w)")
# Link text holds no brackets, so a run of '[' fails at once instead of backtracking.
_LINK = re.compile(r"!?\[([^\[\]\n]{0,300})\]\(([^()\s]{0,500})\)")
_INLINE_TAG = re.compile(
    r"</?(?:u|b|i|em|strong|span|sup|sub|small|mark|abbr|br|font)\b[^<>\n]{0,200}>", re.I
)
_RUNS_OF_SPACES = re.compile(r" {2,}")


def normalise(text: str) -> str:
    """Line endings to \\n, NFC, plain spaces, no controls or escapes; lines kept one for one."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Every escape and every character `_SPECIAL` replaces is unprintable but the ligatures:
    # most texts hold none, and two scans in C say so for less than the searches cost.
    plain = text.replace("\n", " ").isprintable() and not any(
        ligature in text for ligature in _LIGATURES
    )
    if not plain and any(start in text for start in _ESCAPE_STARTS):
        text = _ESCAPES.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text if plain else _SPECIAL.sub(_replace_special, text)


def _link(match: re.Match[str]) -> str:
    label, target = match.group(1), match.group(2)
    if not target or target.startswith("#"):
        return label
    return f"{label} ({target})" if label else target


def clean_line(line: str) -> str:
    """One line without markdown emphasis, link syntax or inline tags; spaces collapsed.

    An indented line keeps one leading space: in PDF text it marks a page's or a paragraph's
    first line."""
    indent = " " if line[:1] == " " and line.strip() else ""
    # Emphasis markers carry no words: drop them (linear, whatever the line holds).
    if "**" in line:
        line = _INTRAWORD_STARS.sub(" ", line).replace("**", "")
    if "__" in line:
        line = _UNDERSCORE_EMPHASIS.sub("", line)
    if "](" in line:
        line = _LINK.sub(_link, line)
    if "<" in line:
        line = _INLINE_TAG.sub("", line)
    if "  " in line:
        line = _RUNS_OF_SPACES.sub(" ", line)
    return indent + line.strip()


_MARKERS = ("**", "__", "](", "<", "  ")
"""What `clean_line` removes or collapses inside a line; a line without them only loses
the spaces at its ends."""


def clean_lines(text: str) -> list[str]:
    """The text as cleaned lines, one per input line (line N of the input is item N-1).

    Each line as `clean_line` makes it, but `clean_line` runs only on the lines that hold a
    marker; the rest only lose a trailing space. (A Python call per line costs more than the
    cleaning: a document has thousands of lines, few of them marked.)"""
    normal = normalise(text)
    lines = normal.split("\n")
    cleaned = lines
    if " \n" in normal or normal.endswith(" "):
        # After `normalise` a space is the only whitespace but the newline, so an unmarked
        # line (no run of spaces) starts with at most one space: its indent, kept.
        cleaned = [line.rstrip(" ") for line in lines]
    for index in _marked_lines(normal):
        cleaned[index] = clean_line(lines[index])
    return cleaned


def _marked_lines(text: str) -> list[int]:
    """Indexes of the lines of `text` holding one of `_MARKERS`, in order."""
    starts: set[int] = set()
    for marker in _MARKERS:
        if marker[0] not in text:  # a one-character search is far cheaper
            continue
        at = text.find(marker)
        while at >= 0:
            starts.add(text.rfind("\n", 0, at) + 1)
            end = text.find("\n", at)
            at = text.find(marker, end) if end >= 0 else -1
    indexes: list[int] = []
    line = previous = 0
    for start in sorted(starts):
        line += text.count("\n", previous, start)
        previous = start
        indexes.append(line)
    return indexes


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_text(text: str) -> str:
    """Text with nothing a terminal would act on; for strings shown outside the parser."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text.replace("\r", "")))
