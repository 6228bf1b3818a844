"""Aligner.align_many: the same alignments as a loop of align, in input order, on any
number of threads; a failed document's error in its slot; the GIL released."""

from __future__ import annotations

import threading
import time

import pytest

import bialign
from conftest import SEED, eval_dir

GOOD = ("我父亲是一个医生。他每天早上去医院。", "My father is a doctor. He goes to the hospital every morning.")


def documents():
    """Document pairs: mac-dev chapters cut in pieces when the data is there, else the seed
    and short pairs."""
    d = eval_dir()
    docs = [(bialign.read(SEED), None, "seed"), (*GOOD, "good")]
    if d is None:
        return docs + [("他来了。" * k, "He came. " * k, f"rep{k}") for k in range(1, 8)]
    for zh in sorted((d / "mac-dev" / "zh").iterdir()):
        zh_lines = bialign.read(zh).splitlines()
        en_lines = bialign.read(d / "mac-dev" / "en" / zh.name).splitlines()
        for k in range(0, 60, 20):
            docs.append(("".join(zh_lines[k : k + 20]), " ".join(en_lines[k : k + 20]), f"{zh.name}-{k}"))
    return docs


@pytest.fixture(scope="module")
def docs():
    return documents()


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_align_many_is_a_loop_of_align(docs, threads):
    aligner = bialign.Aligner()
    many = aligner.align_many(docs, threads=threads)
    assert len(many) == len(docs)
    for (src, tgt, name), got in zip(docs, many):
        one = aligner.align(src, tgt, name=name)
        assert got.name == name
        assert got.to_jsonl() == one.to_jsonl(), name
        assert got.to_tmx() == one.to_tmx(), name


def test_failures_stay_in_their_slots():
    aligner = bialign.Aligner()
    results = aligner.align_many(
        [
            GOOD,
            {"src": "", "tgt": "x y.", "name": "empty"},
            ("Only English here.", "And here.", "swapped"),
            (["他来了。"], ["He came."]),
            {"src": bialign.read(SEED)},
        ]
    )
    assert results[0].to_ids() == "[0]:[0]\n[1]:[1]\n"
    assert isinstance(results[1], bialign.InputError) and str(results[1]) == "empty src: has no text to align"
    assert isinstance(results[2], bialign.InputError) and str(results[2]).startswith("swapped src:")
    assert results[3].to_ids() == "[0]:[0]\n"
    assert results[4].mixed
    assert aligner.align_many([]) == []


def test_align_many_takes_any_iterable():
    gen = (GOOD for _ in range(3))
    assert [r.to_ids() for r in bialign.Aligner().align_many(gen)] == ["[0]:[0]\n[1]:[1]\n"] * 3


def test_the_gil_is_released():
    """While align_many works, another Python thread keeps running."""
    zh = "我父亲是一个医生。他每天早上去医院。今天下雨了。" * 400
    en = "My father is a doctor. He goes to the hospital every morning. It rained today. " * 400
    aligner = bialign.Aligner()
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    try:
        start = time.perf_counter()
        aligner.align_many([(zh, en)] * 4, threads=2)
        aligner.align(zh, en)
        end = time.perf_counter()
    finally:
        done.set()
        t.join()
    during = [x for x in ticks if start < x < end]
    # With the GIL held, the ticker would not run at all until the calls return.
    assert end - start > 0.05
    assert len(during) >= 10, (len(during), end - start)
