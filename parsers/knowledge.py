"""The knowledge files (taxonomy, councils), read once and checked, as typed objects."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .textnorm import slug


class KnowledgeError(ValueError):
    """A knowledge file that does not say what carecompare needs; the message names the key."""


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    number: int
    title: str
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    theme: str
    number: int
    """1-9, the statement's place in the framework (the reader's `1`-`9` keys)."""
    title: str
    short: str
    """A column heading for tables of scores."""
    variants: tuple[str, ...]
    subsections: tuple[str, ...]
    """The standard key-findings headings, in the order CQC prints them."""


@dataclass(frozen=True, slots=True)
class NamedPhrases:
    """Something recognised by its title or by phrases (a statement part, domain, judgement)."""

    id: str
    title: str
    variants: tuple[str, ...]
    statement: str | None = None
    patterns: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True, slots=True)
class Council:
    name: str
    aliases: tuple[str, ...]
    short: tuple[str, ...]
    type: str
    region: str


@dataclass(frozen=True, slots=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    statements: tuple[Statement, ...]
    statement_parts: tuple[NamedPhrases, ...]
    document_sections: tuple[NamedPhrases, ...]
    theme_heading: re.Pattern[str]
    statement_title_prefix: re.Pattern[str]
    statement_title_score: re.Pattern[str]
    furniture: tuple[re.Pattern[str], ...]
    page_header: tuple[re.Pattern[str], ...]
    ratings: tuple[str, ...]
    rating_patterns: tuple[re.Pattern[str], ...]
    overall_score_patterns: tuple[re.Pattern[str], ...]
    rating_thresholds: tuple[tuple[int, str], ...]
    score_patterns: tuple[re.Pattern[str], ...]
    score_words: dict[str, int]
    indicative_markers: tuple[str, ...]
    published_patterns: tuple[re.Pattern[str], ...]
    cqc_title_patterns: tuple[re.Pattern[str], ...]
    ascof_domains: tuple[NamedPhrases, ...]
    annual_closing_headings: tuple[re.Pattern[str], ...]
    ofsted_judgements: tuple[NamedPhrases, ...]
    ofsted_grades: tuple[str, ...]
    kinds: dict[str, tuple[int, dict[str, int]]]
    statement_by_id: dict[str, Statement]

    def theme_of(self, statement_id: str | None) -> str | None:
        """The theme a statement belongs to (None for None or an unknown id)."""
        found = self.statement_by_id.get(statement_id or "")
        return found.theme if found else None

    def subsection_key(self, statement_id: str, title: str) -> str:
        """Alignment key of a key-findings heading within its statement."""
        return f"{statement_id}/{slug(title)}"


KNOWLEDGE_ENV = "CARECOMPARE_KNOWLEDGE"
"""A folder of the user's own knowledge files: a `taxonomy.yaml`, `councils.yaml` or
`metrics.yaml` there replaces the one carecompare ships (same shape, validated the same)."""


def user_knowledge_files() -> list[Path]:
    """The user's own knowledge files in use (CARECOMPARE_KNOWLEDGE), in name order."""
    folder = os.environ.get(KNOWLEDGE_ENV)
    if not folder:
        return []
    return sorted(p for p in Path(folder).glob("*.yaml") if p.name in KNOWLEDGE_FILES)


KNOWLEDGE_FILES = ("councils.yaml", "metrics.yaml", "taxonomy.yaml")


def _source_name(name: str) -> str:
    """How messages name a knowledge file: the user's own file's path, else its name."""
    own = next((p for p in user_knowledge_files() if p.name == name), None)
    return str(own) if own is not None else name


def _read_yaml(name: str) -> dict[str, Any]:
    """A knowledge file, the user's own when CARECOMPARE_KNOWLEDGE has one, read with the
    safe loader (no tags that build objects); errors name the file and the key."""
    own = next((p for p in user_knowledge_files() if p.name == name), None)
    if own is not None:
        try:
            text = own.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise KnowledgeError(f"{own}: cannot be read ({error})") from None
        name = str(own)
    else:
        text = resources.files("carecompare.parsers").joinpath("data", name).read_text("utf-8")
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise KnowledgeError(f"{name}: not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise KnowledgeError(f"{name}: expected a mapping at the top level")
    return data


Shape = Any
"""What a YAML value must be: a type (or tuple of types), `[shape]` for a list of them, a
dict of key → shape for a mapping with those keys, or `{type: shape}` for a mapping of any
keys of that type."""

_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", type(None): "nothing"}


def check_shape(value: Any, shape: Shape, where: str, path: str = "") -> None:
    """Raise KnowledgeError naming the file (`where`) and the key (`path`) where `value` is
    not of `shape`. A list may be left empty (None); keys the shape does not name are
    ignored."""

    def fail(wanted: str) -> None:
        raise KnowledgeError(f"{where}: {path or 'the file'}: expected {wanted}, found "
                             f"{_describe(value)}")  # fmt: skip

    def inside(key: object) -> str:
        return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else str(key))

    if isinstance(shape, list):
        if value is None:
            return
        if not isinstance(value, list):
            fail("a list")
        for index, item in enumerate(value):
            check_shape(item, shape[0], where, inside(index))
    elif isinstance(shape, dict):
        if not isinstance(value, dict):
            fail("a mapping")
        [(first, inner)] = shape.items() if len(shape) == 1 else [(None, None)]
        if isinstance(first, type):  # a mapping of any keys of one type
            for key, item in value.items():
                check_shape(key, first, where, f"{inside(key)} (the key)")
                check_shape(item, inner, where, inside(key))
            return
        for key, inner in shape.items():
            if key in value:
                check_shape(value[key], inner, where, inside(key))
    else:
        types = shape if isinstance(shape, tuple) else (shape,)
        wrong_bool = isinstance(value, bool) and bool not in types
        if not isinstance(value, types) or wrong_bool:
            fail(" or ".join(_TYPE_NAMES.get(t, t.__name__) for t in types))


def _describe(value: Any) -> str:
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)[:40]


TEXTS = [str]
NAMED = [{"id": str, "title": str, "variants": TEXTS, "phrases": TEXTS, "patterns": TEXTS,
          "statement": (str, type(None))}]  # fmt: skip
TAXONOMY_SHAPE: Shape = {
    "themes": [{"id": str, "number": int, "title": str, "variants": TEXTS}],
    "statements": [
        {
            "id": str,
            "theme": str,
            "title": str,
            "short": str,
            "variants": TEXTS,
            "subsections": TEXTS,
        }
    ],
    "statement_parts": NAMED,
    "document_sections": NAMED,
    "ascof_domains": NAMED,
    "ofsted_judgements": NAMED,
    "theme_heading": str,
    "statement_title_prefix": str,
    "statement_title_score": str,
    "furniture": TEXTS,
    "page_header": TEXTS,
    "ratings": TEXTS,
    "rating_patterns": TEXTS,
    "overall_score_patterns": TEXTS,
    "rating_thresholds": [{"min": int, "rating": str}],
    "score_patterns": TEXTS,
    "score_words": {int: str},
    "indicative_markers": TEXTS,
    "published_patterns": TEXTS,
    "cqc_title_patterns": TEXTS,
    "annual_closing_headings": TEXTS,
    "ofsted_grades": TEXTS,
    "kinds": {str: {"min_score": int, "markers": {str: int}}},
}
COUNCILS_SHAPE: Shape = {
    "councils": [{"name": str, "aliases": TEXTS, "short": TEXTS, "type": str, "region": str}]
}


def _need(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise KnowledgeError(f"{where}: missing key {key!r}")
    return data[key]


def _patterns(values: list[str], where: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for value in values or ():
        try:
            compiled.append(re.compile(value, re.IGNORECASE))
        except re.error as error:
            raise KnowledgeError(f"{where}: bad pattern {value!r}: {error}") from None
    return tuple(compiled)


def any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern that matches where any of `patterns` does (one regex call instead of many)."""
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


def _named(items: list[dict[str, Any]], where: str) -> tuple[NamedPhrases, ...]:
    named = []
    for index, item in enumerate(items or ()):
        place = f"{where}[{index}]"
        variants = tuple(item.get("variants") or ()) + tuple(item.get("phrases") or ())
        named.append(
            NamedPhrases(
                id=str(_need(item, "id", place)),
                title=str(_need(item, "title", place)),
                variants=tuple(str(v) for v in variants),
                statement=item.get("statement"),
                patterns=_patterns(item.get("patterns"), f"{place}.patterns"),
            )
        )
    return tuple(named)


@cache
def taxonomy() -> Taxonomy:
    """The taxonomy of themes, statements and headings (parsers/data/taxonomy.yaml)."""
    data = _read_yaml("taxonomy.yaml")
    where = _source_name("taxonomy.yaml")
    check_shape(data, TAXONOMY_SHAPE, where)
    themes = tuple(
        Theme(t["id"], int(t["number"]), t["title"], tuple(t.get("variants") or ()))
        for t in _need(data, "themes", where)
    )
    theme_ids = {theme.id for theme in themes}
    statements = []
    for number, item in enumerate(_need(data, "statements", where), start=1):
        place = f"{where}: statements[{number - 1}]"
        if item.get("theme") not in theme_ids:
            raise KnowledgeError(f"{place}.theme: unknown theme {item.get('theme')!r}")
        statements.append(
            Statement(
                id=str(_need(item, "id", place)),
                theme=item["theme"],
                number=number,
                title=str(_need(item, "title", place)),
                short=str(item.get("short") or item["title"]),
                variants=tuple(item.get("variants") or ()),
                subsections=tuple(item.get("subsections") or ()),
            )
        )
    kinds = {
        kind: (int(spec.get("min_score", 1)), {str(k): int(v) for k, v in spec["markers"].items()})
        for kind, spec in _need(data, "kinds", where).items()
    }
    return Taxonomy(
        themes=themes,
        statements=tuple(statements),
        statement_parts=_named(_need(data, "statement_parts", where), "statement_parts"),
        document_sections=_named(_need(data, "document_sections", where), "document_sections"),
        theme_heading=re.compile(_need(data, "theme_heading", where), re.IGNORECASE),
        statement_title_prefix=re.compile(
            data.get("statement_title_prefix") or r"(?!)", re.IGNORECASE
        ),
        statement_title_score=re.compile(
            data.get("statement_title_score") or r"(?!)", re.IGNORECASE
        ),
        furniture=_patterns(data.get("furniture"), "furniture"),
        page_header=_patterns(data.get("page_header"), "page_header"),
        ratings=tuple(_need(data, "ratings", where)),
        rating_patterns=_patterns(data.get("rating_patterns"), "rating_patterns"),
        overall_score_patterns=_patterns(data.get("overall_score_patterns"), "overall_score"),
        rating_thresholds=tuple(
            (int(t["min"]), str(t["rating"])) for t in data.get("rating_thresholds") or ()
        ),
        score_patterns=_patterns(_need(data, "score_patterns", where), "score_patterns"),
        score_words={str(words).casefold(): int(n) for n, words in data["score_words"].items()},
        indicative_markers=tuple(data.get("indicative_markers") or ()),
        published_patterns=_patterns(data.get("published_patterns"), "published_patterns"),
        cqc_title_patterns=_patterns(data.get("cqc_title_patterns"), "cqc_title_patterns"),
        ascof_domains=_named(data.get("ascof_domains"), "ascof_domains"),
        annual_closing_headings=_patterns(data.get("annual_closing_headings"), "annual_closing"),
        ofsted_judgements=_named(data.get("ofsted_judgements"), "ofsted_judgements"),
        ofsted_grades=tuple(data.get("ofsted_grades") or ()),
        kinds=kinds,
        statement_by_id={statement.id: statement for statement in statements},
    )


@cache
def councils() -> tuple[Council, ...]:
    """England's councils with adult social care duties (parsers/data/councils.yaml)."""
    data = _read_yaml("councils.yaml")
    where = _source_name("councils.yaml")
    check_shape(data, COUNCILS_SHAPE, where)
    found = []
    for index, item in enumerate(_need(data, "councils", where)):
        place = f"{where}: councils[{index}]"
        found.append(
            Council(
                name=str(_need(item, "name", place)),
                aliases=tuple(item.get("aliases") or ()),
                short=tuple(item.get("short") or ()),
                type=str(item.get("type", "")),
                region=str(item.get("region", "")),
            )
        )
    return tuple(found)
