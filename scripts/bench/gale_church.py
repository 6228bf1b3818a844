#!/usr/bin/env python3
"""Gale-Church peers for scripts/bench.sh: align two presplit files (one sentence per line,
line i is sentence i) with a PyPI implementation and write the beads in bialign's `ids`
format (`[0,1]:[2]`, source ids first, one bead per line, null beads included).

    gale_church.py galechurch SRC TGT > out.align   # the `galechurch` package (Rust core)
    gale_church.py nltk SRC TGT > out.align         # nltk.translate.gale_church (pure Python)

Both run the whole document as one block (no paragraph breaks in presplit input), with the
sentence length in characters without spaces (the original program's measure, which the
`galechurch` package uses) and the variance of the original program (6.8). The expected
target/source length ratio is the document's own (total target over total source
characters) unless `--ratio X` is given; the packages' default of 1 suits European pairs
only (English to Chinese is about 0.3). Neither package is changed: their size guards
(`max_block_size` for galechurch, `MAX_ALIGN_BLOCKS` for NLTK) are raised through their
public knobs so that they accept the document, as their messages tell a user to do.
An alignment that does not cover every sentence exactly once is not written: the driver
says so on standard error and exits with status 3.
"""

import argparse
import sys

# Exit status when a package returns beads that do not cover both documents exactly.
INVALID = 3


def read_sentences(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\r\n") for line in f]


def char_length(sentence):
    return len(sentence.replace(" ", ""))


def ids(side):
    return "[" + ",".join(str(i) for i in side) + "]"


def run_galechurch(src, tgt, ratio):
    import galechurch

    result = galechurch.align(
        src,
        tgt,
        mean_xy=ratio,
        variance_xy=6.8,
        max_block_size=(len(src) + 1) * (len(tgt) + 1) + 1,
    )
    return [
        (range(b.source_start, b.source_end), range(b.target_start, b.target_end))
        for b in result.beads
    ]


def run_nltk(src, tgt, ratio):
    from nltk.translate import gale_church

    class Params(gale_church.LanguageIndependent):
        AVERAGE_CHARACTERS = ratio

    gale_church.MAX_ALIGN_BLOCKS = max(len(src), len(tgt)) + 1
    links = gale_church.align_blocks(
        [char_length(s) for s in src], [char_length(t) for t in tgt], Params
    )
    return beads_from_links(links, len(src), len(tgt))


def beads_from_links(links, n, m):
    """NLTK returns sentence links (every pair within a bead, none for 1-0 and 0-1 beads),
    in order: group them into beads and give every unlinked sentence a null bead."""
    linked = []
    for i, j in links:
        if linked and (i in linked[-1][0] or j in linked[-1][1]):
            linked[-1][0].add(i)
            linked[-1][1].add(j)
        else:
            linked.append(({i}, {j}))
    beads = []
    si = ti = 0
    for s, t in linked:
        while si < min(s):
            beads.append(([si], []))
            si += 1
        while ti < min(t):
            beads.append(([], [ti]))
            ti += 1
        beads.append((sorted(s), sorted(t)))
        si, ti = max(s) + 1, max(t) + 1
    beads.extend(([i], []) for i in range(si, n))
    beads.extend(([], [j]) for j in range(ti, m))
    return beads


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("peer", choices=["galechurch", "nltk"])
    ap.add_argument("src")
    ap.add_argument("tgt")
    ap.add_argument("--ratio", type=float, help="target/source characters (default: the document's)")
    a = ap.parse_args()
    src, tgt = read_sentences(a.src), read_sentences(a.tgt)
    ratio = a.ratio
    if ratio is None:
        total_src = sum(map(char_length, src))
        ratio = sum(map(char_length, tgt)) / total_src if total_src else 1.0
    run = run_galechurch if a.peer == "galechurch" else run_nltk
    beads = run(src, tgt, ratio)
    covered = (sum(len(s) for s, _ in beads), sum(len(t) for _, t in beads))
    if covered != (len(src), len(tgt)):
        # galechurch 0.1.0 returns no beads at all for Bible 006 (30,001 x 42,688 cells).
        sys.stderr.write(
            f"{a.peer}: invalid alignment: {len(beads)} beads covering {covered[0]} of "
            f"{len(src)} source and {covered[1]} of {len(tgt)} target sentences\n"
        )
        sys.exit(INVALID)
    out = sys.stdout
    for s, t in beads:
        out.write(f"{ids(s)}:{ids(t)}\n")


if __name__ == "__main__":
    main()
