"""The markdown diff of the documents being compared: a pure function from documents and
options to GitHub-flavoured markdown (DESIGN.md, "The markdown diff").

    text = export_markdown(documents, ExportOptions(statements=("safeguarding",)))

For the reader's `e` key: `export_markdown(documents, ExportOptions(documents=on_screen,
statements=chosen, produced_at=datetime.now(UTC)))`, a name from `default_file_name`, and
`carecompare.safe_write.write_file(path, text, force=confirmed)`, which raises
FileExistsError when the file exists and `force` is false (ask, then retry with force).

The first line says what produced the report and when; everything after it depends only on
the documents and the options, byte for byte, so golden-file tests compare `body(text)`.
Document text is escaped throughout (see `carecompare.markdown`): it cannot add HTML, links
or structure the document did not have.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from carecompare import __version__
from carecompare.export_figures import figures_part
from carecompare.export_options import (
    ExportOptions,
    SelectionError,
    documents_of_councils,
    statement_ids,
)
from carecompare.export_scores import documents_part, scores_part
from carecompare.export_statements import statements_part
from carecompare.export_view import ExportView, build_view, short_council
from carecompare.markdown import inline
from carecompare.parsers import Document
from carecompare.parsers.textnorm import slug

__all__ = [
    "ExportOptions",
    "SelectionError",
    "body",
    "default_file_name",
    "documents_of_councils",
    "export_markdown",
    "header_line",
    "statement_ids",
]

PRODUCER = f"carecompare {__version__}"


def header_line(produced_at: datetime | None) -> str:
    """The first line: what produced the report and, when given, when (in UTC when the time
    knows its zone)."""
    if produced_at is None:
        return f"*Exported by {PRODUCER}.*"
    if produced_at.tzinfo is not None:
        stamp = produced_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    else:
        stamp = produced_at.strftime("%Y-%m-%d %H:%M")
    return f"*Exported by {PRODUCER} on {stamp}.*"


def body(text: str) -> str:
    """An export without its first line: the part that is the same for the same input."""
    return text.split("\n", 1)[1] if "\n" in text else ""


def default_file_name(documents: Sequence[Document], options: ExportOptions | None = None) -> str:
    """A file name that says what an export compares ("carecompare-derby-city-rutland.md"):
    only letters, digits and hyphens, so it is safe in any folder and shell."""
    options = options or ExportOptions()
    indexes = range(len(documents)) if options.documents is None else options.documents
    councils = dict.fromkeys(slug(short_council(documents[i]), 40) for i in indexes)
    name = "-".join(councils).replace("_", "-")[:80].strip("-")
    if options.statements is not None and len(options.statements) == 1:
        name += f"-{options.statements[0].replace('_', '-')}"
    return f"carecompare-{name}.md" if name else "carecompare.md"


def _councils(view: ExportView) -> list[str]:
    return list(dict.fromkeys(d.council or d.name for d in view.documents))


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _title(view: ExportView) -> str:
    councils = [inline(name) for name in _councils(view)]
    if not councils:
        return "# Councils compared\n\nNo documents were given."
    documents = len(view.documents)
    scope = (
        "all nine quality statements"
        if view.every_statement
        else ("statement " if len(view.statements) == 1 else "statements ")
        + _and([f"{s.number} {inline(s.title)}" for s in view.statements])
        if view.statements
        else "no statements"
    )
    summary = (
        f"{documents} document{'s' if documents != 1 else ''} of {len(councils)} "
        f"council{'s' if len(councils) != 1 else ''}; {scope}."
    )
    return f"# Councils compared: {_and(councils)}\n\n{summary}"


def export_markdown(documents: Sequence[Document], options: ExportOptions | None = None) -> str:
    """The markdown diff of `documents` (all of them and all nine statements by default).

    Raises ValueError for a statement id the taxonomy does not know and IndexError for a
    document index out of range; nothing else about the documents can make it fail."""
    options = options or ExportOptions()
    view = build_view(documents, options)
    parts = [header_line(options.produced_at), _title(view)]
    if view.documents:
        parts += [documents_part(view), scores_part(view), figures_part(view)]
        statements = statements_part(view)
        if statements:
            parts.append(statements)
    return "\n\n".join(parts) + "\n"
