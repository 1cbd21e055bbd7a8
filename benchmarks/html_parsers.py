"""Which HTML parser to read saved pages with: time to parse a page and walk all of its text.

    pip install beautifulsoup4 lxml     # for the comparison only
    python benchmarks/html_parsers.py

The pages are the bundled samples and test fixtures saved as web pages (`tests/builders.py`:
cookie banner, header, navigation, scripts, footer), and the same pages padded as real saved
pages are, with 200 kB of inline script, JSON and SVG icons. Each parser parses the page and
visits every text node outside scripts and styles, which is the work any converter does;
`carecompare` is the whole reader (`parsers/readers/html.py`, selectolax). Best of 5.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the page builder the tests use

from builders import html_from_text  # noqa: E402

from carecompare.parsers.readers.html import read_html  # noqa: E402

SKIPPED = frozenset(("script", "style", "noscript", "template", "svg"))


class _StdlibText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.skipping += tag in SKIPPED

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in SKIPPED and self.skipping > 0

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def stdlib(page: str) -> int:
    parser = _StdlibText()
    parser.feed(page)
    parser.close()
    return len("".join(parser.parts))


def selectolax(page: str) -> int:
    from selectolax.lexbor import LexborHTMLParser

    body = LexborHTMLParser(page).body
    body.strip_tags(list(SKIPPED))
    parts: list[str] = []

    def walk(node) -> None:
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                parts.append(child.text_content or "")
            else:
                walk(child)

    walk(body)
    return len("".join(parts))


def lxml_html(page: str) -> int:
    import lxml.html

    root = lxml.html.document_fromstring(page)
    parts = []
    for element in root.iter():
        if element.tag in SKIPPED:
            continue
        parts.append(element.text or "")
        parts.append(element.tail or "")
    return len("".join(parts))


def soup(backend: str) -> Callable[[str], int]:
    def parse(page: str) -> int:
        from bs4 import BeautifulSoup

        tree = BeautifulSoup(page, backend)
        for node in tree(list(SKIPPED)):
            node.decompose()
        return len(tree.get_text())

    return parse


def carecompare(page: str) -> int:
    return len(read_html(Path("bench.html"), page.encode()))


PARSERS: dict[str, Callable[[str], int]] = {
    "html.parser (stdlib)": stdlib,
    "selectolax (lexbor)": selectolax,
    "lxml.html": lxml_html,
    "bs4 + html.parser": soup("html.parser"),
    "bs4 + lxml": soup("lxml"),
    "carecompare reader": carecompare,
}

_PADDING = (
    "<script>window.__DATA__ = {" + ", ".join(f'"k{i}": "{"x" * 60}"' for i in range(1500))
    + "};</script>\n" + "<svg viewBox='0 0 24 24'><path d='" + "M1 1L2 2 " * 4000
    + "'/></svg>\n"
)  # fmt: skip


def pages() -> list[tuple[str, str]]:
    folders = (ROOT / "sample_docs", ROOT / "tests" / "fixtures")
    sources = sorted(p for f in folders for p in f.iterdir() if p.suffix in (".txt", ".md"))
    plain = [html_from_text(p.read_text(encoding="utf-8")) for p in sources]
    padded = [page.replace("</head>", _PADDING + "</head>") for page in plain]
    return [("saved pages", p) for p in plain] + [("padded pages", p) for p in padded]


def main() -> None:
    sets: dict[str, list[str]] = {}
    for name, page in pages():
        sets.setdefault(name, []).append(page)
    for name, group in sets.items():
        megabytes = sum(len(page) for page in group) / 1e6
        print(f"\n{len(group)} {name}, {megabytes:.2f} MB; ms per page (best of 5):")
        for parser, parse in PARSERS.items():
            try:
                parse(group[0])
            except ImportError:
                print(f"  {parser:22} (not installed)")
                continue
            best = min(_time(parse, group) for _ in range(5))
            print(f"  {parser:22} {best / len(group) * 1000:8.2f}")


def _time(parse: Callable[[str], int], group: list[str]) -> float:
    start = time.perf_counter()
    for page in group:
        parse(page)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
