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
