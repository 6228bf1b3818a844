#!/usr/bin/env bash
# Scores bialign on the evaluation sets in ../shared/eval (strict and lax F1, as
# `bialign eval` prints them), optionally with extra `bialign align` options.
#
#   scripts/eval.sh                      # default settings
#   scripts/eval.sh --lexical-weight 0   # an ablation
#   BIALIGN_BIN=/tmp/old/bialign scripts/eval.sh   # another build
#
# Prints one line per set: name, strict_f1, lax_f1, wall seconds, peak RSS of the alignment
# (and, for the verse-scored sets, the sentences left without counterpart, source+target)
# (mac-dev, Bible 001 and 006 zh-en, the five bible-pairs sets of other pairs, and the
# Gospels of the English Bible against the Chinese Union Version in traditional characters,
# bible-pairs' zh-fr Chinese side, and against the same verses of Bible 006's simplified one;
# and six pairs no set has, joined by verse from the sets' texts).
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
# One line for a verse-scored set: NAME SRC_LANG TGT_LANG SRC TGT GOLD SRC_VERSE TGT_VERSE,
# then the `align` options.
verse_set() {
    local name=$1 s=$2 t=$3 src=$4 tgt=$5 gold=$6 sv=$7 tv=$8
    shift 8
    /usr/bin/time -f '%e %M' -o "$out/time" "$BIN" align --quiet --presplit --format ids \
        --src-lang "$s" --tgt-lang "$t" "$@" "$src" "$tgt" > "$out/$name.align"
    read -r secs kb < "$out/time"
    # Sentences left without counterpart (source+target): verse merging joins a deleted
    # sentence to its verse's bead, so the F1 cannot see a wrong deletion; this can.
    local del_src del_tgt
    del_src=$(grep -c '\[\]$' "$out/$name.align" || true)
    del_tgt=$(grep -c '^\[\]' "$out/$name.align" || true)
    printf '%-13s  %s  %.2fs %dMiB unpaired=%d+%d\n' "$name" "$("$BIN" eval --gold "$gold" \
        --test "$out/$name.align" --src-verse "$sv" --tgt-verse "$tv" | tail -1)" \
        "$secs" "$((kb / 1024))" "$del_src" "$del_tgt"
}
# Other language pairs (issue 17): the bible-pairs sets, scored with verse merging.
if [ -d "$EVAL/bible-pairs" ]; then
    for pair in de-fr en-es en-fr en-ru zh-fr; do
        d="$EVAL/bible-pairs/$pair"
        s=${pair%-*}
        t=${pair#*-}
        verse_set "$pair" "$s" "$t" "$d/$s/001" "$d/$t/001" "$d/gold/001.align" \
            "$d/$s.verse" "$d/$t.verse" "$@"
    done
fi
# Pairs no set has, joined here by verse from the texts the sets share (bible-pairs' en-es
# and en-ru have one English side, de-fr and zh-fr one French side, Bible 006 holds the
# Gospels in English and Genesis-Exodus in simplified Chinese): es-ru, ru-zh and es-zh
# (Genesis-Exodus), de-zh, en-de and en-fr (the Gospels), only the verses of both sides.
# And traditional Chinese (the bundled lexicon is simplified): English Matthew-John of
# Bible 006 against bible-pairs' traditional CUV and against the simplified CUV's same
# books, every sentence kept. Gold one bead per verse in both; nothing is copied.
if [ -d "$EVAL/bible-pairs" ]; then
    python3 - "$EVAL" "$out/joined" <<'PY'
import os, sys
ev, out = sys.argv[1], sys.argv[2]
bp = f"{ev}/bible-pairs"
books = {"Mat": "Matthew", "Mak": "Mark", "Luk": "Luke", "Jhn": "John"}
gospels = set(books.values())
books.update({"Gen": "Genesis", "Exo": "Exodus"})
law = {"Genesis", "Exodus"}
def lines(p):
    with open(p, encoding="utf-8") as f:
        return f.read().split("\n")[:-1]
def side(text, verses, keep=None):
    rows = []
    for t, v in zip(lines(text), lines(verses)):
        b, rest = v.split(":", 1)
        v = books.get(b, b) + ":" + rest
        if keep is None or v.split(":")[0] in keep:
            rows.append((t, v))
    return rows
en_gospels = side(f"{ev}/bible/en/006", f"{ev}/bible/en.verse", gospels)
# name: (source language, target language, source rows, target rows, verses of both only)
sets = {
    "joined-es-ru": ("es", "ru", side(f"{bp}/en-es/es/001", f"{bp}/en-es/es.verse"),
                     side(f"{bp}/en-ru/ru/001", f"{bp}/en-ru/ru.verse"), True),
    "joined-de-zh": ("de", "zh", side(f"{bp}/de-fr/de/001", f"{bp}/de-fr/de.verse", gospels),
                     side(f"{bp}/zh-fr/zh/001", f"{bp}/zh-fr/zh.verse"), True),
    "joined-en-de": ("en", "de", en_gospels,
                     side(f"{bp}/de-fr/de/001", f"{bp}/de-fr/de.verse", gospels), True),
    "joined-en-fr": ("en", "fr", en_gospels,
                     side(f"{bp}/de-fr/fr/001", f"{bp}/de-fr/fr.verse", gospels), True),
    "joined-ru-zh": ("ru", "zh", side(f"{bp}/en-ru/ru/001", f"{bp}/en-ru/ru.verse"),
                     side(f"{ev}/bible/zh/006", f"{ev}/bible/zh.verse", law), True),
    "joined-es-zh": ("es", "zh", side(f"{bp}/en-es/es/001", f"{bp}/en-es/es.verse"),
                     side(f"{ev}/bible/zh/006", f"{ev}/bible/zh.verse", law), True),
    "gospels-trad": ("en", "zh", en_gospels,
                     side(f"{bp}/zh-fr/zh/001", f"{bp}/zh-fr/zh.verse"), False),
    "gospels-simp": ("en", "zh", en_gospels,
                     side(f"{ev}/bible/zh/006", f"{ev}/bible/zh.verse", gospels), False),
}
with open(f"{out}.list", "w") as listing:
    for name, (s, t, a, b, both) in sets.items():
        listing.write(f"{name} {s} {t}\n")
        d = f"{out}/{name}"
        os.makedirs(d)
        if both:
            # A book one text lacks is no part of the pair.
            av, bv = {v for _, v in a}, {v for _, v in b}
            a = [r for r in a if r[1] in bv]
            b = [r for r in b if r[1] in av]
        files = [(s, [r[0] for r in a]), (t, [r[0] for r in b]),
                 (f"{s}.verse", [r[1] for r in a]), (f"{t}.verse", [r[1] for r in b])]
        for fname, rows in files:
            with open(f"{d}/{fname}", "w", encoding="utf-8") as f:
                f.write("".join(r + "\n" for r in rows))
        ids = ({}, {})
        for side_ids, rows in zip(ids, (a, b)):
            for k, (_, v) in enumerate(rows):
                side_ids.setdefault(v, []).append(k)
        with open(f"{d}/gold", "w") as f:
            for v in dict.fromkeys(r[1] for r in a):
                if v in ids[1]:
                    f.write("[%s]:[%s]\n" % tuple(",".join(map(str, x[v])) for x in ids))
PY
    while read -r name s t; do
        d="$out/joined/$name"
        verse_set "$name" "$s" "$t" "$d/$s" "$d/$t" "$d/gold" "$d/$s.verse" "$d/$t.verse" "$@"
    done < "$out/joined.list"
fi
