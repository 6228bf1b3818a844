#!/usr/bin/env python3
"""Benchmarks of the Python package and the Spark job against the command line (issue 12),
printed as markdown tables for BENCHMARKS.md; run by scripts/bench-python.sh, which builds
and installs what they need.

    python3 scripts/bench/python_bench.py BIALIGN_BIN EVAL_DIR [--runs N] [--docs N] [--sections ...]

Sections:
  overhead  Bible 001 (en to zh, presplit, JSONL) as a whole process: `bialign align` against
            `python -c "import bialign; ..."` doing the same (interpreter start, import, read,
            align, render, write), and the time inside Python of the calls alone.
  threads   Aligner.align_many on DOCS mac-dev-sized documents (the six chapters, presplit,
            each document a chapter less its first k lines), threads=1 against threads=2.
  spark     the same documents as JSONL: `bialign batch --presplit -` with --threads 1 and 2
            against examples/spark/align_corpus.py in local[1] and local[2]; sentence pairs
            (beads with both sides) per second and per core.
Every figure is the median of RUNS runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_quiet(cmd, **kw):
    done = subprocess.run(cmd, capture_output=True, **kw)
    if done.returncode not in (0,):
        raise SystemExit(f"failed ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stderr.decode()[-2000:]}")
    return done.stdout


def overhead(binary: Path, eval_dir: Path, runs: int) -> None:
    en, zh = eval_dir / "bible" / "en" / "001", eval_dir / "bible" / "zh" / "001"
    cli = [str(binary), "align", "--quiet", "--presplit", "--format", "jsonl", "--src-lang", "en", "--tgt-lang", "zh", str(en), str(zh)]
    script = (
        "import sys, bialign\n"
        f"a = bialign.align(bialign.read({str(en)!r}), bialign.read({str(zh)!r}), presplit=True, src_lang='en', tgt_lang='zh')\n"
        "sys.stdout.write(a.to_jsonl())\n"
    )
    py = [sys.executable, "-c", script]
    same = run_quiet(cli) == run_quiet(py)
    run_quiet(cli), run_quiet(py)  # warm the page cache
    t_cli = median_time(lambda: run_quiet(cli), runs)
    t_py = median_time(lambda: run_quiet(py), runs)
    t_start = median_time(lambda: run_quiet([sys.executable, "-c", "pass"]), runs)
    t_import = median_time(lambda: run_quiet([sys.executable, "-c", "import bialign"]), runs)
    import bialign

    src, tgt = bialign.read(en), bialign.read(zh)
    t_calls = median_time(lambda: bialign.align(src, tgt, presplit=True, src_lang="en", tgt_lang="zh").to_jsonl(), runs)
    print("### Python against the command line: Bible 001 (en to zh, presplit, JSONL)\n")
    print("| run | wall | vs `bialign align` |")
    print("|---|---|---|")
    print(f"| `bialign align --presplit --format jsonl` (whole process) | {t_cli:.3f} s | 1 |")
    print(f"| `python -c 'import bialign; ...'` the same (whole process) | {t_py:.3f} s | {t_py / t_cli:.3f}x (overhead {100 * (t_py - t_cli) / t_cli:+.1f} %) |")
    print(f"| of which `python -c pass` (interpreter start) | {t_start:.3f} s | |")
    print(f"| of which `python -c 'import bialign'` (start and import) | {t_import:.3f} s | |")
    print(f"| `bialign.align(...).to_jsonl()` inside Python (texts read) | {t_calls:.3f} s | {t_calls / t_cli:.3f}x |")
    print(f"\nOutputs byte-identical: {'yes' if same else 'NO'}. Median of {runs} runs.\n")


def mac_docs(eval_dir: Path, n: int):
    chapters = []
    for zh in sorted((eval_dir / "mac-dev" / "zh").iterdir()):
        en = eval_dir / "mac-dev" / "en" / zh.name
        chapters.append((zh.read_text(encoding="utf-8").splitlines(), en.read_text(encoding="utf-8").splitlines()))
    docs = []
    for k in range(n):
        zh, en = chapters[k % len(chapters)]
        skip = k // len(chapters)
        docs.append((zh[skip:], en[skip:], f"doc{k}"))
    return docs


def threads(eval_dir: Path, n: int, runs: int) -> None:
    import bialign

    docs = mac_docs(eval_dir, n)
    aligner = bialign.Aligner(presplit=True)
    sentences = sum(len(z) + len(e) for z, e, _ in docs)
    ref = [a.to_jsonl() for a in aligner.align_many(docs, threads=1)]
    rows = []
    for t in (1, 2):
        assert [a.to_jsonl() for a in aligner.align_many(docs, threads=t)] == ref
        rows.append((t, median_time(lambda: aligner.align_many(docs, threads=t), runs)))
    print(f"### Aligner.align_many: {n} mac-dev-sized documents ({sentences} sentences, presplit)\n")
    print("| threads | wall | documents/s | sentences/s | speed-up |")
    print("|---|---|---|---|---|")
    for t, wall in rows:
        print(f"| {t} | {wall:.2f} s | {n / wall:.1f} | {sentences / wall:.0f} | {rows[0][1] / wall:.2f}x |")
    print(f"\nSame alignments on both. Median of {runs} runs.\n")


def spark(binary: Path, eval_dir: Path, n: int, runs: int) -> None:
    docs = mac_docs(eval_dir, n)
    work = Path(tempfile.mkdtemp(prefix="bialign-bench-spark."))
    path = work / "docs.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for zh, en, name in docs:
            f.write(json.dumps({"id": name, "src": "\n".join(zh), "tgt": "\n".join(en)}, ensure_ascii=False) + "\n")
    data = path.read_bytes()
    out = run_quiet([str(binary), "batch", "--presplit", "-"], input=data)
    pairs = sum(1 for line in out.decode().splitlines() for b in json.loads(line)["beads"] if b["src"] and b["tgt"])
    print(f"### Spark against `bialign batch`: the same {n} documents ({pairs} sentence pairs)\n")
    print("| run | cores | wall | pairs/s | pairs/s/core | vs batch, 1 thread, per core |")
    print("|---|---|---|---|---|---|")
    base = None
    for t in (1, 2):
        wall = median_time(lambda: run_quiet([str(binary), "batch", "--presplit", "--threads", str(t), "-"], input=data), runs)
        per_core = pairs / wall / t
        base = base or per_core
        print(f"| `bialign batch --presplit --threads {t} -` (whole process) | {t} | {wall:.2f} s | {pairs / wall:.0f} | {per_core:.0f} | {per_core / base:.2f} |")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    sys.path.insert(0, str(REPO / "examples" / "spark"))
    import align_corpus
    from pyspark.sql import SparkSession

    for cores in (1, 2):
        start = time.perf_counter()
        session = (
            SparkSession.builder.master(f"local[{cores}]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "2g")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        session.sparkContext.addPyFile(str(REPO / "examples" / "spark" / "align_corpus.py"))
        startup = time.perf_counter() - start
        # The first job of a session also starts the Python workers and warms the JVM: it
        # is timed apart, as a corpus run pays it once.
        t0 = time.perf_counter()
        align_corpus.run(session, str(path), str(work / "out"), {"presplit": True}, partitions=4 * cores)
        first = time.perf_counter() - t0
        walls = []
        for _ in range(runs):
            t0 = time.perf_counter()
            counts = align_corpus.run(session, str(path), str(work / "out"), {"presplit": True}, partitions=4 * cores)
            walls.append(time.perf_counter() - t0)
        session.stop()
        assert counts["failed"] == 0 and counts["documents"] == n, counts
        wall = statistics.median(walls)
        per_core = pairs / wall / cores
        print(f"| Spark `align_corpus.py`, local[{cores}], {4 * cores} partitions (a job; apart: session start {startup:.1f} s, first job {first:.1f} s) | {cores} | {wall:.2f} s | {pairs / wall:.0f} | {per_core:.0f} | {per_core / base:.2f} |")
    print(f"\nThe Spark job reads the JSONL, aligns in `mapInPandas` and writes the Parquet tables; median of {runs} jobs in one session after its first.\n")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("binary", type=Path)
    p.add_argument("eval_dir", type=Path)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--docs", type=int, default=200)
    p.add_argument("--sections", nargs="*", default=["overhead", "threads", "spark"])
    a = p.parse_args()
    if "overhead" in a.sections:
        overhead(a.binary, a.eval_dir, a.runs)
    if "threads" in a.sections:
        threads(a.eval_dir, a.docs, max(1, a.runs // 2 + 1))
    if "spark" in a.sections:
        spark(a.binary, a.eval_dir, a.docs, max(1, a.runs // 2 + 1))


if __name__ == "__main__":
    main()
