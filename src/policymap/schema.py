"""The data model of a policy map: pydantic models and closed vocabularies.

No I/O here: ``loader`` reads YAML and validates it into these models.
Every field carries a description; ``policymap schema`` exports them as
JSON Schema for editors.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG)
#: Map ids the site uses for its own pages and folders.
RESERVED_MAP_IDS = frozenset({"index", "glossary", "assets", "whole-system"})

Slug = Annotated[
    str,
    Field(pattern=SLUG, description="A kebab-case id: lower-case letters, digits and single hyphens."),
]
Page = Annotated[int, Field(ge=1, le=999, description="A page number in the printed guide.")]
Text = Annotated[str, Field(min_length=1)]  # each field sets its own max_length

#: Kinds of node, with the label shown in legends and panels.
KINDS: dict[str, str] = {
    "government-department": "Government department",
    "government-unit": "Unit within a department",
    "national-body": "National body",
    "regional-body": "Regional body",
    "local-body": "Local body",
    "nhs-body": "NHS body",
    "partnership": "Partnership",
    "programme": "Programme",
    "fund": "Fund",
    "strategy": "Strategy or plan",
    "standard": "Standard or framework",
    "legislation": "Legislation",
    "community-group": "Community or voluntary group",
    "service": "Service or team",
    "people": "People",
    "workforce-role": "Workforce role",
}

#: Levels of government, from the top down.
LEVELS: dict[str, str] = {
    "national": "National",
    "regional": "Regional",
    "local": "Local",
    "neighbourhood": "Neighbourhood",
}

#: Relations: (reading after a singular subject, reading after a plural subject, legend label).
RELATIONS: dict[str, tuple[str, str, str]] = {
    "commissions": ("commissions", "commission", "commissions"),
    "provides": ("provides", "provide", "provides"),
    "funds": ("funds", "fund", "funds"),
    "allocates-budget-to": ("allocates budgets to", "allocate budgets to", "allocates budget to"),
    "accountable-to": ("is accountable to", "are accountable to", "accountable to"),
    "sponsors": ("sponsors", "sponsor", "sponsors"),
    "implements": ("implements", "implement", "implements"),
    "develops-and-monitors": ("develops and monitors", "develop and monitor", "develops and monitors"),
    "advises": ("advises", "advise", "advises"),
    "works-through": ("works through", "work through", "works through"),
    "works-with": ("works with", "work with", "works with"),
    "member-of": ("is a member of", "are members of", "member of"),
    "part-of": ("is part of", "are part of", "part of"),
    "links-to": ("links to", "link to", "links to"),
    "subsumed-into": ("was subsumed into", "were subsumed into", "subsumed into"),
    "leads": ("leads", "lead", "leads"),
    "supports": ("supports", "support", "supports"),
    "administers": ("administers", "administer", "administers"),
    "employs": ("employs", "employ", "employs"),
    "coordinates": ("co-ordinates", "co-ordinate", "co-ordinates"),
    "originates-from": ("originates from", "originate from", "originates from"),
    "sets-framework-for": ("sets the framework for", "set the framework for", "sets framework for"),
    "scrutinises": ("scrutinises", "scrutinise", "scrutinises"),
    "promotes": ("promotes", "promote", "promotes"),
}

#: Each relation read the other way, from its object: after a singular and a plural subject. "{}" stands for
#: the other body where it is not at the end ("counts {} among its members").
INVERSE_READINGS: dict[str, tuple[str, str]] = {
    "commissions": ("is commissioned by", "are commissioned by"),
    "provides": ("is provided by", "are provided by"),
    "funds": ("is funded by", "are funded by"),
    "allocates-budget-to": ("gets budgets from", "get budgets from"),
    "accountable-to": ("holds {} to account", "hold {} to account"),
    "sponsors": ("is sponsored by", "are sponsored by"),
    "implements": ("is carried out by", "are carried out by"),
    "develops-and-monitors": ("is developed and monitored by", "are developed and monitored by"),
    "advises": ("is advised by", "are advised by"),
    "works-through": ("brings together", "bring together"),
    "works-with": ("works with", "work with"),
    "member-of": ("counts {} among its members", "count {} among their members"),
    "part-of": ("includes", "include"),
    "links-to": ("is linked to", "are linked to"),
    "subsumed-into": ("took in", "took in"),
    "leads": ("is led by", "are led by"),
    "supports": ("is supported by", "are supported by"),
    "administers": ("is run by", "are run by"),
    "employs": ("is employed by", "are employed by"),
    "coordinates": ("is co-ordinated by", "are co-ordinated by"),
    "originates-from": ("gave rise to", "gave rise to"),
    "sets-framework-for": ("works to", "work to"),
    "scrutinises": ("is scrutinised by", "are scrutinised by"),
    "promotes": ("is promoted by", "are promoted by"),
}

#: The layers of influence on health of the guide's Figure 1.
LAYERS: dict[str, str] = {
    "upstream": "Upstream: general socio-economic, cultural and environmental conditions",
    "midstream": "Midstream: living and working conditions, social and community influences",
    "downstream": "Downstream: individual lifestyle factors and services to individuals",
}

Kind = Literal[tuple(KINDS)]  # type: ignore[valid-type]
Level = Literal[tuple(LEVELS)]  # type: ignore[valid-type]
Relation = Literal[tuple(RELATIONS)]  # type: ignore[valid-type]
Layer = Literal[tuple(LAYERS)]  # type: ignore[valid-type]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Fact(_Model):
    """A figure or fact from the guide, with its page."""

    text: Text = Field(max_length=2000, description="The fact in your own words, e.g. 'Covers the 88 most deprived local authority areas.'")
    page: Page = Field(description="The guide page that gives the fact.")


class Point(_Model):
    """A sentence about a figure (a driver for change or a challenge), with its page."""

    text: Text = Field(max_length=2000, description="One point in your own words.")
    page: Page = Field(description="The guide page it comes from.")


#: A year, year-month or date: "2013", "2013-04" or "2013-04-01".
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _real_date(value: str) -> str:
    import datetime

    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise ValueError(f"expected a real year, month or day, got {value!r}") from None
    return value


PartialDate = Annotated[str, Field(pattern=DATE, description='A year, year-month or date in quotes: "2013", "2013-04" or "2013-04-01".'),
                        AfterValidator(_real_date)]

#: What became of a body: (reading after a singular subject, after a plural subject).
CHANGES: dict[str, tuple[str, str]] = {
    "abolished": ("was abolished", "were abolished"),
    "renamed": ("was renamed", "were renamed"),
    "merged-into": ("was merged into", "were merged into"),
    "split-into": ("was split into", "were split into"),
    "replaced-by": ("was replaced by", "were replaced by"),
    "absorbed-by": ("was absorbed by", "were absorbed by"),
}

#: Kinds of source a reader can look up for a fact from after the guide.
SOURCE_KINDS: dict[str, str] = {
    "act": "Act of Parliament",
    "statutory-instrument": "Statutory instrument",
    "announcement": "Official announcement",
}

ChangeKind = Literal[tuple(CHANGES)]  # type: ignore[valid-type]
SourceKind = Literal[tuple(SOURCE_KINDS)]  # type: ignore[valid-type]


def _date_text(value):
    """YAML reads an unquoted 2013 as a number and 2013-04-01 as a date; take both as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    return value


class Source(_Model):
    """Where a fact from after the guide can be looked up: an Act, a statutory instrument or an official announcement."""

    kind: SourceKind = Field(description="What sort of source: " + ", ".join(SOURCE_KINDS) + ".")
    title: Text = Field(max_length=300, description="Its title as published: the Act with its year ('Health and Social Care Act 2012'), the instrument's name, or the announcement's heading.")
    section: str | None = Field(default=None, max_length=60, description="For an Act: the section or schedule that makes the change, e.g. 's 34'.")
    number: str | None = Field(default=None, pattern=r"^\d{4}/\d{1,5}$", description="For a statutory instrument: its number, year/number, e.g. '2013/160'.")
    date: PartialDate | None = Field(default=None, description="For an announcement (required there): the day it was made; for others, when it was made or came into force.")
    by: str | None = Field(default=None, max_length=200, description="For an announcement: who made it, e.g. 'Prime Minister's Office'.")
    url: str | None = Field(default=None, max_length=500, description="Optional address where it is published; only http(s) links are allowed.")

    _dates = field_validator("date", mode="before")(lambda cls, v: _date_text(v))

    @field_validator("url")
    @classmethod
    def _safe_url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s<>\"']+$", value):
            raise ValueError(f"expected an http(s):// link, got {value!r}")
        return value

    @model_validator(mode="after")
    def _lookable(self):
        if self.kind == "act" and not re.search(r"\b(1[89]|20)\d{2}$", self.title):
            raise ValueError(f"expected an Act's title ending in its year, e.g. 'Health and Care Act 2022', got {self.title!r}")
        if self.kind == "statutory-instrument" and self.number is None:
            raise ValueError("expected the statutory instrument's 'number' (year/number, e.g. '2013/160'), got none")
        if self.kind == "announcement" and self.date is None:
            raise ValueError("expected the announcement's 'date' (e.g. \"2018-01-08\"), got none")
        return self


class Change(_Model):
    """What became of a body, when, and on whose authority."""

    kind: ChangeKind = Field(description="What happened: " + ", ".join(CHANGES) + ".")
    date: PartialDate = Field(description='When it took effect: the first day the body no longer existed as before, e.g. "2013-04-01".')
    into: list[Slug] = Field(default_factory=list, description="Ids of the bodies it became or whose work took it over (none for 'abolished'; exactly one for 'renamed').")
    sources: list[Source] = Field(default_factory=list, description="Where the change can be looked up: the Act, statutory instrument or announcement.")
    note: str | None = Field(default=None, max_length=2000, description="What passed where, in your own words.")

    _dates = field_validator("date", mode="before")(lambda cls, v: _date_text(v))

    @model_validator(mode="after")
    def _successors(self):
        count = len(self.into)
        if self.kind == "abolished" and count:
            raise ValueError("expected no 'into' for 'abolished', got successors; use 'replaced-by' or 'absorbed-by' for a body whose work passed on")
        if self.kind == "renamed" and count != 1:
            raise ValueError(f"expected exactly one body in 'into' for 'renamed', got {count}")
        if self.kind == "split-into" and count < 2:
            raise ValueError(f"expected at least two bodies in 'into' for 'split-into', got {count}")
        if self.kind not in ("abolished", "renamed", "split-into") and not count:
            raise ValueError(f"expected at least one body in 'into' for '{self.kind}', got none")
        return self


class Node(_Model):
    """An organisation, body, programme, fund, plan, standard or group."""

    id: Slug = Field(description="Unique id, kebab-case; the same body keeps the same id in every map.")
    label: Text = Field(max_length=120, description="The name as a newcomer would read it, e.g. 'Primary care trusts'.")
    acronym: str | None = Field(default=None, max_length=20, description="The guide's abbreviation, e.g. 'PCT'.")
    plural: bool = Field(default=False, description="True when the label names many bodies ('Primary care trusts'), so relations read 'commission' not 'commissions'.")
    kind: Kind = Field(description="What sort of thing this is: " + ", ".join(KINDS) + ".")
    level: Level = Field(description="Where it works: " + ", ".join(LEVELS) + ".")
    region: Slug | None = Field(default=None, description="The figure region it sits in (an id from the figure's regions). Not used in shared bodies: a figure places them.")
    layer: Layer | None = Field(default=None, description="Figure 1 layer of influence on health, where the guide gives one: upstream, midstream or downstream.")
    role: Text = Field(max_length=600, description="One or two plain sentences: what this body does in this system.")
    description: str | None = Field(default=None, max_length=2000, description="Optional longer description, in your own words.")
    facts: list[Fact] = Field(default_factory=list, description="Figures from the guide, each with its page.")
    glossary: list[Slug] = Field(default_factory=list, description="Ids of glossary terms (data/glossary.yaml) that explain this body.")
    website: Slug | None = Field(default=None, description="Id of its Section 5 website entry (data/websites.yaml).")
    pages: list[Page] = Field(default_factory=list, description="Guide pages that describe it.")
    note: str | None = Field(default=None, max_length=2000, description="An editorial note: how an ambiguity in the guide was decided, or what has changed since.")
    from_: PartialDate | None = Field(default=None, alias="from", description="When it began, if after the guide or worth saying: a year, year-month or date in quotes. Leave out for a body that existed at the guide's date.")
    until: PartialDate | None = Field(default=None, description="When it ended: the first day it no longer existed. Leave out while it exists; taken from 'became' when that is given.")
    became: Change | None = Field(default=None, description="What became of it (abolished, renamed, merged into, split into, replaced by or absorbed by other bodies), when, with its source.")
    sources: list[Source] = Field(default_factory=list, description="For a body that came after the guide: where its establishment can be looked up, instead of a guide page.")
    beside: Slug | None = Field(default=None, description="For a body that came after the guide and succeeds none on the maps: the body it is drawn beside (or in place of, once that has gone), in every map that shows that body.")

    _dates = field_validator("from_", "until", mode="before")(lambda cls, v: _date_text(v))


class SharedRef(_Model):
    """A shared body (from data/bodies/) placed in this figure."""

    id: Slug = Field(description="Id of a body defined in data/bodies/*.yaml.")
    region: Slug | None = Field(default=None, description="The figure region it sits in.")
    note: str | None = Field(default=None, max_length=2000, description="What is particular to this body in this figure.")


class Edge(_Model):
    """A relation from one node to another, read as 'source relation target'."""

    source: Slug = Field(description="Id of the node the sentence starts with.")
    target: Slug = Field(description="Id of the node the sentence ends with.")
    relation: Relation = Field(description="The relation: " + ", ".join(RELATIONS) + ".")
    evidence: Literal["stated", "implied"] = Field(description="'stated' when the guide says it in so many words; 'implied' when it only follows from the text.")
    page: Page = Field(description="The guide page that states or implies it.")
    note: str | None = Field(default=None, max_length=2000, description="Optional comment shown with the relation.")
    from_: PartialDate | None = Field(default=None, alias="from", description="When the relation began, if not at the guide's date.")
    until: PartialDate | None = Field(default=None, description="When the relation ended: the first day it no longer held. A relation also ends when either body does.")
    sources: list[Source] = Field(default_factory=list, description="Where a date given after the guide can be looked up.")

    _dates = field_validator("from_", "until", mode="before")(lambda cls, v: _date_text(v))


class LaterRelation(_Model):
    """A relation among bodies as they stood after the guide, read as 'source relation target', with its source."""

    source: Slug = Field(description="Id of the body the sentence starts with.")
    target: Slug = Field(description="Id of the body the sentence ends with.")
    relation: Relation = Field(description="The relation: " + ", ".join(RELATIONS) + ".")
    evidence: Literal["stated", "implied"] = Field(description="'stated' when the source says it in so many words; 'implied' when it only follows from it.")
    from_: PartialDate | None = Field(default=None, alias="from", description="When the relation began; leave out to take the later of the two bodies' beginnings.")
    until: PartialDate | None = Field(default=None, description="When it ended; a relation also ends when either body does.")
    sources: list[Source] = Field(default_factory=list, description="Where the relation can be looked up: the Act (with section), instrument or announcement.")
    note: str | None = Field(default=None, max_length=2000, description="Optional comment shown with the relation.")

    _dates = field_validator("from_", "until", mode="before")(lambda cls, v: _date_text(v))


class Region(_Model):
    """A part of a figure's composition, placed on a grid of columns and rows."""

    id: Slug = Field(description="Region id, referenced by nodes' region field.")
    label: Text = Field(max_length=120, description="Heading shown for the region.")
    description: str | None = Field(default=None, max_length=1000, description="What this part of the figure holds.")
    column: int = Field(default=0, ge=0, le=20, description="Grid column of the region, from the left, counting from 0.")
    row: int = Field(default=0, ge=0, le=20, description="Grid row of the region, from the top, counting from 0.")
    inset: bool = Field(default=False, description="True for an inset box, drawn with a frame.")


class Step(_Model):
    """One step of a guided tour."""

    title: Text = Field(max_length=160, description="Step heading.")
    text: Text = Field(max_length=1200, description="What to say at this step, in your own words.")
    nodes: list[Slug] = Field(min_length=1, description="Ids of the nodes to highlight.")
    edges: list[Annotated[str, Field(pattern=r"^[a-z0-9-]+ -> [a-z0-9-]+$")]] = Field(
        default_factory=list, description="Edges to highlight, written 'source -> target'."
    )
    pages: list[Page] = Field(default_factory=list, description="Guide pages that say what this step says.")


class Tour(_Model):
    """A guided walk through a map, step by step."""

    id: Slug = Field(description="Tour id, used in links (#tour=<id>&step=<n>).")
    title: Text = Field(max_length=160, description="Tour title shown in the tours menu.")
    steps: list[Step] = Field(min_length=1, description="The ordered steps.")


class Figure(_Model):
    """One map: a figure of the guide, or a new map."""

    id: Slug = Field(description="Map id, kebab-case; also the page's file name.")
    number: int | None = Field(default=None, ge=1, le=99, description="Its figure number in the guide (2, 3, 4); omit for new maps.")
    title: Text = Field(max_length=160, description="The map's title.")
    caption: Text = Field(max_length=800, description="A short caption in your own words.")
    page: Page | None = Field(default=None, description="The guide page of the figure.")
    as_of: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="When the structures shown were current: YYYY, YYYY-MM or YYYY-MM-DD.")
    as_of_note: str | None = Field(default=None, max_length=1000, description="What has changed since then, in a sentence or two.")
    regions: list[Region] = Field(default_factory=list, description="The parts of the figure's composition.")
    shared: list[SharedRef] = Field(default_factory=list, description="Shared bodies (data/bodies/) that appear in this map.")
    nodes: list[Node] = Field(default_factory=list, description="Bodies that belong to this map only.")
    edges: list[Edge] = Field(default_factory=list, description="Relations between nodes of this map.")
    drivers: list[Point] = Field(default_factory=list, description="The figure's key drivers for change.")
    challenges: list[Point] = Field(default_factory=list, description="The figure's key challenges.")
    tours: list[Tour] = Field(default_factory=list, description="Guided tours of this map.")


class BodiesFile(_Model):
    """A file of bodies that recur across maps (data/bodies/*.yaml)."""

    bodies: list[Node] = Field(description="Bodies described once and placed by each figure's 'shared' list, or (for bodies that came after the guide) drawn where their predecessors stood.")
    relations: list[LaterRelation] = Field(default_factory=list, description="Relations among bodies as they stood after the guide, each with its source; shown on a map at a date when both bodies are drawn there.")


class GlossaryTerm(_Model):
    """A glossary entry."""

    id: Slug = Field(description="Term id, referenced from nodes' glossary lists.")
    term: Text = Field(max_length=120, description="The term as printed.")
    definition: Text = Field(max_length=2000, description="What it means, in your own words.")
    page: Page = Field(description="The guide page of the entry.")


class Abbreviation(_Model):
    """An entry of the guide's list of abbreviations and acronyms."""

    abbr: str = Field(min_length=1, max_length=20, description="The abbreviation, e.g. 'LSP'.")
    expansion: Text = Field(max_length=200, description="What it stands for.")
    node: Slug | None = Field(default=None, description="Id of the node it names, if one is mapped.")


class Website(_Model):
    """A website listed in the guide's Section 5 (historic: many no longer resolve)."""

    id: Slug = Field(description="Website id, referenced from nodes' website field.")
    name: Text = Field(max_length=200, description="The organisation or resource named.")
    url: str = Field(max_length=500, description="The address as printed, with http:// or https:// added; only http(s) and mailto links are allowed.")
    heading: str | None = Field(default=None, max_length=120, description="The Section 5 heading it appears under.")

    @field_validator("url")
    @classmethod
    def _safe_scheme(cls, value: str) -> str:
        if not re.match(r"^(https?://[^\s<>\"']+|mailto:[^\s<>\"']+)$", value):
            raise ValueError(f"expected an http(s):// or mailto: link, got {value!r}")
        return value


class ReferenceData(_Model):
    """Glossary, abbreviations and websites (data/glossary.yaml, data/abbreviations.yaml, data/websites.yaml)."""

    glossary: list[GlossaryTerm] = Field(default_factory=list, description="Glossary terms.")
    abbreviations: list[Abbreviation] = Field(default_factory=list, description="Abbreviations and acronyms.")
    websites: list[Website] = Field(default_factory=list, description="Section 5 websites.")


#: Pages of the guide that define Figure 1's layers (p 11) and say who works on which (p 12).
LAYER_PAGES: tuple[int, ...] = (11, 12)


class Partner(_Model):
    """A partner of a case study: either a body already on a map (give its id, and no label, kind or level)
    or a body that only this case study names (give label, kind and level)."""

    id: Slug = Field(description="Id of a body already on a map (data/bodies/ or a figure's nodes), or a new kebab-case id for a body named only in the case studies.")
    label: str | None = Field(default=None, min_length=1, max_length=120, description="For a new partner only: its name as a newcomer would read it, e.g. 'Local churches and parish workers'. Leave out for a body already on a map.")
    name: str | None = Field(default=None, min_length=1, max_length=200, description="The particular body the guide names here, when the partner is a map body that stands for many, e.g. 'Newcastle Primary Care Trust' for 'pct'.")
    acronym: str | None = Field(default=None, max_length=20, description="For a new partner only: the guide's abbreviation, e.g. 'SCMH'.")
    plural: bool = Field(default=False, description="For a new partner only: true when the label names many bodies, so relations read 'support' not 'supports'.")
    kind: Kind | None = Field(default=None, description="For a new partner only (required there): " + ", ".join(KINDS) + ".")
    level: Level | None = Field(default=None, description="For a new partner only (required there): " + ", ".join(LEVELS) + ".")
    layer: Layer | None = Field(default=None, description="For a new partner only: its Figure 1 layer, where the guide gives a basis.")
    role: Text = Field(max_length=600, description="One or two plain sentences: the part this partner played in the project.")
    website: Slug | None = Field(default=None, description="For a new partner only: id of its Section 5 website entry (data/websites.yaml).")
    glossary: list[Slug] = Field(default_factory=list, description="For a new partner only: ids of glossary terms that explain it.")
    pages: list[Page] = Field(default_factory=list, description="Guide pages where the case study names this partner.")
    note: str | None = Field(default=None, max_length=2000, description="An editorial note: how an ambiguity in the guide was decided.")


class CaseStudy(_Model):
    """One of the guide's Section 4 case studies: the project (a node of its own), its partners, its links to
    the bodies of the maps, its key figures and its lessons."""

    id: Slug = Field(description="Case-study id; also the id of the project's node in the whole-system map.")
    title: Text = Field(max_length=120, description="The project's name as a newcomer would read it, e.g. 'Wise People project'.")
    acronym: str | None = Field(default=None, max_length=20, description="The guide's abbreviation for the project, e.g. 'FST'.")
    kind: Kind = Field(description="What sort of thing the project is: " + ", ".join(KINDS) + ".")
    level: Level = Field(description="Where the project works: " + ", ".join(LEVELS) + ".")
    layer: Layer | None = Field(default=None, description="Figure 1 layer the project mainly works on, where the guide gives a basis.")
    place: Text = Field(max_length=200, description="Where the project works, e.g. 'Cowgate estate, Newcastle upon Tyne'.")
    as_of: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="When the guide's account was current: YYYY, YYYY-MM or YYYY-MM-DD.")
    summary: Text = Field(max_length=600, description="One to three plain sentences in your own words: what the project does.")
    description: str | None = Field(default=None, max_length=2000, description="The challenge and the response, in your own words.")
    source: str | None = Field(default=None, max_length=300, description="The guide's own source for the account, e.g. 'Cunningham (2002), The Guardian'.")
    website: Slug | None = Field(default=None, description="Id of its Section 5 website entry (data/websites.yaml).")
    pages: list[Page] = Field(min_length=1, description="Guide pages of the case study.")
    partners: list[Partner] = Field(default_factory=list, description="The partners the guide names: map bodies by id, other bodies described here.")
    links: list[Edge] = Field(default_factory=list, description="Relations from or to the project or its partners, including links to the bodies of the maps; each touches the project or one of its partners.")
    key_figures: list[Fact] = Field(default_factory=list, description="Figures and facts from the case study, each with its page.")
    lessons: list[Point] = Field(default_factory=list, description="What the project teaches, in your own words, each with its page.")
    note: str | None = Field(default=None, max_length=2000, description="An editorial note: how an ambiguity in the guide was decided.")


class WholeSystemFile(_Model):
    """Tours of the whole-system map (data/whole-system.yaml): walks that cross the figures through the bodies
    they share. Steps name bodies of any map or case study, and relations of any of them."""

    tours: list[Tour] = Field(default_factory=list, description="The tours, in the order of the tours menu.")


class CaseStudiesFile(_Model):
    """The guide's case studies (data/case-studies.yaml)."""

    case_studies: list[CaseStudy] = Field(description="The case studies, in the guide's order.")


class SiteFile(_Model):
    """The site's own words (data/site.yaml): its title, the index page's heading and introduction, a footer note."""

    title: str = Field(min_length=1, max_length=80, description="The site's name, shown at the top of every page, e.g. 'Community renewal maps'.")
    heading: str = Field(default="Maps", min_length=1, max_length=120, description="The index page's heading, also its title in the browser tab, e.g. 'Community renewal and mental health: who does what'.")
    introduction: str | None = Field(default=None, min_length=1, max_length=2000, description="The paragraph under the index page's heading: what these maps show and how to read them, in your own words.")
    note: str | None = Field(default=None, min_length=1, max_length=300, description="One line in every page's footer, e.g. how current the structures shown are.")
