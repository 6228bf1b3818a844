"""Every error path: options by name and value, inputs of the wrong type or shape, texts that
cannot be aligned. Each raises a bialign.Error (a ValueError, TypeError or OSError where that
is what it is) whose message names the option or the text."""

from __future__ import annotations

import math

import pytest

import bialign

ZH, EN = "他来了。", "He came."


@pytest.mark.parametrize(
    "options, option, message",
    [
        pytest.param({"max_beads": 4}, "max_beads", "unknown option `max_beads`", id="unknown"),
        pytest.param({"max_bead": 11}, "max_bead", "must be from 2 to 10, not 11", id="out-of-range"),
        pytest.param({"max_bead": "4"}, "max_bead", "invalid type: string", id="str-for-int"),
        pytest.param({"max_bead": 4.0}, "max_bead", "invalid type: floating point", id="float-for-int"),
        pytest.param({"max_bead": -1}, "max_bead", "invalid value: integer `-1`", id="negative"),
        pytest.param({"presplit": 1}, "presplit", "invalid type: integer", id="int-for-bool"),
        pytest.param({"genre": "poetry"}, "genre", "unknown variant `poetry`", id="bad-genre"),
        pytest.param({"format": "docx"}, "format", "unknown variant `docx`", id="bad-format"),
        pytest.param({"src_lang": "fr_FR"}, "src_lang", "fr_FR", id="not-a-tag"),
        pytest.param({"min_score": 1.5}, "min_score", "must be a number from 0 to 1", id="min-score"),
        pytest.param({"min_score": math.nan}, "min_score", "finite", id="nan"),
        pytest.param({"lexical_weight": -1.0}, "lexical_weight", "at least 0", id="negative-weight"),
        pytest.param({"coverage": 0.0}, "coverage", "must be a number from 0.01", id="coverage"),
        pytest.param({"band": 0}, "band", "at least 1", id="band"),
        pytest.param({"threads": 0}, "threads", "at least 1", id="threads"),
        pytest.param({"refinements": 2, "no_second_pass": True}, "refinements", "no_second_pass", id="conflict"),
        pytest.param({"src_lang": "en"}, "tgt_lang", "must differ", id="same-languages"),
        pytest.param({"dict": [object()]}, "dict", "cannot take a value", id="object"),
        pytest.param({"dict": "a.tsv"}, "dict", "invalid type: string", id="dict-not-a-list"),
    ],
)
def test_bad_options_name_the_option(options, option, message):
    for make in (lambda: bialign.Aligner(**options), lambda: bialign.align(ZH, EN, **options)):
        with pytest.raises(bialign.OptionError) as e:
            make()
        assert isinstance(e.value, ValueError) and isinstance(e.value, bialign.Error)
        assert e.value.option == option
        assert option in str(e.value) and message in str(e.value), str(e.value)


def test_missing_dictionary_is_a_file_error(tmp_path):
    with pytest.raises(bialign.FileError, match="nope.tsv"):
        bialign.Aligner(dict=[tmp_path / "nope.tsv"])


@pytest.mark.parametrize(
    "src, tgt, error, message",
    [
        pytest.param(b"bytes", EN, TypeError, "src: give a str", id="bytes"),
        pytest.param(42, EN, TypeError, "src: expected a str or a list", id="int"),
        pytest.param(["a", 3], ["b", "c"], TypeError, "src\\[1\\]: a sentence must be a str", id="not-str-item"),
        pytest.param(["他来了。\n她走了。"], ["x"], ValueError, "src\\[0\\]: .*line break", id="newline"),
        pytest.param(["他来了。"], ["He\u2028came."], ValueError, "tgt\\[0\\]: .*line break", id="line-separator"),
        pytest.param(["他来了。"], EN, TypeError, "both be texts or both", id="list-and-text"),
        pytest.param(["他来了。"], None, TypeError, "needs its target", id="list-alone"),
    ],
)
def test_bad_sides(src, tgt, error, message):
    with pytest.raises(error, match=message):
        bialign.align(src, tgt)


@pytest.mark.parametrize(
    "src, tgt, name, message",
    [
        pytest.param("", EN, None, "src: has no text to align", id="empty-src"),
        pytest.param(ZH, "   \n", None, "tgt: has no text to align", id="blank-tgt"),
        pytest.param(EN, ZH, None, "src: looks like en and tgt like zh: the texts are in the wrong order", id="swapped"),
        pytest.param("Hello there.", EN, "d7", "d7 src: has no Chinese characters or punctuation", id="english-as-chinese"),
        pytest.param("只有中文。没有英文。", None, None, "src: does not hold both languages", id="not-mixed"),
        pytest.param("他来了。\0\0\0\0\0\0\0\0", EN, None, "src: ", id="binary"),
    ],
)
def test_input_that_cannot_be_aligned(src, tgt, name, message):
    with pytest.raises(bialign.InputError) as e:
        bialign.align(src, tgt, name=name)
    assert isinstance(e.value, ValueError)
    assert str(e.value).startswith(message), str(e.value)


def test_text_over_the_limit():
    with pytest.raises(bialign.InputError, match="more than the limit") as e:
        bialign.align(ZH * 100, EN, max_input_bytes=100)
    assert e.value.kind == "too_large"


def test_wrong_language_is_a_warning():
    with pytest.warns(bialign.InputWarning, match="looks like en, not zh"):
        a = bialign.align("他来了。 And then a long English sentence follows here, in a text meant to be Chinese.", EN)
    assert a.warnings


def test_surrogates_are_refused():
    with pytest.raises(UnicodeEncodeError):
        bialign.align("\ud800他来了。", EN)


@pytest.mark.parametrize(
    "pairs, error, message",
    [
        pytest.param([(ZH, EN), "not a pair"], TypeError, "pairs\\[1\\]: expected a \\(src, tgt\\)", id="str"),
        pytest.param([(ZH,)], TypeError, "pairs\\[0\\]: expected \\(src, tgt\\) or \\(src, tgt, name\\), found 1", id="one"),
        pytest.param([{"tgt": EN}], TypeError, "pairs\\[0\\]: no `src`", id="dict-without-src"),
        pytest.param([{"src": ZH, "tgt": EN, "id": 1}], TypeError, "pairs\\[0\\]: unknown key `id`", id="dict-key"),
        pytest.param([(ZH, EN), (["a\nb"], ["c"])], ValueError, "pairs\\[1\\]: src\\[0\\]", id="bad-side"),
        pytest.param(5, TypeError, "not iterable", id="not-iterable"),
    ],
)
def test_align_many_bad_items_raise_before_any_work(pairs, error, message):
    with pytest.raises(error, match=message):
        bialign.Aligner().align_many(pairs)


def test_align_many_threads_must_be_positive():
    with pytest.raises(bialign.OptionError, match="threads"):
        bialign.Aligner().align_many([(ZH, EN)], threads=0)


def test_bad_format_names():
    a = bialign.align(ZH, EN)
    with pytest.raises(bialign.OptionError, match="unknown format `docx`"):
        a.render("docx")
    with pytest.raises(bialign.OptionError, match="unknown format"):
        a.save("out.txt", format="docx")
