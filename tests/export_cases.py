"""The exports kept as golden files in tests/golden/, shared by the tests and by
tests/golden/regenerate.py (run it when the report's format, the parsers or the metrics
change on purpose, then read the diff).

Paths are given relative to the repository, so the files are the same on every machine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from carecompare.export import ExportOptions, body, export_markdown
from carecompare.parsers import Comparator, Document, Metric, Section, parse_text
from carecompare.parsers.load import read_source
from carecompare.parsers.textnorm import slug
from carecompare.samples import sample_paths

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
PAIR = ("export-hartlepool-cqc.md", "export-rutland-cqc-pilot.txt")


def parsed(path: Path, shown_as: str) -> Document:
    """A file parsed as if it had been given as `shown_as`."""
    return parse_text(read_source(path).text, shown_as)


def sample_documents() -> list[Document]:
    return [parsed(Path(p), f"sample_docs/{Path(p).name}") for p in sample_paths()]


def pair_documents() -> list[Document]:
    folder = ROOT / "tests" / "fixtures"
    return [parsed(folder / name, f"tests/fixtures/{name}") for name in PAIR]


# -- documents built in code, with figures (the parsers' own figures come with the metrics
# work; these pin the figures parts of the report meanwhile) ---------------------------------


def figure(
    label: str,
    value: float,
    unit: str = "%",
    *,
    section: int = 1,
    metric_id: str | None = None,
    higher_is_better: bool | None = True,
    national: float | None = None,
    other: Comparator | None = None,
    similar: bool = False,
    source: str | None = None,
) -> Metric:
    comparators: tuple[Comparator, ...] = ()
    if national is not None:
        comparators += (Comparator("national average", "national", national),)
    if other is not None:
        comparators += (other,)
    quote = f"£{value:,.0f}" if unit == "GBP" else f"{value:g}{'%' if unit == '%' else ''}"
    return Metric(
        label=label,
        quote=quote,
        value=value,
        unit=unit,
        line=1,
        section=section,
        comparators=comparators,
        metric=metric_id,
        source=source,
        higher_is_better=higher_is_better,
        similar=similar,
    )


def built_document(
    council: str,
    scores: dict[str, int],
    findings: dict[str, list[str]],
    metrics: tuple[Metric, ...],
) -> Document:
    """A CQC assessment with an overview section, then each statement and its findings.

    Metric `section` indexes: 0 the overview, 1 the first statement, then in order."""
    sections = [Section("Demographics", "section", 1, "About the area.", role="overview")]
    for statement, headings in findings.items():
        sections.append(
            Section(
                statement,
                "statement",
                len(sections) + 1,
                f"Score: {scores.get(statement, '')}",
                statement=statement,
                score=scores.get(statement),
                role="statement",
                key=statement,
            )
        )
        for heading in headings:
            sections.append(
                Section(
                    heading,
                    "subsection",
                    len(sections) + 1,
                    f"{council} text about {heading.lower()}.",
                    statement=statement,
                    role="finding",
                    key=f"{statement}/{slug(heading)}",
                )
            )
    return Document(
        path=f"{slug(council)}.txt",
        kind="cqc_assessment",
        council=council,
        rating="Good" if sum(scores.values()) >= 3 * len(scores) else "Requires improvement",
        scores=scores,
        sections=tuple(sections),
        metrics=metrics,
    )


def figure_documents() -> list[Document]:
    plan = "Assessment, care planning and review arrangements"
    personal = "Making safeguarding personal"
    systems = "Safeguarding systems, processes and practices"
    return [
        built_document(
            "Hartlepool Borough Council",
            {"assessing_needs": 3, "safeguarding": 2},
            {"assessing_needs": [plan], "safeguarding": [systems, personal]},
            (
                figure(
                    "people satisfied with their care and support",
                    66.1,
                    national=61.21,
                    metric_id="ascs_satisfaction",
                    source="ASCS",
                ),
                figure(
                    "median wait for an assessment", 18, "days", higher_is_better=False, national=20
                ),
                figure(
                    "people who use services who feel safe",
                    70.7,
                    section=3,
                    metric_id="ascs_feel_safe",
                    national=69.69,
                    source="ASCS",
                ),
                figure(
                    "gross spend on adult social care",
                    1187534000,
                    "GBP",
                    section=0,
                    higher_is_better=None,
                ),
                figure(
                    "reviews | of `care plans` <b>done</b>",
                    57.1,
                    section=2,
                    national=57.14,
                    similar=True,
                ),
            ),
        ),
        built_document(
            "Rutland County Council",
            {"assessing_needs": 2, "safeguarding": 3},
            {"assessing_needs": [plan], "safeguarding": [personal]},
            (
                figure(
                    "people satisfied with care and support",
                    58.4,
                    national=61.21,
                    metric_id="ascs_satisfaction",
                    source="ASCS",
                ),
                figure(
                    "median waiting time for an assessment",
                    42,
                    "days",
                    higher_is_better=False,
                    national=20,
                ),
                figure(
                    "population aged 65 and over",
                    27.1,
                    section=0,
                    higher_is_better=None,
                    other=Comparator("East Midlands", "regional", 21.0, "21%"),
                ),
            ),
        ),
        built_document(
            "Torbay Council",
            {"assessing_needs": 3, "safeguarding": 3},
            {"assessing_needs": [], "safeguarding": [systems]},
            (
                figure(
                    "service users satisfied with their care",
                    61.5,
                    national=61.21,
                    metric_id="ascs_satisfaction",
                    similar=True,
                ),
                figure(
                    "people who feel safe",
                    66.4,
                    section=2,
                    metric_id="ascs_feel_safe",
                    national=65.0,
                    source="ASCS",
                ),
                figure(
                    "delayed transfers of care",
                    12.5,
                    "per100k",
                    section=2,
                    higher_is_better=False,
                    national=10.2,
                ),
            ),
        ),
    ]


CASES: dict[str, Callable[[], str]] = {
    "samples.md": lambda: export_markdown(sample_documents()),
    "samples-safeguarding-brief.md": lambda: export_markdown(
        sample_documents(), ExportOptions(statements=("safeguarding",), key_text=False)
    ),
    "fixture-pair.md": lambda: export_markdown(pair_documents()),
    "figures.md": lambda: export_markdown(figure_documents()),
}
"""Golden file name: the export it holds (the whole text; the files store its body)."""


def golden_body(name: str) -> str:
    """What the golden file for `name` should hold: the export without its first line."""
    return body(CASES[name]())
