"""The `carecompare` command line (CONTRACT.md): the reader, and commands that print.

Imports stay light here: Textual is loaded only to open the reader, so `carecompare scores`
answers without paying for the UI.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from carecompare import __version__

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad usage or an input that cannot be used: exit 2 with this one-line reason."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as a UsageError instead of exiting on its own."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _warn(message: str) -> None:
    from carecompare.parsers.clean import safe_text

    print(f"carecompare: {safe_text(message)}", file=sys.stderr)


def _paths_or_samples(paths: Sequence[str]) -> list[str]:
    from carecompare.samples import sample_paths

    return list(paths) if paths else sample_paths()


def load(paths: Sequence[str], *, quiet: bool = False):  # -> Corpus
    """Parse what the paths name (progress on stderr when it takes a while); warn about each
    file skipped."""
    from carecompare.corpus import load_corpus
    from carecompare.tui.progress import StderrProgress

    with StderrProgress() as progress:
        corpus = load_corpus(_paths_or_samples(paths), progress)
    if not quiet:
        for failure in corpus.failures:
            _warn(f"skipped {failure}")
    return corpus


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _write_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def _add_format(parser: argparse.ArgumentParser, csv: bool = True) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="print JSON (CONTRACT.md)")
    if csv:
        group.add_argument("--csv", action="store_true", help="print CSV")


# -- commands ----------------------------------------------------------------------------


def cmd_scores(args: argparse.Namespace) -> int:
    from carecompare.parsers.knowledge import taxonomy
    from carecompare.records import document_record

    corpus = load(args.paths)
    if not corpus.documents:
        _warn("no document could be read")
        return EXIT_NOTHING
    if args.json:
        _print_json([document_record(d) for d in corpus.documents])
    elif args.csv:
        statements = [s.id for s in taxonomy().statements]
        header = ["path", "council", "kind", "published", "period", "rating", "indicative"]
        rows = []
        for document in corpus.documents:
            record = document_record(document)
            rows.append(
                [record[key] for key in header]
                + [document.scores.get(statement, "") for statement in statements]
            )
        _write_csv(header + statements, rows)
    else:
        from carecompare.tui.console import print_scores

        print_scores(corpus.documents)
    return EXIT_OK


def cmd_parse(args: argparse.Namespace) -> int:
    from carecompare.corpus import load_document
    from carecompare.parsers import LoadError
    from carecompare.records import parse_record

    try:
        document = load_document(args.path)
    except LoadError as error:
        raise UsageError(str(error)) from None
    if args.json:
        _print_json(parse_record(document))
    else:
        from carecompare.tui.console import print_outline

        print_outline(document)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from carecompare.export import (
        ExportOptions,
        SelectionError,
        documents_of_councils,
        export_markdown,
        statement_ids,
    )
    from carecompare.safe_write import write_file

    if args.output is not None:
        # Checked before the documents are read, so a long load does not end in a refusal.
        output = Path(args.output)
        if output.exists() and not output.is_file():
            kind = "a folder" if output.is_dir() else "not a regular file"
            raise UsageError(f"{args.output}: is {kind} (leave out -o for standard output)")
        if output.exists() and not args.force:
            raise UsageError(f"{args.output}: already exists (use --force to replace it)")
    corpus = load(args.paths)
    if args.output is not None:
        # With --force into a folder being compared, the last export would be read as a
        # document of its own; the file being replaced is never an input.
        target = Path(args.output).resolve()
        corpus.documents = [d for d in corpus.documents if Path(d.path).resolve() != target]
    if not corpus.documents:
        _warn("no document could be read")
        return EXIT_NOTHING
    try:
        options = ExportOptions(
            documents=documents_of_councils(corpus.documents, args.councils)
            if args.councils
            else None,
            statements=statement_ids(args.statements) if args.statements else None,
            key_text=not args.no_text,
            produced_at=None if args.no_timestamp else datetime.now(UTC),
        )
    except SelectionError as error:
        raise UsageError(str(error)) from None
    text = export_markdown(corpus.documents, options)
    if args.output is None:
        sys.stdout.flush()
        # Markdown is UTF-8 whatever the terminal's locale says.
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        write_file(args.output, text, force=args.force)
    except OSError as error:
        raise UsageError(f"{args.output}: {error.strerror or error}") from None
    return EXIT_OK


def cmd_metrics(args: argparse.Namespace) -> int:
    from carecompare.records import metric_record

    corpus = load(args.paths)
    if not corpus.documents:
        _warn("no document could be read")
        return EXIT_NOTHING
    records = [metric_record(d, m) for d in corpus.documents for m in d.metrics]
    if args.json:
        _print_json(records)
    elif args.csv:
        header = [
            "path", "council", "statement", "section", "line", "label", "metric", "quote",
            "value", "unit", "comparators", "source", "higher_is_better", "gap", "verdict",
        ]  # fmt: skip
        rows = []
        for record in records:
            comparators = "; ".join(
                f"{c['label']} ({c['kind']}): {c['value']}" for c in record["comparators"]
            )
            rows.append([comparators if key == "comparators" else record[key] for key in header])
        _write_csv(header, rows)
    else:
        from carecompare.tui.console import print_metrics

        print_metrics(corpus.documents)
    if not records:
        _warn("no figures found")
        return EXIT_NOTHING
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from carecompare.search import SearchIndex, hit_record
    from carecompare.words import query_words

    if not query_words(args.query):
        raise UsageError(f"the query {args.query!r} has no words to search for")
    corpus = load(args.paths)
    if not corpus.documents:
        _warn("no document could be read")
        return EXIT_NOTHING
    index = SearchIndex.build(corpus.documents)
    hits = index.search(args.query, args.limit)
    if args.json:
        _print_json([hit_record(index, hit) for hit in hits])
    elif hits:
        from carecompare.tui.search_listing import print_hits

        print_hits(index, hits, args.query)
    if not hits:
        _warn(f"no section matches {args.query!r}")
        return EXIT_NOTHING
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return value


def cmd_reader(args: argparse.Namespace) -> int:
    from carecompare.tui.app import run_reader

    return run_reader(_paths_or_samples(args.paths))


Command = Callable[[argparse.Namespace], int]


def _command_parsers() -> dict[str, tuple[_Parser, Command]]:
    commands: dict[str, tuple[_Parser, Command]] = {}

    scores = _Parser(
        prog="carecompare scores",
        description="Each document's council, rating and quality statement scores.",
    )
    scores.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    _add_format(scores)
    commands["scores"] = (scores, cmd_scores)

    metrics = _Parser(
        prog="carecompare metrics",
        description=(
            "Every figure the documents cite, with its comparators (national average, region, "
            "comparator group, previous years), source, gap and verdict."
        ),
    )
    metrics.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    _add_format(metrics)
    commands["metrics"] = (metrics, cmd_metrics)

    parse = _Parser(
        prog="carecompare parse",
        description="One document's facts and its sections in order, with all of its text.",
    )
    parse.add_argument("path", metavar="PATH", help="a file")
    _add_format(parse, csv=False)
    commands["parse"] = (parse, cmd_parse)

    search = _Parser(
        prog="carecompare search",
        description=(
            "Sections that hold every word of QUERY (the last word also as the start of a "
            "longer one, and words a typo away), best first."
        ),
    )
    search.add_argument("query", metavar="QUERY", help="words to look for")
    search.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    search.add_argument("--json", action="store_true", help="print JSON (CONTRACT.md)")
    search.add_argument(
        "--limit", type=_positive, default=20, metavar="N", help="at most N hits (default 20)"
    )
    commands["search"] = (search, cmd_search)

    export = _Parser(
        prog="carecompare export",
        description=(
            "A markdown report of where the documents differ: ratings and scores side by "
            "side, figures against the national average, and statement by statement what "
            "each council has that the others do not."
        ),
    )
    export.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: standard output)"
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument(
        "-c",
        "--council",
        dest="councils",
        action="append",
        metavar="NAME",
        help="compare only this council's documents (repeat for more; default: all)",
    )
    export.add_argument(
        "-s",
        "--statement",
        dest="statements",
        action="append",
        metavar="STATEMENT",
        help="cover only this statement: number, id or title; repeat or use commas "
        "(default: all nine)",
    )
    export.add_argument("--no-text", action="store_true", help="leave out each council's key text")
    export.add_argument(
        "--no-timestamp",
        action="store_true",
        help="leave the time out of the first line, so the same input gives the same file",
    )
    commands["export"] = (export, cmd_export)
    return commands


def _reader_parser(commands: Sequence[str]) -> _Parser:
    parser = _Parser(
        prog="carecompare",
        description=(
            "Read English councils' social care assessments side by side. With no PATH, "
            "opens the bundled sample documents."
        ),
        epilog="commands: " + ", ".join(commands) + " (`carecompare COMMAND --help` for each)",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to open")
    parser.add_argument("--version", action="version", version=f"carecompare {__version__}")
    return parser


def _add_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every file again, neither reading nor writing the parse cache",
    )


def _run(command: Command, args: argparse.Namespace) -> int:
    """Run a command; `--no-cache` holds for everything it loads (the reader's workers too)."""
    from carecompare.cache import NO_CACHE_ENV

    if not args.no_cache:
        return command(args)
    before = os.environ.get(NO_CACHE_ENV)
    os.environ[NO_CACHE_ENV] = "1"
    try:
        return command(args)
    finally:
        if before is None:
            del os.environ[NO_CACHE_ENV]
        else:
            os.environ[NO_CACHE_ENV] = before


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (CONTRACT.md)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = _command_parsers()
    for parser, _ in commands.values():
        _add_cache_option(parser)
    from carecompare.parsers.knowledge import KNOWLEDGE_ENV, KnowledgeError

    try:
        if os.environ.get(KNOWLEDGE_ENV):
            from carecompare.parsers import check_knowledge

            check_knowledge()  # the user's own knowledge files: say what is wrong first
        if argv and argv[0] in commands:
            parser, command = commands[argv[0]]
            return _run(command, parser.parse_args(argv[1:]))
        reader = _reader_parser(list(commands))
        _add_cache_option(reader)
        return _run(cmd_reader, reader.parse_args(argv))
    except UsageError as error:
        _warn(str(error))
        return EXIT_USAGE
    except KnowledgeError as error:
        _warn(f"knowledge file {error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`); nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # a bug: one line for the user, the traceback on request
        if os.environ.get("CARECOMPARE_DEBUG"):
            raise
        _warn(
            f"internal error: {type(error).__name__}: {error} (set CARECOMPARE_DEBUG=1 for details)"
        )
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
