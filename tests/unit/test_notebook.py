"""``policymap.notebook``: a pyvis Network of a map for Jupyter; the site build needs no pyvis."""

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from pyvis.network import Network

from policymap.errors import PolicymapError
from policymap.graph import build_graph
from policymap.layout import compute_layout
from policymap.loader import load_project
from policymap.notebook import network

ROOT = Path(__file__).resolve().parents[2]


def test_network_is_a_pyvis_network_at_the_computed_layout_with_physics_off(real_data):
    net = network("mental-health-services", data_dir=real_data)
    project = load_project(real_data)
    fig = project.figure("mental-health-services")
    graph = build_graph(project, fig)
    positions = compute_layout(graph, fig.regions).positions
    assert isinstance(net, Network)
    assert net.options["physics"] == {"enabled": False}
    assert {n["id"]: (n["x"], n["y"]) for n in net.nodes} == {k: tuple(v) for k, v in positions.items()}
    assert len(net.edges) == len(fig.edges) and net.node_ids == sorted(graph.nodes)


def test_a_figure_number_picks_the_same_map(real_data):
    by_number = network("2", data_dir=real_data)
    assert [n["id"] for n in by_number.nodes] == [n["id"] for n in network("mental-health-services", real_data).nodes]


def test_titles_are_plain_text_and_never_switch_pyvis_to_its_html_popup(good_copy):
    figure = good_copy / "figures" / "funding.yaml"
    figure.write_text(figure.read_text(encoding="utf-8").replace(
        "role: An independent charity that funds and publishes work on health.",
        'role: \'<a href="javascript:alert(1)">click</a>\''), encoding="utf-8")
    net = network("funding", data_dir=good_copy)
    title = next(n["title"] for n in net.nodes if n["id"] == "kings-fund")
    assert '<a href="javascript:alert(1)">click</a>' in str(title)
    page = net.generate_html()
    assert "popup.innerHTML" not in page  # pyvis's link template, which would run the title as markup
    assert not re.search(r'(?:src|href)="https?://', page), "the page must load nothing from the internet"


def test_an_unknown_map_names_the_maps(real_data):
    with pytest.raises(PolicymapError, match="got 'nope'; maps: mental-health-services, renewal-regeneration"):
        network("nope", data_dir=real_data)


def test_without_pyvis_the_notebook_says_which_extra_to_install():
    code = "import sys; sys.modules['pyvis'] = None; import policymap.notebook"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert "policymap.notebook needs pyvis, which is an extra: pip install 'policymap[notebook]'" in result.stderr


def test_a_build_imports_neither_pyvis_nor_ipython(tmp_path, real_data):
    code = ("import sys; from policymap.site import build_site; "
            f"build_site({str(real_data)!r}, {str(tmp_path / 'site')!r}); "
            "loaded = [m for m in ('pyvis', 'IPython', 'jedi') if m in sys.modules]; "
            "assert not loaded, loaded")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _requirements(name: str, extras: frozenset = frozenset(), seen: set | None = None) -> set[str]:
    """Every distribution a plain install of ``name`` pulls in (from installed metadata)."""
    seen = set() if seen is None else seen
    for line in metadata.requires(name) or []:
        req = Requirement(line)
        if req.marker and not any(req.marker.evaluate({"extra": e}) for e in extras or {""}):
            continue
        key = req.name.lower()
        if key not in seen:
            seen.add(key)
            _requirements(req.name, frozenset(req.extras), seen)
    return seen


def test_a_plain_install_pulls_in_neither_pyvis_nor_ipython():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pulled = set()
    for line in project["dependencies"]:
        req = Requirement(line)
        pulled |= {req.name.lower()} | _requirements(req.name, frozenset(req.extras))
    assert not pulled & {"pyvis", "ipython", "jedi"}, sorted(pulled)
    assert any(Requirement(r).name == "pyvis" for r in project["optional-dependencies"]["notebook"])
