"""Python and the command line give byte-identical output for the same input and options:
the seed in every format, every mac-dev chapter and Bible 001 as evaluated (presplit JSONL),
a chapter as running text, and a set of options."""

from __future__ import annotations

import pytest

import bialign
from conftest import SEED

FORMATS = ["jsonl", "tsv", "csv", "ids", "tmx", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_every_format(cli, fmt):
    expected = cli("align", "--quiet", "--format", fmt, SEED)
    a = bialign.align(bialign.read(SEED), name=SEED.name)
    assert a.render(fmt) == expected
    assert a.mixed


@pytest.mark.parametrize(
    "options, flags",
    [
        pytest.param({"genre": "literary"}, ["--genre", "literary"], id="genre"),
        pytest.param({"max_bead": 4, "band": 5}, ["--max-bead", "4", "--band", "5"], id="bead-band"),
        pytest.param({"min_score": 0.5}, ["--min-score", "0.5"], id="min-score"),
        pytest.param({"src_lang": "zh-TW", "tgt_lang": "en-GB"}, ["--src-lang", "zh-TW", "--tgt-lang", "en-GB"], id="tags"),
        pytest.param({"no_second_pass": True, "no_anchors": True}, ["--no-second-pass", "--no-anchors"], id="passes"),
        pytest.param({"lexical_weight": 0.0}, ["--lexical-weight", "0"], id="length-only"),
        pytest.param({"src_lang": "en", "tgt_lang": "zh"}, ["--src-lang", "en", "--tgt-lang", "zh"], id="reverse"),
    ],
)
@pytest.mark.parametrize("fmt", ["jsonl", "tmx", "tsv"])
def test_seed_with_options(cli, options, flags, fmt):
    expected = cli("align", "--quiet", "--format", fmt, *flags, SEED)
    a = bialign.align(bialign.read(SEED), name=SEED.name, **options)
    assert a.render(fmt) == expected


def test_user_dictionary(cli, tmp_path):
    d = tmp_path / "names.tsv"
    d.write_text("Azerbaijan\t阿塞拜疆\nmine action\t排雷行动\n", encoding="utf-8")
    expected = cli("align", "--quiet", "--format", "jsonl", "--dict", d, SEED)
    assert bialign.align(bialign.read(SEED), dict=[d]).to_jsonl() == expected
    assert bialign.align(bialign.read(SEED), dict=[str(d)]).to_jsonl() == expected


def test_mac_dev_presplit(cli, eval_sets):
    chapters = sorted((eval_sets / "mac-dev" / "zh").iterdir())
    assert chapters
    aligner = bialign.Aligner(presplit=True)
    for zh in chapters:
        en = eval_sets / "mac-dev" / "en" / zh.name
        expected = cli("align", "--quiet", "--presplit", "--format", "jsonl", zh, en)
        got = aligner.align(bialign.read(zh), bialign.read(en)).to_jsonl()
        assert got == expected, zh.name
        # A list of the file's lines is the same presplit input.
        lines = bialign.read(zh).splitlines(), bialign.read(en).splitlines()
        assert bialign.align(*lines).to_jsonl() == expected, zh.name


def test_mac_dev_running_text(cli, eval_sets, tmp_path):
    """A chapter with its lines joined (as scripts/same-output.sh makes it), segmented by
    bialign, in every format."""
    zh_file = sorted((eval_sets / "mac-dev" / "zh").iterdir())[0]
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text(zh_file.read_text(encoding="utf-8").replace("\n", ""), encoding="utf-8")
    en_text = (eval_sets / "mac-dev" / "en" / zh_file.name).read_text(encoding="utf-8")
    en.write_text(en_text.replace("\n", " "), encoding="utf-8")
    a = bialign.Aligner().align(bialign.read(zh), bialign.read(en), name="zh.txt")
    for fmt in ["jsonl", "tsv", "ids"]:
        assert a.render(fmt) == cli("align", "--quiet", "--format", fmt, zh, en), fmt


def test_bible_001(cli, eval_sets):
    b = eval_sets / "bible"
    en, zh = b / "en" / "001", b / "zh" / "001"
    expected = cli("align", "--quiet", "--presplit", "--format", "jsonl", "--src-lang", "en", "--tgt-lang", "zh", en, zh)
    a = bialign.align(bialign.read(en), bialign.read(zh), presplit=True, src_lang="en", tgt_lang="zh")
    assert a.to_jsonl() == expected
    score = bialign.evaluate(b / "gold" / "001.align", a, src_verses=b / "en.verse", tgt_verses=b / "zh.verse")
    assert score["strict"]["f1"] > 0.95


def test_batch_records(cli):
    """align_many's beads are those `bialign batch -` writes for the same documents."""
    import json

    docs = [
        {"id": 1, "src": bialign.read(SEED)},
        {"id": "two", "src": "我父亲是一个医生。他每天早上去医院。", "tgt": "My father is a doctor. He goes to the hospital every morning."},
        {"id": 3, "src": "", "tgt": "Nothing."},
    ]
    out = cli("batch", "-", stdin="".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))
    records = [json.loads(line) for line in out.splitlines()]
    results = bialign.Aligner().align_many([(d["src"], d.get("tgt")) for d in docs])
    for record, result in zip(records, results):
        if "error" in record:
            assert isinstance(result, bialign.InputError)
        else:
            assert [json.loads(line) for line in result.to_jsonl().splitlines()] == record["beads"]
