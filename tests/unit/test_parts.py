"""The whole-system map's parts for presentation mode (parts.py), on the shipped data."""

from pathlib import Path

import pytest

from policymap.layout import compute_presentation_layout
from policymap.parts import (CAPTION_BAND, CASE_STUDIES, PART_TIGHT_STYLE, PART_VIEWPORT, STEP_VIEWPORT, part_layout,
                             system_parts)
from policymap.render import figure_context, site_data, vis_shapes
from policymap.schema import Step, Tour
from policymap.site import WHOLE_SYSTEM, gather_pages
from policymap.loader import load_project

PROJECT = load_project(Path(__file__).resolve().parents[2] / "data")


@pytest.fixture(scope="module")
def pages():
    return gather_pages(PROJECT)


def _no_overlaps(present):
    sizes = present.sizes
    boxes = [(x - sizes[n][0] / 2, y - sizes[n][1] / 2, x + sizes[n][0] / 2, y + sizes[n][1] / 2)
             for n, (x, y) in sorted(present.positions.items())]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def _page_data(pages, page_id=WHOLE_SYSTEM):
    _shared, own = site_data(PROJECT, pages)
    return figure_context(PROJECT, pages, pages[page_id], own[page_id])["page_data"]


def test_each_figure_part_is_that_figure_in_its_regions_packed_for_the_room_below_the_caption(pages):
    parts = {p.id: p for p in pages[WHOLE_SYSTEM].parts}
    assert [p.id for p in pages[WHOLE_SYSTEM].parts if not p.step] == [f.id for f in PROJECT.figures] + [
        f"{CASE_STUDIES}--{s.id}" for s in PROJECT.case_studies]
    for fig in PROJECT.figures:
        part = parts[fig.id]
        assert set(part.bodies) == set(pages[fig.id].graph.nodes)
        own = pages[fig.id].present  # as the figure's own page presents it, with the screen's whole height
        assert [r["label"] for r in part.present.regions] == [r["label"] for r in own.regions]
        whole = [n for n, label in part.present.labels.items() if label == own.labels[n]]
        assert len(whole) >= len(own.labels) - 6, (fig.id, len(whole))  # at most a few more names cut to acronyms
        assert part.title.startswith(f"Figure {fig.number}: ")


def test_every_part_is_packed_for_the_screen_less_the_caption_band(pages):
    assert PART_VIEWPORT == (1280, 720 - CAPTION_BAND)
    for part in pages[WHOLE_SYSTEM].parts:
        present = part.present
        viewport = STEP_VIEWPORT if part.step else PART_VIEWPORT
        fitted = min((viewport[0] - 16) / present.width, (viewport[1] - 16) / present.height)
        assert fitted >= 1.0, (part.id, fitted)  # drawn at 22 px or more in the room below the caption


def test_a_part_too_full_for_the_presentation_style_is_packed_a_little_tighter(pages):
    fig = PROJECT.figures[0]  # Figure 2 fills a 1280x720 screen at 22 px: below the caption it needs narrower gaps
    graph = pages[fig.id].graph
    loose = compute_presentation_layout(graph, fig.regions, vis_shapes(), viewport=PART_VIEWPORT)
    assert loose.scale < 1.0
    packed = part_layout(compute_presentation_layout, graph, fig.regions, vis_shapes())
    assert packed.scale >= 1.0
    assert packed == compute_presentation_layout(graph, fig.regions, vis_shapes(), viewport=PART_VIEWPORT,
                                                 style=PART_TIGHT_STYLE)


def test_each_case_study_part_holds_the_study_and_the_bodies_it_works_with(pages):
    whole = pages[WHOLE_SYSTEM].graph
    parts = {p.id: p for p in pages[WHOLE_SYSTEM].parts}
    shown = set()
    for study in PROJECT.case_studies:
        part = parts[f"{CASE_STUDIES}--{study.id}"]
        own = {n for n, a in whole.nodes(data=True) if a.get("case_study") == study.id}
        linked = {o for n in own for o in set(whole.successors(n)) | set(whole.predecessors(n))}
        linked = {o for o in linked if not whole.nodes[o].get("case_study")}
        assert set(part.bodies) == own | linked and study.id in own and linked, study.id
        assert part.title == f"Case study: {study.title}"
        assert [r["label"] for r in part.present.regions] == [study.title, "On the figures: bodies it works with"]
        shown |= own
    assert shown == {n for n, a in whole.nodes(data=True) if a.get("case_study")}
    assert {"local-people", "mental-health-trusts"} <= set(parts[f"{CASE_STUDIES}--wise-people"].bodies)


def test_every_part_fits_1280x720_with_22px_labels_and_no_overlaps(pages):
    for part in pages[WHOLE_SYSTEM].parts:
        assert part.present.scale >= 1.0 and part.present.font == 22, part.id
        assert sorted(part.present.positions) == sorted(part.bodies)
        _no_overlaps(part.present)


def test_every_whole_system_tour_step_names_a_part_holding_its_bodies(pages):
    data = _page_data(pages)
    parts = {p["id"]: p for p in data["parts"]}
    assert len(data["tours"]) >= 2
    for tour in data["tours"]:
        for step in tour["steps"]:
            assert set(step["nodes"]) <= set(parts[step["part"]]["bodies"]), (tour["id"], step["title"])
    first = data["tours"][0]["steps"]
    assert first[0]["part"] == "mental-health-services" and first[-1]["part"] != "mental-health-services"
    assert all("parts" not in _page_data(pages, fig.id) for fig in PROJECT.figures)


def test_a_step_across_the_parts_gets_a_part_of_its_own(pages):
    whole = pages[WHOLE_SYSTEM].graph
    step = Step(title="From a case study to the renewal fund", text="Across the maps.",
                nodes=["first-step-trust", "nrf", "nimhe", "scmh"], edges=[])
    tour = Tour(id="across", title="Across", steps=[step])
    figures = [(f, pages[f.id].graph, pages[f.id].present) for f in PROJECT.figures]
    parts = system_parts(figures, whole, [tour], vis_shapes())
    own = [p for p in parts if p.step]
    assert [p.id for p in own] == ["across--step-1"]
    assert own[0].bodies == ("first-step-trust", "nimhe", "nrf", "scmh")
    assert own[0].present.scale >= 1.0
    headings = [r["label"] for r in own[0].present.regions]
    assert "Figure 2" in headings and any(h.startswith("Case study: ") for h in headings)
    assert parts == system_parts(figures, whole, [tour], vis_shapes())  # deterministic


def test_parts_in_the_page_data_are_deterministic(pages):
    again = gather_pages(PROJECT)
    assert _page_data(pages)["parts"] == _page_data(again)["parts"]
