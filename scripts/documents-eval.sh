#!/usr/bin/env bash
# Scores bialign on the document fixtures (tests/fixtures, scripts/make-fixtures.sh), whose
# sources tests/fixtures/src/*.body are translations paragraph by paragraph: line k of the
# Chinese source is line k of the English. A pair is right when both its sides come from
# the same line; recall is the share of lines that a right pair covers. Extra arguments go
# to `bialign align` (an ablation: --no-structure, --no-cleanup).
#
#   scripts/documents-eval.sh                  # default settings
#   scripts/documents-eval.sh --no-structure   # without enumerators as evidence
#
# Prints one line per pair of fixtures: name, pairs, right pairs, precision, recall.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p bialign-cli
BIN=target/release/bialign
F=tests/fixtures
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { # run NAME SOURCE-BODY-STEM ZH EN [ARGS...]
    local name=$1 stem=$2 zh=$3 en=$4
    shift 4
    "$BIN" align --quiet --format jsonl "$@" "$F/$zh" "$F/$en" > "$out/$name.jsonl"
    python3 - "$F/src/$stem.zh.body" "$F/src/$stem.en.body" "$out/$name.jsonl" "$name" <<'PY'
import json, re, sys
def lines(path):
    out = []
    for l in open(path, encoding="utf-8"):
        if not l.startswith(("<text:p", "<text:h", " <text:list-item", " <table:table-row")):
            continue
        l = re.sub(r"<text:note .*?</text:note>", "", l)
        l = re.sub(r"<text:span text:style-name=\"Hidden\">.*?</text:span>", "", l)
        l = re.sub(r"<text:date .*?</text:date>", "", l)
        cells = re.findall(r"<text:p>(.*?)</text:p>", l) if "table-row" in l else [re.sub(r"<[^>]+>", "", l)]
        out.append([squash(c) for c in cells])
    return out
def squash(s):
    return re.sub(r"[\s*]", "", s.replace("&amp;", "&"))
zh, en = lines(sys.argv[1]), lines(sys.argv[2])
def where(text, paras):
    t = squash(text)
    return {k for k, cells in enumerate(paras) if t and any(t in c for c in cells)}
# Lines the clean-up sets apart (the symbol, the distribution block) are not counted.
def apart(cells):
    return all(re.fullmatch(r"[A-Z]+(/[A-Z0-9.]+)+", c) or c.startswith("Distr.:") for c in cells)
pairs = right = 0
covered = set()
for l in open(sys.argv[3], encoding="utf-8"):
    b = json.loads(l)
    if b.get("set_aside") or not b["src"] or not b["tgt"]:
        continue
    pairs += 1
    common = where(b["src_text"], zh) & where(b["tgt_text"], en)
    if common:
        right += 1
        covered |= {k for k in common if not apart(zh[k])}
n = sum(1 for z, e in zip(zh, en) if any(z) and any(e) and not apart(z))
print(f"{sys.argv[4]:<24} pairs {pairs:3}  right {right:3}  precision {right / max(pairs, 1):.3f}  recall {len(covered) / max(n, 1):.3f}")
PY
}
run un-note.pdf un-note un-note.zh.pdf un-note.en.pdf "$@"
run un-note.docx-pdf un-note un-note.zh.docx un-note.en.pdf "$@"
run un-note.pdf-odt un-note un-note.zh.pdf un-note.en.odt "$@"
run rules.docx rules rules.zh.docx rules.en.docx "$@"
run rules.docx-odt rules rules.zh.docx rules.en.odt "$@"
