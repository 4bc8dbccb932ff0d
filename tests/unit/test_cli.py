"""The command line through click's CliRunner: exit codes and messages."""

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
from click.testing import CliRunner

from policymap.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_validate_prints_one_line_per_map(good_copy):
    result = run("validate", "data")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "data/figures/funding.yaml: funding (Figure 7): 4 nodes, 3 edges, 0 warnings"
    assert lines[1] == "data/figures/partners.yaml: partners (Figure 8): 3 nodes, 2 edges, 0 warnings"


def test_validate_content_error_exits_1(good_copy):
    path = good_copy / "figures" / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("relation: member-of", "relation: memberof"), encoding="utf-8")
    result = run("validate", "data")
    assert result.exit_code == 1
    assert "data/figures/funding.yaml:51:15: edges[1].relation:" in result.output
    assert "Traceback" not in result.output


def test_validate_usage_error_exits_2(good_copy):
    assert run("validate", "--no-such-flag").exit_code == 2


def test_validate_strict_fails_on_warnings(good_copy):
    path = good_copy / "figures" / "partners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    pages: [23]\n", ""), encoding="utf-8")
    assert run("validate", "data").exit_code == 0
    result = run("validate", "data", "--strict")
    assert result.exit_code == 1
    assert "warning: nodes[0]: 'residents' cites no guide page" in result.output


def test_validate_does_not_import_pyvis(real_data):
    code = ("import sys; from policymap.cli import cli; "
            f"cli(['validate', {str(real_data)!r}], standalone_mode=False); "
            "assert 'pyvis' not in sys.modules and 'networkx' not in sys.modules, 'heavy import'")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_export_json_by_number(good_copy):
    result = CliRunner().invoke(cli, ["export", "7", "--format", "json", "--data", "data"])
    assert result.exit_code == 0, result.output
    graph = nx.node_link_graph(json.loads(result.stdout), edges="edges")
    assert set(graph.nodes) == {"kings-fund", "lsp", "nimhe", "pct"}
    assert graph.nodes["pct"]["acronym"] == "PCT" and graph.nodes["pct"]["pages"] == [18]
    assert graph.edges["pct", "lsp", "member-of"]["relation"] == "member-of"


def test_export_unknown_figure_is_a_usage_error(good_copy):
    result = run("export", "9", "--data", "data")
    assert result.exit_code == 2
    assert "choose from: all, funding, partners, 7, 8" in result.output


def test_export_csv_writes_two_tables(good_copy, tmp_path):
    result = run("export", "all", "--format", "csv", "-o", str(tmp_path / "out"), "--data", "data")
    assert result.exit_code == 0, result.output
    nodes = (tmp_path / "out" / "all-nodes.csv").read_text(encoding="utf-8").splitlines()
    edges = (tmp_path / "out" / "all-edges.csv").read_text(encoding="utf-8").splitlines()
    assert nodes[0] == "ID,Label,Type,Description,Tags,Level,Acronym,Pages,Figures,Layer,Case study"
    assert edges[0] == "ID,From,To,Type,Direction,Label,Description,Evidence,Page,Figures,Case study"
    assert len(nodes) == 1 + 5 and len(edges) == 1 + 5


def test_export_xlsx_writes_the_kumu_workbook(good_copy, tmp_path):
    from openpyxl import load_workbook

    result = run("export", "all", "--format", "xlsx", "--data", "data")
    assert result.exit_code == 0, result.output
    assert "wrote all.xlsx" in result.output
    book = load_workbook(good_copy.parent / "all.xlsx")
    assert book.sheetnames == ["Elements", "Connections"]
    result = run("export", "7", "--format", "xlsx", "-o", str(tmp_path / "funding.xlsx"), "--data", "data")
    assert result.exit_code == 0 and load_workbook(tmp_path / "funding.xlsx")["Connections"].max_row == 1 + 3


def test_console_entry_keeps_output_and_exit_codes(good_copy, tmp_path):
    """`policymap`, `python -m policymap` and build.py end through cli.main: output flushed, codes kept."""
    root = Path(__file__).resolve().parents[2]
    built = subprocess.run([sys.executable, str(root / "build.py"), "--out", "site"], capture_output=True, text=True)
    assert built.returncode == 0 and built.stderr.startswith("built ") and (tmp_path / "site" / "funding.html").exists()
    ok = subprocess.run([sys.executable, "-m", "policymap", "validate", "data"], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.endswith("0 warnings\n") and len(ok.stdout.splitlines()) == 3
    usage = subprocess.run([sys.executable, "-m", "policymap", "validate", "--no-such-flag"], capture_output=True, text=True)
    assert usage.returncode == 2 and "No such option" in usage.stderr
    path = good_copy / "figures" / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("relation: member-of", "relation: memberof"), encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "policymap", "validate", "data"], capture_output=True, text=True)
    assert bad.returncode == 1 and "data/figures/funding.yaml:51:15: edges[1].relation:" in bad.stderr
