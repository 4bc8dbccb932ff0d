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


# -- the real data at a date -------------------------------------------------------------------

import json  # noqa: E402

import networkx as nx  # noqa: E402
import pytest  # noqa: E402

from policymap import timeline  # noqa: E402
from policymap.graph import build_graph, edge_records  # noqa: E402
from policymap.layout import PRESENT_FONT, compute_layout, compute_map_layout, compute_presentation_layout  # noqa: E402
from policymap.site import _map_layout  # noqa: E402
from policymap.loader import load_project  # noqa: E402
from policymap.render import vis_shapes  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "data")
FIGURES = [f.id for f in PROJECT.figures]


def _fig(key):
    return PROJECT.figure(key)


@pytest.mark.parametrize("map_id", FIGURES)
def test_at_the_guides_date_each_map_is_exactly_todays_map(map_id):
    fig = _fig(map_id)
    guide = build_graph(PROJECT, fig)
    for keep_ended in (False, True):
        then = timeline.graph_at(PROJECT, fig, fig.as_of, keep_ended=keep_ended)
        assert dict(then.nodes(data=True)) == dict(guide.nodes(data=True))
        assert edge_records(then) == edge_records(guide)
        assert compute_layout(then, fig.regions) == compute_layout(guide, fig.regions)
        assert _map_layout(then, fig) == _map_layout(guide, fig)  # the layout the site draws


def test_after_april_2013_figure_2_has_no_pcts_and_has_their_successors():
    fig = _fig("2")
    before = timeline.graph_at(PROJECT, fig, "2013-03-31")
    after = timeline.graph_at(PROJECT, fig, "2013-04")
    assert "pct" in before and "ccg" not in before
    assert "pct" not in after and "sha" not in after
    assert {"ccg", "hwb"} <= set(after)
    assert after.nodes["ccg"]["region"] == before.nodes["pct"]["region"] == "commissioners"
    assert after.nodes["ccg"]["placed_for"] == "pct"
    assert [s["bodies"][0]["id"] for s in after.nodes["ccg"]["came_from"]] == ["pct"]
    today = timeline.graph_at(PROJECT, fig, timeline.today())
    assert "ccg" not in today and {"icb", "icp", "hwb", "dhsc"} <= set(today)
    assert today.nodes["icb"]["region"] == "commissioners"
    later = {(r["source"], r["relation"], r["target"]) for r in edge_records(today) if r.get("later")}
    assert ("icb", "member-of", "icp") in later and ("ccg", "member-of", "hwb") not in later


def test_every_post_guide_fact_has_a_source():
    nodes = timeline.all_nodes(PROJECT)
    for node_id, node in nodes.items():
        if node.became is not None:
            assert node.became.sources, node_id
        if node.from_ is not None and not node.pages:
            assert node.sources, node_id
    assert PROJECT.later_relations and all(r.sources for r in PROJECT.later_relations)
    for fig in PROJECT.figures:
        changes = timeline.map_changes(PROJECT, fig)
        assert changes
        assert all(c["sources"] for c in changes), [c["body"] for c in changes if not c["sources"]]


@pytest.mark.parametrize("map_id", FIGURES)
def test_each_date_of_a_map_lays_out_without_overlaps_and_presentation_keeps_the_22px_promise(map_id):
    fig = _fig(map_id)
    shapes = vis_shapes()
    ever = timeline.graph_at(PROJECT, fig, "9999-12-31", keep_ended=True)  # every body the map ever shows
    layout = compute_map_layout(ever, fig.regions, shapes)
    assert layout == compute_map_layout(timeline.graph_at(PROJECT, fig, "9999-12-31", keep_ended=True), fig.regions, shapes)
    _no_overlaps(layout.positions, layout.sizes)
    for at in timeline.dates_of(PROJECT, fig)[1:]:
        graph = timeline.graph_at(PROJECT, fig, at)  # presentation lists what ended rather than fading it
        present = compute_presentation_layout(graph, fig.regions, shapes)
        assert present.scale >= 1.0 and present.font == PRESENT_FONT, at
        _no_overlaps(present.positions, present.sizes)


def _no_overlaps(positions, sizes):
    boxes = [(x - sizes[n][0] / 2, y - sizes[n][1] / 2, x + sizes[n][0] / 2, y + sizes[n][1] / 2)
             for n, (x, y) in sorted(positions.items())]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_gexf_export_loads_in_networkx_with_its_periods(tmp_path):
    runner = CliRunner()
    out = tmp_path / "fig2.gexf"
    result = runner.invoke(cli, ["export", "2", "--format", "gexf", "-o", str(out), "--data", str(ROOT / "data")])
    assert result.exit_code == 0, result.output
    graph = nx.read_gexf(out)
    assert graph.graph["mode"] == "dynamic"
    assert graph.nodes["pct"]["end"] == "2013-04-01" and "start" not in graph.nodes["pct"]
    assert graph.nodes["ccg"]["start"] == "2013-04-01" and graph.nodes["ccg"]["end"] == "2022-07-01"
    assert graph.nodes["icb"]["start"] == "2022-07-01" and "end" not in graph.nodes["icb"]
    assert graph.edges["ccg", "hwb"]["start"] == "2013-04-01" and graph.edges["ccg", "hwb"]["end"] == "2022-07-01"
    assert graph.edges["pct", "lit"]["end"] == "2013-04-01"
    again = tmp_path / "again.gexf"
    runner.invoke(cli, ["export", "2", "--format", "gexf", "-o", str(again), "--data", str(ROOT / "data")])
    assert again.read_bytes() == out.read_bytes()  # same data, same file


def test_export_at_a_date(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "mental-health-services", "--at", "2014", "--data", str(ROOT / "data")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    ids = {n["id"] for n in data["nodes"]}
    assert "ccg" in ids and "pct" not in ids and data["graph"]["at"] == "2014"
    bad = runner.invoke(cli, ["export", "2", "--at", "2014-13", "--data", str(ROOT / "data")])
    assert bad.exit_code == 2 and "expected a real year, month or day, got '2014-13'" in bad.output
    assert runner.invoke(cli, ["export", "all", "--at", "2014", "--data", str(ROOT / "data")]).exit_code == 2


def test_diff_between_2003_and_today_names_each_change_with_its_source():
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", "--at", "2003-05", "--at", "today", str(ROOT / "data")])
    assert result.exit_code == 0, result.output
    for fig in PROJECT.figures:
        for change in timeline.map_changes(PROJECT, fig):
            assert timeline.change_sentence(change) in result.output
            for source in change["sources"]:
                assert f"source: {source}" in result.output
    assert "Primary care trusts were replaced by clinical commissioning groups" in result.output
    as_json = json.loads(runner.invoke(cli, ["diff", "--at", "2003-05", "--at", "today", "--format", "json",
                                             str(ROOT / "data")]).output)
    fig2 = next(m for m in as_json["maps"] if m["map"] == "mental-health-services")
    assert {"id": "pct", "label": "Primary care trusts"} in fig2["bodies_ended"]
    assert any(c["body"] == "pct" and c["sources"] == ["Health and Social Care Act 2012, s 34"] for c in fig2["changes"])
    page = runner.invoke(cli, ["diff", "--at", "2003-05", "--at", "2023", "--html", "2", str(ROOT / "data")]).output
    assert page.startswith("<!doctype html>") and "since the guide: Health and Care Act 2022, s 19" in page
    assert runner.invoke(cli, ["diff", "--at", "2003"]).exit_code == 2


def test_page_timeline_offers_each_date_with_its_layouts_and_sources():
    from policymap.history_page import page_timeline
    from policymap.site import gather_pages

    pages = gather_pages(PROJECT)
    page = pages["mental-health-services"]
    data = page.timeline
    assert data == page_timeline(PROJECT, page)  # what the site ships is the pure function's answer
    assert [d["at"] for d in data["dates"]] == ["2003-05", "2013-04-01", "2018-01-08", "2022-07-01", "today"]
    assert data["dates"][0]["label"] == "May 2003 (the guide)" and data["dates"][-1]["state"] == "2022-07-01"
    from policymap.history_page import standing
    guide = standing(data, "2003-05")
    assert data["states"]["2003-05"]["layout"] == "guide" and guide["shown"] == sorted(page.graph.nodes) and not guide["ended"]
    assert data["layouts"]["guide"]["positions"] == {n: list(xy) for n, xy in sorted(page.layout.positions.items())}
    later = standing(data, "2013-04-01")
    assert data["states"]["2013-04-01"]["shown"] == {"add": ["ccg", "hwb"], "drop": ["pct", "sha"]}  # a change to the date before's
    assert "pct" in later["ended"] and "ccg" in later["shown"] and "pct" not in later["shown"]
    assert set(later["shown"]) | set(later["ended"]) <= set(data["layouts"]["later"]["positions"])
    present = data["states"]["2013-04-01"]["present"]
    assert present["scale"] >= 1.0 and set(present["positions"]) == set(later["shown"])
    assert data["nodes"]["icb"]["sources"] == ["Health and Care Act 2022, s 19"]
    assert "PCT" in data["names"]["icb"] and "ICB" in data["names"]["pct"]
    steps = data["changes"]
    assert [s["at"] for s in steps] == sorted((s["at"] for s in steps), key=lambda d: history.date_key(d))
    assert all(s["sources"] for s in steps)
    assert pages["whole-system"].timeline is None


def test_each_dates_lists_survive_the_change_encoding_in_python_and_in_the_page():
    """The page data gives each date's lists as changes to the date before's; rebuilt, in Python
    and by the page's own timeline.js under Node, they are the map as graph_at draws it."""
    import json
    import shutil
    import subprocess

    from policymap import timeline
    from policymap.history_page import standing
    from policymap.site import gather_pages

    node = shutil.which("node")
    assert node, "Node is needed to run the page's timeline.js"
    loader = Path(__file__).resolve().parent.parent / "js" / "load.js"
    for page_id in ("mental-health-services", "renewal-regeneration"):
        page = gather_pages(PROJECT)[page_id]
        data, fig = page.timeline, page.figure
        script = ("const pm = require(%s).load(); const t = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
                  "process.stdout.write(JSON.stringify(pm.timeline.standing(t)));" % json.dumps(str(loader)))
        rebuilt = json.loads(subprocess.run([node, "-e", script], input=json.dumps(data), capture_output=True,
                                            text=True, check=True).stdout)
        assert list(rebuilt) == [d["at"] for d in data["dates"][:-1]]
        for at in rebuilt:
            shown = timeline.graph_at(PROJECT, fig, at)
            full = timeline.graph_at(PROJECT, fig, at, keep_ended=True)
            expected = standing(data, at)
            assert expected["shown"] == sorted(shown.nodes)
            assert expected["ended"] == sorted(n for n in full.nodes if n not in shown)
            assert {name: sorted(ids) for name, ids in rebuilt[at].items()} == expected, (page_id, at)
