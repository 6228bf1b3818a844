#!/usr/bin/env bash
# Whole-process benchmarks of bialign (issue 5), printed as markdown tables ready for
# BENCHMARKS.md. Progress goes to standard error, the tables to standard output:
#
#   scripts/bench.sh > bench.md                            # the full run (quiet machine!)
#   BENCH_RUNS=1 BENCH_SKIP_1M=1 scripts/bench.sh          # a quick check of the script
#
# Sections (each a table):
#   1. bible    bialign on Bible 001 and 006 (en to zh, --presplit, --format ids, as
#               scripts/eval.sh does), and the PyPI Gale-Church implementations `galechurch`
#               (Rust core) and NLTK's `gale_church` (pure Python) on the same inputs, driven
#               by scripts/bench/gale_church.py; wall, peak RSS, strict/lax F1 (`bialign eval`
#               with the verse files) and peer/bialign ratios.
#   2. startup  `bialign --version` (process start), `bialign align` on a one-sentence pair
#               with --no-lexicon and with the bundled lexicon (the difference is the lexicon
#               load).
#   3. scaling  synthetic documents of 1k, 10k, 100k and 1M English sentences built by
#               scripts/bench/synth.py from shuffled Bible 001 verses (each verse's English
#               and Chinese sentences kept together, so the gold alignment is known), in a
#               temporary directory removed at exit; time and memory in total and per pair.
#   4. batch    `bialign batch --threads 1` against `--threads 2` on Bible 001 cut into
#               BENCH_BATCH_DOCS documents ("batch: not available" when the subcommand is
#               missing).
#
# Every figure is the median of BENCH_RUNS runs of the whole process under
# `/usr/bin/time -v` (peak RSS from it; wall clock read around it with millisecond
# resolution, since time -v rounds to 10 ms). A run slower than BENCH_SLOW seconds is not
# repeated (its row then says 1 run). Peers are stopped after BENCH_TIMEOUT seconds
# ("timeout >Ns") and limited to BENCH_PEER_MEM_GB of address space ("out of memory").
#
# Environment (defaults in brackets):
#   BENCH_RUNS [5]           runs per measurement (median)
#   BENCH_SKIP_1M [unset]    set to 1 to leave out the 1M-pair synthetic document
#   BENCH_SIZES [1000 10000 100000 1000000]   synthetic sizes, English sentences
#   BENCH_SECTIONS [bible startup scaling batch]   sections to run
#   BENCH_PEERS [galechurch nltk]  peers of the bible section (empty: none)
#   BENCH_TIMEOUT [300]      seconds before a peer run is stopped
#   BENCH_SLOW [60]          a run slower than this many seconds is not repeated
#   BENCH_PEER_MEM_GB [12]   address-space limit of a peer process
#   BENCH_BATCH_DOCS [200]   documents of the batch section
#   BENCH_VENV [/tmp/bialign-bench-venv]  virtual environment of the peers (created when
#                            absent, reused otherwise)
#   BIALIGN_EVAL [../shared/eval]  the evaluation sets (sections 1, 3, 4 need them)
#   CARGO_TARGET_DIR [./target]    where the release binary is built
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_NUMERIC=C

RUNS=${BENCH_RUNS:-5}
SIZES=${BENCH_SIZES:-1000 10000 100000 1000000}
SECTIONS=${BENCH_SECTIONS:-bible startup scaling batch}
PEERS=${BENCH_PEERS-galechurch nltk}
TIMEOUT=${BENCH_TIMEOUT:-300}
SLOW=${BENCH_SLOW:-60}
PEER_MEM_GB=${BENCH_PEER_MEM_GB:-12}
BATCH_DOCS=${BENCH_BATCH_DOCS:-200}
VENV=${BENCH_VENV:-/tmp/bialign-bench-venv}
EVAL=${BIALIGN_EVAL:-../shared/eval}
TARGET=${CARGO_TARGET_DIR:-target}
BIN=$TARGET/release/bialign
HERE=$PWD/scripts/bench

log() { echo "bench: $*" >&2; }

has_section() { [[ " $SECTIONS " == *" $1 "* ]]; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bialign-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- measuring ------------------------------------------------------------------------------

# measure LIMIT OUT CMD...: runs CMD (standard output to OUT) up to RUNS times under
# `/usr/bin/time -v`; LIMIT is `-` (none) or `peer` (BENCH_TIMEOUT and BENCH_PEER_MEM_GB).
# Sets M_STATUS (ok, timeout, oom, invalid, failed), M_WALL (median seconds), M_RSS (median
# peak KiB) and M_RUNS. The wall of an invalid run is kept for the table, not for ratios.
measure() {
    local limit=$1 out=$2
    shift 2
    local walls=() rsss=() i rc start end
    M_STATUS=ok M_WALL= M_RSS= M_RUNS=0
    for ((i = 0; i < RUNS; i++)); do
        start=$(date +%s%N)
        rc=0
        if [ "$limit" = peer ]; then
            (
                ulimit -v $((PEER_MEM_GB * 1024 * 1024))
                exec timeout -k 5 "$TIMEOUT" /usr/bin/time -v -o "$work/time" "$@"
            ) > "$out" 2> "$work/stderr" || rc=$?
        else
            /usr/bin/time -v -o "$work/time" "$@" > "$out" 2> "$work/stderr" || rc=$?
        fi
        end=$(date +%s%N)
        if [ "$rc" -ne 0 ]; then
            if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
                M_STATUS=timeout
            elif [ "$limit" = peer ] && [ "$rc" -eq 3 ]; then
                # scripts/bench/gale_church.py: the package's beads do not cover the input.
                M_STATUS=invalid M_WALL=$(echo "scale=3; ($end - $start) / 1000000000" | bc)
                log "$(tail -1 "$work/stderr")"
            elif grep -qiE 'MemoryError|memory allocation|out of memory' "$work/stderr"; then
                M_STATUS=oom
            else
                M_STATUS=failed
                log "command failed (exit $rc): $*"
                tail -3 "$work/stderr" >&2
            fi
            return 0
        fi
        walls+=("$(echo "scale=3; ($end - $start) / 1000000000" | bc)")
        rsss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")")
        M_RUNS=$((i + 1))
        if [ "$(echo "${walls[-1]} > $SLOW" | bc)" = 1 ]; then
            break
        fi
    done
    M_WALL=$(median "${walls[@]}")
    M_RSS=$(median "${rsss[@]}")
}

# median X...: the middle value (the mean of the two middle ones for an even count).
median() {
    printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The measured wall and peak RSS as table cells (or the failure in the first one).
wall_cell() {
    case $M_STATUS in
        ok) printf '%.3f s' "$M_WALL" ;;
        timeout) printf 'timeout >%ss' "$TIMEOUT" ;;
        oom) printf 'out of memory (>%s GiB)' "$PEER_MEM_GB" ;;
        invalid) printf 'no valid alignment (after %.0f s)' "$M_WALL" ;;
        *) printf 'failed' ;;
    esac
}
rss_cell() { [ "$M_STATUS" = ok ] && printf '%d MiB' $((M_RSS / 1024)) || printf -- '-'; }

# ratio A B: A / B to two decimals, or - when either is missing.
ratio() {
    if [ -n "$1" ] && [ -n "$2" ] && [ "$(echo "$2 > 0" | bc)" = 1 ]; then
        printf '%.2fx' "$(echo "scale=4; $1 / $2" | bc)"
    else
        printf -- '-'
    fi
}

# synth ARGS...: runs scripts/bench/synth.py, which prints its sentence counts "EN ZH" (call
# as `counts=$(synth ...)`: a failure then stops the script).
synth() {
    python3 "$HERE/synth.py" "$@" || { log "synth.py $* failed"; return 1; }
}

# f1 GOLD TEST SRC_VERSE TGT_VERSE: "strict / lax" F1 from `bialign eval`.
f1() {
    "$BIN" eval --gold "$1" --test "$2" --src-verse "$3" --tgt-verse "$4" | tail -1 \
        | sed -E 's/strict_f1=([0-9.]+) lax_f1=([0-9.]+)/\1 \/ \2/'
}

# --- set-up ---------------------------------------------------------------------------------

log "building the release binary in $TARGET"
cargo build --release --quiet
have_eval=0
if [ -d "$EVAL/bible" ]; then
    have_eval=1
    EVAL=$(cd "$EVAL" && pwd)
else
    log "$EVAL/bible is absent: the bible, scaling and batch sections are skipped"
fi

PY=$VENV/bin/python
if has_section bible && [ "$have_eval" = 1 ] && [ -n "$PEERS" ]; then
    if [ ! -x "$PY" ]; then
        log "creating $VENV"
        python3 -m venv "$VENV"
    fi
    if ! "$PY" -c 'import galechurch, nltk' 2> /dev/null; then
        log "installing galechurch and nltk into $VENV"
        "$PY" -m pip install --quiet galechurch nltk
    fi
fi

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2> /dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no 2> /dev/null)" ]; then
    commit="$commit (uncommitted changes)"
fi

echo "## Benchmark run ($(date -u +%Y-%m-%d))"
echo
echo "- machine: $(nproc) cores, ${cpu:-unknown CPU}, $mem, $(uname -sr)"
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: $commit; $("$BIN" --version); $(rustc --version)"
settings=
for v in $(compgen -v BENCH_); do
    [[ ${!v} == *" "* ]] && settings+="$v=\"${!v}\" " || settings+="$v=${!v} "
done
echo "- command: \`${settings}scripts/bench.sh\`; every figure is the median of $RUNS" \
    "whole-process runs (wall clock, peak RSS from \`/usr/bin/time -v\`); runs over ${SLOW} s" \
    "are not repeated"
echo

# --- 1. Bible -------------------------------------------------------------------------------

if has_section bible && [ "$have_eval" = 1 ]; then
    B=$EVAL/bible
    echo "### Bible (en to zh, presplit)"
    echo
    echo "| input | sentences (en / zh) | system | runs | wall | peak RSS | strict / lax F1 | time vs bialign | memory vs bialign |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for d in 001 006; do
        sizes="$(wc -l < "$B/en/$d") / $(wc -l < "$B/zh/$d")"
        log "bible $d: bialign"
        measure - "$work/out.align" "$BIN" align --presplit --format ids --src-lang en --tgt-lang zh \
            "$B/en/$d" "$B/zh/$d"
        base_wall=$M_WALL base_rss=$M_RSS
        acc=-
        [ "$M_STATUS" = ok ] && acc=$(f1 "$B/gold/$d.align" "$work/out.align" "$B/en.verse" "$B/zh.verse")
        echo "| bible $d | $sizes | **bialign** | $M_RUNS | $(wall_cell) | $(rss_cell) | $acc | 1 | 1 |"
        for peer in $PEERS; do
            log "bible $d: $peer"
            measure peer "$work/out.align" "$PY" "$HERE/gale_church.py" "$peer" "$B/en/$d" "$B/zh/$d"
            acc=- ratios="- | -"
            if [ "$M_STATUS" = ok ]; then
                acc=$(f1 "$B/gold/$d.align" "$work/out.align" "$B/en.verse" "$B/zh.verse")
                ratios="$(ratio "$M_WALL" "$base_wall") | $(ratio "$M_RSS" "$base_rss")"
            fi
            echo "| bible $d | $sizes | $peer | $M_RUNS | $(wall_cell) | $(rss_cell) | $acc | $ratios |"
        done
    done
    echo
    echo "Peers: \`galechurch\` $("$PY" -c 'import galechurch; print(galechurch.__version__)' 2> /dev/null || echo '?')" \
        "and \`nltk\` $("$PY" -c 'import nltk; print(nltk.__version__)' 2> /dev/null || echo '?')" \
        "from PyPI, length only, whole document as one block, target/source character ratio" \
        "of the document (scripts/bench/gale_church.py); ratios are peer / bialign."
    echo
fi

# --- 2. Start-up ----------------------------------------------------------------------------

if has_section startup; then
    echo "### Start-up (one-sentence pair)"
    echo
    printf '我父亲是一个医生。\n' > "$work/one.zh"
    printf 'My father is a doctor.\n' > "$work/one.en"
    echo "| command | runs | wall | peak RSS |"
    echo "|---|---|---|---|"
    log "startup"
    measure - /dev/null "$BIN" --version
    version_wall=$M_WALL
    echo "| \`bialign --version\` (process start) | $M_RUNS | $(wall_cell) | $(rss_cell) |"
    measure - /dev/null "$BIN" align --presplit --format ids --no-lexicon "$work/one.zh" "$work/one.en"
    bare_wall=$M_WALL
    echo "| \`bialign align --presplit --no-lexicon\` one pair | $M_RUNS | $(wall_cell) | $(rss_cell) |"
    measure - /dev/null "$BIN" align --presplit --format ids "$work/one.zh" "$work/one.en"
    echo "| \`bialign align --presplit\` one pair (bundled lexicon) | $M_RUNS | $(wall_cell) | $(rss_cell) |"
    echo
    if [ -n "$bare_wall" ] && [ -n "$M_WALL" ]; then
        printf 'Lexicon load (difference of the last two rows): %.3f s; everything else past process start: %.3f s.\n\n' \
            "$(echo "$M_WALL - $bare_wall" | bc)" "$(echo "$bare_wall - $version_wall" | bc)"
    fi
fi

# --- 3. Scaling -----------------------------------------------------------------------------

if has_section scaling && [ "$have_eval" = 1 ]; then
    echo "### Scaling (synthetic documents from shuffled Bible 001 verses, en to zh)"
    echo
    echo "| sentences (en / zh) | runs | wall | peak RSS | per en sentence | RSS per en sentence | time per sentence vs 10k | strict / lax F1 |"
    echo "|---|---|---|---|---|---|---|---|"
    per_10k=
    for n in $SIZES; do
        if [ "$n" -ge 1000000 ] && [ -n "${BENCH_SKIP_1M:-}" ]; then
            log "scaling: $n skipped (BENCH_SKIP_1M)"
            echo "| $n | - | skipped (BENCH_SKIP_1M) | - | - | - | - | - |"
            continue
        fi
        log "scaling: generating $n"
        s=$work/scale
        rm -rf "$s"
        counts=$(synth scale "$EVAL" "$s" "$n")
        read -r n_en n_zh <<< "$counts"
        log "scaling: aligning $n_en / $n_zh"
        measure - "$work/out.align" "$BIN" align --presplit --format ids --src-lang en --tgt-lang zh \
            "$s/en" "$s/zh"
        if [ "$M_STATUS" != ok ]; then
            echo "| $n_en / $n_zh | - | $(wall_cell) | - | - | - | - | - |"
            continue
        fi
        per=$(echo "scale=9; $M_WALL / $n_en" | bc)
        [ "$n" = 10000 ] && per_10k=$per
        acc=$(f1 "$s/gold.align" "$work/out.align" "$s/en.verse" "$s/zh.verse")
        printf '| %s / %s | %s | %s | %s | %.1f µs | %.2f KiB | %s | %s |\n' "$n_en" "$n_zh" "$M_RUNS" \
            "$(wall_cell)" "$(rss_cell)" "$(echo "$per * 1000000" | bc)" \
            "$(echo "scale=4; $M_RSS / $n_en" | bc)" "$(ratio "$per" "$per_10k")" "$acc"
    done
    echo
    echo "Sizes count English sentences; the Chinese side follows from the verses drawn."
    echo "Peak RSS per sentence includes the fixed cost of the process and the lexicon."
    echo
fi

# --- 4. Batch -------------------------------------------------------------------------------

if has_section batch && [ "$have_eval" = 1 ]; then
    echo "### Batch throughput (Bible 001 in $BATCH_DOCS documents, zh to en)"
    echo
    if ! "$BIN" batch --help > "$work/batch-help" 2>&1; then
        log "batch: the subcommand is missing"
        echo "batch: not available"
    else
        counts=$(synth chunks "$EVAL" "$work/chunks" "$BATCH_DOCS")
        read -r n_en n_zh <<< "$counts"
        opts=()
        grep -q -- '--presplit' "$work/batch-help" && opts+=(--presplit)
        grep -q -- '--format' "$work/batch-help" && opts+=(--format ids)
        # The fixed cost of a batch (process start, lexicon load): one one-sentence document.
        mkdir -p "$work/fixed"
        printf '我父亲是一个医生。\n' > "$work/fixed/zh"
        printf 'My father is a doctor.\n' > "$work/fixed/en"
        printf '%s\t%s\t%s\n' "$work/fixed/zh" "$work/fixed/en" "$work/fixed/out" > "$work/fixed/jobs"
        log "batch: fixed cost"
        measure - /dev/null "$BIN" batch --threads 1 "${opts[@]}" "$work/fixed/jobs"
        fixed=$M_WALL
        echo "| threads | runs | wall | peak RSS | documents/s | en sentences/s | speed-up | speed-up net of start-up |"
        echo "|---|---|---|---|---|---|---|---|"
        echo "| 1, one one-sentence document (start-up) | $M_RUNS | $(wall_cell) | $(rss_cell) | - | - | - | - |"
        one= one_net= sums=
        for t in 1 2; do
            log "batch: --threads $t"
            rm -f "$work/chunks/out/"*
            measure - /dev/null "$BIN" batch --threads "$t" "${opts[@]}" "$work/chunks/jobs"
            written=$(find "$work/chunks/out" -type f | wc -l)
            if [ "$M_STATUS" = ok ] && [ "$written" -ne "$BATCH_DOCS" ]; then
                log "batch: $written of $BATCH_DOCS outputs written"
                M_STATUS=failed
            fi
            if [ "$M_STATUS" != ok ]; then
                echo "| $t | - | $(wall_cell) | - | - | - | - | - |"
                continue
            fi
            # Every thread count must give the same outputs.
            new_sums=$(cd "$work/chunks/out" && cat -- * | md5sum)
            if [ -n "$sums" ] && [ "$sums" != "$new_sums" ]; then
                log "batch: --threads $t wrote other alignments than --threads 1"
            fi
            sums=$new_sums
            net=
            [ -n "$fixed" ] && net=$(echo "$M_WALL - $fixed" | bc)
            [ "$t" = 1 ] && one=$M_WALL one_net=$net
            printf '| %s | %s | %s | %s | %.0f | %.0f | %s | %s |\n' "$t" "$M_RUNS" "$(wall_cell)" "$(rss_cell)" \
                "$(echo "$BATCH_DOCS / $M_WALL" | bc -l)" "$(echo "$n_en / $M_WALL" | bc -l)" \
                "$(ratio "$one" "$M_WALL")" "$(ratio "$one_net" "$net")"
        done
        echo
        echo "Command: \`bialign batch --threads N ${opts[*]} JOBS\`, JOBS listing" \
            "\`zh_path<TAB>en_path<TAB>out_path\` per document ($n_zh Chinese and $n_en English" \
            "sentences in all); speed-up is the 1-thread wall over this row's; net of start-up," \
            "the start-up row's wall is taken off both."
    fi
    echo
fi
log "done"
