#!/usr/bin/env bash
# Scores bialign on the evaluation sets in ../shared/eval (strict and lax F1, as
# `bialign eval` prints them), optionally with extra `bialign align` options.
#
#   scripts/eval.sh                      # default settings
#   scripts/eval.sh --lexical-weight 0   # an ablation
#
# Prints one line per set: name, strict_f1, lax_f1, wall seconds, peak RSS of the alignment
# (mac-dev, Bible 001 and 006 zh-en, and the five bible-pairs sets of other pairs).
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${BIALIGN_EVAL:-../shared/eval}
if [ ! -d "$EVAL" ]; then
    echo "skipped: $EVAL is absent" >&2
    exit 0
fi
:
BIN=${BIN:-target/release/bialign}
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
