"""Documents built in code for the reader's tests: three councils with scores, sections
that some lack, and figures against national comparators (the samples have no figures
until metric extraction lands, and the reader's gap indicators must be tested now)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from carecompare.corpus import Corpus
from carecompare.parsers import Comparator, Document, LoadError, Metric, Section


def section(
    title: str,
    kind: str,
    key: str,
    text: str = "",
    statement: str | None = None,
    theme: str | None = None,
    score: int | None = None,
) -> Section:
    return Section(
        title=title,
        kind=kind,  # type: ignore[arg-type]
        line=1,
        text=text,
        statement=statement,
        theme=theme,
        score=score,
        key=key,
    )


def figure(
    label: str,
    value: float,
    national: float | None,
    section_index: int,
    metric_id: str | None = None,
    higher_is_better: bool | None = True,
    unit: str = "%",
) -> Metric:
    comparators = (
        (Comparator("national average", "national", national, f"{national}{unit}"),)
        if national is not None
        else ()
    )
    return Metric(
        label=label,
        quote=f"{value}{unit}",
        value=value,
        unit=unit,
        line=1,
        section=section_index,
        comparators=comparators,
        metric=metric_id,
        higher_is_better=higher_is_better,
    )


def council(
    name: str,
    scores: dict[str, int],
    *,
    safe_text: str = "People told us they felt safe.",
    personal: str | None = "Making safeguarding personal was embedded.",
    feel_safe: float | None = None,
    satisfied: float | None = None,
    wait_days: float | None = None,
    published: date | None = date(2024, 8, 16),
    rating: str | None = "Good",
) -> Document:
    """A CQC-like document: assessing needs and safeguarding, each with a finding."""
    sections = [
        section(f"{name}: local authority assessment", "section", "doc/title"),
        section(
            "How the local authority works with people",
            "theme",
            "theme/working_with_people",
            theme="working_with_people",
        ),
        section(
            "Assessing needs",
            "statement",
            "assessing_needs",
            "Assessments were timely and people were involved.",
            "assessing_needs",
            "working_with_people",
            scores.get("assessing_needs"),
        ),
        section(
            "Assessment, care planning and review arrangements",
            "subsection",
            "assessing_needs/assessment_care_planning_and_review_arrangements",
            "Reviews were up to date for most people.",
            "assessing_needs",
            "working_with_people",
        ),
        section(
            "How the local authority ensures safety within the system",
            "theme",
            "theme/ensuring_safety",
            theme="ensuring_safety",
        ),
        section(
            "Safeguarding",
            "statement",
            "safeguarding",
            safe_text,
            "safeguarding",
            "ensuring_safety",
            scores.get("safeguarding"),
        ),
    ]
    if personal is not None:
        sections.append(
            section(
                "Making safeguarding personal",
                "subsection",
                "safeguarding/making_safeguarding_personal",
                personal,
                "safeguarding",
                "ensuring_safety",
            )
        )
    metrics = []
    if satisfied is not None:
        metrics.append(
            figure("people satisfied with their care", satisfied, 61.21, 3, "ascs_satisfaction")
        )
    if feel_safe is not None:
        metrics.append(figure("people who feel safe", feel_safe, 69.69, 5, "ascs_feel_safe"))
    if wait_days is not None:
        metrics.append(
            figure(
                "median wait for DoLS", wait_days, 100, 5, None, higher_is_better=False, unit="days"
            )
        )
    return Document(
        path=f"/reports/{name.lower().replace(' ', '-')}.md",
        kind="cqc_assessment",
        council=name,
        published=published,
        rating=rating,
        scores=scores,
        sections=tuple(sections),
        metrics=tuple(metrics),
    )


def three_councils() -> list[Document]:
    """Alpha (strong), Beta (weaker, lacks a finding) and Gamma, with figures."""
    return [
        council(
            "Alpha Borough Council",
            {"assessing_needs": 3, "safeguarding": 3},
            feel_safe=75.0,
            satisfied=69.29,
            wait_days=40,
        ),
        council(
            "Beta County Council",
            {"assessing_needs": 2, "safeguarding": 2},
            personal=None,
            feel_safe=60.5,
            satisfied=55.0,
            wait_days=152,
            rating="Requires improvement",
            published=date(2023, 11, 17),
        ),
        council(
            "Gamma City Council",
            {"assessing_needs": 3, "safeguarding": 3},
            feel_safe=69.69,
            published=date(2024, 2, 1),
        ),
    ]


def three_councils_with_hostile_alpha(name: str, safeguarding: str) -> list[Document]:
    """`three_councils()` with Alpha renamed `name` and its Safeguarding text `safeguarding`
    (markup and escapes that must stay text)."""
    documents = three_councils()
    documents[0] = replace(
        documents[0],
        council=name,
        sections=tuple(
            replace(s, text=safeguarding) if s.key == "safeguarding" else s
            for s in documents[0].sections
        ),
    )
    return documents


def loader_of(documents: Sequence[Document], failures: Sequence[LoadError] = ()):
    """A loader for ReaderApp that returns these documents (reporting progress as it goes)."""

    def load(paths, progress):
        for done, document in enumerate(documents, start=1):
            progress(done, len(documents), document.path)
        return Corpus(list(documents), list(failures))

    return load
