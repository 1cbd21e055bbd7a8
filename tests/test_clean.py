"""Loading and cleaning: encodings, control characters, escapes, line numbering."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carecompare.parsers.clean import clean_line, clean_lines, normalise, safe_text
from carecompare.parsers.load import LoadError, decode, read_source


def test_utf8_is_read_as_utf8():
    assert decode("Café £5 – ok".encode()) == ("Café £5 – ok", "utf-8")


def test_cp1252_falls_back_when_utf8_fails():
    text, encoding = decode("Café costs £5 – “quoted”".encode("cp1252"))
    assert encoding == "cp1252"
    assert text == "Café costs £5 – “quoted”"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(codec):
    data = "Safeguarding\nScore: 2\n".encode(codec)
    assert decode(data)[0].lstrip("\ufeff") == "Safeguarding\nScore: 2\n"


def test_utf8_bom_is_dropped():
    assert decode(codecs.BOM_UTF8 + b"Title")[0] == "Title"


def test_binary_is_refused_with_the_file_named():
    with pytest.raises(LoadError, match=r"photo\.txt: binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "photo.txt")


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("   \n\n")
    with pytest.raises(LoadError, match="empty"):
        read_source(path)


def test_unsupported_suffix_is_refused(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"x")
    with pytest.raises(LoadError, match="unsupported file type"):
        read_source(path)


def test_terminal_escapes_and_controls_are_removed():
    text = "Red\x1b[31m text\x1b[0m\x1b]52;c;aGk=\x07 bell\x07 clear\x1b[2J\x1bc done\x00\x9b1m"
    cleaned = normalise(text)
    assert cleaned == "Red text bell clear done"
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in cleaned)


def test_line_numbers_are_kept_one_for_one():
    text = "one\r\ntwo\rthree\n\u2028four\x0cfive\n    six"
    lines = clean_lines(text)
    # An indented line keeps one leading space: PDF text marks page starts that way.
    assert lines == ["one", "two", "three", " four five", " six"]


def test_spaces_and_invisible_characters_are_normalised():
    assert normalise("a\u00a0b\u2009c\u200bd\u00ade\tf") == "a b cde f"


def test_ligatures_and_unicode_form():
    assert normalise("e\u0301 ﬁnance") == "é finance"


def test_markdown_emphasis_links_and_inline_tags():
    assert clean_lines("**£1,058,965,000** and [How we assess](#) <u>Care Act</u>") == [
        "£1,058,965,000 and How we assess Care Act"
    ]
    assert clean_lines("[report](https://example.org/a)") == ["report (https://example.org/a)"]


def test_safe_text_removes_what_a_terminal_would_act_on():
    assert safe_text("ok\x1b[2J\x07\r") == "ok"


MARKUP_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "\n",
        " \n",
        "\t",
        "\u00a0",
        "*",
        "**",
        "_",
        "__",
        "[",
        "](",
        ")",
        "!",
        "#",
        "<",
        ">",
        "<b>",
        "</u>",
        "[x](y)",
        "[](#)",
        "ab",
        "Z9",
        "\u2028",
        "\x1b[1m",
        "\r\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKUP_PIECES, max_size=40).map("".join))
def test_clean_lines_cleans_each_line_as_clean_line_does(text):
    # clean_lines skips lines without markup; it must agree with cleaning every line alone.
    assert clean_lines(text) == [clean_line(line) for line in normalise(text).split("\n")]


# What documents hold: words, newlines, the characters `normalise` replaces or removes
# (spaces that are not spaces, invisible ones, controls, ligatures, a combining accent) and
# terminal escapes.
_SPECIAL_PIECES = ["a", "B", "é", "’", "\n", " ", "\t", "\x00", "\x07", "\x1b", "\x1b[31m"]
_SPECIAL_PIECES += ["\x1b]0;t\x07", "\x9b", "\x85", "\u00a0", "\u00ad", "\u200b", "\u2028"]
_SPECIAL_PIECES += ["\u202e", "\u3000", "\ufeff", "ﬁ", "ﬃ", "e\u0301", "\x7f", "\r\n", "\r"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SPECIAL_PIECES) | st.characters(), max_size=30).map("".join))
def test_normalise_skips_no_character_it_must_change(text):
    # The checks that let most texts skip the replacing must never skip one that needs it.
    from carecompare.parsers import clean

    one_pass = text.replace("\r\n", "\n").replace("\r", "\n")
    one_pass = clean._ESCAPES.sub("", one_pass)
    one_pass = clean.unicodedata.normalize("NFC", one_pass)
    one_pass = clean._SPECIAL.sub(clean._replace_special, one_pass)
    assert normalise(text) == one_pass
