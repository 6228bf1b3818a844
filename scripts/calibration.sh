#!/usr/bin/env bash
# Confidence calibration on mac-dev: aligns the six chapters (`bialign align --presplit -f
# jsonl`, extra options passed through), and prints, per confidence band, how many non-null
# beads are exactly a gold bead.
#
#   scripts/calibration.sh
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${BIALIGN_EVAL:-../shared/eval}
if [ ! -d "$EVAL/mac-dev" ]; then
    echo "skipped: $EVAL/mac-dev is absent" >&2
    exit 0
fi
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for f in "$EVAL"/mac-dev/zh/*; do
    b=$(basename "$f")
    target/release/bialign align --presplit -f jsonl "$@" "$f" "$EVAL/mac-dev/en/$b" > "$out/$b.jsonl"
done
python3 - "$out" "$EVAL/mac-dev/gold" <<'PY'
import json, os, sys
out, gold_dir = sys.argv[1], sys.argv[2]
bands = [(0.9, 1.01, "0.9-1.0"), (0.8, 0.9, "0.8-0.9"), (0.7, 0.8, "0.7-0.8"), (0.6, 0.7, "0.6-0.7"),
         (0.5, 0.6, "0.5-0.6"), (0.4, 0.5, "0.4-0.5"), (-1, 0.4, "below 0.4")]
stats = {label: [0, 0] for _, _, label in bands}
for name in sorted(os.listdir(out)):
    doc = name[: -len(".jsonl")]
    gold = set()
    with open(os.path.join(gold_dir, doc + ".align")) as g:
        for line in g:
            line = line.strip()
            if line:
                s, t = line.split(":")
                gold.add((s, t))
    with open(os.path.join(out, name)) as f:
        for line in f:
            b = json.loads(line)
            if not b["src"] or not b["tgt"]:
                continue
            key = (json.dumps(b["src"], separators=(",", ":")), json.dumps(b["tgt"], separators=(",", ":")))
            for lo, hi, label in bands:
                if lo <= b["score"] < hi:
                    stats[label][0] += key in gold
                    stats[label][1] += 1
print("| score | correct / beads |")
print("|---|---|")
for _, _, label in bands:
    c, n = stats[label]
    print(f"| {label} | {c} / {n} = {c / n:.3f} |" if n else f"| {label} | 0 / 0 |")
PY
