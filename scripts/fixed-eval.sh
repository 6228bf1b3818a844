#!/usr/bin/env bash
# Constrained alignment on mac-dev (issue 13): the gold bead fixed at each of the first three
# errors of every chapter, realigning after each (the acceptance measurement), and every gold
# bead fixed one by one in document order (where the strict F1 falls, if anywhere).
#
#   scripts/fixed-eval.sh               # both
#   scripts/fixed-eval.sh acceptance    # one of them
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${BIALIGN_EVAL:-../shared/eval}
if [ ! -d "$EVAL/mac-dev" ]; then
    echo "skipped: $EVAL/mac-dev is absent" >&2
    exit 0
fi
cargo build --release --quiet --example fixed_eval
for mode in "${@:-acceptance one-by-one}"; do
    for m in $mode; do
        echo "== $m"
        target/release/examples/fixed_eval "$m" "$EVAL"
    done
done
