#!/usr/bin/env bash
# Scores bialign on the evaluation sets in ../shared/eval (strict and lax F1, as
# `bialign eval` prints them), optionally with extra `bialign align` options.
#
#   scripts/eval.sh                      # default settings
#   scripts/eval.sh --lexical-weight 0   # an ablation
#   BIALIGN_BIN=/tmp/old/bialign scripts/eval.sh   # another build
#
# Prints one line per set: name, strict_f1, lax_f1, wall seconds, peak RSS of the alignment
# (mac-dev, Bible 001 and 006 zh-en, the five bible-pairs sets of other pairs, and the
# Gospels of the English Bible against the Chinese Union Version in traditional characters,
# bible-pairs' zh-fr Chinese side, and against the same verses of Bible 006's simplified one).
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${BIALIGN_EVAL:-../shared/eval}
if [ ! -d "$EVAL" ]; then
    echo "skipped: $EVAL is absent" >&2
    exit 0
fi
# BIALIGN_BIN: score that binary instead of building this checkout's (to compare two).
if [ -n "${BIALIGN_BIN:-}" ]; then
    BIN=$(realpath "$BIALIGN_BIN")
else
    cargo build --release --quiet
    BIN=target/release/bialign
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/mac"
start=$(date +%s.%N)
for f in "$EVAL"/mac-dev/zh/*; do
    b=$(basename "$f")
    "$BIN" align --quiet --presplit --format ids "$@" "$EVAL/mac-dev/zh/$b" "$EVAL/mac-dev/en/$b" > "$out/mac/$b.align"
done
end=$(date +%s.%N)
printf 'mac-dev    %s  %.2fs\n' "$("$BIN" eval --gold "$EVAL/mac-dev/gold" --test "$out/mac" | tail -1)" "$(echo "$end - $start" | bc)"
for d in 001 006; do
    /usr/bin/time -f '%e %M' -o "$out/time" "$BIN" align --quiet --presplit --format ids --src-lang en --tgt-lang zh "$@" \
        "$EVAL/bible/en/$d" "$EVAL/bible/zh/$d" > "$out/$d.align"
    read -r secs kb < "$out/time"
    printf 'bible-%s  %s  %.2fs %dMiB\n' "$d" "$("$BIN" eval --gold "$EVAL/bible/gold/$d.align" --test "$out/$d.align" \
        --src-verse "$EVAL/bible/en.verse" --tgt-verse "$EVAL/bible/zh.verse" | tail -1)" "$secs" "$((kb / 1024))"
done
# Other language pairs (issue 17): the bible-pairs sets, scored with verse merging.
if [ -d "$EVAL/bible-pairs" ]; then
    for pair in de-fr en-es en-fr en-ru zh-fr; do
        d="$EVAL/bible-pairs/$pair"
        s=${pair%-*}
        t=${pair#*-}
        /usr/bin/time -f '%e %M' -o "$out/time" "$BIN" align --quiet --presplit --format ids \
            --src-lang "$s" --tgt-lang "$t" "$@" "$d/$s/001" "$d/$t/001" > "$out/$pair.align"
        read -r secs kb < "$out/time"
        printf '%-9s  %s  %.2fs %dMiB\n' "$pair" "$("$BIN" eval --gold "$d/gold/001.align" \
            --test "$out/$pair.align" --src-verse "$d/$s.verse" --tgt-verse "$d/$t.verse" | tail -1)" \
            "$secs" "$((kb / 1024))"
    done
fi
# Traditional Chinese (the bundled lexicon is simplified): English Matthew-John of Bible 006
# against bible-pairs' traditional CUV, and against the simplified CUV's same verses; gold
# one bead per verse in both, built here from the verse files (nothing is copied).
if [ -d "$EVAL/bible-pairs/zh-fr" ]; then
    python3 - "$EVAL" "$out" <<'PY'
import os, sys
ev, out = sys.argv[1], sys.argv[2]
books = {"Mat": "Matthew", "Mak": "Mark", "Luk": "Luke", "Jhn": "John"}
def lines(p):
    with open(p, encoding="utf-8") as f:
        return f.read().split("\n")[:-1]
def verse(v):
    b, rest = v.split(":", 1)
    return books.get(b, b) + ":" + rest
def gospels(text, verses):
    keep = [(t, verse(v)) for t, v in zip(text, verses) if verse(v).split(":")[0] in books.values()]
    return [t for t, _ in keep], [v for _, v in keep]
en, env = gospels(lines(f"{ev}/bible/en/006"), lines(f"{ev}/bible/en.verse"))
sets = {
    "trad": (lines(f"{ev}/bible-pairs/zh-fr/zh/001"), lines(f"{ev}/bible-pairs/zh-fr/zh.verse")),
    "simp": gospels(lines(f"{ev}/bible/zh/006"), lines(f"{ev}/bible/zh.verse")),
}
for name, (zh, zhv) in sets.items():
    d = f"{out}/{name}"
    os.makedirs(d)
    def ids(vs):
        by = {}
        for k, v in enumerate(vs):
            by.setdefault(v, []).append(k)
        return by
    src, tgt = ids(env), ids(zhv)
    for fname, rows in [("en", en), ("zh", zh), ("en.verse", env), ("zh.verse", zhv)]:
        with open(f"{d}/{fname}", "w", encoding="utf-8") as f:
            f.write("".join(r + "\n" for r in rows))
    with open(f"{d}/gold", "w") as f:
        for v in dict.fromkeys(env):
            if v in tgt:
                f.write("[%s]:[%s]\n" % (",".join(map(str, src[v])), ",".join(map(str, tgt[v]))))
PY
    for name in trad simp; do
        d="$out/$name"
        /usr/bin/time -f '%e %M' -o "$out/time" "$BIN" align --quiet --presplit --format ids \
            --src-lang en --tgt-lang zh "$@" "$d/en" "$d/zh" > "$d/out.align"
        read -r secs kb < "$out/time"
        printf 'gospels-%s  %s  %.2fs %dMiB\n' "$name" "$("$BIN" eval --gold "$d/gold" \
            --test "$d/out.align" --src-verse "$d/en.verse" --tgt-verse "$d/zh.verse" | tail -1)" \
            "$secs" "$((kb / 1024))"
    done
fi
