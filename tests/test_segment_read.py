"""Reading input: encodings, formats, standard input, and the refusal of what is not an article."""

from __future__ import annotations

import io
import sys

import pytest

from summarise.errors import InputError
from summarise.segment import decode, from_text, read_path, segment
from summarise.segment.read import repair_mojibake

ARABIC = "قال الرئيس الفرنسي إن بلاده لديها الدليل على الهجوم. وأضاف أن القرار سيتخذ في الوقت المناسب.\n"
ENGLISH_ACCENTS = "Café owners in Zürich said the naïve plan would fail. Prices rose 5% last year.\n"
WINDOWS_QUOTES = "“We did not take this lightly,” said the union’s secretary — again.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARABIC.encode("utf-8"), "utf-8-sig"),
        (ARABIC.encode("utf-16"), "utf-16-le"),  # Python writes a BOM, little-endian
        (b"\xfe\xff" + ARABIC.encode("utf-16-be"), "utf-16-be"),
        (ARABIC.encode("utf-16-le"), "utf-16-le"),  # no BOM
        (ARABIC.encode("utf-16-be"), "utf-16-be"),  # no BOM
        (ARABIC.encode("utf-32"), "utf-32-le"),
        (ARABIC.encode("cp1256"), "windows-1256"),
        (ARABIC.encode("iso8859_6"), "iso-8859-6"),
    ],
)
def test_arabic_encodings_are_detected(data, encoding):
    document = decode(data, "article.txt")
    assert document.encoding == encoding
    assert document.text == ARABIC


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        (ENGLISH_ACCENTS, "latin_1", "latin-1"),
        (ENGLISH_ACCENTS + WINDOWS_QUOTES, "cp1252", "windows-1252"),
        (ENGLISH_ACCENTS, "utf-16", "utf-16-le"),
        (ENGLISH_ACCENTS, "utf-16-le", "utf-16-le"),
    ],
)
def test_western_encodings_are_detected(text, codec, encoding):
    document = decode(text.encode(codec), "article.txt")
    assert document.encoding == encoding
    assert document.text == text


def test_windows_1256_file_segments_like_its_utf8_original(tmp_path):
    utf8, cp1256 = tmp_path / "a.txt", tmp_path / "b.txt"
    utf8.write_text("ذكرت الصحيفة أن الاجتماع انتهى دون اتفاق. وقال مسؤول إن المحادثات ستستأنف.\n", encoding="utf-8")
    cp1256.write_bytes(utf8.read_text(encoding="utf-8").encode("cp1256"))
    assert segment(read_path(utf8)).body == segment(read_path(cp1256)).body


def test_crlf_and_old_mac_newlines_are_normalised():
    assert decode(b"One line.\r\nTwo lines.\rThree.", "x.txt").text == "One line.\nTwo lines.\nThree."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b" \n\t \r\n", "the file is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "looks like a binary file (a PDF document)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file (a PNG image)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "looks like a binary file (a ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00", "looks like a binary file (a gzip archive)"),
        (bytes(range(256)) * 8, "looks like a binary file"),
        (b"abc\x00def\x00\x01\x02\x03ghi\x00\x00\x05" * 20, "looks like a binary file"),
    ],
)
def test_empty_and_binary_input_is_rejected_naming_the_file(data, message):
    with pytest.raises(InputError) as caught:
        decode(data, "reports/story.bin")
    assert str(caught.value).startswith(f"reports/story.bin: {message}")
    assert caught.value.exit_code == 2


def test_whitespace_only_utf16_is_rejected():
    with pytest.raises(InputError, match="only white space"):
        decode("   \n  ".encode("utf-16"), "blank.txt")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)


def test_oversized_input_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="larger than the 50-byte limit"):
        read_path(path, max_bytes=50)


def test_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARABIC.encode("cp1256"))))
    document = read_path("-")
    assert document.name == "<stdin>" and document.encoding == "windows-1256" and document.text == ARABIC


def test_text_from_a_string_keeps_its_name_and_refuses_emptiness():
    assert from_text("\ufeffSome text.", name="pasted").text == "Some text."
    with pytest.raises(InputError, match="pasted: the text is empty"):
        from_text("  \n ", name="pasted")


def test_mojibake_is_repaired_and_genuine_text_left_alone():
    damaged = "Prices rose to â‚¬78bn (Â£60bn), the union’s “big” win. Café. قال Ø§Ù„Ø±Ø¦ÙŠØ³ الفرنسي"
    assert repair_mojibake(damaged) == "Prices rose to €78bn (£60bn), the union’s “big” win. Café. قال الرئيس الفرنسي"
    assert decode(damaged.encode("utf-8"), "x").text.startswith("Prices rose to €78bn (£60bn)")
    for genuine in ("Déjà vu in Zürich — “naïve” é’", "الرئيس الفرنسي"):
        assert repair_mojibake(genuine) == genuine


def test_a_few_stray_bytes_in_utf8_do_not_turn_it_into_mojibake():
    data = ("Café society in Zürich, Genève and Köln. " * 10).encode("utf-8") + b"\xff" + b" The end."
    document = decode(data, "x.txt")
    assert document.encoding == "utf-8" and "Zürich" in document.text and "\ufffd" in document.text


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("story.html", "<p>x</p>", "html"),
        ("story.HTM", "<p>x</p>", "html"),
        ("<stdin>", "<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        ("story.md", "Just text.", "markdown"),
        ("<stdin>", "# A title\n\nSome text with a [link](https://example.org/a).", "markdown"),
        ("<stdin>", "A plain paste. With a date: 5/6/2024 and a # sign.", "text"),
        ("notes.txt", "Plain text.", "text"),
    ],
)
def test_format_is_taken_from_the_name_or_the_content(name, text, fmt):
    assert from_text(text, name=name).format == fmt


def test_html_entities_in_a_text_paste_are_decoded():
    article = segment(from_text("Smith &amp; Sons said the deal was &quot;done&quot; on Monday morning."))
    assert article.body == 'Smith & Sons said the deal was "done" on Monday morning.'


def test_invisible_characters_and_presentation_forms_are_normalised():
    text = "\u200fقال\u200f الرئيس\u200b إن الخطة جيدة. " + "\ufe8e\ufedf\ufea4\ufedc\ufeee\ufee3\ufe94" + " توافق."
    article = segment(from_text(text))
    assert "\u200f" not in article.body and "\u200b" not in article.body
    assert "الحكومة" in article.body


def test_text_over_the_limit_is_refused_like_the_same_bytes():
    # Arabic is two bytes a letter in UTF-8: under the limit in characters, over it in bytes.
    text = "قال الرئيس إن الخطة جيدة وإن القرار سيتخذ قريبا. " * 4
    limit = len(text.encode("utf-8")) - 1
    assert len(text) < limit
    with pytest.raises(InputError) as from_bytes:
        decode(text.encode("utf-8"), "wire/7", max_bytes=limit)
    with pytest.raises(InputError) as from_string:
        from_text(text, name="wire/7", max_bytes=limit)
    assert type(from_string.value) is type(from_bytes.value)
    assert str(from_string.value) == str(from_bytes.value)
    assert f"wire/7: input is larger than the {limit:,}-byte limit" in str(from_string.value)
    assert "SUMMARISE_MAX_INPUT_BYTES" in str(from_string.value)
    assert from_text(text, name="wire/7", max_bytes=limit + 1).text == text


def test_text_has_the_same_default_limit_as_files_and_settings():
    from summarise.segment.read import DEFAULT_MAX_BYTES
    from summarise.settings import DEFAULT_MAX_INPUT_BYTES, Settings

    assert DEFAULT_MAX_BYTES == DEFAULT_MAX_INPUT_BYTES == Settings().max_input_bytes
    with pytest.raises(InputError, match=f"larger than the {DEFAULT_MAX_BYTES:,}-byte limit"):
        from_text("word " * (DEFAULT_MAX_BYTES // 5 + 1))


def test_mojibake_in_a_string_is_repaired_like_in_a_file():
    damaged = "Prices rose to â‚¬78bn (Â£60bn), the union’s “big” win. Café. قال Ø§Ù„Ø±Ø¦ÙŠØ³ الفرنسي"
    document = from_text(damaged, name="wire/8")
    assert document.text == "Prices rose to €78bn (£60bn), the union’s “big” win. Café. قال الرئيس الفرنسي"
    assert document.text == decode(damaged.encode("utf-8"), "wire/8").text


@pytest.mark.parametrize(
    "text",
    [
        "First line.\r\nSecond line.\rThird.\u2028Fourth.\u2029Fifth.",
        "\ufeffA pasted article with its byte-order mark.",
        "Smith said the firmâ€™s profit rose.\r\nIt was Ã©tÃ© in Paris.",
        "<!DOCTYPE html><html><body><p>Hi</p></body></html>",
    ],
)
def test_a_string_and_its_utf8_bytes_become_the_same_document(text):
    from_string, from_bytes = from_text(text, name="x"), decode(text.encode("utf-8"), "x")
    assert (from_string.text, from_string.format) == (from_bytes.text, from_bytes.format)


def test_text_of_only_a_byte_order_mark_is_empty():
    with pytest.raises(InputError, match="pasted: the text is empty"):
        from_text("\ufeff \n", name="pasted")
