"""The shipped data passes the strict checks CI relies on: warnings would fail the build."""

from click.testing import CliRunner

from policymap.cli import cli
from policymap.site import build_site


def test_shipped_data_validates_with_strict(real_data):
    result = CliRunner().invoke(cli, ["validate", str(real_data), "--strict"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].endswith(", 0 warnings")


def test_shipped_data_builds_with_strict(real_data, tmp_path):
    report = build_site(real_data, tmp_path / "site", strict=True)
    assert report.warnings == 0 and "index.html" in report.pages
