"""The contract between the build and the page script, written down as typed models.

Two things cross from Python to the browser:

- ``assets/site-data.js`` (``SiteData``): what every map page shares, once: each body's panel
  text, each map's relations keyed by id, the vocabularies and the styles;
- ``assets/maps/<page>.js`` (``PageData``, ``window.policymapPage``): each map's own view
  (positions, regions, tours, presentation layout, dates) and the fields in which its copy of a
  shared body differs. It is a script of its own, not part of the page, so the page's heading
  and text version arrive without it; the page loads it after the first paint.

Every value the page shows that follows from the data is computed here, once: relation
readings with their subject and object phrases, kind and level labels, "as of" and page texts,
map names. The page script (static/js/data.js) only joins the two. Relations are keyed by a
stable id, ``source--relation--target`` (graph.edge_records), the same in the drawing, the site
data, tour steps and addresses (``#edge=``).

``policymap.pagedata.json_schema_text()`` is committed as ``schema/page-data.schema.json``;
a test checks it is current and that every built page validates against it.
"""

from __future__ import annotations

import json
from typing import Any, Optional, Union

Number = Union[int, float]

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.json_schema import models_json_schema

SCHEMA_PATH = "schema/page-data.schema.json"


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Fact(_Wire):
    """A fact or lesson with the guide's page."""

    text: str = Field(description="The fact, in the project's own words.")
    page: int = Field(description="The guide's page that says it.")


class PartnerIn(_Wire):
    """A case study a body takes part in (whole-system map)."""

    case_study: str = Field(description="The case study's body id.")
    title: str = Field(description="The case study's title.")
    name: Optional[str] = Field(default=None, description="The body's name in that case study.")
    role: Optional[str] = Field(default=None, description="What it does there.")
    pages: list[int] = Field(default_factory=list, description="The guide's pages on its part.")


class Body(_Wire):
    """A body as its panel and the text version show it."""

    label: str = Field(description="Its name.")
    acronym: Optional[str] = Field(default=None, description="Its acronym, if it has one.")
    acronym_expansion: Optional[str] = Field(default=None, description="What the acronym stands for, when not the label.")
    subj: Optional[str] = Field(default=None, description="How a sentence starts with it, when not its label: "
                                                         "'The Neighbourhood Renewal Unit'.")
    obj: Optional[str] = Field(default=None, description="How a sentence names it mid-way, when not its label: "
                                                        "'the Neighbourhood Renewal Unit'.")
    again: Optional[str] = Field(default=None, description="How a route names it once named, when not its obj: "
                                                          "its acronym where no other body on the map has it ('the NSF').")
    plural: bool = Field(default=False, description="Whether relations read in the plural after it.")
    kind: str = Field(description="Kind id.")
    kind_label: str = Field(description="Kind, in words.")
    level: str = Field(description="Level id.")
    level_label: str = Field(description="Level, in words.")
    role: str = Field(description="Its role in one sentence.")
    description: Optional[str] = Field(default=None, description="More about it.")
    facts: list[Fact] = Field(default_factory=list, description="Facts with pages.")
    lessons: list[Fact] = Field(default_factory=list, description="What a case study teaches (whole-system map).")
    glossary: list[str] = Field(default_factory=list, description="Glossary term ids (SiteData.glossary).")
    website: Optional[str] = Field(default=None, description="Website id (SiteData.websites).")
    pages: list[int] = Field(default_factory=list, description="The guide's pages on it.")
    pages_text: Optional[str] = Field(default=None, description="The pages in words: 'pp 18, 19'.")
    note: Optional[str] = Field(default=None, description="A note on the body.")
    figure_note: Optional[str] = Field(default=None, description="A note on the body on this map.")
    layer: Optional[str] = Field(default=None, description="Figure 1's layer of influence (SiteData.layers).")
    figures: list[str] = Field(default_factory=list, description="Ids of the maps that show it.")
    case_study: Optional[str] = Field(default=None, description="The case study it belongs to (whole-system map).")
    case_study_role: Optional[str] = Field(default=None, description="'project' or 'partner'.")
    partner_in: list[PartnerIn] = Field(default_factory=list, description="Case studies it takes part in.")
    place: Optional[str] = Field(default=None, description="Where a case-study project is.")
    source: Optional[str] = Field(default=None, description="Where the whole-system map took it from.")


#: A map's own copy of a body, as the fields that differ from SiteData.bodies; ``unset`` names
#: fields the shared copy has and this map's copy lacks.
BodyPatch = create_model(
    "BodyPatch", __base__=_Wire, __doc__="The fields in which a map's copy of a body differs from the shared copy.",
    unset=(list[str], Field(default_factory=list, description="Fields of the shared copy this map's copy lacks.")),
    **{name: (Optional[field.annotation], Field(default=None, description=field.description))
       for name, field in Body.model_fields.items()})


class Relation(_Wire):
    """One relation on one map, ready to read."""

    source: str = Field(description="Subject body id.")
    target: str = Field(description="Object body id.")
    relation: str = Field(description="Relation type id.")
    reading: str = Field(description="The verb after the subject, singular or plural as the subject is: "
                                      "'commission', 'is accountable to'. Its subject and object phrases are the "
                                      "bodies' subj and obj; its type in words is SiteData.relations[relation][2].")
    inverse: str = Field(description="The relation read from its object, after a subject as the object is "
                                      "singular or plural, '{}' where the subject body goes: 'is funded by'.")
    evidence: str = Field(description="'stated' or 'implied'.")
    page: int = Field(description="The guide's page.")
    note: Optional[str] = Field(default=None, description="A note on the relation.")
    case_study: Optional[str] = Field(default=None, description="The case study it belongs to (whole-system map).")


class Layer(_Wire):
    """Figure 1's layer of influence on health: label and colours."""

    label: str = Field(description="Legend label.")
    color: str = Field(description="Border colour.")
    fill: str = Field(description="Fill colour.")


class Term(_Wire):
    """A glossary term."""

    term: str = Field(description="The term.")
    definition: str = Field(description="Its definition, in the project's words.")


class Website(_Wire):
    """A website the guide printed."""

    name: str = Field(description="Whose site.")
    url: str = Field(description="The address (http or https).")
    printed: str = Field(description="The address as printed.")


class MapInfo(_Wire):
    """A map of the site."""

    number: Optional[int] = Field(default=None, description="Its figure number.")
    title: str = Field(description="Its title.")
    url: str = Field(description="Its page, relative to the site.")
    name: str = Field(description="How sentences name it: 'Figure 3', or its title.")


class SearchEntry(_Wire):
    """A body anyone can search for, with the first map that shows it."""

    id: str = Field(description="Body id.")
    label: str = Field(description="Its name.")
    acronym: Optional[str] = Field(default=None, description="Its acronym.")
    terms: list[str] = Field(default_factory=list, description="Glossary terms it is found by.")
    map: str = Field(description="The first map that shows it (SiteData.maps: its name and page).")


class LegendStyles(_Wire):
    """The legend's swatches, in the vocabularies' order."""

    kinds: list[tuple[str, str, str, str]] = Field(description="(kind, border colour, fill, shape).")
    levels: list[str] = Field(description="Level ids from the top down.")
    relations: list[tuple[str, str, str, Number]] = Field(description="(relation, colour, arrowhead, line width).")
    families: list[tuple[str, str, str, Number, str]] = Field(
        description="(relation family, colour, arrowhead, line width, what the legend says of it).")
    layers: list[tuple[str, str, str, str]] = Field(description="(layer, colour, fill, label).")


class SiteData(_Wire):
    """assets/site-data.js: ``window.policymapSite``, what every map page shares."""

    bodies: dict[str, Body] = Field(description="Every body once, as the first map that shows it has it.")
    edges: dict[str, dict[str, Relation]] = Field(description="Each map's relations by id (source--relation--target).")
    kinds: dict[str, str] = Field(description="Kind ids and labels.")
    levels: dict[str, str] = Field(description="Level ids and labels.")
    layers: dict[str, Layer] = Field(description="Figure 1's layers.")
    relations: dict[str, list[str]] = Field(description="Relation ids: [singular reading, plural reading, label].")
    glossary: dict[str, Term] = Field(description="Glossary terms by id.")
    websites: dict[str, Website] = Field(description="Websites by id.")
    maps: dict[str, MapInfo] = Field(description="Every map by id.")
    search: list[SearchEntry] = Field(description="Every body, for search across maps.")
    aliases: dict[str, str] = Field(description="The guide's abbreviations that name a body (GOL), for routes.")
    legend: LegendStyles = Field(description="Legend swatches.")
    vis_options: dict[str, Any] = Field(description="vis-network options shared by every map.")
    present_kinds: dict[str, Any] = Field(description="Presentation mode's style per kind.")


class PageFigure(_Wire):
    """The map a page draws."""

    id: str = Field(description="Map id.")
    number: Optional[int] = Field(default=None, description="Figure number.")
    title: str = Field(description="Title.")
    name: str = Field(description="'Figure 2: Mental health services', for exports.")
    as_of: str = Field(description="The date its structures are as of: YYYY, YYYY-MM or YYYY-MM-DD.")
    as_of_text: str = Field(description="That date in words: 'May 2003'.")
    source: Optional[str] = Field(default=None, description="The source line.")


class VisNode(_Wire):
    """A body as vis-network draws it."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)  # drawing styles grow with the legend

    id: str = Field(description="Body id.")
    label: str = Field(description="Drawn label.")
    x: Number = Field(description="Layout x.")
    y: Number = Field(description="Layout y.")
    group: str = Field(description="Kind (a vis-network group).")


class VisArrowHead(_Wire):
    """The arrowhead at a relation's object end."""

    enabled: bool = Field(description="Drawn.")
    type: str = Field(description="vis-network arrow type: the relation family's own head.")
    scaleFactor: Number = Field(description="Its size relative to vis-network's default.")


class VisArrows(_Wire):
    """Arrowheads of a relation."""

    to: VisArrowHead = Field(description="The head at the object end.")


class VisEdge(_Wire):
    """A relation as vis-network draws it; ``id`` keys SiteData.edges[map]."""

    id: str = Field(description="Relation id, source--relation--target.")
    from_: str = Field(alias="from", description="Subject body id.")
    to: str = Field(description="Object body id.")
    color: str = Field(description="Line colour.")
    arrows: Optional[VisArrows] = Field(default=None, description="Arrowhead of the relation's family.")
    label: Optional[str] = Field(default=None, description="Drawn label (maps of up to 150 bodies).")
    dashes: bool = Field(default=False, description="Dashed: implied.")
    width: Optional[Number] = Field(default=None, description="Line width, when not the default.")


class Vis(_Wire):
    """What vis-network draws."""

    nodes: list[VisNode] = Field(description="Bodies.")
    edges: list[VisEdge] = Field(description="Relations.")


class Region(_Wire):
    """A labelled panel drawn under the bodies."""

    id: str = Field(description="Region id.")
    label: str = Field(description="Heading.")
    x: Number = Field(description="Left.")
    y: Number = Field(description="Top.")
    width: Number = Field(description="Width.")
    height: Number = Field(description="Height.")
    inset: bool = Field(default=False, description="Drawn as an inset.")
    lines: list[str] = Field(default_factory=list, description="The heading's wrapped lines.")
    parent: Optional[str] = Field(default=None, description="The frame it lies in (whole-system map).")


class TourStep(_Wire):
    """One step of a tour."""

    title: str = Field(description="Step heading.")
    text: str = Field(description="Step text.")
    nodes: list[str] = Field(description="Bodies it highlights.")
    edges: list[str] = Field(default_factory=list, description="Relation ids it highlights.")
    pages: list[int] = Field(default_factory=list, description="Guide pages that say what the step says.")
    at: Optional[str] = Field(default=None, description="The date the step shows the map at (the 'What changed' tour).")
    part: Optional[str] = Field(default=None, description="The part of the whole-system map it shows in presentation "
                                "mode (PageData.parts).")


class PageTour(_Wire):
    """A guided tour."""

    id: str = Field(description="Tour id (#tour=<id>).")
    title: str = Field(description="Title.")
    steps: list[TourStep] = Field(description="Steps.")


class Presentation(_Wire):
    """Presentation mode's layout and sizes."""

    positions: dict[str, tuple[Number, Number]] = Field(description="Each body's position.")
    labels: dict[str, str] = Field(description="Each body's label, lines joined with newlines.")
    regions: list[Region] = Field(description="Region panels.")
    font: int = Field(description="Label size.")
    heading: int = Field(description="Region heading size.")
    margin: int = Field(description="Label margin.")
    border: int = Field(description="Border width.")
    fit_margin: int = Field(description="Margin when fitting the whole map.")
    scale: float = Field(description="The estimated fitted scale at 1280x720.")


class Part(_Wire):
    """A part of the whole-system map, as presentation mode shows it (parts.system_parts): a figure,
    the case studies, or a tour step's bodies."""

    id: str = Field(description="Part id: a map's id, 'case-studies', or '<tour>--step-<n>' for a step's part.")
    title: str = Field(description="As the part chooser and screen readers name it.")
    bodies: list[str] = Field(description="The bodies it shows, sorted; the rest are hidden while it is shown.")
    present: Optional[Presentation] = Field(default=None, description="Its presentation layout; none for a part too "
                                            "large to pack at projector size (shown in the normal layout).")
    step: bool = Field(default=False, description="Made for a tour step: shown by the step, not offered by the chooser.")


class NamedBody(_Wire):
    """A body named in a step of a lineage."""

    id: str = Field(description="Body id.")
    label: str = Field(description="Its name.")


class LineageStep(_Wire):
    """One dated change in a body's lineage, with its sources (history_page)."""

    kind: str = Field(description="abolished, renamed, merged-into, split-into, replaced-by or absorbed-by.")
    date: str = Field(description="When it took effect: YYYY, YYYY-MM or YYYY-MM-DD.")
    date_text: str = Field(description="That date in words.")
    text: str = Field(description="The change as a sentence: 'Primary care trusts were replaced by clinical commissioning groups.'")
    bodies: list[NamedBody] = Field(description="The other bodies of the step: what it came from, or what it became.")
    sources: list[str] = Field(description="Where the change can be looked up (Act, statutory instrument, announcement).")
    note: Optional[str] = Field(default=None, description="What passed where.")


class Lineage(_Wire):
    """A body's lineage both ways."""

    came_from: list[LineageStep] = Field(description="The steps that led to it.")
    became_steps: list[LineageStep] = Field(description="What became of it.")


class LaterVis(_Wire):
    """How vis-network draws a body that came after the guide."""

    label: str = Field(description="Drawn label.")
    group: str = Field(description="Kind (a vis-network group).")


class LaterBody(_Wire):
    """A body that came after the guide, as its panel describes it."""

    vis: LaterVis = Field(description="How it is drawn.")
    label: str = Field(description="Its name.")
    acronym: Optional[str] = Field(default=None, description="Its acronym.")
    plural: bool = Field(description="True when the name names many bodies.")
    kind: str = Field(description="Kind id.")
    kind_label: str = Field(description="Kind, as the legend names it.")
    level: str = Field(description="Level id.")
    level_label: str = Field(description="Level, as the legend names it.")
    role: str = Field(description="Its role, in the project's own words.")
    description: Optional[str] = Field(default=None, description="A longer description.")
    note: Optional[str] = Field(default=None, description="An editorial note.")
    from_: Optional[str] = Field(default=None, alias="from", description="When it began.")
    from_text: Optional[str] = Field(default=None, description="That date in words.")
    sources: list[str] = Field(description="Where its beginning can be looked up.")
    placed_for: Optional[str] = Field(default=None, description="The body whose place it takes, or that it is drawn beside.")
    figures: list[str] = Field(description="Maps that show it at some date.")


class LaterRelation(_Wire):
    """A relation among bodies after the guide, with its sources, keyed by its stable id."""

    from_: str = Field(alias="from", description="Subject body id.")
    to: str = Field(description="Object body id.")
    relation: str = Field(description="Relation id.")
    reading: str = Field(description="The relation's verb phrase after its subject.")
    inverse: str = Field(description="The relation read from its object ('{}' where the subject goes), as Relation.inverse.")
    evidence: str = Field(description="'stated' or 'implied' by its source.")
    note: Optional[str] = Field(default=None, description="Comment.")
    color: str = Field(description="Line colour.")
    arrows: Optional[VisArrows] = Field(default=None, description="Arrowhead of the relation's family.")
    label: str = Field(description="Drawn label.")
    sources: Optional[list[str]] = Field(default=None, description="Where it can be looked up.")
    page: Optional[int] = Field(default=None, description="The guide's page, for a guide relation.")
    dashes: bool = Field(default=False, description="Dashed: implied.")
    width: Optional[Number] = Field(default=None, description="Line width, when not the default.")


class DateOption(_Wire):
    """An entry of the date control."""

    at: str = Field(description="The date (or 'today').")
    label: str = Field(description="As the control shows it.")
    state: Optional[str] = Field(default=None, description="For 'today': the date of the state it shows.")


class DatedLayout(_Wire):
    """Places for the map at the guide's date ('guide') or at every later date ('later')."""

    positions: dict[str, tuple[Number, Number]] = Field(description="Each body's position.")
    labels: dict[str, str] = Field(description="Each body's drawn label.")
    regions: list[Region] = Field(description="Region panels.")


class IdChange(_Wire):
    """A list of ids as a change to the same list at the date before (the first date adds all)."""

    add: list[str] = Field(description="Ids in the list now that were not at the date before.")
    drop: list[str] = Field(description="Ids in the list at the date before that are not now.")


class DateState(_Wire):
    """The map at one date of the control. Its lists are changes to the date before's, in the
    order of ``Timeline.states`` (history_page.as_changes; the page rebuilds them in timeline.js)."""

    layout: str = Field(description="'guide' or 'later': which of Timeline.layouts places it.")
    shown: IdChange = Field(description="Bodies standing then.")
    ended: IdChange = Field(description="Bodies of the map that had ended by then (drawn faded, or listed).")
    edges: IdChange = Field(description="Relations standing then.")
    ended_edges: IdChange = Field(description="Relations that had ended by then.")
    present: Optional[Presentation] = Field(default=None, description="Presentation layout of what stands then.")


class ChangeStep(_Wire):
    """A dated change on the map, for the 'What changed since 2003' tour."""

    at: str = Field(description="Its date.")
    title: str = Field(description="Step heading.")
    text: str = Field(description="The change as a sentence.")
    nodes: list[str] = Field(description="Bodies it concerns.")
    sources: list[str] = Field(description="Where it can be looked up.")
    note: Optional[str] = Field(default=None, description="What passed where.")


class Timeline(_Wire):
    """The map at each date something on it changed (history_page.page_timeline)."""

    guide: str = Field(description="The guide's date.")
    layouts: dict[str, DatedLayout] = Field(description="'guide' and 'later' layouts.")
    dates: list[DateOption] = Field(description="The date control's entries, in order, ending with 'today'.")
    states: dict[str, DateState] = Field(description="The map at each date, by date, oldest first.")
    nodes: dict[str, LaterBody] = Field(description="Bodies that came after the guide.")
    edges: dict[str, LaterRelation] = Field(description="Relations among bodies after the guide.")
    lineage: dict[str, Lineage] = Field(description="Each body's lineage, where it has one.")
    names: dict[str, list[str]] = Field(description="Each body's former and later names, for search.")
    changes: list[ChangeStep] = Field(description="Every dated change, in order.")


class PageData(_Wire):
    """A map page's own data (assets/maps/<page>.js, window.policymapPage): its own view of the map."""

    figure: PageFigure = Field(description="The map.")
    nodes: dict[str, BodyPatch] = Field(default_factory=dict, description="Where this map's copy of a body differs.")
    vis: Vis = Field(description="What vis-network draws.")
    regions: list[Region] = Field(default_factory=list, description="Region panels.")
    tours: list[PageTour] = Field(default_factory=list, description="Guided tours.")
    route_examples: list[str] = Field(default_factory=list, description=(
        "Two well-connected bodies of this map, by acronym or short label: the route boxes' placeholders."))
    whole: bool = Field(default=False, description="The whole-system map (case-study layer, Figure 1's layers).")
    present: Optional[Presentation] = Field(default=None, description="Presentation layout, for maps of up to 80 bodies.")
    parts: list[Part] = Field(default_factory=list, description="The whole-system map's parts: in presentation mode it "
                              "shows one at a time (the figures, then the case studies, then tour steps' own parts).")
    timeline: Optional[Timeline] = Field(default=None, description="The map at each later date it changed "
                                         "(history_page.page_timeline); relations keyed by id as everywhere.")


def wire(model: type[BaseModel], data: dict) -> dict:
    """``data`` checked against ``model`` and as the page reads it: empty and default fields left out."""
    return model.model_validate(data).model_dump(mode="json", by_alias=True, exclude_defaults=True)


def models_to_json_schema() -> dict:
    refs, top = models_json_schema([(SiteData, "validation"), (PageData, "validation")],
                                   ref_template="#/definitions/{model}", by_alias=True)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "policymap page data",
        "description": ("The data a map page reads: assets/site-data.js (window.policymapSite, SiteData) and the "
                        "map's own data, assets/maps/<page>.js (window.policymapPage, PageData). Generated from policymap.pagedata; do not edit by hand."),
        "anyOf": [refs[(SiteData, "validation")], refs[(PageData, "validation")]],
        "definitions": top["$defs"],
    }


def script_data(text: str) -> dict:
    """The data one of those scripts assigns (``window.policymapSite = JSON.parse("{...}");``), as the
    build wrote it: the JSON text as one string literal, which browsers read faster than the same
    object written out as a script (V8 scans a string; an object literal is parsed as code)."""
    assignment = text[text.index("\nwindow.") + 1:]
    value = assignment[assignment.index(" = ") + 3:].rstrip().removesuffix(";")
    return json.loads(json.loads(value.removeprefix("JSON.parse(").removesuffix(")")))


def json_schema_text() -> str:
    """The schema as committed: two-space indents, UTF-8 text, ending in a newline."""
    return json.dumps(models_to_json_schema(), indent=2, ensure_ascii=False) + "\n"
