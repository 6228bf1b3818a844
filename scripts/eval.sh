#!/usr/bin/env bash
# Scores bialign on the evaluation sets in ../shared/eval (strict and lax F1, as
# `bialign eval` prints them), optionally with extra `bialign align` options.
#
#   scripts/eval.sh                      # default settings
#   scripts/eval.sh --lexical-weight 0   # an ablation
#
# Prints one line per set: name, strict_f1, lax_f1, wall seconds, peak RSS of the alignment.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${BIALIGN_EVAL:-../shared/eval}
if [ ! -d "$EVAL" ]; then
    echo "skipped: $EVAL is absent" >&2
    exit 0
fi
cargo build --release --quiet
BIN=target/release/bialign
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
