"""The package as a user gets it: a wheel, installed into a fresh virtual environment, used in an empty folder.

Part of the normal suite (about 15 s). The venv sees the system's site-packages so that the
dependencies need not download; policymap itself must come from the wheel, which the test checks.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODELINE = "# yaml-language-server: $schema="


def _run(*args, cwd, env):
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done


def test_a_wheel_installed_in_a_fresh_venv_runs_new_validate_and_build(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    source = tmp_path / "source"  # a copy, so the build leaves nothing in the repository
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    _run(sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path / "dist",
         cwd=source, env=env)
    [wheel] = (tmp_path / "dist").glob("policymap-*.whl")

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv, cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--ignore-installed", wheel, cwd=tmp_path, env=env)
    where = _run(python, "-c", "import policymap; print(policymap.__file__)", cwd=tmp_path, env=env).stdout.strip()
    assert Path(where).is_relative_to(venv), f"policymap came from {where}, not from the wheel"

    project = tmp_path / "project"
    project.mkdir()
    policymap = venv / "bin" / "policymap"
    made = _run(policymap, "new", "demo", "--data", "./data", cwd=project, env=env)
    assert "wrote data/figures/demo.yaml" in made.stderr
    _run(policymap, "validate", "--strict", "--data", "data", cwd=project, env=env)
    built = _run(policymap, "build", "--data", "data", "--out", "site", cwd=project, env=env)
    assert built.stderr.startswith("built ") and (project / "site" / "demo.html").is_file()

    path = project / "data" / "figures" / "demo.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE)
    schema_file = (path.parent / first.removeprefix(MODELINE)).resolve()
    assert schema_file.is_file() and schema_file.is_relative_to(project)
    assert schema_file.read_text(encoding="utf-8") == (ROOT / "schema" / "policymap.schema.json").read_text(encoding="utf-8")
