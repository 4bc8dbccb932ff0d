"""Every page the data cites lies within the pages of the part of the guide that holds what it cites.

How the page table follows from the anchors. The text gives these page anchors: glossary pp 3-4 ("A
glossary appears on pp 3–4"); Section 1's running footer on p 9; Figure 1 p 11; Figure 2 p 18; Figure 3
p 21 (cross-departmental spend p 25, baseline data p 26); Figure 4 p 27; Section 3's footer on p 33;
Figure 6 p 39; the First Step Trust case study p 43; footers on pp 48 and 50. Between anchors the text
marks page breaks two ways, by a run of three blank lines or by a line that starts with one space; counted
from the anchors, the marks land on every other anchor (from p 9's footer the marks reach Figure 1 on p 11;
from Figure 3 on p 21 they reach p 25 and p 26 at the headings those pages carry; from Section 3's footer
they reach Figure 6 on p 39 and First Step Trust on p 43). So each bound below is an anchor, or an anchor
plus or minus the breaks the text marks next to it:

- glossary 3-4: the anchor. (The marks would put its last two entries on p 5; the guide's own
  statement is followed.)
- abbreviations 5-6: after the glossary's last page, before Section 1's first page.
- Section 1, 7-16: its footer on p 9 less the two breaks marked before it in the section; it ends on the
  page before Section 2's first.
- Section 2's opening page, 17: one break is marked between it and Figure 2 (p 18).
- Figure 2, 18-20: the anchor, to the page before Figure 3. Its 'Who does what?' text is on p 19 ("Figure 2
  (opposite)"); its Key drivers and Key challenges are on p 20: the text on p 19 points to "'Key
  challenges' overleaf", and a break is marked just before "Key drivers for change".
- Figure 3, 21-26: the anchor, to the page before Figure 4. Its Key drivers sit on the cross-departmental
  spend page (p 25) before the marked break; its Key challenges follow on p 26 (the baseline-data anchor).
- Figure 4, 27-29: the anchor, to the page before Section 3. A break is marked before its Key drivers, so
  they and its Key challenges are on p 29.
- Section 3, 30-37: its footer on p 33 less the three breaks marked before it; it ends on the page before
  Section 4.
- Section 4, 38-48: Figure 6 (p 39) less the one break marked before it; it ends at the footer on p 48.
- Section 5, 49-53: sources and references up to the footer on p 50; the websites start on the next page
  (p 51), and the two breaks marked in the list put the Office of the Deputy Prime Minister, Local
  Government and Other links on p 52 and Evidence and methods on p 53.

Which part the text of a citation is in (the practical rule):
- a figure's own page is its anchor; its drivers and challenges are on the Key drivers and Key challenges
  pages above;
- a glossary entry's page is in the glossary;
- a page in the glossary, the abbreviations list or the websites, cited for a body (its pages or a fact)
  or for a relation (at either end), must be backed by that body's entry there: a glossary term the body
  links on that page, an abbreviation naming the body, or a website of the body, or a website whose
  heading or name names it, on that page;
- a page of Figure 2's, 3's or 4's pages (pp 18-29) cited for a body must belong to a figure that shows
  the body or one of its neighbours on the citing map (the guide's text on one figure often speaks of
  bodies another figure draws); cited for a relation, to a figure that shows one of its ends;
- a case study's pages, and its partners', figures' and lessons' pages, lie in Section 4;
- every other page cited, including every 'p N' or 'pp N-M' in a text, lies in the guide (pp 1-53).
"""

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from policymap.loader import load_project

ROOT = Path(__file__).resolve().parents[2]

#: Part of the guide -> (first page, last page); how each bound follows from an anchor is in the docstring.
SECTIONS = {
    "front": (1, 2),
    "glossary": (3, 4),
    "abbreviations": (5, 6),
    "section 1": (7, 16),
    "section 2": (17, 17),
    "figure 2": (18, 20),
    "figure 3": (21, 26),
    "figure 4": (27, 29),
    "section 3": (30, 37),
    "section 4": (38, 48),
    "section 5": (49, 50),
    "websites": (51, 53),
}
FIGURE_PAGE = {2: 18, 3: 21, 4: 27}
DRIVERS_PAGES = {2: {20}, 3: {25}, 4: {29}}
CHALLENGES_PAGES = {2: {20}, 3: {26}, 4: {29}}
#: The page of each Section 5 heading.
WEBSITE_HEADING_PAGE = {
    "Central Government – Cabinet Office": 51,
    "Central Government – Department for Education and Skills": 51,
    "Central Government – Department of Health": 51,
    "Central Government – Department for Trade and Industry": 51,
    "Central Government – Home Office": 51,
    "Central Government – Office of the Deputy Prime Minister": 52,
    "Local Government": 52,
    "Other links": 52,
    "Evidence and methods": 53,
}
PAGE_MENTION = re.compile(r"\bpp? (\d+)(?:\s*[-–]\s*(\d+))?")


def pages_of(part: str) -> range:
    first, last = SECTIONS[part]
    return range(first, last + 1)


def part_of(page: int) -> str | None:
    return next((part for part, (first, last) in SECTIONS.items() if first <= page <= last), None)


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT / "data")


@pytest.fixture(scope="module")
def shown(project):
    return shown_in(project)


@pytest.fixture(scope="module")
def backing(project):
    return backed_pages(project)


def shown_in(project) -> dict[str, set[int]]:
    """Body id -> the figure numbers that show it."""
    out = {}
    for fig in project.figures:
        for node_id in project.nodes_of(fig):
            out.setdefault(node_id, set()).add(fig.number)
    return out


def backed_pages(project) -> set[tuple[str, int]]:
    """(body id, page) pairs that an entry in the glossary, abbreviations or websites backs."""
    terms = {t.id: t.page for t in project.reference.glossary}
    sites = {w.id: WEBSITE_HEADING_PAGE[w.heading] for w in project.reference.websites}
    pairs = set()
    nodes = dict(project.bodies)
    for fig in project.figures:
        nodes.update((n.id, n) for n in fig.nodes)
    for node in nodes.values():
        pairs |= {(node.id, terms[t]) for t in node.glossary}
        if node.website:
            pairs.add((node.id, sites[node.website]))
        pairs |= {(node.id, page) for heading, page in WEBSITE_HEADING_PAGE.items()
                  if heading.split(" – ")[-1] == node.label}
        pairs |= {(node.id, WEBSITE_HEADING_PAGE[w.heading]) for w in project.reference.websites
                  if node.label in w.name}
    pairs |= {(a.node, page) for a in project.reference.abbreviations if a.node
              for page in pages_of("abbreviations")}
    return pairs


def _needs_backing(page: int) -> bool:
    return part_of(page) in ("glossary", "abbreviations", "websites")


def figure_citations(project, fig):
    """(what, page, body ids it is about, body ids it is tied to) for every page a figure cites for its
    bodies and relations; a body is tied to itself and its neighbours on the map, a relation to its ends."""
    for node in project.nodes_of(fig).values():
        tied = {node.id} | {e.target for e in fig.edges if e.source == node.id} | {
            e.source for e in fig.edges if e.target == node.id}
        for page in node.pages:
            yield f"{node.id}.pages", page, {node.id}, tied
        for fact in node.facts:
            yield f"{node.id}.facts", fact.page, {node.id}, tied
    for edge in fig.edges:
        ends = {edge.source, edge.target}
        yield f"{fig.id}: {edge.source} -> {edge.target}", edge.page, ends, ends


def test_the_table_covers_the_guide_once():
    pages = [p for part in SECTIONS for p in pages_of(part)]
    assert pages == list(range(1, 54))
    assert all(part_of(page) == f"figure {n}" for n, page in FIGURE_PAGE.items())
    assert part_of(9) == "section 1" and part_of(11) == "section 1" and part_of(33) == "section 3"
    assert part_of(39) == "section 4" and part_of(43) == "section 4" and part_of(48) == "section 4"


def test_figures_cite_their_own_pages_for_drivers_and_challenges(project):
    for fig in project.figures:
        assert fig.page == FIGURE_PAGE[fig.number], fig.id
        assert {d.page for d in fig.drivers} <= DRIVERS_PAGES[fig.number], fig.id
        assert {c.page for c in fig.challenges} <= CHALLENGES_PAGES[fig.number], fig.id


def test_glossary_entries_are_on_glossary_pages(project):
    assert [t.id for t in project.reference.glossary if t.page not in pages_of("glossary")] == []


def test_reference_pages_are_backed_by_an_entry_there(project, backing):
    wrong = [(what, page) for fig in project.figures for what, page, about, _ in figure_citations(project, fig)
             if _needs_backing(page) and not any((body, page) in backing for body in about)]
    assert wrong == []


def test_figure_text_pages_belong_to_a_figure_showing_the_bodies(project, shown):
    wrong = []
    for fig in project.figures:
        for what, page, _, tied in figure_citations(project, fig):
            part = part_of(page)
            if part in ("figure 2", "figure 3", "figure 4") and not any(
                    part == f"figure {n}" for body in tied for n in shown[body]):
                wrong.append((what, page))
    assert wrong == []


def test_case_studies_cite_section_4(project):
    section_4 = pages_of("section 4")
    wrong = []
    for study in project.case_studies:
        cited = [("pages", p) for p in study.pages]
        cited += [(f"partner {p.id}", page) for p in study.partners for page in p.pages]
        cited += [("key figure", f.page) for f in study.key_figures] + [("lesson", l.page) for l in study.lessons]
        wrong += [(study.id, what, page) for what, page in cited if page not in section_4]
    assert wrong == []


def _cited_pages(value, field=""):
    """Every page a model cites in a `page` or `pages` field, or names as 'p N' or 'pp N-M' in a text."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _cited_pages(getattr(value, name), name)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _cited_pages(item, field)
    elif isinstance(value, int) and field in ("page", "pages"):
        yield field, value
    elif isinstance(value, str):
        for match in PAGE_MENTION.finditer(value):
            yield from (("text", int(g)) for g in match.groups() if g)


def test_every_page_cited_or_named_is_in_the_guide(project):
    models = [*project.figures, *project.bodies.values(), *project.case_studies, project.reference,
              *project.whole_system_tours]
    cited = [pair for model in models for pair in _cited_pages(model)]
    assert {field for field, _ in cited} == {"page", "pages", "text"}
    assert [pair for pair in cited if part_of(pair[1]) is None] == []
