"""The parsed document: frozen dataclasses that every later stage reads and none changes."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

SectionKind = Literal["theme", "statement", "subsection", "section"]
DocumentKind = Literal["cqc_assessment", "annual_report", "ofsted_children", "other"]
ComparatorKind = Literal[
    "national", "regional", "peer_group", "previous", "target", "estimate", "other"
]
Verdict = Literal["better", "worse", "similar", "unknown"]

DOCUMENT_KINDS: tuple[DocumentKind, ...] = (
    "cqc_assessment",
    "annual_report",
    "ofsted_children",
    "other",
)


@dataclass(frozen=True, slots=True)
class Section:
    """One heading and the text under it, up to the next heading."""

    title: str
    """The heading as the document prints it (reflowed), or a name given to untitled text."""
    kind: SectionKind
    """`theme`, `statement`, `subsection` (a key-findings heading) or `section` (anything else)."""
    line: int
    """1-based line of the input where the section starts."""
    text: str = ""
    """The section's own text, without its child sections; paragraphs reflowed."""
    statement: str | None = None
    """Canonical id of the statement the section belongs to, if any."""
    theme: str | None = None
    """Canonical id of the theme the section belongs to, if any."""
    score: int | None = None
    """The statement's score (1-4) on a statement section; None elsewhere."""
    role: str = "body"
    """What the section is: `title`, `overview`, `theme`, `statement`, `expect`, `commitment`,
    `key_findings`, `finding`, `domain`, `judgement`, `furniture` or `body`."""
    key: str = ""
    """Alignment key: the same for the same section in every council's document."""
    line_map: tuple[tuple[int, int], ...] = ()
    """(offset into `text`, input line) where each input line's words begin, in order."""

    @property
    def furniture(self) -> bool:
        """True for page furniture (repeated page titles, footers, "Downloads")."""
        return self.role == "furniture"

    def line_at(self, offset: int) -> int:
        """The input line that holds the character at `offset` of `text`."""
        if not self.line_map:
            return self.line
        index = bisect_right(self.line_map, (offset, 1 << 62)) - 1
        return self.line_map[max(index, 0)][1]


@dataclass(frozen=True, slots=True)
class Comparator:
    """A figure the report sets beside the council's own: an average, a target, last year."""

    label: str
    """The comparator in the report's words ("national average", "East Midlands")."""
    kind: ComparatorKind
    value: float
    quote: str = ""
    """The comparator's figure as written."""


@dataclass(frozen=True, slots=True)
class Metric:
    """A figure the report cites for the council, with what it is compared against."""

    label: str
    """What is measured, in the report's words."""
    quote: str
    """The council's figure as written ("69.29%", "£1,187,534,000")."""
    value: float
    unit: str
    line: int
    """1-based input line where `quote` stands."""
    section: int
    """Index into the document's sections of the section that holds the figure."""
    comparators: tuple[Comparator, ...] = ()
    metric: str | None = None
    """Canonical metric id from the lexicon, or None when the lexicon does not know it."""
    source: str | None = None
    """The dataset named nearby (ASCS, SACE, SALT, ASCOF, ...)."""
    higher_is_better: bool | None = None
    similar: bool = False
    """The report says the difference is not statistically significant."""
    sentence: str = ""
    """The sentence the figure stands in."""

    @property
    def reference(self) -> Comparator | None:
        """The comparator the gap is measured against: the first national one, else the first."""
        for comparator in self.comparators:
            if comparator.kind == "national":
                return comparator
        return self.comparators[0] if self.comparators else None

    @property
    def gap(self) -> float | None:
        """Value minus the reference comparator, rounded to the figures' precision."""
        reference = self.reference
        if reference is None:
            return None
        return round(self.value - reference.value, 6)

    @property
    def verdict(self) -> Verdict:
        """better, worse or similar by the metric's direction; unknown when it has none."""
        gap = self.gap
        if gap is None:
            return "unknown"
        if self.similar or gap == 0:
            return "similar"
        if self.higher_is_better is None:
            return "unknown"
        return "better" if (gap > 0) == self.higher_is_better else "worse"


@dataclass(frozen=True, slots=True)
class Document:
    """One file, parsed: its facts, its sections in order, and its figures."""

    path: str
    """The path as given."""
    kind: DocumentKind
    council: str | None
    title: str | None = None
    published: date | None = None
    period: str | None = None
    """The year a report covers when it states one ("2012/13")."""
    rating: str | None = None
    indicative: bool = False
    """True for the 2023 pilot assessments' indicative ratings and scores."""
    overall_score: int | None = None
    """The overall percentage score when the report prints one."""
    scores: dict[str, int] = field(default_factory=dict)
    judgements: dict[str, str] = field(default_factory=dict)
    sections: tuple[Section, ...] = ()
    metrics: tuple[Metric, ...] = ()
    warnings: tuple[str, ...] = ()
    """Things the parser noticed and the user may want to know."""

    @property
    def name(self) -> str:
        """A short name for the document: its council, else its file name."""
        return self.council or self.path.rsplit("/", 1)[-1]
