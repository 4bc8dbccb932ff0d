"""Path problems in a data folder: each a located message and exit 1, never a traceback or a hang."""

import errno
import os
import shutil
import threading
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from policymap.cli import cli
from policymap.errors import FigureError
from policymap.loader import load_project
from policymap.yamlsafe import MAX_BYTES, read_limited

ROOT = Path(__file__).resolve().parents[2]
RENAME = "  hint: rename or move it: every *.yaml here is read as data"
LINK = "  hint: point the link at a file, or remove it"


def run(*args):
    return CliRunner().invoke(cli, list(args))


def _fails_with(*lines: str, args=("validate", "data")) -> str:
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for line in lines:
        assert line in result.output.splitlines(), result.output
    return result.output


@pytest.mark.parametrize("where", ["figures/extra.yaml", "bodies/extra.yaml", "glossary.yaml", "case-studies.yaml"])
def test_folder_named_yaml(good_copy, where):
    target = good_copy / where
    if target.exists():
        target.unlink()
    target.mkdir()
    _fails_with(f"data/{where}: expected a readable YAML file, got a folder", RENAME)
    _fails_with(f"data/{where}: expected a readable YAML file, got a folder", args=("build", "--out", "site"))


@pytest.mark.parametrize("where", ["figures/extra.yaml", "bodies/extra.yaml", "abbreviations.yaml"])
def test_symlink_loop_named_yaml(good_copy, where):
    target = good_copy / where
    if target.exists():
        target.unlink()
    target.symlink_to(target.name)
    _fails_with(f"data/{where}: expected a readable YAML file, got a symlink loop", LINK)


@pytest.mark.parametrize("where", ["figures/extra.yaml", "websites.yaml", "case-studies.yaml"])
def test_dangling_symlink_is_reported_not_taken_for_absent(good_copy, where):
    target = good_copy / where
    if target.exists():
        target.unlink()
    target.symlink_to("nowhere.yaml")
    _fails_with(f"data/{where}: expected a readable YAML file, got a symlink to 'nowhere.yaml', which does not exist", LINK)


def test_unreadable_file(good_copy, monkeypatch):
    path = good_copy / "figures" / "funding.yaml"
    real_open = os.open

    def refusing(name, flags, *args, **kwargs):  # the tests run as root, for whom chmod 000 changes nothing
        if Path(name).resolve() == path.resolve():
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr("policymap.yamlsafe.os.open", refusing)
    _fails_with("data/figures/funding.yaml: expected a readable YAML file, got a file it cannot open (Permission denied)",
                "  hint: check the file's permissions (chmod u+r)")


def _no_hang(callable_, seconds=10):
    """Run ``callable_`` in a thread; fail (instead of hanging the suite) if it does not return."""
    box = {}

    def target():
        try:
            box["value"] = callable_()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hung: it opened a named pipe"
    return box


def test_fifo_is_refused_before_it_is_opened(good_copy, tmp_path):
    os.mkfifo(good_copy / "figures" / "pipe.yaml")
    message = "data/figures/pipe.yaml: expected a readable YAML file, got a named pipe (FIFO)"
    for args in (("validate", "data"), ("build", "--out", "site")):
        box = _no_hang(lambda: run(*args))
        assert box["value"].exit_code == 1 and message in box["value"].output.splitlines()
    assert not (tmp_path / "site").exists()


def test_serve_shows_a_fifo_error(good_copy, tmp_path):
    from policymap.serve import LiveSite

    site = LiveSite(good_copy, tmp_path / "served", lambda line: None)
    assert site.rebuild() is True
    os.mkfifo(good_copy / "figures" / "pipe.yaml")
    box = _no_hang(site.rebuild)
    assert box["value"] is False
    assert "data/figures/pipe.yaml: expected a readable YAML file, got a named pipe (FIFO)" in site.state()["error"]
    assert site.state()["build"] == 1


def test_device_is_refused_as_not_a_regular_file(good_copy):
    (good_copy / "figures" / "zero.yaml").symlink_to("/dev/zero")
    box = _no_hang(lambda: run("validate", "data"))
    assert box["value"].exit_code == 1
    assert "data/figures/zero.yaml: expected a readable YAML file, got a character device" in box["value"].output


def test_sparse_gigabyte_is_refused_without_reading_it(good_copy):
    path = good_copy / "figures" / "huge.yaml"
    with open(path, "wb") as stream:
        stream.truncate(1024 ** 3)  # sparse: no disk used, and reading it would take a gigabyte of memory
    tracemalloc.start()
    try:
        with pytest.raises(FigureError) as caught:
            load_project(good_copy)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"data/figures/huge.yaml:1:1: file is 1,073,741,824 bytes: expected at most {MAX_BYTES:,}" in str(caught.value)
    assert peak < 20 * 1024 * 1024


def test_at_most_the_limit_and_one_byte_are_read(tmp_path):
    # /proc files report a size of 0 whatever they hold: the read itself must stop at limit + 1
    raw, problems = read_limited(Path("/proc/self/maps"), "maps", limit=10)
    assert raw is None and problems[0].message == "file is more than 11 bytes: expected at most 10"
    small = tmp_path / "small.yaml"
    small.write_bytes(b"a: 1\n")
    assert read_limited(small, "small.yaml", limit=10) == (b"a: 1\n", [])


def test_yml_files_are_ignored_with_a_warning(good_copy):
    shutil.copy(good_copy / "figures" / "funding.yaml", good_copy / "figures" / "copy.yml")
    (good_copy / "glossary.yml").write_text("glossary: []\n", encoding="utf-8")
    result = run("validate", "data")
    assert result.exit_code == 0, result.output
    assert "data/figures/copy.yml: warning: ignored: expected a name ending in .yaml, got .yml" in result.output
    assert "  hint: rename it to copy.yaml to read it" in result.output
    assert "data/glossary.yml: warning: ignored: expected a name ending in .yaml, got .yml" in result.output
    assert run("validate", "--strict", "data").exit_code == 1


def test_only_yml_maps_say_so(good_copy):
    for path in (good_copy / "figures").glob("*.yaml"):
        path.rename(path.with_suffix(".yml"))
    _fails_with("data/figures: expected at least one map (*.yaml), got none",
                "  hint: rename data/figures/funding.yml to end in .yaml")


def test_export_to_a_folder_is_a_located_error(good_copy, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    for fmt in ("json", "graphml"):
        result = run("export", "all", "--format", fmt, "-o", str(folder))
        assert result.exit_code == 1, result.output
        assert result.output.splitlines()[0] == f"{folder}: expected a file to write, got a folder"
    assert list(folder.iterdir()) == []
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = run("export", "all", "--format", "csv", "-o", str(tmp_path / "afile"))
    assert result.exit_code == 1 and "cannot write the file" in result.output and "Traceback" not in result.output


def test_diff_to_a_folder_is_the_same_located_error(good_copy, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    result = run("diff", "data", "data", "-o", str(folder))
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == f"{folder}: expected a file to write, got a folder"
    assert list(folder.iterdir()) == []
