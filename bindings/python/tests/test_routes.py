"""The engine-free routes of examples/cluster/README.md, run as the README shows them: the
results of GNU parallel, a Slurm array (a shell loop standing in for the array index) and
Snakemake are, line for line, those of one `bialign batch -` over the whole corpus."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, SEED, doc_block

CLUSTER = REPO / "examples" / "cluster"
README = CLUSTER / "README.md"


def corpus():
    docs = [{"id": "seed", "src": SEED.read_text(encoding="utf-8")}]
    zh = ["我父亲是一个医生。", "他每天早上去医院。", "今天下雨了。", "她走了。", "他来了。"]
    en = ["My father is a doctor.", "He goes to the hospital every morning.", "It rained today.", "She left.", "He came."]
    for k in range(120):
        idx = [(k + j) % 5 for j in range(1 + k % 5)]
        docs.append({"id": k, "src": "".join(zh[i] for i in idx), "tgt": " ".join(en[i] for i in idx)})
    return docs


@pytest.fixture()
def workdir(tmp_path, cli_on_path):
    with open(tmp_path / "docs.jsonl", "w", encoding="utf-8") as f:
        for d in corpus():
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    for name in ["align_shard.sbatch", "Snakefile"]:
        shutil.copy(CLUSTER / name, tmp_path / name)
    return tmp_path


def run_block(name: str, cwd: Path) -> None:
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", doc_block(README, name)], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, f"{name}: {done.stderr}"


def expected(cwd: Path) -> list[str]:
    with open(cwd / "docs.jsonl", "rb") as f:
        out = subprocess.run(["bialign", "batch", "-"], stdin=f, capture_output=True, check=True).stdout
    return out.decode("utf-8").splitlines()


def results(cwd: Path) -> list[str]:
    return (cwd / "results.jsonl").read_text(encoding="utf-8").splitlines()


def test_shards_cut_between_lines(workdir):
    run_block("shards", workdir)
    shards = sorted((workdir / "shards").iterdir())
    assert [p.name for p in shards] == [f"part-{k:05d}.jsonl" for k in range(4)]
    assert b"".join(p.read_bytes() for p in shards) == (workdir / "docs.jsonl").read_bytes()


def test_slurm_array(workdir):
    run_block("shards", workdir)
    run_block("slurm", workdir)
    assert results(workdir) == expected(workdir)
    assert len(results(workdir)) == len(corpus())
    assert not list((workdir / "results").glob("*.tmp"))


def test_gnu_parallel(workdir):
    if shutil.which("parallel") is None:
        pytest.skip("GNU parallel is not installed (apt-get install parallel)")
    run_block("parallel", workdir)
    assert results(workdir) == expected(workdir)


def test_snakemake(workdir):
    if shutil.which("snakemake") is None:
        pytest.skip("snakemake is not installed (pip install snakemake)")
    run_block("shards", workdir)
    run_block("snakemake", workdir)
    assert results(workdir) == expected(workdir)
