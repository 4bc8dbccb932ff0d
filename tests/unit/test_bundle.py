"""The page script's modules and their join into assets/policymap.js (policymap.bundle)."""

import shutil
import subprocess
from pathlib import Path

from policymap.bundle import join_scripts, module_names
from policymap.site import render_site

JS = Path(__file__).resolve().parents[2] / "src" / "policymap" / "static" / "js"


def test_every_module_is_joined_once_in_a_fixed_order():
    on_disk = sorted(str(p.relative_to(JS)) for p in JS.rglob("*.js"))
    listed = module_names()
    assert sorted(listed) == on_disk and len(set(listed)) == len(listed)
    assert listed[-1] == "main.js"  # wiring comes last, after everything it wires
    joined = join_scripts()
    positions = [joined.index(f"/* ---- js/{name} ---- */") for name in listed]
    assert positions == sorted(positions)
    assert join_scripts() == joined  # the same every time


def test_the_build_ships_the_joined_script_and_not_the_modules(good_copy):
    from policymap.loader import load_project

    files = render_site(load_project(good_copy))
    assert files["assets/policymap.js"] == join_scripts()


def test_modules_stay_small():
    for path in JS.rglob("*.js"):
        assert path.stat().st_size < 20_000, f"{path.name} is a second monolith in the making: split it"


def test_joined_script_parses():
    node = shutil.which("node")
    assert node, "node is needed for the page script's tests (Node 20: /usr/bin/node)"
    out = subprocess.run([node, "--check", "-"], input=join_scripts(), capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
