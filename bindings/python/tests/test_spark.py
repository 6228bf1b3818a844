"""The Spark job (examples/spark/align_corpus.py) in local mode on a few hundred document
pairs (mac-dev chapters cut in pieces, or the seed and short pairs without the evaluation
data), and the engine-free route through RDD.pipe: every sentence of every document is in
exactly one output row, each document's rows are what Aligner.align gives, failed documents
are in the error table, the TMX files are valid."""

from __future__ import annotations

import json
import os
import shutil
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

import bialign
from conftest import REPO, SEED, cli_binary, doc_block, eval_dir

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark (apt-get install openjdk-17-jre-headless)", allow_module_level=True)

sys.path.insert(0, str(REPO / "examples" / "spark"))
import align_corpus  # noqa: E402

BAD = [
    {"id": "bad-empty", "src": "", "tgt": "Nothing here."},
    {"id": "bad-english", "src": "Only English.", "tgt": "And more English."},
    {"id": "bad-null", "src": None, "tgt": "No source."},
    {"id": "bad-mixed", "src": "只有中文。没有英文。"},
]


def corpus():
    """A few hundred document pairs, and the bad ones."""
    docs = [{"id": "seed", "src": bialign.read(SEED)}]
    d = eval_dir()
    if d is not None:
        for zh in sorted((d / "mac-dev" / "zh").iterdir()):
            zh_lines = bialign.read(zh).splitlines()
            en_lines = bialign.read(d / "mac-dev" / "en" / zh.name).splitlines()
            for k in range(0, min(len(zh_lines), len(en_lines)), 5):
                docs.append({"id": f"{zh.name}/{k}", "src": "".join(zh_lines[k : k + 5]), "tgt": " ".join(en_lines[k : k + 5])})
    else:
        zh = ["我父亲是一个医生。", "他每天早上去医院。", "今天下雨了。", "她走了。", "他来了。"]
        en = ["My father is a doctor.", "He goes to the hospital every morning.", "It rained today.", "She left.", "He came."]
        for k in range(300):
            idx = [(k + j) % 5 for j in range(1 + k % 5)]
            docs.append({"id": k, "src": "".join(zh[i] for i in idx), "tgt": " ".join(en[i] for i in idx)})
    return docs + BAD


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    s = (
        SparkSession.builder.master("local[2]")
        .appName("bialign test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    s.sparkContext.addPyFile(str(REPO / "examples" / "spark" / "align_corpus.py"))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def docs_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("in") / "docs.jsonl"
    docs = corpus()
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
        # A line that is not a document: an error row too.
        f.write("not a JSON object\n")
    return path, docs


def test_every_sentence_in_exactly_one_row(spark, docs_file, tmp_path):
    path, docs = docs_file
    assert len(docs) >= 200 or eval_dir() is None
    out = tmp_path / "out"
    counts = align_corpus.run(spark, str(path), str(out), {}, tmx="document", partitions=4)
    good = [d for d in docs if not str(d["id"]).startswith("bad-")]
    assert counts["failed"] == len(BAD) + 1
    assert counts["documents"] == len(docs)

    pairs = spark.read.parquet(str(out / "pairs")).toPandas()
    assert list(pairs.columns) == ["doc_id", "bead", "src_ids", "tgt_ids", "src_text", "tgt_text", "score"]
    by_doc = defaultdict(list)
    for row in pairs.itertuples(index=False):
        by_doc[row.doc_id].append(row)
    expected = bialign.Aligner().align_many([(d["src"], d.get("tgt"), str(d["id"])) for d in good])
    assert set(by_doc) == {str(d["id"]) for d in good}
    rows_total = 0
    for d, a in zip(good, expected):
        rows = sorted(by_doc[str(d["id"])], key=lambda r: r.bead)
        rows_total += len(rows)
        src = [i for r in rows for i in r.src_ids]
        tgt = [i for r in rows for i in r.tgt_ids]
        assert src == list(range(len(a.src_sentences))), d["id"]
        assert tgt == list(range(len(a.tgt_sentences))), d["id"]
        assert [(list(r.src_ids), list(r.tgt_ids), r.src_text, r.tgt_text, r.score) for r in rows] == [
            (b.src, b.tgt, b.src_text, b.tgt_text, b.score) for b in a
        ], d["id"]
        tmx = out / "tmx" / align_corpus.tmx_name(str(d["id"]))
        assert tmx.read_text(encoding="utf-8") == a.to_tmx()
    assert rows_total == counts["rows"] == len(pairs)

    errors = spark.read.parquet(str(out / "errors")).toPandas()
    bad_line = errors[errors["doc_id"].isna()]
    assert list(bad_line["error"]) == ["not a JSON object with id, src, tgt: not a JSON object"]
    assert list(bad_line["kind"]) == ["parse"]
    errors = errors.dropna(subset=["doc_id"]).set_index("doc_id")
    assert sorted(errors.index) == sorted(d["id"] for d in BAD)
    assert errors.loc["bad-empty", "error"] == "bad-empty src: has no text to align"
    assert errors.loc["bad-english", "kind"] == "input"
    assert errors.loc["bad-null", "error"] == "bad-null: no src text"
    assert "does not hold both languages" in errors.loc["bad-mixed", "error"]


def test_tmx_per_partition_and_options(spark, docs_file, tmp_path):
    path, docs = docs_file
    out = tmp_path / "out"
    options = {"min_score": 0.5, "src_lang": "zh-TW"}
    align_corpus.run(spark, str(path), str(out), options, tmx="partition", partitions=3)
    files = sorted((out / "tmx").glob("part-*.tmx"))
    assert 1 <= len(files) <= 3
    units = 0
    for f in files:
        root = ET.parse(f).getroot()
        assert root.find("header").get("srclang") == "zh-TW"
        units += len(root.findall("body/tu"))
    good = [d for d in docs if not str(d["id"]).startswith("bad-")]
    aligned = bialign.Aligner(**options).align_many([(d["src"], d.get("tgt"), str(d["id"])) for d in good])
    assert units == sum(a.to_tmx().count("<tu>") for a in aligned)


def test_bad_options_fail_on_the_driver(spark, docs_file, tmp_path):
    path, _ = docs_file
    with pytest.raises(bialign.OptionError, match="max_bead"):
        align_corpus.run(spark, str(path), str(tmp_path / "out"), {"max_bead": 99})


def test_merge_tmx_and_names():
    a = bialign.align("他来了。", "He came.", name="a").to_tmx()
    b = bialign.align("她走了。", "She left.", name="b").to_tmx()
    merged = align_corpus.merge_tmx([a, b])
    root = ET.fromstring(merged)
    assert [tu.find("prop[@type='x-bialign-src-doc']").text for tu in root.findall("body/tu")] == ["a", "b"]
    assert align_corpus.tmx_name("ch1-3") == "ch1-3.tmx"
    assert align_corpus.tmx_name("001/10") != align_corpus.tmx_name("001_10")
    assert align_corpus.parse_options(["max_bead=4", "genre=official"], '{"presplit": true}') == {
        "presplit": True,
        "max_bead": 4,
        "genre": "official",
    }


def test_rdd_pipe_through_the_command_line(spark, docs_file, tmp_path):
    """The engine-free route of examples/cluster/README.md, run as it shows it: RDD.pipe
    through `bialign batch -` gives the batch's lines."""
    binary = cli_binary()
    if binary is None:
        pytest.skip("no bialign binary (build it, or set $BIALIGN_BIN)")
    path, docs = docs_file
    block = doc_block(REPO / "examples" / "cluster" / "README.md", "rdd-pipe")
    # The JVM resolves relative paths against its own folder: the block's are made absolute.
    block = block.replace('"docs.jsonl"', repr(str(path))).replace('"results"', repr(str(tmp_path / "results")))
    block = block.replace('"/usr/local/bin/bialign"', repr(str(binary.resolve())))
    exec(block, {"spark": spark})
    parts = sorted((tmp_path / "results").glob("part-*"))
    piped = [line for p in parts for line in p.read_text(encoding="utf-8").splitlines()]
    import subprocess

    whole = subprocess.run([str(binary), "batch", "-"], input=path.read_bytes(), capture_output=True).stdout

    def comparable(line):
        # A bad document's line number counts within its partition's piece of the input.
        record = json.loads(line)
        if "error" in record:
            record["error"] = record["error"].split(" ", 1)[1]
            del record["line"]
        return record

    # Within a partition the order is kept; the parts are in input order.
    assert [comparable(x) for x in piped] == [comparable(x) for x in whole.decode("utf-8").splitlines()]
    assert len(piped) == len(docs) + 1
    assert sum("error" in json.loads(x) for x in piped) == len(BAD) + 1


def test_the_script_as_documented(docs_file, tmp_path):
    """examples/spark/README.md's command, run as a script in its own Spark session."""
    import subprocess

    path, docs = docs_file
    shutil.copy(path, tmp_path / "docs.jsonl")
    block = doc_block(REPO / "examples" / "spark" / "README.md", "local")
    block = block.replace("python examples/spark/", f"{sys.executable} {REPO}/examples/spark/")
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    done = subprocess.run(["bash", "-c", block], cwd=tmp_path, capture_output=True, text=True, env=env)
    # Exit 1: the bad documents failed, and said so.
    assert done.returncode == 1, done.stderr[-3000:]
    good = len(docs) - len(BAD)
    assert f"align_corpus: {len(docs)} documents" in done.stderr and f"{len(BAD) + 1} failed" in done.stderr
    assert len(list((tmp_path / "out" / "tmx").glob("*.tmx"))) == good
    assert list((tmp_path / "out" / "pairs").glob("*.parquet"))
