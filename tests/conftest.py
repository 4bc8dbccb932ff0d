import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOOD = FIXTURES / "good"


@pytest.fixture
def good_copy(tmp_path, monkeypatch):
    """A writable copy of the small valid data folder; the working directory is its parent."""
    target = tmp_path / "data"
    shutil.copytree(GOOD, target)
    monkeypatch.chdir(tmp_path)
    return target


@pytest.fixture
def real_data():
    return ROOT / "data"
