"""Constrained alignment from Python: `fixed=` (a path or a list of (src, tgt) index lists)
on `align` and `Aligner`, and `Aligner.align_fixed`; the beads are kept exactly, bad ones
raise `InputError` naming them, a file as `--fixed` reads it."""

from __future__ import annotations

import pytest

import bialign

ZH = ["我父亲是医生。", "他每天去医院。", "今天下雨了。", "我们没有出门。"]
EN = ["My father is a doctor.", "He goes to the hospital every day.", "It rained today and we did not go out."]


def test_fixed_list_is_kept():
    a = bialign.align(ZH, EN, fixed=[([0], [0]), ([1], [])])
    assert [(b.src, b.tgt) for b in a][:2] == [([0], [0]), ([1], [])]
    assert a[0].score == 1.0 and a[1].score == 1.0
    assert sum(len(b.src) for b in a) == len(ZH) and sum(len(b.tgt) for b in a) == len(EN)
    same = bialign.Aligner().align_fixed(ZH, EN, [([0], [0]), ([1], [])])
    assert same.to_ids() == a.to_ids()
    # The same beads seen from the English side give the mirror image.
    back = bialign.align(EN, ZH, src_lang="en", tgt_lang="zh", fixed=[([0], [0]), ([], [1])])
    assert [(b.tgt, b.src) for b in back] == [(b.src, b.tgt) for b in a]


def test_fixed_file_is_read_as_the_command_line_reads_it(tmp_path):
    path = tmp_path / "fixed.ids"
    path.write_text("[0]:[0]\n[1]:[]\n", encoding="utf-8")
    by_path = bialign.align(ZH, EN, fixed=path)
    by_str = bialign.Aligner(fixed=str(path)).align(ZH, EN)
    by_list = bialign.align(ZH, EN, fixed=[([0], [0]), ([1], [])])
    assert by_path.to_ids() == by_str.to_ids() == by_list.to_ids()
    assert bialign.Aligner(fixed=str(path)).options["fixed"] == str(path)


def test_bad_fixed_beads_raise_input_errors(tmp_path):
    with pytest.raises(bialign.InputError, match=r"fixed beads 0 and 1 overlap: src 0\.\.2 and 1\.\.2"):
        bialign.align(ZH, EN, fixed=[([0, 1], [0]), ([1], [1])])
    with pytest.raises(bialign.InputError, match="not consecutive"):
        bialign.align(ZH, EN, fixed=[([0, 2], [0])])
    bad = tmp_path / "bad.ids"
    bad.write_text("[9]:[0]\n", encoding="utf-8")
    with pytest.raises(bialign.InputError, match="bad.ids: fixed bead 0 is out of range"):
        bialign.align(ZH, EN, fixed=bad)
    with pytest.raises(bialign.OptionError, match="fixed"):
        bialign.align(ZH, EN, fixed=[1, 2])
