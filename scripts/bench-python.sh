#!/usr/bin/env bash
# Benchmarks of the Python package and the Spark job (issue 12), as markdown tables for
# BENCHMARKS.md: Python against the command line on Bible 001, align_many on 1 and 2
# threads, the Spark job in local[1] and local[2] against `bialign batch` (see
# scripts/bench/python_bench.py for what each measures).
#
#   scripts/bench-python.sh > python.md                  # on a quiet machine
#   BENCH_RUNS=1 BENCH_DOCS=20 scripts/bench-python.sh   # a quick check of the script
#
# Each run is measured as wall time, CPU time of its whole process tree and (Python against
# the CLI) instructions under callgrind: see the docstring of python_bench.py.
#
# Environment: BENCH_RUNS [5], BENCH_DOCS [200] (align_many), BENCH_SPARK_DOCS [1000] (the
# Spark job and `bialign batch`), BENCH_SECTIONS [overhead threads spark], BENCH_CALLGRIND
# [1; 0: no instruction counts],
# BENCH_PY_VENV [/tmp/bialign-bench-py-venv] (made when absent; pyspark, pandas, pyarrow
# and maturin are installed into it from the package index), BIALIGN_EVAL [../shared/eval].
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${BIALIGN_EVAL:-../shared/eval}
VENV=${BENCH_PY_VENV:-/tmp/bialign-bench-py-venv}
if [ ! -d "$EVAL/bible" ]; then
    echo "bench-python: $EVAL is absent: nothing to measure" >&2
    exit 0
fi
if [ ! -x "$VENV/bin/python3" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/python3" -c 'import maturin, pyspark, pandas, pyarrow' 2> /dev/null ||
    "$VENV/bin/pip" install -q maturin pyspark 'pandas<3' pyarrow
echo "bench-python: building the command line and the package (release)" >&2
cargo build --release --quiet -p bialign-cli
# maturin's build hook calls `maturin` by name.
PATH="$VENV/bin:$PATH" "$VENV/bin/pip" install -q --force-reinstall --no-deps --no-build-isolation ./bindings/python
echo "## Python and Spark ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD))"
echo
echo "Command: \`BENCH_RUNS=${BENCH_RUNS:-5} BENCH_DOCS=${BENCH_DOCS:-200} BENCH_SPARK_DOCS=${BENCH_SPARK_DOCS:-1000} scripts/bench-python.sh\`; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $("$VENV/bin/python3" --version), pyspark $("$VENV/bin/python3" -c 'import pyspark; print(pyspark.__version__)'), $(java -version 2>&1 | head -1)."
echo
# shellcheck disable=SC2086
"$VENV/bin/python3" scripts/bench/python_bench.py target/release/bialign "$EVAL" \
    --runs "${BENCH_RUNS:-5}" --docs "${BENCH_DOCS:-200}" --spark-docs "${BENCH_SPARK_DOCS:-1000}" \
    --sections ${BENCH_SECTIONS:-overhead threads spark} $([ "${BENCH_CALLGRIND:-1}" = 0 ] && echo --no-callgrind)
