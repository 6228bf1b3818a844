"""Fixtures of the browser tests: a `bialign review` server on a mac-dev chapter and a
headless Chromium driven through WebDriver (Debian's chromium and chromium-driver, Python
selenium). Each test skips, saying why, when one of them is missing.

Environment: BIALIGN_BIN (the bialign binary, default target/release/bialign),
BIALIGN_EVAL (the evaluation sets, default ../shared/eval), BIALIGN_CHROMIUM and
BIALIGN_CHROMEDRIVER (the browser and its driver), BIALIGN_SCREENSHOTS (where the screenshots
are kept, default target/browser-screenshots).
"""
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def find(env, names):
    given = os.environ.get(env)
    if given:
        return given if Path(given).exists() else None
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    return None


@pytest.fixture(scope="session")
def bialign():
    b = Path(os.environ.get("BIALIGN_BIN", ROOT / "target/release/bialign"))
    if not b.exists():
        pytest.skip(f"no bialign binary at {b} (cargo build --release -p bialign-cli)")
    return b


@pytest.fixture(scope="session")
def macdev():
    d = Path(os.environ.get("BIALIGN_EVAL", ROOT.parent / "shared/eval")) / "mac-dev"
    if not (d / "zh").is_dir():
        pytest.skip(f"the mac-dev evaluation set is not at {d}")
    return d


@pytest.fixture(scope="session")
def shots():
    d = Path(os.environ.get("BIALIGN_SCREENSHOTS", ROOT / "target/browser-screenshots"))
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture
def driver(tmp_path):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("Python selenium is not installed (pip install selenium)")
    chromium = find("BIALIGN_CHROMIUM", ["chromium", "chromium-browser"])
    chromedriver = find("BIALIGN_CHROMEDRIVER", ["chromedriver"])
    if not chromium or not chromedriver:
        pytest.skip("Chromium or its WebDriver is missing (apt-get install chromium chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path / 'profile'}"]:
        opts.add_argument(flag)
    d = webdriver.Chrome(service=Service(executable_path=chromedriver), options=opts)
    d.set_script_timeout(60)
    yield d
    d.quit()


class Review:
    """A running `bialign review` and calls to its API (to check what the page did)."""

    def __init__(self, binary, args, cwd):
        self.proc = subprocess.Popen([str(binary), "review", *map(str, args)], cwd=cwd,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("bialign review: "):
            self.proc.kill()
            raise RuntimeError(f"no address: {line!r} {self.proc.stderr.read()}")
        self.url = line.split(": ", 1)[1].strip()
        self.token = self.url.split("token=", 1)[1]
        self.base = self.url.split("/?", 1)[0]

    def state(self):
        req = urllib.request.Request(self.base + "/api/state",
                                     headers={"X-Bialign-Token": self.token})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.load(r)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def review(bialign, tmp_path):
    started = []

    def start(*args):
        r = Review(bialign, args, tmp_path)
        started.append(r)
        return r

    yield start
    for r in started:
        r.stop()
