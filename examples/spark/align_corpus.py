#!/usr/bin/env python3
"""Aligns a corpus of document pairs on Apache Spark with the bialign Python package.

    spark-submit examples/spark/align_corpus.py INPUT OUTPUT [options]
    python examples/spark/align_corpus.py --master 'local[2]' docs.jsonl out/

INPUT is Parquet (a file or folder) or JSONL (``.jsonl``/``.json``, or ``--input-format``)
with the columns ``id``, ``src`` and ``tgt`` (texts; ``tgt`` null or absent: ``src`` holds
both languages). Each executor process makes one ``bialign.Aligner`` (dictionaries loaded
once) and aligns the documents of its partitions inside ``mapInPandas``. OUTPUT gets:

- ``OUTPUT/pairs``: Parquet, one row per bead, null beads included, so that every sentence
  of every document is in exactly one row: ``doc_id`` (the id as a string), ``bead`` (its
  number in the document), ``src_ids``, ``tgt_ids`` (sentence numbers), ``src_text``,
  ``tgt_text``, ``score``;
- ``OUTPUT/errors``: Parquet, one row per document that failed: ``doc_id``, ``kind``,
  ``error`` (the one-line message); nothing is dropped silently;
- with ``--tmx document``, ``OUTPUT/tmx/DOC_ID.tmx`` for each document; with ``--tmx
  partition``, ``OUTPUT/tmx/part-NNNNN.tmx`` for each partition (every unit carries its
  document's id). TMX files are written by the executors, so OUTPUT must then be a folder
  every executor sees (local mode, a shared file system or a mounted bucket).

Options of ``bialign align`` are given as ``--option NAME=VALUE`` (VALUE as JSON where it
parses, else a string: ``--option genre=official --option max_bead=4``) or ``--options
'{"presplit": true}'``; they are checked on the driver before any work.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import json
import os
import re
import sys
from typing import Any, Dict, Iterator, List, Optional

import pandas as pd

PAIR_COLUMNS = "doc_id string, bead int, src_ids array<int>, tgt_ids array<int>, src_text string, tgt_text string, score double"
ROW_SCHEMA = PAIR_COLUMNS + ", kind string, error string"

_ALIGNERS: Dict[str, Any] = {}

# The output columns named otherwise than Alignment.to_columns() names them.
OUT_COLUMN = {"src": "src_ids", "tgt": "tgt_ids"}


def aligner_for(options_json: str):
    """The executor process's Aligner for these options, made on first use (this module is
    imported once per Python worker, so it lives as long as the worker)."""
    aligner = _ALIGNERS.get(options_json)
    if aligner is None:
        import bialign

        aligner = bialign.Aligner(**json.loads(options_json))
        _ALIGNERS[options_json] = aligner
    return aligner


def tmx_name(doc_id: str) -> str:
    """A file name for a document's TMX: the id when it is a safe name, else the id made
    safe plus a hash of it (two ids never share a file)."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", doc_id)[:100]
    if safe == doc_id and not doc_id.startswith("."):
        return doc_id + ".tmx"
    return f"{safe}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:12]}.tmx"


def merge_tmx(documents: List[str]) -> Optional[str]:
    """One TMX of several documents' TMX files (same options, so the same header): the
    first header, every document's translation units."""
    if not documents:
        return None
    head, _, _ = documents[0].partition("<body>")
    units = []
    for doc in documents:
        if "<body>" in doc:
            units.append(doc.split("<body>", 1)[1].rsplit("</body>", 1)[0].strip("\n"))
    return head + "<body>\n" + "\n".join(u for u in units if u) + "\n  </body>\n</tmx>\n"


def write_atomically(path: str, text: str) -> None:
    """Writes `text` to `path` through a temporary file renamed into place (a retried task
    rewrites it whole)."""
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def align_batches(batches: Iterator[pd.DataFrame], options_json: str, tmx: Optional[str], tmx_dir: Optional[str]) -> Iterator[pd.DataFrame]:
    """The mapInPandas function: aligns each batch's documents, one row per bead, and one
    row with `error` set per failed document."""
    import bialign

    aligner = aligner_for(options_json)
    partition_tmx: List[str] = []
    for pdf in batches:
        ids = pdf["doc_id"].tolist()
        srcs = pdf["src"].tolist()
        tgts = pdf["tgt"].tolist()
        bads = pdf["bad"].tolist()
        rows: Dict[str, list] = {k: [] for k in ["doc_id", "bead", "src_ids", "tgt_ids", "src_text", "tgt_text", "score", "kind", "error"]}

        def error_row(doc_id: str, kind: str, message: str) -> None:
            for k, v in zip(rows, [doc_id, None, None, None, None, None, None, kind, message]):
                rows[k].append(v)

        jobs, job_ids = [], []
        for doc_id, src, tgt, bad in zip(ids, srcs, tgts, bads):
            if isinstance(bad, str):
                error_row(doc_id, "parse", f"not a JSON object with id, src, tgt: {bad[:80]}")
                continue
            if not isinstance(src, str):
                error_row(doc_id, "input", f"{doc_id}: no src text")
                continue
            jobs.append((src, tgt if isinstance(tgt, str) else None, doc_id))
            job_ids.append(doc_id)
        # One thread: Spark runs a task per core.
        for doc_id, result in zip(job_ids, aligner.align_many(jobs, threads=1)):
            if isinstance(result, bialign.Error):
                error_row(doc_id, result.kind, str(result))
                continue
            # Columns built in Rust, extended in C: no Python object per bead.
            columns = result.to_columns()
            n = len(columns["bead"])
            rows["doc_id"].extend([doc_id] * n)
            for key in ("bead", "src", "tgt", "src_text", "tgt_text", "score"):
                rows[OUT_COLUMN.get(key, key)].extend(columns[key])
            rows["kind"].extend([None] * n)
            rows["error"].extend([None] * n)
            if tmx == "document":
                write_atomically(os.path.join(tmx_dir, tmx_name(doc_id)), result.to_tmx())
            elif tmx == "partition":
                partition_tmx.append(result.to_tmx())
        yield pd.DataFrame(rows)
    if tmx == "partition" and partition_tmx:
        from pyspark import TaskContext

        part = TaskContext.get().partitionId()
        write_atomically(os.path.join(tmx_dir, f"part-{part:05d}.tmx"), merge_tmx(partition_tmx))


def format_of(path: str, fmt: Optional[str]) -> str:
    """`json` (JSONL) or `parquet`: as given, else from the extension."""
    fmt = fmt or ("json" if re.search(r"\.jsonl?$", path.rstrip("/")) else "parquet")
    return "json" if fmt in ("json", "jsonl") else fmt


def read_documents(spark, path: str, fmt: Optional[str]):
    """The input as a DataFrame of doc_id, src, tgt and bad (the text of a JSONL line that is
    not a JSON object, else null), all strings. JSONL is read with a fixed schema (no pass
    to infer one): any JSON value of `id` becomes its text."""
    from pyspark.sql import functions as F

    if format_of(path, fmt) == "json":
        df = (
            spark.read.schema("id string, src string, tgt string, _corrupt_record string")
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", "_corrupt_record")
            .json(path)
        )
    else:
        df = spark.read.parquet(path)
        missing = [c for c in ("id", "src") if c not in df.columns]
        if missing:
            raise SystemExit(f"align_corpus: {path}: no column {', '.join(missing)} (expected id, src, tgt)")
    column = lambda name: F.col(name).cast("string") if name in df.columns else F.lit(None).cast("string")  # noqa: E731
    return df.select(
        column("id").alias("doc_id"),
        column("src").alias("src"),
        column("tgt").alias("tgt"),
        column("_corrupt_record").alias("bad"),
    )


@contextlib.contextmanager
def split_into(spark, path: str, partitions: Optional[int]):
    """While in the block, files are read in splits of about 1/`partitions` of `path`'s
    size (a JSONL file is split at line boundaries), so that the documents come in about
    that many partitions with no shuffle of their texts. Spark plans the splits when a job
    runs, so the whole job must be inside. (Not for Parquet: its splits smaller than a row
    group would be empty but for one.)"""
    conf = spark.conf
    keys = ("spark.sql.files.maxPartitionBytes", "spark.sql.files.openCostInBytes")
    saved = {k: conf.get(k, None) for k in keys}
    try:
        if partitions:
            conf.set(keys[0], str(max(1, -(-input_bytes(spark, path) // partitions))))
            conf.set(keys[1], "0")
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                conf.unset(k)
            else:
                conf.set(k, v)


def input_bytes(spark, path: str) -> int:
    """The size in bytes of the file or folder `path`, through Hadoop's file system (any
    scheme Spark reads: file, hdfs, s3a...)."""
    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return int(fs.getContentSummary(hpath).getLength())


def parse_options(pairs: List[str], given: Optional[str]) -> Dict[str, Any]:
    """Options from `--options JSON` and `--option NAME=VALUE`s."""
    options = json.loads(given) if given else {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"align_corpus: --option {pair}: expected NAME=VALUE")
        try:
            options[name] = json.loads(value)
        except json.JSONDecodeError:
            options[name] = value
    return options


def run(spark, input_path: str, output: str, options: Dict[str, Any], tmx: Optional[str] = None, input_format: Optional[str] = None, partitions: Optional[int] = None) -> Dict[str, int]:
    """The job: returns the counts of documents, rows and failed documents."""
    import bialign

    bialign.Aligner(**options)  # Bad options fail here, before any task.
    options_json = json.dumps(options, sort_keys=True)
    tmx_dir = None
    if tmx:
        tmx_dir = os.path.join(output, "tmx")
        os.makedirs(tmx_dir, exist_ok=True)
    jsonl = format_of(input_path, input_format) == "json"
    with split_into(spark, input_path, partitions if jsonl else None):
        docs = read_documents(spark, input_path, input_format)
        # Parquet, or fewer lines than partitions: a shuffle it must be.
        if partitions and (not jsonl or docs.rdd.getNumPartitions() < partitions):
            docs = docs.repartition(partitions)
        fn = functools.partial(align_batches, options_json=options_json, tmx=tmx, tmx_dir=tmx_dir)
        return write_rows(docs.mapInPandas(fn, schema=ROW_SCHEMA), output)


def write_rows(rows, output: str) -> Dict[str, int]:
    """Writes the rows of `align_batches` as OUTPUT/pairs and OUTPUT/errors (the alignment
    runs once: the rows are kept for the second write and the counts)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        pairs = rows.filter(F.col("error").isNull()).drop("kind", "error")
        pairs.write.mode("overwrite").parquet(os.path.join(output, "pairs"))
        errors = rows.filter(F.col("error").isNotNull()).select("doc_id", "kind", "error")
        errors.write.mode("overwrite").parquet(os.path.join(output, "errors"))
        counts = rows.agg(
            F.countDistinct("doc_id").alias("documents"),
            F.sum(F.col("error").isNull().cast("int")).alias("rows"),
            F.sum(F.col("error").isNotNull().cast("int")).alias("failed"),
        ).first()
    finally:
        rows.unpersist()
    return {k: int(counts[k] or 0) for k in ("documents", "rows", "failed")}


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="Parquet or JSONL of id, src, tgt")
    p.add_argument("output", help="folder for pairs/, errors/ and tmx/")
    p.add_argument("--input-format", choices=["parquet", "json", "jsonl"])
    p.add_argument("--tmx", choices=["document", "partition"], help="also write TMX files")
    p.add_argument("--option", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--options", metavar="JSON")
    p.add_argument("--partitions", type=int, help="split the input into about this many partitions")
    p.add_argument("--master", help="Spark master when run with python (spark-submit sets it)")
    a = p.parse_args(argv)
    options = parse_options(a.option, a.options)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("bialign align_corpus")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    # The executors import this module (for its per-process Aligner cache).
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    try:
        counts = run(spark, a.input, a.output, options, a.tmx, a.input_format, a.partitions)
    finally:
        spark.stop()
    print(f"align_corpus: {counts['documents']} documents, {counts['rows']} beads, {counts['failed']} failed", file=sys.stderr)
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    # Run as a script, the functions above live in __main__; the tasks must find them in
    # the module `align_corpus` instead, imported by name, so that its cache is the worker's.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import align_corpus

    sys.exit(align_corpus.main())
