#!/usr/bin/env python3
"""Synthetic document pairs for the scaling and batch sections of scripts/bench.sh, built
from Bible 001 (English source, Chinese target) and its gold alignment, whose beads (verses)
are the units: a unit's English and Chinese sentences always stay together, so the correct
alignment of every generated document is known.

    synth.py scale EVAL OUT N [SEED]   # OUT/{en,zh,gold.align,en.verse,zh.verse}: units drawn
                                        # in shuffled passes over Bible 001 until the English
                                        # side has N sentences
    synth.py chunks EVAL OUT K          # OUT/{zh,en}/NNN: Bible 001 cut into K consecutive
                                        # chunks of whole units; OUT/jobs lists
                                        # zh_path<TAB>en_path<TAB>out_path (outputs in OUT/out)

The verse files give each sentence its unit number, so `bialign eval --src-verse en.verse
--tgt-verse zh.verse` scores a synthetic document exactly as the Bible is scored.
Prints the sentence counts (English, Chinese) on standard output.
"""

import json
import os
import random
import sys


def load_units(eval_dir):
    def lines(rel):
        with open(os.path.join(eval_dir, rel), encoding="utf-8") as f:
            return [line.rstrip("\r\n") for line in f]

    en, zh = lines("bible/en/001"), lines("bible/zh/001")
    units = []
    for line in lines("bible/gold/001.align"):
        s, t = line.split(":")
        units.append(([en[i] for i in json.loads(s)], [zh[j] for j in json.loads(t)]))
    return units


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line)
            f.write("\n")


def scale(units, out, n, seed):
    rng = random.Random(seed)
    en, zh, gold, en_verse, zh_verse = [], [], [], [], []
    order = []
    while len(en) < n:
        if not order:
            order = list(range(len(units)))
            rng.shuffle(order)
        u = len(gold)
        src, tgt = units[order.pop()]
        src_ids = list(range(len(en), len(en) + len(src)))
        tgt_ids = list(range(len(zh), len(zh) + len(tgt)))
        gold.append(f"[{','.join(map(str, src_ids))}]:[{','.join(map(str, tgt_ids))}]")
        en.extend(src)
        zh.extend(tgt)
        en_verse.extend([f"u{u}"] * len(src))
        zh_verse.extend([f"u{u}"] * len(tgt))
    os.makedirs(out, exist_ok=True)
    for name, data in [("en", en), ("zh", zh), ("gold.align", gold), ("en.verse", en_verse), ("zh.verse", zh_verse)]:
        write_lines(os.path.join(out, name), data)
    print(len(en), len(zh))


def chunks(units, out, k):
    for d in ("zh", "en", "out"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    jobs = []
    n_en = n_zh = 0
    for c in range(k):
        part = units[c * len(units) // k : (c + 1) * len(units) // k]
        en = [s for u in part for s in u[0]]
        zh = [s for u in part for s in u[1]]
        n_en, n_zh = n_en + len(en), n_zh + len(zh)
        name = f"{c:03d}"
        paths = [os.path.join(out, d, name) for d in ("zh", "en", "out")]
        write_lines(paths[0], zh)
        write_lines(paths[1], en)
        jobs.append("\t".join(paths))
    write_lines(os.path.join(out, "jobs"), jobs)
    print(n_en, n_zh)


def main():
    if len(sys.argv) < 5 or sys.argv[1] not in ("scale", "chunks"):
        sys.exit(__doc__)
    units = load_units(sys.argv[2])
    if sys.argv[1] == "scale":
        seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
        scale(units, sys.argv[3], int(sys.argv[4]), seed)
    else:
        chunks(units, sys.argv[3], int(sys.argv[4]))


if __name__ == "__main__":
    main()
