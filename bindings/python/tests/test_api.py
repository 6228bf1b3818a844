"""The package's API: alignments as sequences, writers, records, saving, segmenting with
offsets, reading files, scoring, defaults and the stubs."""

from __future__ import annotations

import ast
import json
import warnings
from pathlib import Path

import pytest

import bialign
from conftest import SEED

ZH = "我父亲是一个医生。他每天早上去医院。今天下雨了。"
EN = "My father is a doctor. He goes to the hospital every morning. It rained today."


@pytest.fixture(scope="module")
def alignment():
    return bialign.align(ZH, EN, name="doc")


def test_alignment_is_a_sequence_of_beads(alignment):
    assert len(alignment) == 3
    assert [b.src for b in alignment] == [[0], [1], [2]]
    assert alignment[-1] == alignment[2]
    assert [b.tgt for b in alignment[1:]] == [[1], [2]]
    assert alignment.beads == list(alignment)
    with pytest.raises(IndexError):
        alignment[3]
    b = alignment[0]
    assert (b.src_text, b.tgt_text, b.is_null) == ("我父亲是一个医生。", "My father is a doctor.", False)
    assert 0.0 <= b.score <= 1.0
    assert alignment.src_sentences == ["我父亲是一个医生。", "他每天早上去医院。", "今天下雨了。"]
    assert alignment.tgt_sentences[2] == "It rained today."
    assert alignment.name == "doc" and not alignment.mixed
    assert alignment.summary == "3 pairs, 0 unpaired source, 0 unpaired target sentences"
    assert "3 beads" in repr(alignment) and "Bead(src=[0]" in repr(b)


def test_every_sentence_in_exactly_one_bead():
    a = bialign.align(bialign.read(SEED))
    src = [i for b in a for i in b.src]
    tgt = [i for b in a for i in b.tgt]
    assert src == list(range(len(a.src_sentences)))
    assert tgt == list(range(len(a.tgt_sentences)))
    assert a.mixed
    assert [b for b in a if not b.is_null] == a.pairs()
    assert any(b.is_null for b in a)


def test_writers_agree_with_render(alignment):
    for fmt in ["tsv", "csv", "jsonl", "ids", "tmx", "html"]:
        assert getattr(alignment, f"to_{fmt}")() == alignment.render(fmt)
    assert alignment.to_ids() == "[0]:[0]\n[1]:[1]\n[2]:[2]\n"
    lines = [json.loads(line) for line in alignment.to_jsonl().splitlines()]
    assert [line["tgt_text"] for line in lines] == alignment.tgt_sentences
    assert '<tu tuid="1"' in alignment.to_tmx() or "<tu" in alignment.to_tmx()
    assert alignment.to_html().startswith("<!DOCTYPE html>")


def test_records_for_pandas(alignment):
    pandas = pytest.importorskip("pandas")
    records = alignment.to_records()
    assert records[1] == {
        "bead": 1,
        "src": [1],
        "tgt": [1],
        "src_text": "他每天早上去医院。",
        "tgt_text": "He goes to the hospital every morning.",
        "score": alignment[1].score,
        "is_null": False,
    }
    df = pandas.DataFrame(records)
    assert list(df["bead"]) == [0, 1, 2]
    assert df.shape == (3, 7)


@pytest.mark.parametrize("extra", [[], ["今天下雨了。", "我父亲是一个医生。"]])
def test_columns_are_the_records_transposed(alignment, extra):
    a = alignment if not extra else bialign.align(["他来了。", *extra], ["He came."])
    records, columns = a.to_records(), a.to_columns()
    assert list(columns) == list(records[0])
    assert all(len(column) == len(a) for column in columns.values())
    assert [dict(zip(columns, row)) for row in zip(*columns.values())] == records


@pytest.mark.parametrize(
    "name, fmt, method",
    [
        ("out.tmx", None, "to_tmx"),
        ("out.jsonl", None, "to_jsonl"),
        ("out.html", None, "to_html"),
        ("out.align", None, "to_ids"),
        ("out.csv", None, "to_csv"),
        ("out.txt", None, "to_tsv"),
        ("out.txt", "tmx", "to_tmx"),
    ],
)
def test_save_picks_the_format(alignment, tmp_path, name, fmt, method):
    path = tmp_path / name
    written = alignment.save(path, format=fmt)
    assert [Path(p) for p in written] == [path]
    assert path.read_bytes().decode("utf-8") == getattr(alignment, method)()


def test_save_moses_writes_two_files(alignment, tmp_path):
    written = alignment.save(tmp_path / "pairs", format="moses")
    assert sorted(Path(p).name for p in written) == ["pairs.en", "pairs.zh"]
    assert (tmp_path / "pairs.en").read_text(encoding="utf-8").splitlines() == alignment.tgt_sentences
    with pytest.raises(bialign.OptionError, match="moses"):
        alignment.render("moses")


def test_format_option_decides_save(tmp_path):
    a = bialign.align(ZH, EN, format="ids")
    a.save(tmp_path / "out.tmx")
    assert (tmp_path / "out.tmx").read_text(encoding="utf-8") == a.to_ids()


def test_save_refuses_to_overwrite_a_dictionary(tmp_path):
    d = tmp_path / "dict.tsv"
    d.write_text("doctor\t医生\n", encoding="utf-8")
    a = bialign.align(ZH, EN, dict=[d])
    with pytest.raises(bialign.ConfigError, match="would overwrite"):
        a.save(d)
    assert d.read_text(encoding="utf-8") == "doctor\t医生\n"


def test_save_into_a_missing_folder_is_a_file_error(alignment, tmp_path):
    with pytest.raises(bialign.FileError) as e:
        alignment.save(tmp_path / "no" / "such" / "out.tsv")
    assert isinstance(e.value, OSError)


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        pytest.param("他来了。她走了。", None, [("他来了。", "zh", 0), ("她走了。", "zh", 1)], id="zh"),
        pytest.param("He came. She left.", None, [("He came.", "en", 0), ("She left.", "en", 1)], id="en"),
        pytest.param("𠀀他来了。😀她走了。", "zh", [("𠀀他来了。", "zh", 0), ("😀她走了。", "zh", 1)], id="astral"),
        pytest.param("他 来 了。", "zh", [("他来了。", "zh", 0)], id="normalised"),
    ],
)
def test_segment_offsets_quote_the_input(text, lang, expected):
    sentences = bialign.segment(text, lang)
    assert [(s.text, s.lang, s.id) for s in sentences] == expected
    for s in sentences:
        quoted = text[s.start : s.end]
        assert quoted.replace(" ", "") == s.text.replace(" ", ""), (quoted, s.text)


def test_segment_a_mixed_document_as_the_cli(cli):
    text = bialign.read(SEED)
    got = bialign.segment(text)
    # The CLI also lists what the clean-up set apart, without an id; segment leaves it out.
    lines = [json.loads(line) for line in cli("segment", "--format", "jsonl", SEED).splitlines()]
    lines = [r for r in lines if "set_aside" not in r]
    assert [(s.text, s.lang, s.id, s.para) for s in got] == [(r["text"], r["lang"], r["id"], r["para"]) for r in lines]
    raw = SEED.read_bytes()
    for s, r in zip(got, lines):
        # The CLI's offsets are bytes of the file, Python's are characters of the string.
        assert text[s.start : s.end] == raw[r["start"] : r["end"]].decode("utf-8")
    assert [s.lang for s in bialign.segment(text, "en")] == ["en"] * sum(r["lang"] == "en" for r in lines)


def test_segment_a_mixed_document_of_other_scripts():
    ru = (
        "Постоянное представительство Азербайджана свидетельствует свое уважение "
        "Генеральному секретарю. Оно имеет честь препроводить заявление министерства."
    )
    en = "The Permanent Mission presents its compliments. It has the honour to transmit."
    doc = "\n\n".join([ru, ru, en, en])
    got = bialign.segment(doc)
    assert [s.lang for s in got] == ["ru"] * 4 + ["en"] * 4
    assert [s.id for s in got] == [0, 1, 2, 3] * 2
    assert [s.lang for s in bialign.segment(doc, "fr")] == ["fr"] * 4


def test_segment_presplit_and_bad_language():
    assert [s.text for s in bialign.segment("a b.\nc d.", presplit=True)] == ["a b.", "c d."]
    # Any language segments (issue 17); what is not a language tag is refused.
    assert [(s.text, s.lang) for s in bialign.segment("Il vient. Elle part.", "fr")] == [
        ("Il vient.", "fr"),
        ("Elle part.", "fr"),
    ]
    with pytest.raises(bialign.Error, match="not a language tag"):
        bialign.segment("text", "en_GB!")


@pytest.mark.parametrize(
    "data, text",
    [
        pytest.param("他来了。".encode("utf-8"), "他来了。", id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + "他来了。".encode("utf-8"), "他来了。", id="utf-8-bom"),
        pytest.param(b"\xff\xfe" + "他来了。".encode("utf-16-le"), "他来了。", id="utf-16"),
        pytest.param(("他来了。今天下雨了。" * 8).encode("gb18030"), "他来了。今天下雨了。" * 8, id="gb18030"),
    ],
)
def test_read_decodes_as_the_cli(tmp_path, data, text):
    p = tmp_path / "in.txt"
    p.write_bytes(data)
    assert bialign.read(p) == text
    assert bialign.read(str(p)) == text


def test_read_repairs_damaged_utf8_with_a_warning(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(("他来了。" * 20).encode("utf-8") + b"\xff" + "她走了。".encode("utf-8"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = bialign.read(p)
    assert "\ufffd" in text
    assert any(issubclass(w.category, bialign.InputWarning) and "bad.txt" in str(w.message) for w in caught)
    with pytest.raises(bialign.InputError, match="bad.txt"):
        bialign.read(p, strict_decoding=True)


def test_read_limits(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("他来了。" * 100, encoding="utf-8")
    with pytest.raises(bialign.InputError, match="more than the limit") as e:
        bialign.read(p, max_input_bytes=100)
    assert e.value.kind == "too_large"
    with pytest.raises(bialign.FileError) as e:
        bialign.read(tmp_path / "missing.txt")
    assert isinstance(e.value, FileNotFoundError) or isinstance(e.value, OSError)
    assert "missing.txt" in str(e.value)
    b = tmp_path / "binary.bin"
    b.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(bialign.InputError, match="binary.bin"):
        bialign.read(b)


def test_evaluate_takes_every_kind_of_alignment(alignment, tmp_path):
    gold = tmp_path / "gold.align"
    gold.write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n", encoding="utf-8")
    perfect = {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    for test in [alignment, alignment.to_ids(), [([0], [0]), ([1], [1]), ([2], [2])], gold]:
        assert bialign.evaluate(gold, test) == {"strict": perfect, "lax": perfect}
    half = bialign.evaluate(gold, [([0, 1], [0, 1]), ([2], [2])])
    assert half["strict"]["recall"] == pytest.approx(1 / 3)
    assert half["lax"]["recall"] == 1.0


def test_evaluate_errors(tmp_path):
    with pytest.raises(bialign.InputError, match="gold:1"):
        bialign.evaluate("not a bead", "[0]:[0]")
    with pytest.raises(TypeError, match="test"):
        bialign.evaluate("[0]:[0]", 42)
    with pytest.raises(TypeError, match="test\\[0\\]"):
        bialign.evaluate("[0]:[0]", ["x"])
    with pytest.raises(TypeError, match="both"):
        bialign.evaluate("[0]:[0]", "[0]:[0]", src_verses=tmp_path)


def test_defaults_are_the_librarys():
    d = bialign.defaults()
    assert d["src_lang"] == "zh" and d["tgt_lang"] == "en"
    assert d["presplit"] is False and d["genre"] is None and d["dict"] == []
    assert bialign.Aligner().options == d
    assert bialign.Aligner(max_bead=4).options["max_bead"] == 4
    assert repr(bialign.Aligner(max_bead=4, genre="official")) == 'Aligner(genre="official", max_bead=4)'
    # The docstring lists them.
    assert "max_bead=6" in bialign.align.__doc__


def test_stubs_list_every_option_and_name():
    stub = Path(bialign.__file__).with_name("__init__.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    options = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Options")
    fields = [n.target.id for n in options.body if isinstance(n, ast.AnnAssign)]
    assert fields == list(bialign.defaults())
    defined = {getattr(n, "name", None) for n in tree.body} | {
        a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names
    } | {t.id for n in tree.body if isinstance(n, ast.AnnAssign) for t in [n.target]}
    assert set(bialign.__all__) <= defined
    assert Path(bialign.__file__).with_name("py.typed").is_file()


def test_docstring_examples():
    """The examples in the package's docstrings (Python and Rust ones) run as shown."""
    import doctest

    objects = [bialign, bialign.align, bialign.defaults, bialign.Aligner, bialign.Alignment, bialign.segment, bialign.evaluate]
    attempted = 0
    for obj in objects:
        finder = doctest.DocTestFinder(recurse=False)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        for test in finder.find(obj, getattr(obj, "__name__", "bialign"), globs={"bialign": bialign}):
            runner.run(test)
        assert runner.failures == 0, obj
        attempted += runner.tries
    assert attempted >= 10


def test_readme_examples():
    """The package README's examples (pandas among them) run as shown."""
    import doctest

    pytest.importorskip("pandas")
    readme = Path(__file__).resolve().parents[1] / "README.md"
    result = doctest.testfile(str(readme), module_relative=False, globs={"bialign": bialign}, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10 and result.failed == 0


def test_main_readme_python_examples():
    """The Python examples of the repository's README run as shown."""
    import doctest
    import re

    from conftest import REPO

    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for k, block in enumerate(blocks):
        runner.run(parser.get_doctest(block, {"bialign": bialign}, f"README.md block {k}", "README.md", 0))
    assert runner.tries >= 5 and runner.failures == 0


def test_languages_not_named_are_detected():
    de = ["Der Hund schläft im Haus, und die Katze trinkt das Wasser.", "Der Vogel singt in dem Garten."]
    fr = ["Le chien dort dans la maison, et le chat boit de l'eau.", "L'oiseau chante dans le jardin."]
    a = bialign.align(de, fr)
    assert 'xml:lang="de"' in a.to_tmx() and 'xml:lang="fr"' in a.to_tmx()
    assert [(b.src, b.tgt) for b in a] == [([0], [0]), ([1], [1])]
    # A language named is taken as given, and detection is off.
    assert bialign.Aligner(src_lang="de").options["detect_langs"] is False
    assert bialign.Aligner(src_lang="de", detect_langs=True).options["detect_langs"] is True


def test_any_language_pair():
    de = ["Abraham war der Vater Isaaks.", "Isaak war der Vater Jakobs."]
    fr = ["Abraham fut père d'Isaac.", "Isaac fut père de Jacob."]
    a = bialign.align(de, fr, src_lang="de", tgt_lang="fr")
    assert [(b.src, b.tgt) for b in a] == [([0], [0]), ([1], [1])]
    assert 'xml:lang="de"' in a.to_tmx() and 'xml:lang="fr"' in a.to_tmx()
