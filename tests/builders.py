"""Build the files users download from a document's text: a printed PDF and a saved web page.

The tests and the benchmarks feed these to the readers and check the parse matches the text's.
The PDF is what printing the text gives: each source line wrapped to the page (in web text,
where a line is a paragraph, with space after it), headings larger and bold, a page footer.
The HTML is a saved page: site chrome (cookie banner, header, navigation, scripts, styles,
footer) around the content, and text with entities.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _inline_text(line: str) -> str:
    """A markdown line as a reader sees it: no emphasis marks, links as their labels."""
    return _LINK.sub(r"\1", _EMPHASIS.sub(r"\2", line))


def plain_text(text: str, keep_heading_marks: bool = False) -> str:
    """The text as a reader of the printed or saved page sees it: no emphasis marks, links as
    their labels, and (unless kept) no heading marks."""
    lines = (_inline_text(line) for line in text.splitlines())
    if not keep_heading_marks:
        lines = (_HEADING.sub(r"\2", line) for line in lines)
    return "\n".join(lines)


def pdf_from_text(text: str, *, unicode_font: bool = False, footer: str = "") -> bytes:
    """The text printed to PDF (fpdf2). `unicode_font` embeds a TrueType font, as real reports
    do, when one is installed; otherwise Helvetica with its Windows-1252 characters."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    family = "helvetica"
    if unicode_font and UNICODE_FONT.exists():
        family = "dejavu"
        pdf.add_font(family, "", str(UNICODE_FONT))
        pdf.add_font(family, "B", str(UNICODE_FONT.with_name("DejaVuSans-Bold.ttf")))
    else:
        pdf.core_fonts_encoding = "windows-1252"

    def printable(line: str) -> str:
        if family == "dejavu":
            return line
        return line.encode("cp1252", errors="replace").decode("cp1252")

    if footer:
        # fpdf2 calls footer() on every page; a class would do the same with more ceremony.
        def draw_footer() -> None:
            pdf.set_y(-12)
            pdf.set_font(family, "", 8)
            pdf.cell(0, 5, f"{footer}   Page {pdf.page_no()}", align="C")

        pdf.footer = draw_footer  # type: ignore[method-assign]
    pdf.add_page()
    # Web text holds a paragraph per line, PDF text lines already wrapped to a page.
    web_text = max(map(len, text.splitlines()), default=0) > 150
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _RULE.match(line):
            pdf.ln(3)
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        if heading:
            size = {1: 18, 2: 15, 3: 13}.get(len(heading.group(1)), 12)
            pdf.ln(2)
            pdf.set_font(family, "B", size)
            body = heading.group(2)
        else:
            pdf.set_font(family, "", 10.5)
            body = line
        body = printable(_inline_text(body))
        if bullet:
            pdf.set_x(pdf.l_margin + 5)
            body = "• " + printable(_inline_text(bullet.group(1)))
        pdf.multi_cell(0, 5.2 if not heading else 7, body, new_x="LMARGIN", new_y="NEXT")
        if web_text and not bullet:
            pdf.ln(2)  # one paragraph per line: a browser sets space between paragraphs
    return bytes(pdf.output())


_CHROME_HEAD = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title} - Care Quality Commission</title>
<style>body {{ font-family: sans-serif }} .cookie-banner {{ position: fixed }}</style>
<script>window.dataLayer = window.dataLayer || []; var trackingIdentifier = "GTM-XXXX";</script>
</head>
<body class="page">
<div class="cookie-banner" id="cookie-consent" role="region">
  <p>We use cookies to collect information about how you use our website.</p>
  <button>Accept analytics cookies</button> <button>Reject analytics cookies</button>
</div>
<header class="site-header" role="banner">
  <a class="skip-link" href="#main">Skip to main content</a>
  <a href="/"><img src="logo.svg" alt="Care Quality Commission"></a>
  <nav aria-label="Main menu"><ul>
    <li><a href="/services">Find and compare services</a></li>
    <li><a href="/guidance">Guidance for providers</a></li>
    <li><a href="/publications">Publications</a></li>
  </ul></nav>
</header>
<div class="wrapper"><div class="container">
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
  <li><a href="/">Home</a></li><li><a href="/local-authorities">Local authorities</a></li>
</ol></nav>
<main id="main" class="main-content"><div class="layout"><article class="content">
"""

_CHROME_TAIL = """
</article></div></main>
</div></div>
<footer class="site-footer" role="contentinfo">
  <ul><li><a href="/privacy">Privacy notice</a></li><li><a href="/cookies">Cookie policy</a></li>
  <li><a href="/accessibility">Accessibility statement</a></li></ul>
  <p>&copy; Care Quality Commission</p>
</footer>
<script type="text/javascript">document.querySelectorAll("nav a").forEach(function (a) {
  if (a.href < "x" && trackingIdentifier) { console.log("<p>not text</p>"); } });</script>
<noscript><p>Enable JavaScript for the interactive map.</p></noscript>
</body>
</html>
"""

CHROME_WORDS = (
    "Accept analytics cookies",
    "Skip to main content",
    "Find and compare services",
    "Guidance for providers",
    "Privacy notice",
    "trackingIdentifier",
    "not text",
    "Enable JavaScript",
)
"""Phrases of the saved page's chrome: none may reach a parsed document."""


def _escape(text: str) -> str:
    """Text as a web page writes it: markup characters escaped, some characters as entities."""
    escaped = html.escape(text, quote=False)
    return escaped.replace("’", "&rsquo;").replace("£", "&#163;").replace("–", "&ndash;")


def _inline_html(line: str) -> str:
    out = _escape(line)
    out = _EMPHASIS.sub(r"<strong>\2</strong>", out)
    return _LINK.sub(r'<a href="\2">\1</a>', out)


def html_from_text(text: str, title: str = "Local authority assessment") -> str:
    """The text as a saved web page: markdown headings as <h1>-<h6>, `- ` lines as lists, runs
    of lines as paragraphs (their line breaks as <br>), wrapped in a page's chrome."""
    body: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            body.append("<p>" + "<br>\n".join(paragraph) + "</p>")
            paragraph.clear()
        if items:
            body.append("<ul>\n" + "\n".join(f"  <li>{item}</li>" for item in items) + "\n</ul>")
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        if not line or _RULE.match(line):
            flush()
        elif heading:
            flush()
            level = len(heading.group(1))
            body.append(
                f'<div class="heading-wrap"><h{level}>{_inline_html(heading.group(2))}'
                f"</h{level}></div>"
            )
        elif bullet:
            if paragraph:
                flush()
            items.append(_inline_html(bullet.group(1)))
        else:
            if items:
                flush()
            paragraph.append(_inline_html(line))
    flush()
    return _CHROME_HEAD.format(title=html.escape(title)) + "\n".join(body) + _CHROME_TAIL
