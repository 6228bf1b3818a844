#!/usr/bin/env python3
"""Chapters where a verse-scored set's two texts number their verses differently, and the
score without them.

    scripts/verse-shifts.py ../shared/eval/bible-pairs/de-fr OUT.align

OUT.align is an alignment of the set (`bialign align --presplit --format ids`). A chapter
is reported when at least MIN_BEADS (10) of the alignment's beads, and a third of that
chapter's, pair one source verse with one target verse at the same offset d != 0 (German
John 12:20 with French 12:19, and so on through the chapter). There the gold, which pairs
verses by number, pairs sentences that do not translate each other, and every right bead
counts as wrong; the texts must be read to confirm it (BENCHMARKS.md, round 10, did). The
script then scores the alignment with `bialign eval` twice: as it is, and with every gold
and test bead that touches such a chapter left out (the binary: $BIALIGN_BIN, else
target/release/bialign). A diagnostic of the evaluation data: the aligner knows nothing
of verses.
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

MIN_BEADS = 10


def lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")[:-1]


def beads(path):
    for line in lines(path):
        src, tgt = line.split(":")
        yield json.loads(src), json.loads(tgt)


def chapter(verse):
    return verse.rsplit(":", 1)[0]


def shifted_chapters(test, sv, tv):
    offsets, per_chapter = collections.Counter(), collections.Counter()
    for src, tgt in test:
        if not src or not tgt:
            continue
        a, b = {sv[i] for i in src}, {tv[j] for j in tgt}
        per_chapter[chapter(sv[src[0]])] += 1
        if len(a) == 1 and len(b) == 1 and a != b:
            (va,), (vb,) = a, b
            if chapter(va) == chapter(vb):
                d = int(vb.rsplit(":", 1)[1]) - int(va.rsplit(":", 1)[1])
                offsets[(chapter(va), d)] += 1
    return {
        (ch, d, n, per_chapter[ch])
        for (ch, d), n in offsets.items()
        if n >= MIN_BEADS and 3 * n >= per_chapter[ch]
    }


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().split("\n\n")[1])
    pair_dir, test_path = sys.argv[1], sys.argv[2]
    s, t = os.path.basename(os.path.normpath(pair_dir)).split("-")
    sv_path, tv_path = f"{pair_dir}/{s}.verse", f"{pair_dir}/{t}.verse"
    sv, tv = lines(sv_path), lines(tv_path)
    gold, test = list(beads(f"{pair_dir}/gold/001.align")), list(beads(test_path))
    shifted = shifted_chapters(test, sv, tv)
    for ch, d, n, total in sorted(shifted):
        print(f"{ch}: {n} of {total} beads pair source verse v with target verse v{d:+d}")
    bad = {ch for ch, _, _, _ in shifted}

    def touches(bead):
        src, tgt = bead
        return any(chapter(sv[i]) in bad for i in src) or any(chapter(tv[j]) in bad for j in tgt)

    binary = os.environ.get("BIALIGN_BIN", "target/release/bialign")
    with tempfile.TemporaryDirectory() as tmp:
        for name, kept in [("as it is", (gold, test)),
                           ("without those chapters", tuple([b for b in x if not touches(b)]
                                                            for x in (gold, test)))]:
            paths = []
            for label, rows in zip(("gold", "test"), kept):
                path = f"{tmp}/{label}.align"
                with open(path, "w") as f:
                    f.writelines(f"{json.dumps(a, separators=(',', ':'))}:"
                                 f"{json.dumps(b, separators=(',', ':'))}\n" for a, b in rows)
                paths.append(path)
            out = subprocess.run([binary, "eval", "--gold", paths[0], "--test", paths[1],
                                  "--src-verse", sv_path, "--tgt-verse", tv_path],
                                 check=True, capture_output=True, text=True).stdout
            print(f"{name}: {out.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
