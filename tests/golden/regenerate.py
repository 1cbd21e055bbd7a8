"""Rewrite the golden exports in this folder from the current code.

    python tests/golden/regenerate.py          # rewrite every file
    python tests/golden/regenerate.py --check  # only say which files differ (exit 1 if any)

Run it when the report's format, the parsers or the figures change on purpose (the samples'
export changes when the metrics work lands), then read `git diff tests/golden/` before
committing: the diff is the change a reader of the report will see.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from export_cases import CASES, GOLDEN, golden_body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; write nothing")
    args = parser.parse_args()
    differ = []
    for name in CASES:
        path = GOLDEN / name
        text = golden_body(name)
        old = path.read_text("utf-8") if path.exists() else None
        if old == text:
            continue
        differ.append(name)
        if not args.check:
            path.write_text(text, "utf-8", newline="\n")
    verb = "differ" if args.check else "rewritten"
    print(f"{len(differ)} of {len(CASES)} golden files {verb}: {', '.join(differ) or 'none'}")
    return 1 if args.check and differ else 0


if __name__ == "__main__":
    sys.exit(main())
