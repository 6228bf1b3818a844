#!/usr/bin/env bash
# Writes the output of one bialign binary on every evaluation set and the seed into a folder,
# so that two builds can be compared byte for byte (a refactor must not change any of it):
#
#   scripts/same-output.sh OLD_BIN /tmp/old && scripts/same-output.sh NEW_BIN /tmp/new
#   diff -r /tmp/old /tmp/new && echo identical
#
# Covers JSONL on mac-dev, Bible 001 and 006 (presplit, as evaluated) and on the seed, plus
# every format on the seed and one mac-dev chapter as running text, and `segment`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "$1")
OUT=$2
EVAL=${BIALIGN_EVAL:-../shared/eval}
mkdir -p "$OUT"
SEED=data/seed_un_note.txt
for fmt in jsonl tsv tmx ids html; do
    "$BIN" align --format "$fmt" "$SEED" > "$OUT/seed.$fmt"
done
"$BIN" align --format jsonl --genre literary "$SEED" > "$OUT/seed-literary.jsonl"
"$BIN" segment --format jsonl "$SEED" > "$OUT/seed.segment.jsonl"
# Batch on standard input: JSONL documents in, one JSONL result line each (ids of every kind).
python3 - "$SEED" > "$OUT/batch-in.jsonl" <<'PY'
import json, sys
seed = open(sys.argv[1], encoding="utf-8").read()
docs = [
    {"id": 1, "src": seed},
    {"id": "two", "src": "我父亲是一个医生。他每天早上去医院。", "tgt": "My father is a doctor. He goes to the hospital every morning."},
    {"id": 123456789012345678901234567890, "src": "你好。", "tgt": "Hello."},
    {"id": [1, {"a": None}], "src": 5},
]
for d in docs:
    print(json.dumps(d, ensure_ascii=False))
print("not json")
PY
"$BIN" batch - < "$OUT/batch-in.jsonl" > "$OUT/batch.jsonl" 2> "$OUT/batch.stderr" || true
"$BIN" batch --format tmx - < "$OUT/batch-in.jsonl" > "$OUT/batch-tmx.jsonl" 2>/dev/null || true
if [ ! -d "$EVAL" ]; then
    echo "skipped the evaluation sets: $EVAL is absent" >&2
    exit 0
fi
for f in "$EVAL"/mac-dev/zh/*; do
    b=$(basename "$f")
    "$BIN" align --presplit --format jsonl "$f" "$EVAL/mac-dev/en/$b" > "$OUT/mac-$b.jsonl"
done
# One chapter as running text (segmented by bialign), in every format.
b=$(basename "$(ls "$EVAL"/mac-dev/zh/* | head -1)")
# Relative names: TMX and HTML show the paths as given.
tr -d '\n' < "$EVAL/mac-dev/zh/$b" > "$OUT/zh.txt"
tr '\n' ' ' < "$EVAL/mac-dev/en/$b" > "$OUT/en.txt"
for fmt in jsonl tsv tmx ids html; do
    (cd "$OUT" && "$BIN" align --format "$fmt" zh.txt en.txt > "mac-$b-text.$fmt")
done
rm "$OUT/zh.txt" "$OUT/en.txt"
for d in 001 006; do
    "$BIN" align --presplit --format jsonl --src-lang en --tgt-lang zh \
        "$EVAL/bible/en/$d" "$EVAL/bible/zh/$d" > "$OUT/bible-$d.jsonl"
done
