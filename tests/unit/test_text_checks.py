"""Text values after parsing: no control or bidirectional characters, however they were written."""

import pytest
from click.testing import CliRunner

from policymap.cli import cli
from policymap.site import build_site


def run(*args):
    return CliRunner().invoke(cli, list(args))


def _set_label(good_copy, written: str) -> None:
    path = good_copy / "figures" / "funding.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    label: King's Fund\n" in text
    path.write_text(text.replace("    label: King's Fund\n", f"    label: {written}\n"), encoding="utf-8")


@pytest.mark.parametrize("written, what", [
    ('"King\\x01s Fund"', "the control character U+0001"),
    ('"King\\0s Fund"', "the control character U+0000"),
    ('"King\\es Fund"', "the control character U+001B"),
    ('"King\\x7fs Fund"', "the control character U+007F"),
    ('"King\\rs Fund"', "the control character U+000D"),
    ('"King\\u202Es Fund"', "the bidirectional control character U+202E"),
    ('"King\\u2066s Fund"', "the bidirectional control character U+2066"),
    ("King\u202bs Fund", "the bidirectional control character U+202B"),
    ('"\\tKing\'s Fund"', "a tab at the start of the text"),
])
def test_control_and_bidi_characters_are_refused_where_they_are_written(good_copy, tmp_path, written, what):
    _set_label(good_copy, written)
    for args in (("validate", "data"), ("build", "--out", "site")):
        result = run(*args)
        assert result.exit_code == 1, result.output
        first = result.output.splitlines()[0]
        assert first.startswith(f"data/figures/funding.yaml:23:12: expected printable text, got {what} in "), first
        assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists()


def test_escape_in_a_key_is_refused(good_copy):
    path = good_copy / "figures" / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("caption:", '"capt\\x02ion":', 1), encoding="utf-8")
    result = run("validate", "data")
    assert result.exit_code == 1
    assert "data/figures/funding.yaml:6:1: expected printable text, got the control character U+0002" in result.output


def test_newlines_and_inner_tabs_stay(good_copy, tmp_path):
    _set_label(good_copy, '"King\'s\\tFund"')
    path = good_copy / "figures" / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    role: An independent charity that funds and publishes work on health.",
        '    role: "An independent charity.\\nIt funds and publishes work on health."'), encoding="utf-8")
    build_site("data", tmp_path / "site")


def test_number_and_boolean_keys_are_reported_as_written(good_copy):
    path = good_copy / "figures" / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("page: 12\n", "page: 12\n1: one\ntrue: yes\n", 1),
                    encoding="utf-8")
    result = run("validate", "data")
    assert result.exit_code == 1
    assert "duplicate key" not in result.output and "'True'" not in result.output
    assert "data/figures/funding.yaml:8:1: 1: unknown key '1'" in result.output
    assert "data/figures/funding.yaml:9:1: true: unknown key 'true'" in result.output
