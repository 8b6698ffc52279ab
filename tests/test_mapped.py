from cleanup.mapped import MappedText, Span


def test_replace_keeps_input_offsets_of_the_rest():
    mt = MappedText.from_source("The澄清 of these", 100)
    mt2 = mt.replace(3, 5, " clarification")
    assert str(mt2) == "The clarification of these"
    # the untouched tail still maps exactly
    i = str(mt2).index("these")
    assert mt2.source_span(i, i + 5) == (109, 114)
    # a later edit overlapping the first one covers the first one's whole source range
    j = str(mt2).index("clarification")
    assert mt2.source_span(j, j + 13) == (103, 105)


def test_slice_and_deletion_marker():
    mt = MappedText.from_source("a\u200bb", 0).replace(1, 2, "")
    assert str(mt) == "ab"
    assert mt.changed
    assert [s.kind for s in mt.spans] == ["same", "edit", "same"]
    assert str(mt.slice(1, 2)) == "b"
    assert mt.slice(1, 2).source_span(0, 1) == (2, 3)


def test_decoded_spans_are_not_verbatim():
    mt = MappedText([Span("AT", 0, 2), Span("&", 2, 7, "decoded"), Span("T", 7, 8)])
    assert str(mt) == "AT&T"
    assert mt.is_verbatim(0, 2)
    assert not mt.is_verbatim(1, 3)
    assert mt.source_span(2, 3) == (2, 7)


def test_replace_many_equals_replacing_right_to_left():
    import random

    rng = random.Random(7)
    compared = 0
    for _ in range(2000):
        base = "".join(rng.choice("abc d") for _ in range(rng.randint(0, 25)))
        mt = MappedText.from_source(base, 10)
        if base and rng.random() < 0.5:
            i = rng.randint(0, len(base))
            mt = mt.replace(i, min(len(base), i + rng.randint(0, 3)), rng.choice(["", "X", "YY"]))
        text, edits, pos = str(mt), [], 0
        while pos <= len(text) and rng.random() < 0.8:
            i = rng.randint(pos, len(text))
            j = min(len(text), i + rng.randint(0, 3))
            edits.append((i, j, rng.choice(["", "Q", "RS"])))
            pos = j + (1 if i == j else rng.randint(0, 1))  # adjacent, but one insertion per spot
        expected = mt
        for i, j, new in reversed(edits):
            expected = expected.replace(i, j, new)
        try:
            got = mt.replace_many(edits)
        except ValueError:
            continue
        assert got.spans == expected.spans
        compared += 1
    assert compared > 1500
