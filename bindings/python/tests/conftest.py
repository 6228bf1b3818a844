"""Shared fixtures of the Python tests: the repository, the evaluation sets, the command line.

Tests that need the evaluation data (``../shared/eval`` beside the repository, or
``$BIALIGN_EVAL``) or the ``bialign`` binary (``$BIALIGN_BIN``, else the workspace's
``target/release/bialign`` or ``target/debug/bialign``) skip when it is absent, and each
skip is printed as ``skipped: <test>: <reason>`` at the end, as the Rust tests print theirs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "data" / "seed_un_note.txt"


def eval_dir() -> Path | None:
    """The evaluation sets, or None when they are absent."""
    d = Path(os.environ.get("BIALIGN_EVAL", REPO.parent / "shared" / "eval"))
    if not d.is_absolute():
        d = REPO / d
    return d if d.is_dir() else None


def cli_binary() -> Path | None:
    """The command line to compare with, or None."""
    given = os.environ.get("BIALIGN_BIN")
    if given:
        return Path(given)
    for profile in ("release", "debug"):
        p = REPO / "target" / profile / "bialign"
        if p.is_file():
            return p
    return None


@pytest.fixture(scope="session")
def eval_sets() -> Path:
    d = eval_dir()
    if d is None:
        pytest.skip("the evaluation data (../shared/eval or $BIALIGN_EVAL) is absent")
    return d


@pytest.fixture(scope="session")
def cli():
    """Runs the command line and returns its standard output as text."""
    binary = cli_binary()
    if binary is None:
        pytest.skip("no bialign binary (build it, or set $BIALIGN_BIN)")

    def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> str:
        done = subprocess.run(
            [str(binary), *map(str, args)],
            input=stdin.encode() if stdin is not None else None,
            capture_output=True,
            cwd=cwd,
        )
        if done.returncode not in (0, 1):
            raise AssertionError(f"bialign {' '.join(map(str, args))}: {done.stderr.decode()}")
        return done.stdout.decode()

    return run


def pytest_terminal_summary(terminalreporter):
    """One `skipped: <test>: <reason>` line per skipped test, on standard error."""
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        print(f"skipped: {report.nodeid}: {reason}", file=sys.stderr)


def doc_block(path: Path, name: str) -> str:
    """The code block after `<!-- test: NAME -->` in a Markdown file: what the docs show is
    what the tests run."""
    text = path.read_text(encoding="utf-8")
    marker = f"<!-- test: {name} -->"
    assert marker in text, f"{path}: no block {marker}"
    after = text.split(marker, 1)[1].lstrip()
    assert after.startswith("```"), f"{path}: {marker} is not followed by a code block"
    return after.split("\n", 1)[1].split("```", 1)[0]


@pytest.fixture(scope="session")
def cli_on_path(tmp_path_factory):
    """A folder holding `bialign` (the binary under test), put first on PATH."""
    binary = cli_binary()
    if binary is None:
        pytest.skip("no bialign binary (build it, or set $BIALIGN_BIN)")
    bin_dir = tmp_path_factory.mktemp("bin")
    (bin_dir / "bialign").symlink_to(binary.resolve())
    os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
    return binary
