#!/usr/bin/env python3
"""Quality checks for data/lexicon.tsv.gz.

Usage:
    python3 scripts/lexicon/check.py lookup [--lexicon PATH] WORD...
    python3 scripts/lexicon/check.py samples [--lexicon PATH]
    python3 scripts/lexicon/check.py coverage [--lexicon PATH] EN ZH GOLD

`lookup` prints the translations of the given keys.  `samples` checks that a
fixed list of words has the expected translations (exit 1 if one is missing).

`coverage` reads a sentence-aligned pair of files (EN and ZH: one sentence a
line) and a gold alignment GOLD (lines `[zh ids]:[en ids]`, 0-based line
numbers), takes the 1-1 beads, and reports the share of English content
tokens (lower-case, stop words removed) that have at least one translation
occurring as a substring of the Chinese sentence; then the same share for
misaligned pairs (each English sentence against the Chinese sentence of
another, randomly chosen 1-1 bead; 20 random derangements, fixed seed).  Lookup is by exact key and,
if the Python package `snowballstemmer` can be imported, also by Snowball
English stem (the union of the translations of all single-word keys with that
stem, which is how bialign consumes the file).

Standard library only (snowballstemmer is optional).  Reads the evaluation
files where they are; copies nothing.
"""

import argparse
import collections
import gzip
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_LEX = os.path.join(HERE, "..", "..", "data", "lexicon.tsv.gz")

STOP = set("""
a about above after again against all am an and any are aren't as at be because
been before being below between both but by can cannot could couldn't did didn't
do does doesn't doing don't down during each few for from further had hadn't has
hasn't have haven't having he he'd he'll he's her here here's hers herself him
himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself
let's me more most mustn't my myself no nor not of off on once only or other ought
our ours ourselves out over own same shan't she she'd she'll she's should
shouldn't so some such than that that's the their theirs them themselves then
there there's these they they'd they'll they're they've this those through to too
under until up very was wasn't we we'd we'll we're we've were weren't what what's
when when's where where's which while who who's whom why why's with won't would
wouldn't you you'd you'll you're you've your yours yourself yourselves
""".split())

SAMPLES = {
    "mine": ["地雷", "矿"], "government": ["政府"], "ministry": ["部"],
    "azerbaijan": ["阿塞拜疆"], "armenia": ["亚美尼亚"], "statement": ["声明"],
    "civilian": ["平民"], "father": ["父亲|爸爸"], "say": ["说"], "eye": ["眼"],
    "door": ["门"], "night": ["夜|晚"], "god": ["神|上帝"], "lord": ["主"],
    "son": ["儿子|子"],
}


def load(path):
    lex = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            k, v = line.rstrip("\n").split("\t")
            lex[k] = v.split("|")
    return lex


def cmd_lookup(lex, words):
    for w in words:
        print(f"{w}\t" + ("|".join(lex[w]) if w in lex else "(none)"))


def cmd_samples(lex):
    bad = 0
    for w, wants in SAMPLES.items():
        got = lex.get(w, [])
        miss = []
        for alts in wants:
            if not any(a in t for a in alts.split("|") for t in got):
                miss.append(alts)
        status = "ok  " if not miss else "MISS"
        bad += bool(miss)
        print(f"{status} {w:12} {'|'.join(got)}" + (f"   missing {miss}" if miss else ""))
    return 1 if bad else 0


def tokens(sentence):
    return [w for w in re.findall(r"[a-z]+(?:'[a-z]+)*", sentence.lower().replace("\u2019", "'"))
            if w not in STOP]


def parse_ids(s):
    s = s.strip().strip("[]").strip()
    return [int(x) for x in s.split(",") if x.strip()]


def cmd_coverage(lex, en_path, zh_path, gold_path, seed, rounds):
    with open(en_path, encoding="utf-8") as f:
        en = f.read().split("\n")
    with open(zh_path, encoding="utf-8") as f:
        zh = f.read().split("\n")
    pairs = []
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            z, e = line.split(":")
            z, e = parse_ids(z), parse_ids(e)
            if len(z) == 1 and len(e) == 1:
                pairs.append((en[e[0]], zh[z[0]]))
    rng = random.Random(seed)
    random_pairs = []
    for _ in range(rounds):
        shuffled = list(range(len(pairs)))
        while True:
            rng.shuffle(shuffled)
            if all(i != j for i, j in enumerate(shuffled)):
                break
        random_pairs += [(pairs[i][0], pairs[j][1]) for i, j in enumerate(shuffled)]

    lookups = {"exact key": lambda t: lex.get(t, [])}
    try:
        import snowballstemmer
        stemmer = snowballstemmer.stemmer("english")
        by_stem = collections.defaultdict(set)
        for k, v in lex.items():
            if " " not in k:
                by_stem[stemmer.stemWord(k)].update(v)
        lookups["stemmed"] = lambda t: by_stem.get(stemmer.stemWord(t), ())
    except ImportError:
        print("(snowballstemmer not importable: exact-key lookup only)")

    print(f"1-1 gold beads: {len(pairs)}; misaligned pairs: {len(random_pairs)}")
    for name, look in lookups.items():
        res = []
        for label, ps in (("aligned", pairs), ("random", random_pairs)):
            tot = hit = known = 0
            for e, z in ps:
                for t in tokens(e):
                    tot += 1
                    tr = look(t)
                    known += bool(tr)
                    hit += any(x in z for x in tr)
            res.append((label, hit, tot, known))
        line = ", ".join(f"{lab} {h / t:.1%} ({h}/{t})" for lab, h, t, _ in res)
        print(f"{name:10} in lexicon {res[0][3] / res[0][2]:.1%}; covered: {line}")


def main():
    ap = argparse.ArgumentParser(description="check data/lexicon.tsv.gz")
    ap.add_argument("--lexicon", default=DEFAULT_LEX)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("lookup")
    p.add_argument("words", nargs="+")
    sub.add_parser("samples")
    p = sub.add_parser("coverage")
    p.add_argument("en")
    p.add_argument("zh")
    p.add_argument("gold")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--rounds", type=int, default=20,
                   help="random derangements averaged for the misaligned share")
    a = ap.parse_args()
    lex = load(a.lexicon)
    if a.cmd == "lookup":
        cmd_lookup(lex, a.words)
    elif a.cmd == "samples":
        return cmd_samples(lex)
    else:
        cmd_coverage(lex, a.en, a.zh, a.gold, a.seed, a.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
