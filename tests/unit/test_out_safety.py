"""A build replaces only a folder it wrote: --out refusals, the marker, leftovers, parallel builds, a full disk."""

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from policymap.cli import cli
from policymap.errors import BuildAborted, FigureError, UsageProblem
from policymap.site import MARKER, build_site

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return CliRunner().invoke(cli, list(args))


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` (the data, the repository, .git) with a digest of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        found[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def repo(good_copy, tmp_path):
    """The good data inside a git repository with a committed README: the working directory is its top."""
    (tmp_path / "README.md").write_text("a project\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", "."], check=True, cwd=tmp_path)
    subprocess.run(["git", "add", "."], check=True, cwd=tmp_path)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "data"], check=True, cwd=tmp_path)
    return tmp_path


@pytest.mark.parametrize("out, got", [
    ("data", "got the data folder"),
    (".", "got a folder that holds the data folder (data)"),
    ("..", "got a folder that holds the data folder (data)"),
    ("/", "got the root of the filesystem"),
    ("data/..", "got a folder that holds the data folder (data)"),
])
def test_out_that_holds_the_data_is_refused_and_nothing_changes(repo, out, got):
    before = _snapshot(repo)
    result = run("build", "--data", "data", "--out", out)
    assert result.exit_code == 2, result.output
    assert f"--out {out}: expected a folder policymap can replace with the site, {got}" in result.output
    assert "nothing was changed" in result.output and "Traceback" not in result.output
    assert _snapshot(repo) == before
    assert subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout == ""


def test_out_that_is_the_current_folder_or_an_ancestor_is_refused(good_copy, tmp_path, monkeypatch):
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    (work / "notes.txt").write_text("mine\n", encoding="utf-8")
    monkeypatch.chdir(work)
    before = _snapshot(tmp_path)
    for out, got in ((".", "the current folder"), ("..", "a folder that holds the current folder"),
                     (str(tmp_path), "a folder that holds the data folder")):
        result = run("build", "--data", str(good_copy), "--out", out)
        assert result.exit_code == 2, result.output
        assert f"got {got}" in result.output
    assert _snapshot(tmp_path) == before


def test_symlink_to_the_data_is_refused(repo):
    (repo / "link").symlink_to(repo / "data")
    before = _snapshot(repo / "data")
    result = run("build", "--out", "link")
    assert result.exit_code == 2 and "got the data folder" in result.output
    assert _snapshot(repo / "data") == before


def test_folder_policymap_did_not_write_is_kept(repo):
    mine = repo / "docs"
    mine.mkdir()
    (mine / "essay.md").write_text("my words\n", encoding="utf-8")
    result = run("build", "--out", "docs")
    assert result.exit_code == 2
    assert f"got a folder of files policymap did not write (it has no {MARKER})" in result.output
    assert [p.name for p in mine.iterdir()] == ["essay.md"]
    with pytest.raises(UsageProblem):
        build_site("data", mine)
    # an empty folder, or one a build wrote, is fine
    (repo / "empty").mkdir()
    assert run("build", "--out", "empty").exit_code == 0
    assert (repo / "empty" / MARKER).is_file() and (repo / "empty" / "index.html").is_file()
    assert run("build", "--out", "empty").exit_code == 0


def test_a_file_as_out_is_refused(repo):
    result = run("build", "--out", "README.md")
    assert result.exit_code == 2
    assert (repo / "README.md").read_text(encoding="utf-8") == "a project\n"


def test_serve_output_goes_through_the_same_check(good_copy, tmp_path):
    from policymap.serve import LiveSite

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "keep.txt").write_text("keep\n", encoding="utf-8")
    lines = []
    site = LiveSite(good_copy, mine, lines.append)
    assert site.rebuild() is False
    assert "policymap did not write" in site.error
    assert [p.name for p in mine.iterdir()] == ["keep.txt"]


def test_committed_site_carries_the_marker():
    assert (ROOT / "site" / MARKER).is_file()


def test_leftovers_of_an_interrupted_build_are_removed_by_the_next(good_copy, tmp_path):
    out = tmp_path / "site"
    build_site("data", out)
    stale_new = tmp_path / ".site-new-k1ll3d"
    shutil.copytree(out, stale_new)
    stale_old = tmp_path / ".site-old-abc123"
    stale_old.mkdir()
    foreign = tmp_path / ".site-new-mine"  # same pattern, not ours: kept
    foreign.mkdir()
    (foreign / "keep.txt").write_text("keep\n", encoding="utf-8")
    build_site("data", out)
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site"))
    assert left == [".site-new-mine"]
    assert (foreign / "keep.txt").exists()


def test_parallel_builds_never_crash_and_leave_one_whole_site(good_copy, tmp_path):
    reference = tmp_path / "reference"
    build_site("data", reference)
    expected = _snapshot(reference)
    command = [sys.executable, "-m", "policymap", "build", "--data", "data", "--out", "site"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for _ in range(4):  # before builds took turns, about one build in eight crashed here
        procs = [subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(4)]
        results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
        for proc in procs:
            proc.stdout.close()
            proc.stderr.close()
        assert [code for code, _ in results] == [0, 0, 0, 0], results
        assert _snapshot(tmp_path / "site") == expected
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_full_disk_leaves_the_previous_site(good_copy, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build_site("data", out)
    before = _snapshot(out)
    calls = []

    def full(path, text):
        calls.append(path)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        path.write_text(text, encoding="utf-8")

    monkeypatch.setattr("policymap.site._write_text", full)
    with pytest.raises(BuildAborted) as caught:
        build_site("data", out)
    assert caught.value.message == f"{out}: could not write the site (No space left on device); the previous site is unchanged"
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []
    result = run("build", "--out", str(out))
    assert result.exit_code == 1
    assert "the previous site is unchanged" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("with_case_studies", [False, True])
def test_no_maps_is_an_error_and_the_site_stays(good_copy, tmp_path, with_case_studies):
    out = tmp_path / "site"
    build_site("data", out)
    before = _snapshot(out)
    for path in (good_copy / "figures").glob("*.yaml"):
        path.unlink()
    if with_case_studies:
        shutil.copy(ROOT / "data" / "case-studies.yaml", good_copy / "case-studies.yaml")
    for args in (["validate", "--strict", "data"], ["build", "--out", "site"]):
        result = run(*args)
        assert result.exit_code == 1, result.output
        assert result.output.splitlines()[0] == "data/figures: expected at least one map (*.yaml), got none"
        assert "partner" not in result.output
    with pytest.raises(FigureError):
        build_site("data", out)
    assert _snapshot(out) == before
