"""One command-line convention: --data everywhere, exit 1 for content and 2 for usage, stdout for results, -q/-v."""

import pytest
from click.testing import CliRunner

from policymap.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args))


LOADING = [
    ["validate", "--data", "{d}"], ["validate", "{d}"], ["build", "--data", "{d}", "--out", "site"],
    ["export", "all", "--data", "{d}"], ["route", "pct", "lsp", "--data", "{d}"], ["serve", "--data", "{d}", "--port", "0"],
]


@pytest.mark.parametrize("args", LOADING, ids=lambda a: " ".join(a[:2]))
def test_a_missing_data_folder_is_a_usage_error_in_every_command(good_copy, args):
    result = run(*[a.format(d="nowhere") for a in args])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0] == "--data nowhere: expected a data folder holding figures/, got nothing there"
    assert result.stdout == ""


@pytest.mark.parametrize("args", LOADING[:-1], ids=lambda a: " ".join(a[:2]))
def test_a_content_error_exits_1_in_every_command(good_copy, args):
    path = good_copy / "figures" / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("relation: member-of", "relation: memberof"), encoding="utf-8")
    result = run(*[a.format(d="data") for a in args])
    assert result.exit_code == 1, result.output
    assert "data/figures/funding.yaml:51:15: edges[1].relation:" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("command", ["validate", "build", "export", "serve", "schema", "diff", "new", "route"])
def test_an_unknown_option_is_a_usage_error_in_every_command(command):
    assert run(command, "--no-such-flag").exit_code == 2


def test_validate_takes_the_folder_either_way(good_copy):
    by_option, by_argument = run("validate", "--data", "data"), run("validate", "data")
    assert by_option.exit_code == by_argument.exit_code == 0
    assert by_option.stdout == by_argument.stdout == run("validate").stdout
    clash = run("validate", "data", "--data", "other")
    assert clash.exit_code == 2 and "expected one data folder, got DATA_DIR 'data' and --data 'other'" in clash.output


def test_results_on_stdout_progress_on_stderr(good_copy, tmp_path):
    validate = run("validate", "--data", "data")
    assert validate.stdout.splitlines()[-1].startswith("ok: 2 maps") and validate.stderr == ""
    build = run("build", "--data", "data", "--out", "site")
    assert build.stdout == "" and build.stderr.startswith("built 5 pages into site/")
    export = run("export", "funding", "--data", "data")
    assert export.stdout.startswith("{") and export.stderr == ""
    written = run("export", "funding", "--data", "data", "-o", "out.json")
    assert written.stdout == "" and written.stderr == "wrote out.json\n"
    new = run("new", "housing", "--data", "data")
    assert new.stdout == "" and "\nwrote data/figures/housing.yaml\nnext: " in new.stderr


def test_quiet_and_verbose_on_the_group_or_the_command(good_copy):
    for args in (["-q", "build", "--out", "site"], ["build", "-q", "--out", "site"]):
        result = run(*args)
        assert result.exit_code == 0 and result.stderr == "", result.output
    for args in (["-v", "build", "--out", "site"], ["build", "--out", "site", "--verbose"]):
        result = run(*args)
        assert "wrote site/index.html" in result.stderr.splitlines()
        assert result.stderr.splitlines()[-1].startswith("built 5 pages")
    verbose = run("validate", "-v")
    assert verbose.stderr.startswith("read data: 2 maps in ")
    quiet = run("-q", "export", "funding", "-o", "out.json")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_quiet_keeps_warnings(good_copy):
    path = good_copy / "figures" / "partners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    pages: [23]\n", ""), encoding="utf-8")
    result = run("-q", "build", "--out", "site")
    assert result.exit_code == 0
    assert "warning: nodes[0]: 'residents' cites no guide page" in result.stderr
    assert "built" not in result.stderr
