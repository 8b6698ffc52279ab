import codecs

import pytest

from cleanup.source import InputError, Source, decode


def test_utf8_and_boms():
    assert decode("café".encode()) == ("café", "utf-8")
    assert decode(codecs.BOM_UTF8 + "café".encode())[0] == "café"
    assert decode(codecs.BOM_UTF16_LE + "文章".encode("utf-16-le"))[0] == "文章"
    assert decode("Hello world, this is text".encode("utf-16-le")) == ("Hello world, this is text", "utf-16-le")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"caf\xe9 au lait", "not valid UTF-8 (byte 0xe9 at offset 3)"),
        (b"ok \xe6\x96", "not valid UTF-8"),  # truncated multibyte sequence
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data, not an article (PNG image)"),
        (b"text\x00with NUL", "NUL byte at offset 4"),
    ],
)
def test_refuses_what_is_not_utf8_text(data, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode(data)


def test_explicit_legacy_encoding():
    assert decode("café".encode("cp1252"), "cp1252") == ("café", "cp1252")
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"x", "no-such-codec")


def test_crlf_offsets_map_back_to_input():
    src = Source("\ufeffab\r\ncd\r\nef")
    assert src.text == "ab\ncd\nef"
    # "cd" sits at 3..5 in the normalized text and 5..7 in the input
    start, end = src.to_input(3), src.to_input(5, end=True)
    assert src.input[start:end] == "cd"
    assert src.input[src.to_input(0) : src.to_input(2, end=True)] == "ab"
    assert src.line_col(src.to_input(6)) == (3, 1)


def test_lone_cr_becomes_newline():
    src = Source("a\rb")
    assert src.text == "a\nb"
    assert src.to_input(2) == 2
