#!/usr/bin/env bash
# Scores bialign on the bible-pairs sets of ../shared/eval (any language pair), with verse
# merging, optionally with extra `bialign align` options; BIN overrides the binary.
#
#   scripts/pairs-eval.sh                 # every pair
#   PAIRS="de-fr en-ru" scripts/pairs-eval.sh --lexical-weight 0
#
# Prints one line per pair: name, strict_f1, lax_f1, wall seconds, peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${BIALIGN_EVAL:-../shared/eval}
if [ ! -d "$EVAL/bible-pairs" ]; then
    echo "skipped: $EVAL/bible-pairs is absent" >&2
    exit 0
fi
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet -p bialign-cli
    BIN=target/release/bialign
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for pair in ${PAIRS:-de-fr en-es en-fr en-ru zh-fr}; do
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
