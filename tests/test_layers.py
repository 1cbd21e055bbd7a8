"""Parsing and the comparison core never import Textual: they must work without the UI."""

from __future__ import annotations

import subprocess
import sys

HEADLESS = [
    "carecompare.parsers",
    "carecompare.parsers.cqc",
    "carecompare.parsers.annual",
    "carecompare.parsers.ofsted",
    "carecompare.parsers.generic",
    "carecompare.parsers.figures",
    "carecompare.metric_align",
    "carecompare.align",
    "carecompare.metric_align",
    "carecompare.gaps",
    "carecompare.reading",
    "carecompare.scorecard",
    "carecompare.corpus",
    "carecompare.records",
    "carecompare.samples",
    "carecompare.export",
    "carecompare.markdown",
    "carecompare.safe_write",
    "carecompare.search",
    "carecompare.indexing",
    "carecompare.vocabulary",
    "carecompare.words",
    "carecompare.ranking",
    "carecompare.snippets",
    "carecompare.tui.search_listing",
    "carecompare.tui.cli",
    "carecompare.tui.console",
    "carecompare.tui.pane_layout",
]


def test_headless_modules_do_not_import_textual():
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in HEADLESS)
        + "from carecompare.parsers import parse_file\n"
        + "from carecompare.samples import sample_paths\n"
        + "[parse_file(p) for p in sample_paths()]\n"
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
