#!/usr/bin/env python3
"""Benchmarks of the Python package and the Spark job against the command line (issue 12),
printed as markdown tables for BENCHMARKS.md; run by scripts/bench-python.sh, which builds
and installs what they need.

    python3 scripts/bench/python_bench.py BIALIGN_BIN EVAL_DIR [--runs N] [--docs N]
        [--spark-docs N] [--sections ...] [--no-callgrind]

Every run is measured three ways, so that the figures survive a machine other work loads:
wall time; CPU time (user + system) of the whole process tree (a subprocess's from the
kernel's accounting of reaped children; a Spark job's as the growth, over the job, of the
CPU time of this process and every live descendant, the JVM and the Python workers
included, read from /proc); and, for the Python-against-CLI overhead, instructions executed
(`valgrind --tool=callgrind`, all threads; one run each, as the count hardly varies).
Runs of the commands compared alternate; the figures are medians.

Sections:
  overhead  Bible 001 (en to zh, presplit, JSONL) as whole processes: `bialign align -o
            FILE` against `python -c "import bialign; bialign.align(bialign.read(..),
            bialign.read(..), ..).save(FILE)"` (the idiomatic path: written from Rust),
            and `bialign align` to standard output against `to_jsonl()` written to
            sys.stdout (the text rendered into a Python str); the interpreter's start and
            `import bialign` apart; the calls alone inside Python.
  threads   Aligner.align_many on DOCS mac-dev-sized documents (the six chapters, presplit,
            each document a chapter less its first k lines), threads=1 against threads=2.
  spark     SPARK_DOCS such documents as JSONL: `bialign batch --presplit -` with --threads
            1 and 2 against examples/spark/align_corpus.py in local[1] and local[2];
            sentence pairs (beads with both sides) per CPU-second of all processes, and per
            second of wall per core.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
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


def children_cpu() -> float:
    """CPU seconds (user + system) of this process's reaped children and their reaped
    descendants so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def tree_cpu() -> float:
    """CPU seconds (user + system) so far of this process and of every live descendant, each
    with its own reaped children's: its growth over a Spark job is the job's CPU time in the
    driver, the JVM and the Python workers."""
    tick = os.sysconf("SC_CLK_TCK")
    procs = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        # state ppid ... utime(11) stime(12) cutime(13) cstime(14)
        procs[int(entry)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))
    kids: dict = {}
    for pid, (ppid, _) in procs.items():
        kids.setdefault(ppid, []).append(pid)
    total, stack = 0, [os.getpid()]
    while stack:
        pid = stack.pop()
        total += procs.get(pid, (0, 0))[1]
        stack.extend(kids.get(pid, []))
    return total / tick


def run_quiet(cmd, **kw):
    done = subprocess.run(cmd, capture_output=True, **kw)
    if done.returncode not in (0,):
        raise SystemExit(f"failed ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stderr.decode()[-2000:]}")
    return done.stdout


def run_measured(cmd, **kw):
    """Runs `cmd` to its end: (wall seconds, CPU seconds of its process tree)."""
    cpu0, t0 = children_cpu(), time.perf_counter()
    run_quiet(cmd, **kw)
    return time.perf_counter() - t0, children_cpu() - cpu0


def in_process(fn):
    """Runs `fn` in this process: (wall seconds, CPU seconds of every thread of this process)."""
    cpu0, t0 = time.process_time(), time.perf_counter()
    fn()
    return time.perf_counter() - t0, time.process_time() - cpu0


def alternate(cmds, runs: int, **kw):
    """Runs every command of `cmds` (an argument list, run as a subprocess, or a function
    called in this process) `runs` times, alternating: the median (wall, CPU) of each."""
    got = [[] for _ in cmds]
    for _ in range(runs):
        for k, cmd in enumerate(cmds):
            got[k].append(in_process(cmd) if callable(cmd) else run_measured(cmd, **kw))
    return [(statistics.median(w for w, _ in g), statistics.median(c for _, c in g)) for g in got]


def instructions(cmd):
    """Instructions executed by `cmd` (every thread), counted by callgrind; None without
    valgrind."""
    if shutil.which("valgrind") is None:
        return None
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *map(str, cmd)], capture_output=True)
    found = re.findall(r"Collected : (\d+)", done.stderr.decode(errors="replace"))
    if done.returncode != 0 or not found:
        raise SystemExit(f"callgrind failed ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stderr.decode()[-2000:]}")
    return int(found[-1])


def pct(new: float, base: float) -> str:
    return f"{100 * (new - base) / base:+.1f} %"


def overhead(binary: Path, eval_dir: Path, runs: int, callgrind: bool) -> None:
    en, zh = eval_dir / "bible" / "en" / "001", eval_dir / "bible" / "zh" / "001"
    work = Path(tempfile.mkdtemp(prefix="bialign-bench-py."))
    cli_out, py_out = work / "cli.jsonl", work / "py.jsonl"
    common = ["--quiet", "--presplit", "--format", "jsonl", "--src-lang", "en", "--tgt-lang", "zh"]
    cli_file = [str(binary), "align", *common, "-o", str(cli_out), str(en), str(zh)]
    cli_stdout = [str(binary), "align", *common, str(en), str(zh)]
    call = f"bialign.align(bialign.read({str(en)!r}), bialign.read({str(zh)!r}), presplit=True, src_lang='en', tgt_lang='zh')"
    py_file = [sys.executable, "-c", f"import bialign\n{call}.save({str(py_out)!r})\n"]
    py_stdout = [sys.executable, "-c", f"import sys, bialign\nsys.stdout.write({call}.to_jsonl())\n"]
    start, imp = [sys.executable, "-c", "pass"], [sys.executable, "-c", "import bialign"]
    run_quiet(cli_file), run_quiet(py_file)
    same = cli_out.read_bytes() == py_out.read_bytes() and run_quiet(cli_stdout) == run_quiet(py_stdout) == cli_out.read_bytes()
    import bialign

    src, tgt = bialign.read(en), bialign.read(zh)

    def calls():
        bialign.align(src, tgt, presplit=True, src_lang="en", tgt_lang="zh").save(str(py_out))

    cmds = [cli_file, py_file, cli_stdout, py_stdout, start, imp, calls]
    (w_cf, c_cf), (w_pf, c_pf), (w_cs, c_cs), (w_ps, c_ps), (w_st, c_st), (w_im, c_im), (t_calls, c_calls) = alternate(cmds, runs)
    counts = [instructions(c) if callgrind else None for c in (cli_file, py_file, cli_stdout, py_stdout, start, imp)]
    i_cf, i_pf, i_cs, i_ps, i_st, i_im = counts
    ins = lambda n, base: "" if n is None else f"{n / 1e9:.3f} G" + ("" if base is None else f" ({pct(n, base)})")  # noqa: E731
    print("### Python against the command line: Bible 001 (en to zh, presplit, JSONL)\n")
    print("| run (whole process) | wall | CPU (user+sys) | instructions |")
    print("|---|---|---|---|")
    print(f"| `bialign align --presplit --format jsonl -o FILE` | {w_cf:.3f} s | {c_cf:.3f} s | {ins(i_cf, None)} |")
    print(f"| `python -c 'import bialign; bialign.align(bialign.read(..), bialign.read(..), ..).save(FILE)'` | {w_pf:.3f} s ({pct(w_pf, w_cf)}) | {c_pf:.3f} s ({pct(c_pf, c_cf)}) | {ins(i_pf, i_cf)} |")
    print(f"| `bialign align --presplit --format jsonl` to standard output | {w_cs:.3f} s | {c_cs:.3f} s | {ins(i_cs, None)} |")
    print(f"| `python -c '...; sys.stdout.write(bialign.align(..).to_jsonl())'` | {w_ps:.3f} s ({pct(w_ps, w_cs)}) | {c_ps:.3f} s ({pct(c_ps, c_cs)}) | {ins(i_ps, i_cs)} |")
    print(f"| `python -c pass` (interpreter start) | {w_st:.3f} s | {c_st:.3f} s | {ins(i_st, None)} |")
    print(f"| `python -c 'import bialign'` (start and import) | {w_im:.3f} s | {c_im:.3f} s | {ins(i_im, None)} |")
    print(f"| inside Python, `bialign.align(..).save(FILE)`, texts read | {t_calls:.3f} s ({pct(t_calls, w_cf)} of the CLI's whole process) | {c_calls:.3f} s ({pct(c_calls, c_cf)}) | |")
    print(f"\nOutputs byte-identical: {'yes' if same else 'NO'}. Wall and CPU: median of {runs} alternated runs; instructions: one run each under callgrind.\n")
    shutil.rmtree(work, ignore_errors=True)


def mac_docs(eval_dir: Path, n: int):
    chapters = []
    for zh in sorted((eval_dir / "mac-dev" / "zh").iterdir()):
        en = eval_dir / "mac-dev" / "en" / zh.name
        chapters.append((zh.read_text(encoding="utf-8").splitlines(), en.read_text(encoding="utf-8").splitlines()))
    docs = []
    for k in range(n):
        zh, en = chapters[k % len(chapters)]
        skip = (k // len(chapters)) % 100  # at most 100 lines off (chapters have 182 to 420)
        docs.append((zh[skip:], en[skip:], f"doc{k}"))
    return docs


def threads(eval_dir: Path, n: int, runs: int) -> None:
    import bialign

    docs = mac_docs(eval_dir, n)
    aligner = bialign.Aligner(presplit=True)
    sentences = sum(len(z) + len(e) for z, e, _ in docs)
    ref = [a.to_jsonl() for a in aligner.align_many(docs, threads=1)]
    for t in (1, 2):
        assert [a.to_jsonl() for a in aligner.align_many(docs, threads=t)] == ref
    got = {1: [], 2: []}
    for _ in range(runs):
        for t in (1, 2):
            cpu0, t0 = time.process_time(), time.perf_counter()
            aligner.align_many(docs, threads=t)
            got[t].append((time.perf_counter() - t0, time.process_time() - cpu0))
    rows = [(t, statistics.median(w for w, _ in g), statistics.median(c for _, c in g)) for t, g in got.items()]
    print(f"### Aligner.align_many: {n} mac-dev-sized documents ({sentences} sentences, presplit)\n")
    print("| threads | wall | CPU (all threads) | sentences/s | sentences per CPU-second | wall speed-up |")
    print("|---|---|---|---|---|---|")
    for t, wall, cpu in rows:
        print(f"| {t} | {wall:.2f} s | {cpu:.2f} s | {sentences / wall:.0f} | {sentences / cpu:.0f} | {rows[0][1] / wall:.2f}x |")
    print(f"\nSame alignments on both. Median of {runs} alternated runs. The wall speed-up is only as good as the second core was free; equal CPU on both says the threads add no work.\n")


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
    sentences = sum(len(z) + len(e) for z, e, _ in docs)
    print(f"### Spark against `bialign batch`: the same {n} documents ({sentences} sentences, {pairs} sentence pairs, {len(data) / 1e6:.1f} MB of JSONL)\n")
    print("| run | cores | wall | CPU (all processes) | pairs per CPU-second | vs batch | pairs/s/core (wall) | vs batch |")
    print("|---|---|---|---|---|---|---|---|")
    batch = [[str(binary), "batch", "--presplit", "--threads", str(t), "-"] for t in (1, 2)]
    measured = alternate(batch, runs, input=data)
    base_cpu = base_wall = None
    for t, (wall, cpu) in zip((1, 2), measured):
        per_cpu, per_core = pairs / cpu, pairs / wall / t
        base_cpu, base_wall = base_cpu or per_cpu, base_wall or per_core
        print(f"| `bialign batch --presplit --threads {t} -` (whole process) | {t} | {wall:.2f} s | {cpu:.2f} s | {per_cpu:.0f} | {per_cpu / base_cpu:.2f} | {per_core:.0f} | {per_core / base_wall:.2f} |")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    sys.path.insert(0, str(REPO / "examples" / "spark"))
    import align_corpus
    from pyspark.sql import SparkSession

    notes = []
    for cores in (1, 2):
        cpu0, start = tree_cpu(), time.perf_counter()
        session = (
            SparkSession.builder.master(f"local[{cores}]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "2g")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        session.sparkContext.addPyFile(str(REPO / "examples" / "spark" / "align_corpus.py"))
        startup, startup_cpu = time.perf_counter() - start, tree_cpu() - cpu0
        with align_corpus.split_into(session, str(path), 4 * cores):
            splits = align_corpus.read_documents(session, str(path), None).rdd.getNumPartitions()
        job = lambda: align_corpus.run(session, str(path), str(work / "out"), {"presplit": True}, partitions=4 * cores)  # noqa: E731
        # The first job of a session also starts the Python workers and warms the JVM: it
        # is measured apart, as a corpus run pays it once.
        cpu0, t0 = tree_cpu(), time.perf_counter()
        job()
        first, first_cpu = time.perf_counter() - t0, tree_cpu() - cpu0
        # Each job alternates with a `bialign batch --threads 1` run, so that the two are
        # compared under the same load.
        walls, cpus, batch_walls, batch_cpus = [], [], [], []
        for _ in range(runs):
            cpu0, t0 = tree_cpu(), time.perf_counter()
            counts = job()
            walls.append(time.perf_counter() - t0)
            cpus.append(tree_cpu() - cpu0)
            w, c = run_measured(batch[0], input=data)
            batch_walls.append(w)
            batch_cpus.append(c)
        session.stop()
        assert counts["failed"] == 0 and counts["documents"] == n, counts
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        b_wall, b_cpu = statistics.median(batch_walls), statistics.median(batch_cpus)
        per_cpu, per_core = pairs / cpu, pairs / wall / cores
        print(f"| Spark `align_corpus.py`, local[{cores}], {4 * cores} partitions (a job in a running session) | {cores} | {wall:.2f} s | {cpu:.2f} s | {per_cpu:.0f} | {per_cpu / base_cpu:.2f} | {per_core:.0f} | {per_core / base_wall:.2f} |")
        print(f"| `bialign batch --threads 1`, runs alternated with these jobs | 1 | {b_wall:.2f} s | {b_cpu:.2f} s | {pairs / b_cpu:.0f} | Spark: **{b_cpu / cpu:.2f}** | {pairs / b_wall:.0f} | Spark: **{b_wall / wall / cores:.2f}** |")
        notes.append(f"local[{cores}]: the input read in {splits} splits (no shuffle); session start {startup:.1f} s wall, {startup_cpu:.1f} s CPU; first job {first:.1f} s wall, {first_cpu:.1f} s CPU")
    print(f"\n`vs batch` is against `bialign batch --threads 1` of the first rows; `Spark:` is the Spark job's rate over that of the batch runs alternated with its jobs (the fairer comparison on a loaded machine). The Spark job reads the JSONL, aligns in `mapInPandas` and writes the Parquet tables; its CPU is that of the driver, the JVM and the Python workers over the job; median of {runs} jobs in one session after its first. Apart: {'; '.join(notes)}.\n")
    shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("binary", type=Path)
    p.add_argument("eval_dir", type=Path)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--docs", type=int, default=200)
    p.add_argument("--spark-docs", type=int, default=1000)
    p.add_argument("--sections", nargs="*", default=["overhead", "threads", "spark"])
    p.add_argument("--no-callgrind", action="store_true", help="no instruction counts")
    a = p.parse_args()
    if "overhead" in a.sections:
        overhead(a.binary, a.eval_dir, a.runs, not a.no_callgrind)
    if "threads" in a.sections:
        threads(a.eval_dir, a.docs, max(1, a.runs // 2 + 1))
    if "spark" in a.sections:
        spark(a.binary, a.eval_dir, a.spark_docs, max(1, a.runs // 2 + 1))


if __name__ == "__main__":
    main()
