"""PDFs: printed from the sample texts they parse as the texts do; bad PDFs get clear messages."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from builders import UNICODE_FONT, pdf_from_text, plain_text

from carecompare.corpus import load_corpus
from carecompare.parsers import LoadError, parse_bytes, parse_text
from carecompare.parsers.readers.pdf import read_pdf
from carecompare.samples import sample_paths
from helpers import FIXTURES, section_words, words

FACTS = ("kind", "council", "published", "period", "rating", "indicative", "scores", "judgements")
SAMPLES = [Path(p) for p in sample_paths()]
TEXTS = SAMPLES + sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
"""The samples (the seed documents) and the text fixtures in the shapes other councils use."""


@cache
def printed(name: str) -> bytes:
    """A sample printed to PDF (once), with a running footer as real reports have."""
    text = next(p for p in TEXTS if p.name == name).read_text(encoding="utf-8")
    return pdf_from_text(text, footer="Council assessment")


def words_kept(source: str, document) -> float:
    expected = words(plain_text(source))
    return sum((expected & section_words(document)).values()) / sum(expected.values())


@pytest.mark.parametrize("sample", TEXTS, ids=lambda p: p.name)
def test_a_printed_document_parses_as_its_text(sample):
    text = sample.read_text(encoding="utf-8")
    expected = parse_text(text, str(sample))
    document = parse_bytes(printed(sample.name), sample.with_suffix(".pdf"))
    assert {fact: getattr(document, fact) for fact in FACTS} == {
        fact: getattr(expected, fact) for fact in FACTS
    }
    assert words_kept(text, document) >= 0.98
    assert document.warnings == ()


@pytest.mark.skipif(not UNICODE_FONT.exists(), reason="needs the DejaVu fonts")
def test_a_pdf_with_an_embedded_truetype_font_parses_as_its_text():
    # Real reports embed their fonts (Type 0, with a map back to Unicode), unlike Helvetica.
    source = FIXTURES / "hounslow-overview.md"
    text = source.read_text(encoding="utf-8")
    data = pdf_from_text(text, unicode_font=True, footer="London Borough of Hounslow")
    document = parse_bytes(data, "hounslow.pdf")
    expected = parse_text(text)
    assert {fact: getattr(document, fact) for fact in FACTS} == {
        fact: getattr(expected, fact) for fact in FACTS
    }
    assert len(document.scores) == 9
    assert words_kept(text, document) >= 0.98


def test_paragraphs_headings_and_page_furniture_are_laid_out_for_the_parsers():
    sentences = " ".join(f"Sentence {n} of the long finding carries on." for n in range(1, 400))
    text = f"# Safeguarding\n\nScore: 2\n\n{sentences}\n\nA closing paragraph.\n"
    out = read_pdf(Path("long.pdf"), pdf_from_text(text, footer="Leeds report")).text
    paragraphs = [p.strip() for p in out.split("\n\n")]
    assert paragraphs[:2] == ["Safeguarding", "Score: 2"]  # the heading set apart by its size
    long = [p for p in paragraphs if "Sentence" in p]
    assert len(long) == 1, "a paragraph running over page breaks stays one paragraph"
    assert "Sentence 399 of the long finding carries on." in " ".join(long[0].split())
    footers = [p for p in paragraphs if "Leeds report" in p]
    assert len(footers) >= 3 and all(p.startswith("Leeds report") for p in footers)
    assert paragraphs[-1].startswith("Leeds report")  # furniture waits for the prose to end


def test_a_bare_page_number_is_furniture_but_a_bare_score_is_not():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for number, (title, score) in enumerate((("Safeguarding", "3"), ("Governance", "2")), 1):
        pdf.add_page()
        pdf.multi_cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, score, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.multi_cell(0, 6, "The local authority had a plan.", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-15)
        pdf.cell(0, 6, str(number), align="C")
    out = read_pdf(Path("numbers.pdf"), bytes(pdf.output())).text
    paragraphs = [" ".join(p.split()) for p in out.split("\n\n") if p.strip()]
    assert paragraphs == [
        "Safeguarding 3",
        "The local authority had a plan.",
        "1",
        "Governance 2",
        "The local authority had a plan.",
        "2",
    ]


def test_an_encrypted_pdf_that_needs_a_password_is_refused_by_name(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted("Safeguarding\nScore: 2", user_password="secret"))
    with pytest.raises(LoadError) as raised:
        parse_bytes(path.read_bytes(), path)
    assert str(raised.value) == f"{path}: the PDF is protected by a password"


@pytest.mark.parametrize("method", ["RC4", "AES_128", "AES_256"])
def test_a_pdf_only_restricted_by_its_owner_opens(method):
    data = _encrypted("Leeds City Council: local authority assessment\n\nScore: 2", method=method)
    assert "Score: 2" in read_pdf(Path("restricted.pdf"), data).text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n1 0 obj <</Type /Catalog>> broken beyond repair", "not a readable PDF"),
        (b"<html><body>saved with the wrong name</body></html>", "not a PDF (it starts with"),
        (b"", "the file is empty"),
    ],
    ids=["damaged", "not-a-pdf", "empty-file"],
)
def test_a_broken_pdf_gets_a_clear_message(data, reason):
    with pytest.raises(LoadError) as raised:
        read_pdf(Path("bad.pdf"), data)
    assert str(raised.value).startswith(f"bad.pdf: {reason}")
    assert "\n" not in str(raised.value)


def test_a_pdf_without_text_is_refused():
    from fpdf import FPDF

    blank = FPDF()
    blank.add_page()
    with pytest.raises(LoadError, match=r"^scan\.pdf: the PDF has no text \(scanned"):
        read_pdf(Path("scan.pdf"), bytes(blank.output()))
    from pypdf import PdfWriter

    empty = io.BytesIO()
    PdfWriter().write(empty)
    with pytest.raises(LoadError, match=r"^empty\.pdf: the PDF has no pages"):
        read_pdf(Path("empty.pdf"), empty.getvalue())


def test_a_damaged_but_readable_pdf_opens_without_noise_on_stderr(capfd):
    data = pdf_from_text("Derby City Council\n\nSafeguarding\n\nScore: 2\n")
    # A wrong cross-reference offset: pypdf repairs it, and would log that it did.
    start = data.rindex(b"startxref") + len(b"startxref\n")
    end = data.index(b"\n", start)
    damaged = data[:start] + b"999" + data[end:]
    assert "Score: 2" in read_pdf(Path("repaired.pdf"), damaged).text
    assert capfd.readouterr().err == ""


def test_bad_pdfs_in_a_folder_are_skipped_by_name_and_the_rest_load(tmp_path):
    good = tmp_path / "derbyshire.pdf"
    good.write_bytes(printed("derbyshire-cqc-assessment-2024.md"))
    (tmp_path / "locked.pdf").write_bytes(_encrypted("Score: 2", user_password="secret"))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n%%EOF garbage")
    (tmp_path / "notes.txt").write_text("Derby City Council notes on safeguarding.\n")
    corpus = load_corpus([str(tmp_path)], use_cache=False, workers=1)
    assert sorted(Path(d.path).name for d in corpus.documents) == ["derbyshire.pdf", "notes.txt"]
    reasons = {Path(f.path).name: f.reason for f in corpus.failures}
    assert reasons["locked.pdf"] == "the PDF is protected by a password"
    assert reasons["broken.pdf"].startswith("not a readable PDF")


def _encrypted(text: str, user_password: str = "", method: str = "RC4") -> bytes:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.set_encryption(
        owner_password="owner",
        user_password=user_password,
        encryption_method=EncryptionMethod[method],
    )
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in text.splitlines():
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
