"""Dates and lineage: the model, the loader's checks and --strict."""

from pathlib import Path

from click.testing import CliRunner

from policymap import history
from policymap.cli import cli
from policymap.schema import Source

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad"


def test_partial_dates_stand_for_their_first_day():
    assert history.date_key("2013") == (2013, 1, 1)
    assert history.date_key("2013-04") == (2013, 4, 1)
    assert history.date_key("2013-04-01") == (2013, 4, 1)
    assert history.format_date("2013-04-01") == "1 April 2013" and history.format_date("2006-05") == "May 2006"


def test_a_body_exists_from_its_start_until_the_day_it_ended():
    at = history.date_key
    assert history.exists_at(None, "2013-04-01", at("2013-03-31"))
    assert not history.exists_at(None, "2013-04-01", at("2013-04-01"))
    assert history.exists_at("2013-04", None, at("2013-04-01")) and not history.exists_at("2013-04", None, at("2013-03"))


def test_sources_read_as_a_reader_looks_them_up():
    act = Source(kind="act", title="Health and Social Care Act 2012", section="s 34")
    si = Source(kind="statutory-instrument", title="The Integrated Care Boards (Establishment) Order 2022", number="2022/634")
    news = Source(kind="announcement", title="Ambitious plans to drive levelling up agenda", by="Prime Minister's Office",
                  date="2021-09-19")
    assert history.cite(act) == "Health and Social Care Act 2012, s 34"
    assert history.cite(si) == "The Integrated Care Boards (Establishment) Order 2022 (SI 2022/634)"
    assert history.cite(news) == "Ambitious plans to drive levelling up agenda (Prime Minister's Office, 19 September 2021)"


def test_strict_fails_on_a_history_warning(good_copy):
    (good_copy / "bodies" / "since.yaml").write_bytes((BAD / "bodies--change-without-source.yaml").read_bytes())
    runner = CliRunner()
    assert runner.invoke(cli, ["validate", "data"]).exit_code == 0
    result = runner.invoke(cli, ["validate", "--strict", "data"])
    assert result.exit_code == 1
    assert "'kings-fund-successor' abolished on 2015-03-31 with no source" in result.output
