"""PDF files to text, with pypdf, laid out the way the parsers read PDF text.

Why pypdf: on PDFs printed from the samples and fixtures it keeps every word, as pdfminer.six
does, in the same reading order, and is about five times faster (15-18 ms a page against 86,
`benchmarks/pdf_libraries.py`); it is pure Python with no required dependencies, and it
reports each run of text's position, size and font, which is all the layout below needs.

pypdf gives lines but no paragraphs. The parsers find headings at the start of paragraphs, so
a blank line goes where the page shows one: a vertical gap wider than the lines' usual spacing,
or a change of type size or weight (a heading). Lines repeated at the same height on many pages
(headers, footers, page numbers) are set apart as paragraphs of their own, and a sentence that
runs on over a page break is kept whole.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..load import LoadError, ReadText

_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_PROSE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_RUNS_ON = frozenset(",-–(/&")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")
_BOLD = re.compile(r"bold|black|heavy|semibold|demibold", re.I)

_DAMAGED = (
    ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError,
    RecursionError, OSError, EOFError,
)  # fmt: skip
"""Besides its own errors, what pypdf raises on damaged files; each means the same."""

_PARAGRAPH_GAP = 1.3
"""A gap this many times a type size's usual line spacing separates paragraphs."""
_LEADING = (0.9, 1.6)
"""Line spacing is between these multiples of the type size."""
_DEFAULT_LEADING = 1.25
_SHORT_LINE = 0.85
"""A line shorter than this share of a full line, ending a sentence, ends its paragraph."""
_MIN_FULL_LINE = 50
"""A full line of text has at least this many characters."""
_FURNITURE_MIN_PAGES = 3
"""A line is page furniture when it repeats, at the same height, on at least this many pages
(and on a third of them)."""


@dataclass
class _Line:
    """One line of a page as pypdf gives it, with where it stands and how it is set."""

    text: str = ""
    y: float | None = None
    """Baseline height of the line's first words (PDF units, up from the page's foot)."""
    styles: Counter[tuple[float, bool]] = field(default_factory=Counter)
    """Characters per (type size, bold)."""
    furniture: bool = False

    @property
    def style(self) -> tuple[float, bool]:
        """The line's main (type size, bold)."""
        return self.styles.most_common(1)[0][0] if self.styles else (0.0, False)


def read_pdf(path: Path, data: bytes) -> ReadText:
    """A PDF's text, pages in order, paragraphs separated by blank lines.

    Raises LoadError for a file that is not a PDF, is damaged beyond reading, is protected by a
    password, or holds no text (scanned pages are images)."""
    if not data.strip():
        raise LoadError(path, "the file is empty")
    if b"%PDF-" not in data[:1024]:
        # Not a PDF at all (a ZIP, a web page saved as .pdf): say what it is, not pypdf's error.
        raise LoadError(path, f"not a PDF (it starts with {_opening(data)})")
    _quiet_library_logging()
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _decrypt(path, reader)
        pages = list(reader.pages)
    except LoadError:
        raise
    except DependencyError:
        raise LoadError(
            path,
            "the PDF is encrypted with AES, which needs the `cryptography` "
            "package (pip install cryptography)",
        ) from None
    except (PyPdfError, *_DAMAGED) as error:
        raise LoadError(path, f"not a readable PDF ({_reason(error)})") from None

    page_lines: list[list[_Line]] = []
    unreadable: list[int] = []
    for number, page in enumerate(pages, start=1):
        try:
            page_lines.append(_page_lines(page))
        except Exception:  # one damaged page must not lose the others
            unreadable.append(number)
            page_lines.append([])
    if unreadable and len(unreadable) == len(pages):
        raise LoadError(path, "not a readable PDF (no page could be read)")
    _mark_furniture(page_lines)
    text = _layout(page_lines)
    if not text.strip():
        what = "has no pages" if not pages else "has no text (scanned pages are images)"
        raise LoadError(path, f"the PDF {what}")
    warnings = ()
    if unreadable:
        listed = ", ".join(str(n) for n in unreadable[:10]) + ("…" if len(unreadable) > 10 else "")
        warnings = (f"page(s) {listed} of the PDF could not be read and are missing",)
    return ReadText(text, warnings)


_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive, such as a Word or Excel file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


def _opening(data: bytes) -> str:
    """What a file that is not a PDF seems to be, from its first bytes."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return f"{data[:2].decode('latin-1')!r}: {what}"
    head = data[:8].decode("ascii", errors="replace")
    shown = "".join(ch if ch.isprintable() else "?" for ch in head)
    if data.lstrip()[:1] == b"<":
        return f"{shown!r}: a web page or XML"
    return repr(shown) if shown.strip() else "no text"


def _decrypt(path: Path, reader: Any) -> None:
    """Open a PDF that is only restricted (no password to read it); refuse one that needs one."""
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise LoadError(path, "the PDF is protected by a password")


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())[:120]
    return text or type(error).__name__


def _quiet_library_logging() -> None:
    """pypdf logs what it repairs in damaged files; those lines must not reach the terminal
    (or scribble over the reader's screen), so its logger goes nowhere."""
    logger = logging.getLogger("pypdf")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


def _page_lines(page: Any) -> list[_Line]:
    """The page's lines in pypdf's reading order, each with its height and type."""
    lines = [_Line()]

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                lines.append(_Line())
            if not piece:
                continue
            line = lines[-1]
            line.text += piece
            if piece.strip():
                if line.y is None:
                    # The run's origin in page space: the text matrix, then the current one.
                    line.y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]))
                scale *= math.sqrt(abs(cm[0] * cm[3] - cm[1] * cm[2]))
                name = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
                style = (round(size * scale * 2) / 2, bool(_BOLD.search(name)))
                line.styles[style] += len(piece.strip())

    page.extract_text(visitor_text=visit)
    return [line for line in lines if line.text.strip()]


def _furniture_key(line: _Line) -> tuple[str, int]:
    return _DIGITS.sub("#", " ".join(line.text.split()).casefold()), round((line.y or 0) / 4)


def _mark_furniture(pages: list[list[_Line]]) -> None:
    """Mark running headers, footers and page numbers: the same words (numbers aside) at the
    same height on many pages, or a page's first or last line when it is only a page number
    (a number elsewhere, a score on a line of its own, is content)."""
    seen: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        seen.update({_furniture_key(line) for line in lines})
    needed = max(_FURNITURE_MIN_PAGES, len(pages) / 3)
    for lines in pages:
        for line in lines:
            line.furniture = seen[_furniture_key(line)] >= needed
        for end in {0, len(lines) - 1} if lines else ():
            text = " ".join(lines[end].text.split())
            lines[end].furniture = lines[end].furniture or bool(_PAGE_NUMBER.match(text))


def _full_widths(pages: list[list[_Line]]) -> dict[tuple[float, bool], int]:
    """For each type style, the length of a full line (90th percentile, in characters)."""
    lengths: dict[tuple[float, bool], list[int]] = {}
    for lines in pages:
        for line in lines:
            if not line.furniture:
                lengths.setdefault(line.style, []).append(len(line.text.strip()))
    # A page of short lines only (a list of scores) has no full line to measure against.
    return {
        style: max(sorted(n)[int(len(n) * 0.9)], _MIN_FULL_LINE) for style, n in lengths.items()
    }


def _usual_gaps(pages: list[list[_Line]]) -> dict[float, float]:
    """For each type size, the distance between the lines of one paragraph: the smallest
    distance seen between consecutive lines in that size (twice, when there are several),
    kept within the leading type is set with."""
    gaps: dict[float, Counter[float]] = {}
    for lines in pages:
        body = [line for line in lines if not line.furniture and line.y is not None]
        for above, below in pairwise(body):
            size = above.style[0]
            gap = (above.y or 0) - (below.y or 0)
            if size and below.style[0] == size and _LEADING[0] * size <= gap < 3 * size:
                gaps.setdefault(size, Counter())[round(gap * 2) / 2] += 1
    usual = {}
    for size, counts in gaps.items():
        repeated = [gap for gap, n in counts.items() if n > 1] or list(counts)
        low, high = _LEADING[0] * size, _LEADING[1] * size
        # Wider than any leading: every paragraph here is one line, and this is their spacing.
        usual[size] = min(max(min(repeated), low), high)
    return usual


def _layout(pages: list[list[_Line]]) -> str:
    """Lines joined into text: a blank line between paragraphs, furniture set apart after the
    paragraph it interrupted, and a sentence running on over a page break kept together."""
    usual = _usual_gaps(pages)
    widths = _full_widths(pages)
    out: list[str] = []
    held: list[str] = []  # furniture waiting for the paragraph it interrupted to end
    previous: _Line | None = None
    for lines in pages:
        first_on_page = True
        for line in lines:
            text = " ".join(line.text.split())
            if line.furniture:
                held.append(text)
                continue
            if previous is not None and _new_paragraph(
                previous, line, usual, widths, first_on_page
            ):
                out.append("")
                # Furniture waits for the end of a paragraph of prose, so it never comes
                # between a heading (or a statement's title) and what it heads.
                if held and _PROSE_END.search(previous.text.rstrip()):
                    for furniture in held:
                        out.extend((furniture, ""))
                    held.clear()
            out.append(text)
            previous = line
            first_on_page = False
    for furniture in held:
        out.extend(("", furniture))
    return "\n".join(out) + "\n"


def _new_paragraph(
    above: _Line,
    below: _Line,
    usual: dict[float, float],
    widths: dict[tuple[float, bool], int],
    page_break: bool,
) -> bool:
    """Whether a blank line goes between two lines that follow each other."""
    if above.style != below.style:
        return True
    if not page_break and above.y is not None and below.y is not None:
        gap = above.y - below.y
        size = above.style[0]
        if gap <= 0 or gap > _PARAGRAPH_GAP * usual.get(size, _DEFAULT_LEADING * size):
            return True
    carries_on = below.text.lstrip()[:1].islower() or above.text.rstrip()[-1:] in _RUNS_ON
    if carries_on:
        return False
    short = len(above.text.strip()) < _SHORT_LINE * widths.get(above.style, 0)
    if page_break:
        # No distance to go by: a page that ends on a full line runs on into the next; one
        # that ends short (a paragraph's last line, a heading) does not.
        return short
    # Paragraphs set without space between them: a sentence that ends short of a full line
    # ends its paragraph.
    return short and _SENTENCE_END.search(above.text.rstrip()) is not None
