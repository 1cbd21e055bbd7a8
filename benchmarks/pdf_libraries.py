"""Which PDF library reads CQC-style PDFs best: pypdf or pdfminer.six, on quality and speed.

    pip install pdfminer.six     # for the comparison only; carecompare itself uses pypdf
    python benchmarks/pdf_libraries.py

PDFs are printed (fpdf2) from the bundled samples and the test fixtures, in Helvetica and, when
it is installed, in an embedded TrueType font (DejaVu Sans) as real reports are. For each
extractor it prints, summed over the documents:

- words kept: share of the source's words found in the extracted text (as a multiset);
- headings: share of the source's markdown headings found whole on a line of their own;
- order: share of the source's words in the longest common subsequence (difflib blocks);
- same parse: documents whose council, date, rating, indicative flag and scores, parsed from
  the extracted text, equal those parsed from the source text;
- ms/page: extraction time, best of 3.

`pypdf+layout` is carecompare's reader (pypdf, with paragraphs laid out from the text's
positions and sizes, `parsers/readers/pdf.py`).
"""

from __future__ import annotations

import difflib
import io
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the PDF builder the tests use

from builders import pdf_from_text, plain_text  # noqa: E402

from carecompare.parsers import parse_text  # noqa: E402
from carecompare.parsers.readers.pdf import read_pdf  # noqa: E402
from helpers import words  # noqa: E402

_WORD = re.compile(r"[A-Za-z0-9]+")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$", re.M)
FACTS = ("kind", "council", "published", "rating", "indicative", "scores", "judgements")


def pypdf_plain(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pypdf_layout(data: bytes) -> str:
    return read_pdf(Path("bench.pdf"), data).text


def pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "pypdf": pypdf_plain,
    "pypdf+layout": pypdf_layout,
    "pdfminer.six": pdfminer,
}


def sources() -> list[Path]:
    folders = (ROOT / "sample_docs", ROOT / "tests" / "fixtures")
    return sorted(p for f in folders for p in f.iterdir() if p.suffix in (".txt", ".md"))


def main() -> None:
    from pypdf import PdfReader

    fonts = (False, True)
    totals = {name: [0.0, 0, 0, 0, 0, 0, 0.0, 0] for name in EXTRACTORS}
    # kept words, source words, headings found, headings, order matched, same parses, ms, pages
    for path in sources():
        text = path.read_text(encoding="utf-8")
        reference = parse_text(text, str(path))
        source_words = words(plain_text(text))
        sequence = [w.casefold() for w in _WORD.findall(plain_text(text))]
        marked = plain_text(text, keep_heading_marks=True)
        headings = [" ".join(h.split()) for h in _HEADING.findall(marked)]
        for unicode_font in fonts:
            data = pdf_from_text(text, unicode_font=unicode_font, footer="Council assessment")
            pages = len(PdfReader(io.BytesIO(data)).pages)
            for name, extract in EXTRACTORS.items():
                times = []
                for _ in range(3):
                    start = time.perf_counter()
                    extracted = extract(data)
                    times.append(time.perf_counter() - start)
                found = words(extracted)
                lines = {" ".join(line.split()) for line in extracted.splitlines()}
                matcher = difflib.SequenceMatcher(
                    None, sequence, [w.casefold() for w in _WORD.findall(extracted)], False
                )
                parsed = parse_text(extracted, str(path))
                same = all(getattr(parsed, k) == getattr(reference, k) for k in FACTS)
                total = totals[name]
                total[0] += sum((source_words & found).values())
                total[1] += sum(source_words.values())
                total[2] += sum(h in lines for h in headings)
                total[3] += len(headings)
                total[4] += sum(block.size for block in matcher.get_matching_blocks())
                total[5] += same
                total[6] += min(times) * 1000
                total[7] += pages
                if not same:
                    font = "TrueType" if unicode_font else "Helvetica"
                    print(f"  {name}: {path.name} ({font}) parses differently")
    documents = len(sources()) * len(fonts)
    words_in_all = totals["pypdf"][1]
    print(f"\n{documents} PDFs, {totals['pypdf'][7]} pages (best of 3 runs each)\n")
    print(f"{'extractor':14} {'words kept':>10} {'headings':>9} {'order':>7} "
          f"{'same parse':>10} {'ms/page':>8}")  # fmt: skip
    for name, t in totals.items():
        print(
            f"{name:14} {t[0] / t[1]:10.2%} {t[2] / max(t[3], 1):9.1%} "
            f"{t[4] / words_in_all:7.2%} {t[5]:>5}/{documents:<4} {t[6] / t[7]:8.1f}"
        )


if __name__ == "__main__":
    main()
