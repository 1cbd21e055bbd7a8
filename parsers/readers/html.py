"""Saved web pages to text, with selectolax, in the shapes the parsers read.

Why selectolax (the Lexbor engine): it parses as browsers do (the HTML5 rules for unclosed
`<p>` and `<li>`, entities, broken nesting), in C: parsing a saved page and walking all of its
text takes about 1 ms, against 3-6 ms for the standard library's html.parser (which builds no
tree and leaves the repairs browsers make to hand-written code), 12-25 ms for BeautifulSoup
and 1.3-1.5 ms for lxml, whose HTML parser follows the older, pre-HTML5 rules
(`benchmarks/html_parsers.py`).

What comes out: headings as `#` lines (one `#` per level), list items as `- ` lines (an item
built of headings and blocks, a card, as those blocks), paragraphs and other blocks separated
by blank lines, a `<br>` as a line break, a table row as one line, a term and its definition
(`<dt>`, `<dd>`) as one line. Scripts, styles, forms' controls, navigation, the site's header
and footer (a header or footer inside the page's `<main>` or `<article>` is content and
stays), cookie banners and hidden elements are dropped; entities are decoded by the parser.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..load import LoadError, decode

_DROPPED_TAGS = [
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "embed", "canvas", "video", "audio", "map", "button", "input", "select", "textarea",
    "nav", "dialog",
]  # fmt: skip
_DROPPED_ROLES = ("navigation", "banner", "contentinfo", "search", "dialog", "alertdialog")
_BANNER = re.compile(r"cookie|consent|gdpr", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header",
    "hgroup", "hr", "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "tfoot", "thead", "tr", "ul",
})  # fmt: skip
_CELLS = frozenset(("td", "th"))


def read_html(path: Path, data: bytes) -> str:
    """A saved page's text: headings, lists and paragraphs as lines, the site's chrome gone."""
    from selectolax.lexbor import LexborHTMLParser

    markup, _ = decode(data, path)
    tree = LexborHTMLParser(markup)
    title = tree.css_first("head > title")
    page_title = " ".join(title.text().split()) if title is not None else ""
    body = tree.body
    if body is None:
        raise LoadError(path, "the page has no body")
    writer = _Writer()
    try:
        _drop_chrome(body)
        writer.walk(body)
    except RecursionError:
        # Browsers stop nesting at a few hundred levels too; no real page comes near it.
        raise LoadError(path, "the page's elements are nested too deeply to read") from None
    text = writer.finish()
    if not text.strip():
        raise LoadError(path, "the page has no text (only scripts, styles or navigation)")
    if page_title and body.css_first("h1") is None:
        text = f"# {page_title}\n\n{text}"  # the page names itself only in its title
    return text


def _drop_chrome(body: Any) -> None:
    """Remove what a reader of the page does not read as its content."""
    body.strip_tags(_DROPPED_TAGS)
    for node in _chrome(body):
        node.decompose()


def _chrome(node: Any) -> list[Any]:
    """The outermost elements under `node` that are site chrome or hidden."""
    found = []
    for child in node.iter():
        attributes = child.attributes
        if (
            attributes.get("role") in _DROPPED_ROLES
            or "hidden" in attributes
            or attributes.get("aria-hidden") == "true"
            or _HIDDEN_STYLE.search(attributes.get("style") or "")
            or _BANNER.search(f"{attributes.get('id') or ''} {attributes.get('class') or ''}")
            or (child.tag in ("header", "footer") and not _inside_content(child))
        ):
            found.append(child)
        else:
            found.extend(_chrome(child))
    return found


def _inside_content(node: Any) -> bool:
    """Whether a header or footer belongs to the page's content (its main part or an article)
    rather than to the site around it."""
    parent = node.parent
    while parent is not None:
        if parent.tag in ("main", "article") or parent.attributes.get("role") == "main":
            return True
        parent = parent.parent
    return False


def _is_bullet(item: Any) -> bool:
    """A list item of text is a bullet; an item built of headings and blocks (a card in a list
    of cards: a statement's title over its score) is written as those blocks."""
    return _blocks_in(item) <= 1


def _blocks_in(node: Any) -> int:
    """Blocks under `node` (a heading counts as many), not looking into nested lists."""
    count = 0
    for child in node.iter():
        tag = child.tag
        if tag in _HEADINGS:
            return 99
        if tag not in ("ul", "ol", "-text"):
            count += (tag in _BLOCKS) + _blocks_in(child)
    return count


class _Writer:
    """Text out of a tree walk: lines, and blank lines between blocks."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.prefix = ""
        self.in_heading = False
        self.in_pre = 0
        self.after_term = False
        self.lists = 0

    def walk(self, node: Any) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.text(child.text_content or "")
            elif tag == "br":
                if self.in_heading:
                    self.text(" ")
                else:
                    self.end_line()
            elif tag in _HEADINGS:
                self.heading(_HEADINGS[tag], child)
            elif tag == "li":
                self.end_line()
                if _is_bullet(child):
                    self.prefix = "- "
                self.walk(child)
                self.end_line()
            elif tag == "dt":
                self.paragraph_break()
                self.walk(child)
                self.after_term = True
            elif tag == "dd":
                # "Assessment published:" and its date on one line, as the page shows them.
                if self.after_term and self.parts:
                    self.text(" ")
                else:
                    self.end_line()
                self.after_term = False
                self.walk(child)
                self.end_line()
            elif tag in ("ul", "ol"):
                # A list inside a list item carries on the list: no blank line around it.
                nested = self.lists > 0
                self.end_line() if nested else self.paragraph_break()
                self.lists += 1
                self.walk(child)
                self.lists -= 1
                self.end_line() if nested else self.paragraph_break()
            elif tag in _CELLS:
                self.text(" ")
                self.walk(child)
                self.text(" ")
            elif tag == "tr":
                self.end_line()
                self.walk(child)
                self.end_line()
            elif tag == "pre":
                self.paragraph_break()
                self.in_pre += 1
                self.walk(child)
                self.in_pre -= 1
                self.paragraph_break()
            elif tag in _BLOCKS:
                self.paragraph_break()
                self.walk(child)
                self.paragraph_break()
            elif tag.startswith("-"):
                continue  # comments, doctype
            else:
                self.walk(child)  # inline: a, span, strong, em, ...

    def heading(self, level: int, node: Any) -> None:
        self.after_term = False
        self.paragraph_break()
        self.prefix = "#" * level + " "
        self.in_heading = True
        self.walk(node)
        self.in_heading = False
        self.paragraph_break()

    def text(self, text: str) -> None:
        if self.in_pre:
            first, *rest = text.split("\n")
            self.parts.append(first)
            for line in rest:
                self.end_line()
                self.parts.append(line)
            return
        # HTML collapses runs of white space to one space (split() is far quicker than a regex).
        words = " ".join(text.split())
        if words != text:
            words = (" " if text[:1].isspace() else "") + words
            words += " " if words and text[-1:].isspace() else ""
        self.parts.append(words)

    def end_line(self) -> None:
        line = "".join(self.parts)
        line = line.rstrip() if self.in_pre else " ".join(line.split())
        self.parts.clear()
        if line.strip():
            self.lines.append(self.prefix + line)
            self.prefix = ""

    def paragraph_break(self) -> None:
        self.end_line()
        self.after_term = False
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def finish(self) -> str:
        self.paragraph_break()
        return "\n".join(self.lines)
