/* policymap: the page script, joined from static/js/ by policymap.bundle (do not edit here;
   edit the modules). Each module sees the namespace pm and adds its part to it. */
(function () {
"use strict";
const pm = {};

/* ---- js/dom.js ---- */
(function (pm) {
/* dom.js: building elements from data. Text always goes in as text nodes (never markup). */

/* el("p", {class: "x"}, "text", childNode, ...): an element with attributes and children.
   Strings become text nodes; null, undefined and false are skipped. */
function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  Object.keys(attributes || {}).forEach((name) => {
    const value = attributes[name];
    if (value !== null && value !== undefined && value !== false) {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  });
  children.forEach((child) => {
    if (child === null || child === undefined || child === false) {
      return;
    }
    element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return element;
}

function svgEl(tag, attributes, ...children) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  Object.keys(attributes).forEach((name) => element.setAttribute(name, String(attributes[name])));
  children.forEach((child) => element.appendChild(child));
  return element;
}

/* A 22x22 picture of a kind's node shape: filled with `fill`, outlined in `colour`. Decorative. */
function shapeSwatch(shape, colour, fill) {
  const shapes = {
    box: ["rect", { x: 2, y: 5, width: 18, height: 12 }],
    pill: ["rect", { x: 2, y: 5, width: 18, height: 12, rx: 6 }],
    document: ["rect", { x: 2, y: 4, width: 18, height: 14, "stroke-dasharray": "3 2" }],
    ellipse: ["ellipse", { cx: 11, cy: 11, rx: 9.5, ry: 6.5 }],
  };
  const [tag, geometry] = shapes[shape] || shapes.box;
  const figure = svgEl(tag, Object.assign({}, geometry, { fill: fill, stroke: colour, "stroke-width": 2 }));
  return svgEl("svg", { class: "swatch", width: 22, height: 22, viewBox: "0 0 22 22", "aria-hidden": "true",
    focusable: "false" }, figure);
}

/* The arrowheads vis-network draws at a relation's object end, as the legend draws them (its
   `arrows.to.type`): where the line stops, and the head's shape on a 40x14 swatch. */
const HEADS = {
  arrow: [30, "polygon", { points: "29,2 39,7 29,12 31,7" }],
  triangle: [30, "polygon", { points: "29,2 39,7 29,12" }],
  vee: [33, "polygon", { points: "28,1 39,7 28,13 33,7" }],
  diamond: [27, "polygon", { points: "27,7 33,2.5 39,7 33,11.5" }],
  circle: [31, "circle", { cx: 35, cy: 7, r: 4 }],
  box: [31, "rect", { x: 31, y: 3, width: 8, height: 8 }],
  bar: [37, "rect", { x: 36, y: 1, width: 3, height: 12 }],
};

/* A relation's line and arrowhead (vis-network's arrow type, "arrow" by default), its line
   width as drawn on the map, dashed for implied relations. Decorative. */
function lineSwatch(colour, dashed, arrow, width) {
  const type = HEADS[arrow] ? arrow : "arrow";
  const [end, tag, geometry] = HEADS[type];
  const line = svgEl("line", Object.assign({ x1: 2, y1: 7, x2: end, y2: 7, stroke: colour,
    "stroke-width": width ? Math.min(1.6 * width, 4.5) : 2.5 }, dashed ? { "stroke-dasharray": "5 4" } : {}));
  const head = svgEl(tag, Object.assign({ class: "swatch-head", fill: colour }, geometry));
  return svgEl("svg", { class: "swatch swatch-line", width: 40, height: 14, viewBox: "0 0 40 14", "aria-hidden": "true",
    focusable: "false", "data-arrow": type }, line, head);
}

/* Say something to screen readers through the page's live region. */
function announce(text) {
  const announcer = document.getElementById("announce");
  if (announcer) {
    announcer.textContent = "";
    setTimeout(() => { announcer.textContent = text; }, 30);
  }
}

/* Keys typed into a field, or meant for a focused control, are not shortcuts: no letters or
   digits in a text field or menu, no arrows or space in any form control. */
function isTyping(target) {
  const field = target && target.closest && target.closest("input, select, textarea, [contenteditable='true']");
  return Boolean(field && !(field.tagName === "INPUT" && /^(checkbox|radio|button|submit|reset|range|color|file)$/.test(field.type)));
}

function inFormControl(target) {
  return Boolean(target && target.closest && target.closest("input, select, textarea, [contenteditable='true']"));
}

function activatesControl(target, key) {
  return (key === " " || key === "Enter") && Boolean(target && target.closest && target.closest("button, a, summary, label"));
}

/* A plain left click, not one that opens a new tab or window. */
function plainClick(event) {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}

/* Focus an element in a panel of the sidebar, unfolding the sidebar first if it is folded away
   (the camera folds it again from the panels' state when it renders). */
function focusIn(element) {
  const sidebar = element && element.closest(".sidebar");
  if (sidebar) {
    sidebar.hidden = false;
  }
  if (element) {
    element.focus({ preventScroll: true });
  }
}

pm.dom = { focusIn, el, svgEl, shapeSwatch, lineSwatch, announce, isTyping, inFormControl, activatesControl, plainClick };
})(pm);

/* ---- js/text.js ---- */
(function (pm) {
/* text.js: small pure helpers for words and values. */

function pagesText(pages) {
  return (pages.length === 1 ? "p " : "pp ") + pages.join(", ");
}

/* Only http(s) and mailto links leave the page. */
function safeHref(url) {
  return /^(https?:\/\/|mailto:)/i.test(url || "") ? url : null;
}

function option(object, name, fallback) {
  return object && object[name] !== undefined && object[name] !== null ? object[name] : fallback;
}

/* "a", "a and b", "a, b and c". */
function listText(items) {
  if (items.length < 2) {
    return items.join("");
  }
  return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
}

/* "1 body", "3 bodies". */
function count(n, one, many) {
  return n + " " + (n === 1 ? one : many);
}

pm.text = { pagesText, safeHref, option, listText, count };
})(pm);

/* ---- js/data.js ---- */
(function (pm) {
/* data.js: the wire format in (typed on the Python side: policymap.pagedata, and
   schema/page-data.schema.json). A map's own view (layout, tours, presentation layout, dates)
   comes from assets/maps/<page>.js (window.policymapPage); what the map pages share (bodies,
   relations, terms) comes once from assets/site-data.js (window.policymapSite). join() puts the two together and resolves lookups once;
   every reading, label and text was computed by the build, nothing is derived here. */

function join(page, site) {
  const maps = site.maps || {};
  const siteEdges = (site.edges || {})[page.figure.id] || {};
  const raw = Object.assign({}, page, {
    kinds: site.kinds || {}, levels: site.levels || {}, layers: site.layers || {},
    relations: site.relations || {}, glossary: site.glossary || {}, websites: site.websites || {},
    maps: maps, aliases: site.aliases || {},
    kindStyles: new Map(((site.legend || {}).kinds || []).map(([id, colour, fill, shape]) => [id, { colour: colour, fill: fill, shape: shape }])),
    // the page's relations in drawing order, each keyed by its id: source--relation--target
    edges: page.vis.edges.map((visEdge) => Object.assign({ id: visEdge.id, key: visEdge.id }, siteEdges[visEdge.id])),
    nodes: {}, others: {},
  });
  raw.vis = Object.assign({ options: site.vis_options || {} }, page.vis);
  const withKinds = (present) => Object.assign({ kinds: site.present_kinds || {} }, present); // presentation styles per kind
  if (raw.present) {
    raw.present = withKinds(page.present);
  }
  raw.parts = (page.parts || []).map((part) => part.present ? Object.assign({}, part, { present: withKinds(part.present) }) : part);
  const bodies = site.bodies || {};
  const later = addLater(raw, page);
  raw.vis.nodes.forEach((visNode) => {
    const id = visNode.id;
    const patch = (page.nodes || {})[id] || {};
    const node = Object.assign({ id: id }, later[id] || bodies[id], patch);
    (patch.unset || []).forEach((key) => { delete node[key]; });
    delete node.unset;
    node.subj = node.subj || node.label; // the wire leaves out phrases that are just the label
    node.obj = node.obj || node.label;
    node.again = node.again || node.obj;
    if (later[id] && node.acronym) {
      node.acronym_expansion = node.label;
    }
    node.facts = node.facts || [];
    node.pages = node.pages || [];
    node.glossary = (node.glossary || []).filter((t) => raw.glossary[t]).map((t) => ({
      id: t, term: raw.glossary[t].term, definition: raw.glossary[t].definition }));
    node.website = node.website && raw.websites[node.website] ? raw.websites[node.website] : null;
    node.also_in = (node.figures || []).filter((m) => m !== page.figure.id && maps[m]).map((m) => ({
      number: maps[m].number, title: maps[m].title, url: maps[m].url + "#node=" + id }));
    raw.nodes[id] = node;
  });
  // Bodies of other maps: enough to say where they are when an address names one.
  Object.keys(bodies).forEach((id) => {
    if (!raw.nodes[id]) {
      raw.others[id] = { label: bodies[id].label, figures: (bodies[id].figures || []).filter((m) => maps[m]) };
    }
  });
  raw.edges = raw.edges.concat(laterEdges(page));
  const names = (page.timeline || {}).names || {};
  const own = Object.keys(raw.nodes).sort().map((id) => ({
    id: id, label: raw.nodes[id].label, acronym: raw.nodes[id].acronym,
    terms: raw.nodes[id].glossary.map((entry) => entry.term), names: names[id] || [], url: null }));
  const others = (site.search || []).filter((item) => !raw.nodes[item.id]);
  raw.search = own.concat(others.map((item) => Object.assign({}, item, {
    url: maps[item.map] ? maps[item.map].url + "#node=" + item.id : null, map: mapName(maps, item.map) })));
  raw.tours = raw.tours || [];
  // Lookups, not data: kept out of JSON copies of the joined data.
  const edgesOf = new Map(Object.keys(raw.nodes).map((id) => [id, []]));
  raw.edges.forEach((edge) => {
    edgesOf.get(edge.source).push(edge);
    if (edge.target !== edge.source) {
      edgesOf.get(edge.target).push(edge);
    }
  });
  raw.edges.forEach((edge) => {
    edge.relation_label = raw.relations[edge.relation][2];
    edge.subject = raw.nodes[edge.source].subj;
    edge.object = raw.nodes[edge.target].obj;
  });
  const byId = new Map(raw.edges.map((edge) => [edge.id, edge]));
  Object.defineProperty(raw, "edgesOf", { value: edgesOf, enumerable: false });
  Object.defineProperty(raw, "edgesByKey", { value: byId, enumerable: false });
  Object.defineProperty(raw, "edgesById", { value: byId, enumerable: false });
  return raw;
}

/* Bodies that came after the guide (page.timeline.nodes) join the page's vis items, hidden at
   the guide's date (the timeline decides what shows), placed by the later layout; returns their
   panel data by id. A body's lineage (came from, became) goes on each body that has one. */
function addLater(raw, page) {
  const t = page.timeline;
  if (!t) {
    return {};
  }
  const later = {};
  const positions = t.layouts.later.positions;
  raw.vis = Object.assign({}, raw.vis, { nodes: raw.vis.nodes.slice(), edges: raw.vis.edges.slice() });
  Object.keys(t.nodes).sort().forEach((id) => {
    const node = t.nodes[id];
    const xy = positions[id];
    raw.vis.nodes.push({ id: id, label: node.vis.label, group: node.vis.group, x: xy[0], y: xy[1] });
    later[id] = Object.assign({}, node, { later: true });
    delete later[id].vis;
  });
  Object.keys(t.edges).forEach((id) => {
    const e = t.edges[id];
    const item = { id: id, from: e.from, to: e.to, color: e.color, label: e.label };
    if (e.dashes) {
      item.dashes = true;
    }
    if (e.width) {
      item.width = e.width;
    }
    if (e.arrows) {
      item.arrows = e.arrows; // the relation family's own head, as on the guide's relations
    }
    raw.vis.edges.push(item);
  });
  raw.lineage = t.lineage || {};
  return later;
}

/* The page's later relations as data.edges entries (with their sources, in place of a page). */
function laterEdges(page) {
  const t = page.timeline;
  return t ? Object.keys(t.edges).map((id) => {
    const e = t.edges[id];
    return { id: id, key: id, source: e.from, target: e.to, relation: e.relation, reading: e.reading, inverse: e.inverse,
      evidence: e.evidence,
      note: e.note, sources: e.sources || [], later: true };
  }) : [];
}

/* "Figure 3", or a map's title when it has no number. */
function mapName(maps, id) {
  return maps[id] ? maps[id].name : id;
}

/* Where a body that is not on this map is: its label and the maps that show it (name, url). */
function elsewhere(data, id) {
  const other = data.others[id];
  if (!other) {
    return null;
  }
  return { id: id, label: other.label, maps: other.figures.map((m) => ({
    id: m, number: data.maps[m].number || null, name: mapName(data.maps, m), url: data.maps[m].url + "#node=" + id })) };
}

/* "Neighbourhood Renewal Unit is on Figures 3 and 4" as words (links are added by the view). */
function elsewhereText(place) {
  const numbered = place.maps.filter((m) => m.number);
  const named = place.maps.filter((m) => !m.number).map((m) => m.name);
  const parts = [];
  if (numbered.length) {
    parts.push((numbered.length === 1 ? "Figure " : "Figures ") + pm.text.listText(numbered.map((m) => String(m.number))));
  }
  return place.label + " is not on this map. It is on " + pm.text.listText(parts.concat(named.map((n) => "“" + n + "”"))) + ".";
}

pm.data = { join, mapName, elsewhere, elsewhereText };
})(pm);

/* ---- js/timeline.js ---- */
(function (pm) {
/* timeline.js: the map at a date (pure). The page's timeline data (history_page.page_timeline)
   holds a state for the guide's date and for each date something on the map changed; an address
   may ask for any date (?at=2013-04), which shows the latest state on or before it. "today" is
   the state after the last change. Maps with no timeline are always the guide's map. */

/* "2013-04" -> 20130401, for comparing partial dates (each stands for its first day). */
function dateKey(text) {
  const parts = String(text).split("-").map((p) => parseInt(p, 10));
  return parts[0] * 10000 + (parts[1] || 1) * 100 + (parts[2] || 1);
}

/* Whether `text` is a date an address may give: YYYY, YYYY-MM, YYYY-MM-DD or "today". */
function isDate(text) {
  return text === "today" || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(String(text || ""));
}

/* The date of the state an `at` shows: the guide's date for none (or one before the guide). */
function stateDate(data, at) {
  const t = data.timeline;
  if (!t || !at || !isDate(at)) {
    return t ? t.guide : null;
  }
  const dated = t.dates.filter((d) => d.at !== "today");
  if (at === "today") {
    return dated[dated.length - 1].at;
  }
  let best = t.guide;
  dated.forEach((d) => {
    if (dateKey(d.at) <= dateKey(at)) {
      best = d.at;
    }
  });
  return best;
}

/* The option of the date control an `at` selects ("today" stays "today"). */
function controlValue(data, at) {
  return at === "today" ? "today" : stateDate(data, at);
}

const LISTS = ["shown", "ended", "edges", "ended_edges"];
const viewCache = new Map();

/* Each date's id lists in full, by date: the page data gives them as changes to the date
   before's (history_page.as_changes), oldest first in the order of the date control. */
function standing(t) {
  const out = {};
  let before = { shown: [], ended: [], edges: [], ended_edges: [] };
  t.dates.filter((d) => d.at !== "today").forEach((d) => {
    const state = t.states[d.at];
    const now = {};
    LISTS.forEach((name) => {
      const drop = new Set(state[name].drop);
      now[name] = before[name].filter((id) => !drop.has(id)).concat(state[name].add);
    });
    out[d.at] = now;
    before = now;
  });
  return out;
}

const standingCache = new WeakMap();

function standingOf(data) {
  if (!standingCache.has(data)) {
    standingCache.set(data, standing(data.timeline));
  }
  return standingCache.get(data);
}

/* What the map shows at `at`: {date, guide (true at the guide's date), shown, ended (Sets of
   body ids), edges, endedEdges (Sets of page edge ids), layout ({positions, labels, regions}),
   present (presentation layout or undefined)}; null for a map with no timeline. */
function view(data, at) {
  const t = data.timeline;
  if (!t) {
    return null;
  }
  const date = stateDate(data, at);
  if (viewCache.has(date) && viewCache.get(date).data === data) {
    return viewCache.get(date).value;
  }
  const s = t.states[date];
  const lists = standingOf(data)[date];
  const value = {
    date: date, guide: date === t.guide, shown: new Set(lists.shown), ended: new Set(lists.ended),
    edges: new Set(lists.edges), endedEdges: new Set(lists.ended_edges), layout: t.layouts[s.layout], present: s.present,
  };
  viewCache.set(date, { data: data, value: value });
  return value;
}

/* Bodies and relations the date hides: all not standing then, and what had ended unless it is
   shown faded (never in presentation mode, whose layout has room only for what stands). */
function hiddenAt(data, state) {
  const v = view(data, state.at);
  if (!v) {
    return null;
  }
  const faded = state.endedView !== "listed" && state.mode !== "present";
  const nodes = new Set();
  Object.keys(data.nodes).forEach((id) => {
    if (!v.shown.has(id) && !(faded && v.ended.has(id))) {
      nodes.add(id);
    }
  });
  const edges = new Set();
  data.edges.forEach((edge) => {
    if (!v.edges.has(edge.id) && !(faded && v.endedEdges.has(edge.id))) {
      edges.add(edge.id);
    }
  });
  return { nodes: nodes, edges: edges };
}

/* A date at which body `id` stands on this map (for following a link to it): the date shown
   if it stands then, else the nearest date after it when it does, else the latest before. */
function whenShown(data, id, at) {
  const t = data.timeline;
  if (!t) {
    return at;
  }
  const v = view(data, at);
  if (v.shown.has(id)) {
    return at;
  }
  const dated = t.dates.filter((d) => d.at !== "today").map((d) => d.at);
  const lists = standingOf(data);
  const standing = dated.filter((d) => lists[d].shown.indexOf(id) >= 0);
  if (!standing.length) {
    return at;
  }
  const after = standing.filter((d) => dateKey(d) > dateKey(v.date));
  const chosen = after.length ? after[0] : standing[standing.length - 1];
  return chosen === t.guide ? null : chosen;
}

/* A date's label as the control shows it. */
function dateLabel(data, date) {
  const found = (data.timeline ? data.timeline.dates : []).find((d) => d.at === date);
  return found ? found.label : String(date);
}

pm.timeline = { dateKey, isDate, stateDate, controlValue, standing, view, hiddenAt, whenShown, dateLabel };
})(pm);

/* ---- js/select.js ---- */
(function (pm) {
/* select.js: what the map shows, worked out from the data and the state. Pure functions:
   every view asks these instead of reading the drawing library back. */

/* Bodies and relations hidden by the filters (kind, level, relation, case-study layer),
   remembered for the last filters asked about (the store makes new filters on each change). */
let hiddenCache = null;

function hidden(data, state) {
  const dated = data.timeline ? [pm.timeline.stateDate(data, state.at), state.endedView, state.mode === "present"].join("|") : "";
  if (hiddenCache && hiddenCache.data === data && hiddenCache.filters === state.filters && hiddenCache.dated === dated) {
    return hiddenCache.value;
  }
  const value = hiddenBy(data, state.filters);
  const byDate = pm.timeline.hiddenAt(data, state);
  if (byDate) {
    byDate.nodes.forEach((id) => value.nodes.add(id));
    byDate.edges.forEach((id) => value.edges.add(id));
  }
  hiddenCache = { data: data, filters: state.filters, dated: dated, value: value };
  return value;
}

function hiddenBy(data, f) {
  const nodes = new Set();
  Object.keys(data.nodes).forEach((id) => {
    const node = data.nodes[id];
    if (f.kind.indexOf(node.kind) >= 0 || f.level.indexOf(node.level) >= 0 || (f.caseStudies === false && node.case_study)) {
      nodes.add(id);
    }
  });
  const edges = new Set();
  data.edges.forEach((edge) => {
    if (f.relation.indexOf(edge.relation) >= 0 || (f.caseStudies === false && edge.case_study)
        || nodes.has(edge.source) || nodes.has(edge.target)) {
      edges.add(edge.id);
    }
  });
  return { nodes: nodes, edges: edges };
}

/* Why a body is hidden, or null: the filters that hide it. */
function nodeHidden(data, filters, id) {
  const node = data.nodes[id];
  return Boolean(node && (filters.kind.indexOf(node.kind) >= 0 || filters.level.indexOf(node.level) >= 0
    || (filters.caseStudies === false && node.case_study)));
}

/* The bodies within `depth` steps of `id` along the relations on show, and those relations. */
function neighbourhood(data, id, depth, hide) {
  const keepNodes = new Set([id]);
  const keepEdges = new Set();
  let frontier = [id];
  for (let step = 0; step < depth; step += 1) {
    const next = [];
    frontier.forEach((nodeId) => {
      (data.edgesOf.get(nodeId) || []).forEach((edge) => {
        if (hide && hide.edges.has(edge.id)) {
          return;
        }
        keepEdges.add(edge.id);
        [edge.source, edge.target].forEach((other) => {
          if (!keepNodes.has(other) && !(hide && hide.nodes.has(other))) {
            keepNodes.add(other);
            next.push(other);
          }
        });
      });
    });
    frontier = next;
  }
  return { nodes: keepNodes, edges: keepEdges };
}

function tour(data, state) {
  return state.tour ? data.tours.find((t) => t.id === state.tour.id) || null : null;
}

/* The current tour step, or null. */
function step(data, state) {
  const t = tour(data, state);
  return t ? t.steps[state.tour.step] || null : null;
}

/* A step's bodies and relations that are on this map. */
function stepParts(data, s) {
  return { nodes: s.nodes.filter((id) => data.nodes[id]), edges: (s.edges || []).filter((id) => data.edgesById.has(id)) };
}

/* The route on show, {nodes, edges}, or null (routes are found by pm.routes, memoised). */
function route(data, state) {
  const sel = state.selection;
  if (!sel || sel.type !== "route") {
    return null;
  }
  const found = pm.routes.cached(data, sel.from, sel.to, hidden(data, state));
  return found.routes[sel.index] || null;
}

/* What stands out while the rest fades: {nodes: Set, edges: Set}, or null for nothing faded.
   A selected body with its neighbourhood (unless focus reaches everything), a relation with its
   two ends, a route, a tour step, or a showcased kind or level. */
function emphasis(data, state) {
  const sel = state.selection;
  if (sel && sel.type === "node") {
    return state.focusDepth === 0 ? null : neighbourhood(data, sel.id, state.focusDepth, hidden(data, state));
  }
  if (sel && sel.type === "edge") {
    const edge = data.edgesById.get(sel.id);
    return edge ? { nodes: new Set([edge.source, edge.target]), edges: new Set([sel.id]) } : null;
  }
  if (sel && sel.type === "route") {
    const r = route(data, state);
    return r ? { nodes: new Set(r.nodes), edges: new Set(r.edges.map((e) => e.id)) } : null;
  }
  const s = step(data, state);
  if (s) {
    const parts = stepParts(data, s);
    return { nodes: new Set(parts.nodes), edges: new Set(parts.edges) };
  }
  if (state.showcase) {
    const nodes = new Set(Object.keys(data.nodes).filter((id) => data.nodes[id][state.showcase.group] === state.showcase.id));
    return { nodes: nodes, edges: new Set(data.edges.filter((e) => nodes.has(e.source) && nodes.has(e.target)).map((e) => e.id)) };
  }
  return null;
}

/* What the drawing library marks as selected: {nodes: [], edges: []}. */
function selected(data, state) {
  const sel = state.selection;
  if (sel && sel.type === "node") {
    return { nodes: [sel.id], edges: [] };
  }
  if (sel && sel.type === "edge") {
    return { nodes: [], edges: [sel.id] };
  }
  const r = route(data, state);
  if (r) {
    return { nodes: r.nodes.slice(), edges: r.edges.map((e) => e.id) };
  }
  const s = !sel && step(data, state);
  if (s) {
    return stepParts(data, s);
  }
  return { nodes: [], edges: [] };
}

/* The bodies the camera frames for the state, with how: {nodes: [ids], kind}, or null for the
   whole map. A body is framed with its neighbours (its panel names them), two steps out with
   focus 2; a relation with its ends; a route whole; a tour step's bodies. */
function frame(data, state) {
  const sel = state.selection;
  const hide = hidden(data, state);
  if (sel && sel.type === "node") {
    const near = neighbourhood(data, sel.id, state.focusDepth === 2 ? 2 : 1, hide);
    return { kind: "node", nodes: Array.from(near.nodes) };
  }
  if (sel && sel.type === "edge") {
    const edge = data.edgesById.get(sel.id);
    return edge ? { kind: "edge", nodes: [edge.source, edge.target] } : null;
  }
  if (sel && sel.type === "route") {
    const r = route(data, state);
    return r ? { kind: "route", nodes: r.nodes.slice() } : null;
  }
  const s = step(data, state);
  if (s) {
    return { kind: "step", nodes: stepParts(data, s).nodes.filter((id) => !hide.nodes.has(id)) };
  }
  return null;
}

pm.select = { hidden, nodeHidden, neighbourhood, tour, step, stepParts, route, emphasis, selected, frame };
})(pm);

/* ---- js/labels.js ---- */
(function (pm) {
/* labels.js: relation names on the map (pure). Which relations are named, how large, and where
   each name goes so that none sits on another or on a body. vis-network's own edge labels are
   not used: it writes every name along its line, so names stack where lines meet ("works through
   works through ...") and shrink with the map, which is small when projected.

   Sizes are CSS pixels on screen. Relations that stand out (a selected relation, a route, a
   selected body's own relations, a tour step's) are named large whatever the zoom; in normal
   mode the others are named at the map's own size, which grows and shrinks with the zoom, and
   are left out where they would be too small to read or would cover something. */

const SIZES = { present: 20, tour: 18, normal: 13, smallest: 6, selected: [12, 16] };

/* The relations that stand out for the state (a Set of edge ids, none hidden). */
function highlighted(data, state, hide) {
  const sel = state.selection;
  const shown = (ids) => new Set(ids.filter((id) => !hide.edges.has(id)));
  if (sel && sel.type === "edge") {
    return shown([sel.id]);
  }
  if (sel && sel.type === "route") {
    const r = pm.select.route(data, state);
    return shown(r ? r.edges.map((e) => e.id) : []);
  }
  if (sel && sel.type === "node") {
    return shown((data.edgesOf.get(sel.id) || []).map((e) => e.id));
  }
  const s = pm.select.step(data, state);
  return shown(s ? pm.select.stepParts(data, s).edges : []);
}

/* Which relations are named: {large: [ids], small: [ids]}, each in the order they are placed
   (so the ones that matter find room first). relationLabels "none" names none; "all" names
   every relation on show, faded ones too; "auto" names the ones that stand out and, in normal
   mode, the rest that are not faded. In presentation mode only the ones that stand out. */
function named(data, state) {
  if (state.relationLabels === "none") {
    return { large: [], small: [] };
  }
  const hide = pm.select.hidden(data, state);
  const large = highlighted(data, state, hide);
  const stand = pm.select.emphasis(data, state);
  const dated = pm.timeline.view(data, state.at);
  const ended = dated ? dated.endedEdges : new Set(); // drawn faded where they stood
  const small = state.mode === "present" && state.relationLabels !== "all" ? [] : data.edges
    .filter((e) => !large.has(e.id) && !hide.edges.has(e.id))
    .filter((e) => state.relationLabels === "all" || ((!stand || stand.edges.has(e.id)) && !ended.has(e.id)))
    .map((e) => e.id);
  return { large: Array.from(large).sort(), small: small };
}

/* The on-screen size of a relation's name. Large ones: 20 px when projected, 18 px in a tour,
   and for a selection in normal mode the map's own size made bold, kept between 12 and 16 px.
   Small ones: the map's own size times the zoom (`scale`), or 0 where that is too small to read. */
function size(kind, state, scale) {
  const px = SIZES.normal * scale;
  if (kind === "large") {
    if (state.mode === "present") {
      return SIZES.present;
    }
    return state.tour ? SIZES.tour : Math.min(SIZES.selected[1], Math.max(SIZES.selected[0], px));
  }
  return px >= SIZES.smallest ? px : 0;
}

/* Boxes kept in a grid of cells, for asking what lies near a box without looking at all. */
function grid(cell) {
  const cells = new Map();
  const keys = (b) => {
    const out = [];
    for (let x = Math.floor(b.left / cell); x <= Math.floor(b.right / cell); x += 1) {
      for (let y = Math.floor(b.top / cell); y <= Math.floor(b.bottom / cell); y += 1) {
        out.push(x + "," + y);
      }
    }
    return out;
  };
  return {
    add(box) {
      keys(box).forEach((k) => {
        if (!cells.has(k)) {
          cells.set(k, []);
        }
        cells.get(k).push(box);
      });
    },
    hits(box) {
      return keys(box).some((k) => (cells.get(k) || []).some((o) => overlaps(o, box)));
    },
  };
}

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/* Along the line, from its middle outwards. */
const ALONG = [0.5, 0.44, 0.56, 0.38, 0.62, 0.32, 0.68, 0.26, 0.74, 0.2, 0.8, 0.14, 0.86];

function boxAt(c, width, height) {
  return { left: c.x - width / 2, top: c.y - height / 2, right: c.x + width / 2, bottom: c.y + height / 2 };
}

function inside(box, area) {
  return !area || (box.left >= area.left && box.top >= area.top && box.right <= area.right && box.bottom <= area.bottom);
}

/* Where along a line (0 at `from`, 1 at `to`) a box lies across it: [enter, leave], or null. */
function across(n, box) {
  let enter = 0;
  let leave = 1;
  const dx = n.to.x - n.from.x;
  const dy = n.to.y - n.from.y;
  const clip = (d, low, high, start) => { // Liang-Barsky, one axis
    if (!d) {
      return start >= low && start <= high;
    }
    const a = (low - start) / d;
    const b = (high - start) / d;
    enter = Math.max(enter, Math.min(a, b));
    leave = Math.min(leave, Math.max(a, b));
    return enter <= leave;
  };
  return clip(dx, box.left, box.right, n.from.x) && clip(dy, box.top, box.bottom, n.from.y) ? [enter, leave] : null;
}

/* The parts of a line no box covers, longest first: [[start, end], ...] along it. */
function openParts(n, boxes) {
  let parts = [[0, 1]];
  boxes.forEach((box) => {
    const cut = box && across(n, box);
    if (cut) {
      parts = parts.flatMap(([a, b]) => [[a, Math.min(b, cut[0])], [Math.max(a, cut[1]), b]]).filter(([a, b]) => b - a > 1e-6);
    }
  });
  return parts.sort((p, q) => (q[1] - q[0]) - (p[1] - p[0]) || p[0] - q[0]);
}

/* Where along a line its two bodies leave it open: [start, end], or [0, 1] when the bodies
   leave nothing between them. */
function open(n) {
  return openParts(n, n.ends || []).find(([a, b]) => a > 0 && b < 1) || [0, 1];
}

/* The point at `u` along a line (0 at `from`, 1 at `to`). */
function point(n, u) {
  return { x: n.from.x + u * (n.to.x - n.from.x), y: n.from.y + u * (n.to.y - n.from.y) };
}

const AROUND = [[0, -1], [0, 1], [1, 0], [-1, 0], [1, -1], [-1, -1], [1, 1], [-1, 1]];

/* The places a name may take on its line, as near the middle of its open part as may be.
   Each place is {c: centre, anchor: null, over: false}. */
function alongLine(n) {
  const [t0, t1] = open(n);
  return ALONG.map((t) => ({ c: point(n, t0 + t * (t1 - t0)), anchor: null, over: false }));
}

/* The other places a large name may take, best first: on its line over faded bodies (marked
   `over`), then off its line with a leader back to it (bodies packed close for projection leave
   little line between them), nearest first, clear of bodies and then over faded ones. A leader
   meets the line where it shows: the middles of the parts no body that stands out covers. */
function offLine(n, keep) {
  const anchors = openParts(n, (n.ends || []).concat(keep || [])).slice(0, 3).flatMap(([a, b]) =>
    [(a + b) / 2].concat(b - a > 0.3 ? [a + 0.25 * (b - a), a + 0.75 * (b - a)] : [])).map((u) => point(n, u));
  const off = [];
  [0.8, 1.8, 3, 4.5, 6.5].forEach((gap) => anchors.forEach((p) => AROUND.forEach(([dx, dy]) => {
    off.push({ c: { x: p.x + dx * (n.width / 2 + gap * n.height), y: p.y + dy * (n.height / 2 + gap * n.height) }, anchor: p, over: false });
  })));
  const over = (c) => Object.assign({}, c, { over: true });
  return alongLine(n).map(over).concat(off, off.map(over));
}

/* Where each name goes. `names`: [{id, text, width, height, from: {x, y}, to: {x, y}, large,
   source, target, ends}] in the order they are placed, sizes and points in one unit (the
   map's), `ends` the boxes of the line's two bodies; `solids`: the boxes of the bodies and
   region headings on show; `area`: the box names must lie in (the part of the map in view), or
   null; `keep`: boxes no name may cover (the bodies that stand out).
   A name sits on its line, as near the middle as leaves it clear of the names already placed
   and of every solid. A large name with no room there is named by a large name already placed
   with the same words and one of the same bodies, if there is one; otherwise it sits on its
   line over a faded body, or off its line with a leader, but never over another name, a body
   in `keep` or its own two. A name that finds no place is left out. Answers [{id, names, left, top, right,
   bottom, x, y, anchor}]: `names` the relations it names (its own first), (x, y) its centre,
   `anchor` where its leader meets the line, or null for a name on its line. */
function place(names, solids, cell, area, keep) {
  const taken = grid(cell);
  const solid = grid(cell);
  solids.forEach((b) => solid.add(b));
  const out = [];
  const byId = new Map(names.map((n) => [n.id, n]));
  // A large name already placed with the same words and one of the same bodies: a fan of
  // "works through" lines into one body needs the words once, not once a line with leaders.
  const host = (n) => out.find((p) => {
    const m = byId.get(p.id);
    return m.large && m.text === n.text && (m.source === n.source || m.target === n.target);
  });
  names.forEach((n) => {
    const ends = (n.ends || []).concat(keep || []);
    const fits = ([box, t]) => inside(box, area) && !taken.hits(box) && (t.over ? !ends.some((e) => overlaps(e, box)) : !solid.hits(box));
    const boxes = (places) => places.map((t) => [boxAt(t.c, n.width, n.height), t]);
    let found = boxes(alongLine(n)).find(fits);
    const shared = !found && n.large && n.source && host(n);
    if (shared) {
      shared.names.push(n.id);
      return;
    }
    found = found || (n.large ? boxes(offLine(n, keep)).find(fits) : undefined); // the leader places only when needed
    if (found) {
      const box = found[0];
      const gap = n.height * 0.2; // names side by side read as one: keep a little air between them
      taken.add({ left: box.left - gap, top: box.top - gap, right: box.right + gap, bottom: box.bottom + gap });
      out.push(Object.assign({ id: n.id, names: [n.id], x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2,
        anchor: found[1].anchor }, box));
    }
  });
  return out;
}

pm.labels = { SIZES, highlighted, named, size, place, open, openParts, overlaps };
})(pm);

/* ---- js/parts.js ---- */
(function (pm) {
/* parts.js: the whole-system map projected a part at a time. The build gives the page its parts
   (data.parts, policymap.parts): each figure, the case studies, and a part for any tour step no
   other part holds. Pure functions: which part the state shows, and the chooser's parts. In
   presentation mode the map draws only the part's bodies, at its own layout (present.js). */

/* The parts a facilitator chooses between (not those made for tour steps), in order. */
function choices(data) {
  return (data.parts || []).filter((p) => !p.step);
}

function byId(data, id) {
  return (data.parts || []).find((p) => p.id === id) || null;
}

function holds(part, ids) {
  return Boolean(part) && ids.every((id) => part.bodies.indexOf(id) >= 0);
}

/* The part that holds every one of `ids`: the chosen part if it does, else the first that does. */
function home(data, state, ids) {
  const chosen = byId(data, state.part);
  if (chosen && !chosen.step && holds(chosen, ids)) {
    return chosen;
  }
  return choices(data).find((p) => holds(p, ids)) || null;
}

/* The bodies the selection is about, or null. */
function selectionBodies(data, state) {
  const sel = state.selection;
  if (sel && sel.type === "node") {
    return [sel.id];
  }
  if (sel && sel.type === "edge") {
    const edge = data.edgesById.get(sel.id);
    return edge ? [edge.source, edge.target] : null;
  }
  if (sel && sel.type === "route") {
    const r = pm.select.route(data, state);
    return r ? r.nodes.slice() : null;
  }
  return null;
}

/* The part the state shows, or null on a map without parts (or for a route no part holds: the
   whole map then, as drawn normally). A tour step shows its part (a body opened inside the step
   stays there if the part holds it); a selection, the chosen part if it holds it, else the first
   part that does; otherwise the chosen part, or the first. */
function current(data, state) {
  if (!data.parts || !data.parts.length) {
    return null;
  }
  const s = pm.select.step(data, state);
  const bodies = selectionBodies(data, state);
  if (s) {
    const own = byId(data, s.part) || home(data, state, pm.select.stepParts(data, s).nodes);
    if (!bodies || holds(own, bodies)) {
      return own;
    }
  }
  if (bodies) {
    return home(data, state, bodies);
  }
  const chosen = byId(data, state.part);
  return chosen && !chosen.step ? chosen : choices(data)[0] || null;
}

/* Where a part sits: "part 2 of 4" among the chooser's parts, or a tour step's own view. */
function place(data, part) {
  const list = choices(data);
  const index = list.indexOf(part);
  return index >= 0 ? "part " + (index + 1) + " of " + list.length : "a tour step\u2019s own view";
}

/* "Figure 3: …, part 2 of 4" */
function describe(data, part) {
  return part.title + ", " + place(data, part);
}

/* What the caption over the projected map says (views/caption.js): the part shown's title and its
   place among the chooser's parts ("part 2 of 7"), or that it is a tour step's own view; null in
   normal mode, on maps without parts, and when the whole map is shown. */
function caption(data, state) {
  const part = state.mode === "present" ? current(data, state) : null;
  if (!part) {
    return null;
  }
  return { id: part.id, title: part.title, step: Boolean(part.step), place: place(data, part) };
}

/* The chooser's part `delta` places from the one shown (kept within the list). */
function stepped(data, state, delta) {
  const list = choices(data);
  if (!list.length) {
    return null;
  }
  const shown = current(data, state);
  const index = list.indexOf(shown);
  const from = index >= 0 ? index : Math.max(0, list.indexOf(byId(data, state.part)));
  return list[Math.min(Math.max(from + delta, 0), list.length - 1)];
}

/* The bodies presentation mode hides because the part shown does not hold them (a Set; empty in
   normal mode and on maps without parts). Views that draw over the map skip them. */
const NONE = new Set();
const outside = new Map();

function hidden(data, state) {
  const part = state.mode === "present" ? current(data, state) : null;
  if (!part) {
    return NONE;
  }
  if (!outside.has(part)) {
    const inside = new Set(part.bodies);
    outside.set(part, new Set(Object.keys(data.nodes).filter((id) => !inside.has(id))));
  }
  return outside.get(part);
}

pm.parts = { choices, byId, current, describe, caption, stepped, hidden };
})(pm);

/* ---- js/routes.js ---- */
(function (pm) {
/* routes.js: "how is A connected to B?" The shortest routes over the map's relations taken in
   either direction, read as sentences that respect each relation's direction. The same rules
   as policymap.routes in Python (tests/cases/routes.json holds cases both check):
   - routes run through the maps' bodies only; a case study's bodies and relations are used
     when the route starts or ends in that case study;
   - best first: fewest implied relations, then fewest case-study relations, then fewest steps
     walked against the arrow, then by the bodies' ids;
   - between two bodies, the relation followed is the stated one, then the one walked forwards,
     then one outside a case study, then the smallest id;
   - at most PATH_LIMIT shortest paths are looked at. */

const PATH_LIMIT = 5000;
const ROUTE_LIMIT = 5;
const STEPS_PER_SENTENCE = 3;

function compareLists(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) {
      return a[i] < b[i] ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/* Every shortest route from `from` to `to` (ids), best first: {routes: the best `limit`, count}.
   `hide` ({nodes, edges} Sets) leaves out what the filters hide. */
function find(data, from, to, hide, limit) {
  const studies = new Set([data.nodes[from].case_study, data.nodes[to].case_study].filter(Boolean));
  const usable = (id) => id === from || id === to || !(hide && hide.nodes.has(id))
    && (!data.nodes[id].case_study || studies.has(data.nodes[id].case_study));
  const pairs = new Map();
  const neighbours = new Map();
  const key = (a, b) => (a < b ? a + "\u0000" + b : b + "\u0000" + a);
  data.edges.forEach((edge) => {
    if ((hide && hide.edges.has(edge.id)) || (edge.case_study && !studies.has(edge.case_study))
        || !usable(edge.source) || !usable(edge.target) || edge.source === edge.target) {
      return;
    }
    const k = key(edge.source, edge.target);
    if (!pairs.has(k)) {
      pairs.set(k, []);
      [[edge.source, edge.target], [edge.target, edge.source]].forEach(([a, b]) => {
        if (!neighbours.has(a)) {
          neighbours.set(a, []);
        }
        neighbours.get(a).push(b);
      });
    }
    pairs.get(k).push(edge);
  });
  const distance = new Map([[from, 0]]);
  const before = new Map();
  const queue = [from];
  while (queue.length) {
    const here = queue.shift();
    (neighbours.get(here) || []).slice().sort().forEach((next) => {
      if (!distance.has(next)) {
        distance.set(next, distance.get(here) + 1);
        before.set(next, [here]);
        queue.push(next);
      } else if (distance.get(next) === distance.get(here) + 1) {
        before.get(next).push(here);
      }
    });
  }
  if (from === to || !distance.has(to)) {
    return { routes: [], count: 0 };
  }
  const paths = [];
  (function walk(node, tail) {
    if (paths.length >= PATH_LIMIT) {
      return;
    }
    if (node === from) {
      paths.push([from].concat(tail));
      return;
    }
    before.get(node).slice().sort().forEach((previous) => walk(previous, [node].concat(tail)));
  })(to, []);
  const found = paths.map((path) => {
    const steps = path.slice(1).map((there, i) => {
      const here = path[i];
      return pairs.get(key(here, there)).slice().sort((a, b) =>
        (a.evidence !== "stated") - (b.evidence !== "stated") || (a.source !== here) - (b.source !== here)
        || Boolean(a.case_study) - Boolean(b.case_study) || (edgeKey(a) < edgeKey(b) ? -1 : edgeKey(a) > edgeKey(b) ? 1 : 0))[0];
    });
    const score = [steps.filter((e) => e.evidence !== "stated").length, steps.filter((e) => e.case_study).length,
      steps.filter((e, i) => e.source !== path[i]).length];
    return { nodes: path, edges: steps, score: score };
  });
  found.sort((a, b) => a.score[0] - b.score[0] || a.score[1] - b.score[1] || a.score[2] - b.score[2]
    || compareLists(a.nodes, b.nodes));
  return { routes: found.slice(0, limit || ROUTE_LIMIT), count: paths.length };
}

/* A relation's stable key: source--relation--target, as the Python side names it. */
function edgeKey(edge) {
  return edge.key || edge.source + "--" + edge.relation + "--" + edge.target;
}

let cache = null;

/* find(), remembered for the last question asked (views ask on every render). */
function cached(data, from, to, hide) {
  if (cache && cache.data === data && cache.from === from && cache.to === to && cache.hide === hide) {
    return cache.value;
  }
  cache = { data: data, from: from, to: to, hide: hide, value: find(data, from, to, hide) };
  return cache.value;
}

/* A route read from its first body to its last, as policymap.routes.route_sentences reads it:
   each step is a clause whose subject is the body the route has reached, the relation read
   forwards along its arrow or the other way round (its inverse) against it; clauses are joined
   by semicolons, STEPS_PER_SENTENCE to a sentence; a body named again gets its short form. */
function sentences(data, route) {
  const out = [];
  let clauses = [];
  route.edges.forEach((edge, i) => {
    const here = route.nodes[i];
    const there = route.nodes[i + 1];
    const verb = edge.source === here ? edge.reading : edge.inverse;
    const subject = clauses.length ? data.nodes[here].again : data.nodes[here].subj;
    const object = data.nodes[there].obj;
    const said = verb.indexOf("{}") >= 0 ? verb.replace("{}", object) : verb + " " + object;
    clauses.push(subject + " " + said + (edge.evidence === "implied" ? " (implied)" : ""));
    if (clauses.length === STEPS_PER_SENTENCE) {
      out.push(clauses.join("; ") + ".");
      clauses = [];
    }
  });
  if (clauses.length) {
    out.push(clauses.join("; ") + ".");
  }
  return out;
}

/* Names as policymap.routes compares them: curly quotes straightened, lower case, runs of
   spaces, dashes and underscores as one space, no leading "the", no trailing "(ACRONYM)". */
function norm(text) {
  return text.replace(/[\u2018\u2019]/g, "'").toLowerCase().replace(/[\s_\-\u2013\u2014]+/g, " ").trim()
    .replace(/^the /, "").replace(/\s*\([^)]*\)$/, "").trim();
}

function singular(text) {
  const at = text.lastIndexOf(" ");
  const head = at < 0 ? "" : text.slice(0, at);
  let last = at < 0 ? text : text.slice(at + 1);
  if (last.endsWith("ies") && last.length > 4) {
    last = last.slice(0, -3) + "y";
  } else if (last.endsWith("s") && !last.endsWith("ss") && last.length > 3) {
    last = last.slice(0, -1);
  }
  return (head + " " + last).trim();
}

/* Name -> ids: each body by id, label, singular label, label without brackets and acronym. */
function nameIndex(data, ids) {
  const index = new Map();
  ids.forEach((id) => {
    const node = data.nodes[id];
    const label = norm(node.label);
    const keys = new Set([norm(id), label, singular(label), label.replace(/\s*\(.*?\)/g, "").trim()]);
    if (node.acronym) {
      keys.add(norm(node.acronym));
    }
    keys.forEach((key) => {
      if (!index.has(key)) {
        index.set(key, new Set());
      }
      index.get(key).add(id);
    });
  });
  return index;
}

/* A body from what was typed: its id, name or acronym (any case, singular or plural), or one of
   the guide's abbreviations that names it (GOL); {id} or {error}. The same rules as
   policymap.routes.resolve_body. */
function resolve(data, text, hide) {
  const ids = Object.keys(data.nodes).filter((id) => !(hide && hide.nodes.has(id))).sort();
  if (ids.indexOf(text) >= 0) {
    return { id: text };
  }
  const aliases = {};
  Object.keys(data.aliases || {}).forEach((abbr) => {
    if (ids.indexOf(data.aliases[abbr]) >= 0) {
      aliases[norm(abbr)] = data.aliases[abbr];
    }
  });
  const index = nameIndex(data, ids);
  const key = norm(text);
  for (const candidate of [key, singular(key)]) {
    const found = Array.from(index.get(candidate) || []).sort();
    if (found.length === 1) {
      return { id: found[0] };
    }
    if (found.length) {
      if (found.indexOf(aliases[candidate]) >= 0) {
        return { id: aliases[candidate] };
      }
      return { error: "\u201c" + text.trim() + "\u201d names several bodies: "
        + found.map((id) => data.nodes[id].label).join(", ") + ". Choose one.", several: found };
    }
    if (aliases[candidate]) {
      return { id: aliases[candidate] };
    }
  }
  const near = ids.filter((id) => key.length >= 3 && norm(data.nodes[id].label).indexOf(key) >= 0).slice(0, 4);
  return { error: key ? "No body on this map is called \u201c" + text.trim() + "\u201d."
    + (near.length ? " Did you mean " + near.map((id) => data.nodes[id].label).join(", ") + "?" : "")
    : "Choose two bodies." };
}

pm.routes = { find, cached, sentences, resolve, norm, edgeKey, PATH_LIMIT, ROUTE_LIMIT };
})(pm);

/* ---- js/search.js ---- */
(function (pm) {
/* search.js: finding bodies by name, acronym or glossary term (pure; the view is views/search.js). */

/* The searchable fields of each entry ({id, label, acronym, terms, url, map}), lower-cased once. */
function index(items) {
  return items.map((item) => ({
    item: item,
    fields: [item.label, item.acronym].filter(Boolean).map((text) => ({ text: text.toLowerCase(), term: null }))
      .concat((item.terms || []).map((term) => ({ text: term.toLowerCase(), term: term })))
      .concat((item.names || []).map((name) => ({ text: name.toLowerCase(), term: null, name: name }))),
  }));
}

/* Rank: 0 prefix, 1 start of a word, 2 anywhere; glossary terms rank after names. */
function rank(entry, query) {
  let best = null;
  entry.fields.forEach((field) => {
    const at = field.text.indexOf(query);
    if (at < 0) {
      return;
    }
    let score = at === 0 ? 0 : (/[^a-z0-9]/.test(field.text.charAt(at - 1)) ? 1 : 2);
    if (field.term) {
      score += 3;
    }
    if (field.name) {
      score += 1; // a former or later name ranks just after the body's own
    }
    if (best === null || score < best.score) {
      best = { score: score, term: field.term, name: field.name || null };
    }
  });
  return best;
}

/* The best 20 matches for what was typed, bodies on this map before those on others. */
function matches(entries, query) {
  const q = query.trim().toLowerCase();
  if (!q) {
    return [];
  }
  return entries
    .map((entry) => ({ entry: entry, hit: rank(entry, q) }))
    .filter((found) => found.hit)
    .sort((a, b) => a.hit.score - b.hit.score
      || (a.entry.item.url ? 1 : 0) - (b.entry.item.url ? 1 : 0)
      || a.entry.item.label.localeCompare(b.entry.item.label))
    .slice(0, 20)
    .map((found) => ({ item: found.entry.item, term: found.hit.term, name: found.hit.name }));
}

pm.search = { index, rank, matches };
})(pm);

/* ---- js/store.js ---- */
(function (pm) {
/* store.js: the page's state in one place. createStore is Redux's idea in a few lines
   (getState, dispatch, subscribe); reducer(data) turns (state, action) into the next state
   without touching anything else. Views subscribe and render from the state; handlers only
   dispatch. Subscribers are called with (state, previous, action).

   The state:
     mode          "normal" or "present"
     selection     null, {type: "node", id}, {type: "edge", id} or {type: "route", from, to, index}
     tour          null or {id, step} (step counts from 0); a selection while a tour is on is a
                   body (or relation) opened inside the step: clearing it returns to the step
     notice        null or {type: "elsewhere" | "unknown", id}: an address named a body not on this map
     filters       {kind: [], level: [], relation: [] (hidden ids), caseStudies: shown?}
     focusDepth    1 or 2 steps around a selected body stay clear, 0 for no fading
     colourBy      "kind" or "layer" (Figure 1's layers, whole-system map)
     panels        {legend, routes}: open or not (details and tour follow selection and tour)
     at            null (the guide's date) or a date 'YYYY[-MM[-DD]]' or "today" the map is shown at
     endedView     "faded" or "listed": how bodies that had ended by then are shown (timeline.js)
     showcase      null or {group: "kind" | "level", id}: highlighted while the rest fades
     relationLabels "auto", "all" or "none": which relations carry their names on the map
     part          null or the id of the part of the whole-system map chosen for presentation mode
                   (parts.js: a tour step or a selection elsewhere shows its own part)
     said          {text, n}: the last thing to announce to screen readers */

function createStore(reduce, initial) {
  let state = initial;
  const listeners = [];
  let dispatching = false;
  const queue = [];
  function dispatch(action) {
    queue.push(action);
    if (dispatching) {
      return; // an action dispatched by a listener runs after the current one has reached everyone
    }
    dispatching = true;
    try {
      while (queue.length) {
        const next = queue.shift();
        const previous = state;
        state = reduce(state, next);
        if (state !== previous) {
          listeners.slice().forEach((listener) => listener(state, previous, next));
        }
      }
    } finally {
      dispatching = false;
    }
  }
  return {
    getState: () => state,
    dispatch: dispatch,
    subscribe: (listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  };
}

const NO_FILTERS = Object.freeze({ kind: [], level: [], relation: [], caseStudies: true });

function initialState(options) {
  return Object.assign({
    mode: "normal", selection: null, tour: null, notice: null, filters: NO_FILTERS, focusDepth: 1,
    colourBy: "kind", panels: { legend: true, routes: false }, at: null, endedView: "faded", showcase: null,
    relationLabels: "auto", part: null, said: null,
  }, options || {});
}

/* A showcase the map can show: {group: "kind" | "level", id} naming a kind or level some body of
   this map has, or null. */
function showcaseFor(data, value) {
  if (!value || (value.group !== "kind" && value.group !== "level")) {
    return null;
  }
  const group = value.group;
  return Object.keys(data.nodes).some((id) => data.nodes[id][group] === value.id) ? { group: group, id: value.id } : null;
}

/* "the 6 funds", "the 17 national bodies": what a showcase highlights, in words. */
function showcaseText(data, showcase) {
  const n = Object.keys(data.nodes).filter((id) => data.nodes[id][showcase.group] === showcase.id).length;
  const name = showcase.group === "kind" ? (data.kinds || {})[showcase.id] || showcase.id : (data.levels || {})[showcase.id] || showcase.id;
  return showcase.group === "kind"
    ? "the " + (n === 1 ? "1 body" : n + " bodies") + " of the kind \u201c" + name + "\u201d"
    : "the " + n + " " + name.toLowerCase() + (n === 1 ? " body" : " bodies");
}

function say(state, text) {
  return { text: text, n: state.said ? state.said.n + 1 : 1 };
}

function filtersActive(filters) {
  return filters.kind.length + filters.level.length + filters.relation.length > 0 || filters.caseStudies === false;
}

/* The next state with `changes`; in presentation mode one panel at a time lies over the map,
   so a selection or a tour step closes the legend. */
function next(state, changes) {
  const out = Object.assign({}, state, changes);
  if (out.mode === "present" && out.panels.legend && (changes.selection || changes.tour || changes.mode)) {
    out.panels = Object.assign({}, out.panels, { legend: false });
  }
  return out;
}

function reducer(data) {
  const steps = (tour) => data.tours.find((t) => t.id === tour).steps;

  /* Filters cleared, if they hide any of these bodies or relations. */
  function unhide(state, nodes, edges, text) {
    const hide = pm.select.hidden(data, state);
    if (nodes.some((id) => hide.nodes.has(id)) || edges.some((id) => hide.edges.has(id))) {
      return { filters: NO_FILTERS, said: say(state, text) };
    }
    return {};
  }

  function selectNode(state, id) {
    if (!data.nodes[id]) {
      return state;
    }
    const at = data.timeline ? pm.timeline.whenShown(data, id, state.at) : state.at;
    if (at !== state.at) {
      state = next(state, { at: at, said: say(state, "Map shown as it stood in " + pm.timeline.dateLabel(data, pm.timeline.stateDate(data, at))) });
    }
    return next(state, Object.assign({ selection: { type: "node", id: id }, notice: null },
      unhide(state, [id], [], "Filters cleared to show " + data.nodes[id].label)));
  }

  function startTour(state, id, step) {
    const tour = data.tours.find((t) => t.id === id);
    if (!tour) {
      return next(state, { tour: null, selection: null });
    }
    const index = Math.min(Math.max(step || 0, 0), tour.steps.length - 1);
    const parts = pm.select.stepParts(data, tour.steps[index]);
    // A tour shows the map at its step's date; the guide's own tours, at the guide's date.
    const at = data.timeline ? tour.steps[index].at || null : state.at;
    return next(state, Object.assign({ tour: { id: id, step: index }, selection: null, notice: null, at: at, showcase: null },
      unhide(state, parts.nodes, parts.edges, "Filters cleared for the tour")));
  }

  /* After a filter change: a hidden body or relation never stays selected. */
  function filtered(state, filters) {
    const out = next(state, { filters: filters });
    const hide = pm.select.hidden(data, out);
    const sel = out.selection;
    if (sel && ((sel.type === "node" && hide.nodes.has(sel.id)) || (sel.type === "edge" && hide.edges.has(sel.id))
        || (sel.type === "route" && (hide.nodes.has(sel.from) || hide.nodes.has(sel.to))))) {
      out.selection = null;
    }
    return out;
  }

  function reduce(state, action) {
    switch (action.type) {
      case "select-node":
        return selectNode(state, action.id);
      case "select-edge":
        return data.edgesById.has(action.id)
          ? next(state, Object.assign({ selection: { type: "edge", id: action.id }, notice: null },
            unhide(state, [], [action.id], "Filters cleared to show the relation"))) : state;
      case "clear":
        return state.selection || state.notice ? next(state, { selection: null, notice: null }) : state;
      case "tour":
        return startTour(state, action.id, action.step);
      case "tour-step": {
        if (!state.tour) {
          return state;
        }
        const index = Math.min(Math.max(state.tour.step + action.delta, 0), steps(state.tour.id).length - 1);
        return index === state.tour.step && !state.selection ? state : startTour(state, state.tour.id, index);
      }
      case "tour-end":
        return state.tour ? next(state, { tour: null, selection: null }) : state;
      case "route":
        if (!data.nodes[action.from] || !data.nodes[action.to]) {
          return state;
        }
        return next(state, { selection: { type: "route", from: action.from, to: action.to, index: action.index || 0 },
          notice: null, panels: Object.assign({}, state.panels, { routes: true }) });
      case "navigate":
        return navigate(state, action);
      case "mode":
        return action.mode === state.mode ? state : next(state, { mode: action.mode === "present" ? "present" : "normal",
          said: say(state, action.mode === "present" ? "Presentation mode. Press Escape or P to leave." : "Presentation mode off.") });
      case "focus-depth": {
        const depth = action.depth === 2 ? 2 : action.depth === 0 ? 0 : 1;
        const text = depth === 0 ? "Showing the whole map" : depth === 1 ? "Showing its neighbours" : "Showing bodies up to two steps away";
        return depth === state.focusDepth ? state : next(state, { focusDepth: depth,
          said: state.selection && state.selection.type === "node" ? say(state, text) : state.said });
      }
      case "filter": {
        const list = state.filters[action.group];
        if (!list) {
          return state;
        }
        const without = list.filter((id) => id !== action.id);
        return filtered(state, Object.assign({}, state.filters, { [action.group]: action.shown ? without : without.concat([action.id]).sort() }));
      }
      case "case-studies":
        return Object.assign(filtered(state, Object.assign({}, state.filters, { caseStudies: Boolean(action.shown) })),
          { said: say(state, action.shown ? "Case studies shown" : "Case studies hidden") });
      case "filters-reset":
        return filtersActive(state.filters)
          ? Object.assign(filtered(state, NO_FILTERS), { said: say(state, "Showing every body and relation") }) : state;
      case "colour-by":
        return next(state, { colourBy: action.value === "layer" ? "layer" : "kind" });
      case "panel": {
        const panels = Object.assign({}, state.panels, { [action.name]: Boolean(action.open) });
        const closesRoute = action.name === "routes" && !action.open && state.selection && state.selection.type === "route";
        return next(state, Object.assign({ panels: panels }, closesRoute ? { selection: null } : {}));
      }
      case "at": {
        const at = action.at && pm.timeline.isDate(action.at) && action.at !== (data.timeline || {}).guide ? action.at : null;
        if (at === state.at) {
          return state;
        }
        const out = next(state, { at: at, said: say(state, "Map shown as it stood in " + pm.timeline.dateLabel(data, pm.timeline.controlValue(data, at) || (data.timeline || {}).guide)) });
        const hide = pm.select.hidden(data, out);
        if (out.selection && out.selection.type === "node" && hide.nodes.has(out.selection.id)) {
          out.selection = null; // a body not on the map at that date is not left selected
        }
        return out;
      }
      case "ended-view":
        return action.value === state.endedView ? state : next(state, { endedView: action.value === "listed" ? "listed" : "faded" });
      case "showcase": {
        const wanted = showcaseFor(data, action.showcase);
        const same = wanted && state.showcase && wanted.group === state.showcase.group && wanted.id === state.showcase.id;
        const showcase = same && action.toggle ? null : wanted;
        if (showcase === state.showcase || (same && !action.toggle)) {
          return state;
        }
        return next(state, { showcase: showcase, said: say(state, showcase
          ? "Highlighting " + showcaseText(data, showcase) + "; the rest is faded. Escape or Clear highlight ends it."
          : "Highlight cleared: the whole map is shown.") });
      }
      case "relation-labels":
        return next(state, { relationLabels: action.value });
      case "part":
        return choosePart(state, pm.parts.byId(data, action.id));
      case "part-step":
        return choosePart(state, pm.parts.stepped(data, state, action.delta));
      default:
        return state;
    }
  }

  /* A part chosen (whole-system map): a tour ends, and a selection it does not hold is cleared. */
  function choosePart(state, part) {
    if (!part || part.step || (part.id === state.part && pm.parts.current(data, state) === part)) {
      return state;
    }
    const out = next(state, { part: part.id, tour: null, notice: null, said: say(state, "Showing " + pm.parts.describe(data, part)) });
    if (out.selection && pm.parts.current(data, out) !== part) {
      out.selection = null;
    }
    return out;
  }

  /* On a map with parts, the chosen part follows a selection into the part that shows it, so
     clearing the selection stays there. */
  function followPart(state) {
    if (!data.parts || !state.selection) {
      return state;
    }
    const part = pm.parts.current(data, state);
    return part && !part.step && part.id !== state.part ? Object.assign({}, state, { part: part.id }) : state;
  }

  /* Presenting the whole system, a part shown by a tour step or a selection elsewhere is announced
     as the caption names it; a part chosen is announced already (choosePart), and so is anything
     else said in the same step. */
  function sayPart(previous, state) {
    if (!data.parts || state.mode !== "present" || previous.mode !== "present" || state.said !== previous.said) {
      return state;
    }
    const part = pm.parts.current(data, state);
    return part && part !== pm.parts.current(data, previous)
      ? Object.assign({}, state, { said: say(state, "Showing " + pm.parts.describe(data, part)) }) : state;
  }

  return (state, action) => sayPart(state, followPart(reduce(state, action)));

  /* The selection, tour and notice an address asks for (see url.js); anything the map does not
     have becomes a notice rather than an error. */
  function navigate(state, where) {
    let out = next(state, { selection: null, tour: null, notice: null });
    if (where.tour && data.tours.some((t) => t.id === where.tour)) {
      out = startTour(out, where.tour, where.step);
    }
    if (where.node) {
      if (data.nodes[where.node]) {
        out = selectNode(out, where.node);
      } else {
        out = next(out, { notice: { type: data.others[where.node] ? "elsewhere" : "unknown", id: where.node } });
      }
    } else if (where.edge) {
      const edge = data.edgesByKey.get(where.edge);
      out = edge ? reduce(out, { type: "select-edge", id: edge.id }) : next(out, { notice: { type: "unknown-edge", id: where.edge } });
    } else if (where.from && where.to) {
      out = reduce(out, { type: "route", from: where.from, to: where.to, index: where.route || 0 });
    }
    return out;
  }
}

/* A plain copy of the state for window.policymap.state(): today's keys first. */
function snapshot(data, state) {
  const sel = state.selection;
  return {
    mode: state.mode, focusDepth: state.focusDepth,
    tour: state.tour ? state.tour.id : null, step: state.tour ? state.tour.step + 1 : null,
    selected: sel && (sel.type === "node" || sel.type === "edge") ? sel.id : null,
    hidden: { kind: state.filters.kind.slice(), level: state.filters.level.slice(), relation: state.filters.relation.slice() },
    selection: sel ? Object.assign({}, sel) : null,
    edge: sel && sel.type === "edge" ? data.edgesById.get(sel.id).key : null,
    route: sel && sel.type === "route" ? { from: sel.from, to: sel.to, index: sel.index } : null,
    insideTour: Boolean(state.tour && sel),
    notice: state.notice ? Object.assign({}, state.notice) : null,
    caseStudies: state.filters.caseStudies, colourBy: state.colourBy,
    panels: Object.assign({ details: Boolean(sel && sel.type !== "route"), tour: Boolean(state.tour) }, state.panels),
    at: state.at, endedView: state.endedView, shownDate: pm.timeline.stateDate(data, state.at), showcase: state.showcase ? Object.assign({}, state.showcase) : null, relationLabels: state.relationLabels,
    part: data.parts && data.parts.length ? (pm.parts.current(data, state) || { id: null }).id : null,
  };
}

pm.store = { createStore, initialState, reducer, snapshot, filtersActive, showcaseFor, showcaseText, NO_FILTERS };
})(pm);

/* ---- js/url.js ---- */
(function (pm) {
/* url.js: the address is a projection of the state, both ways, and this is the only code that
   touches history. The fragment holds what back and forward walk through, pushed as it changes:
     #node=ID                 a body (also a body on another map, or an unknown id: a notice)
     #edge=SOURCE--RELATION--TARGET   a relation
     #tour=ID&step=N          a tour step (N from 1), with &node=ID for a body opened inside it
     #from=A&to=B&route=N     a route between two bodies (N from 1)
   The query holds settings, replaced in place: ?present, ?at=DATE, ?showcase=GROUP.ID (a kind
   or level highlighted: ?showcase=kind.fund, ?showcase=level.national), and with ?present on the
   whole-system map ?part=ID, the part chosen (parts.js). */

/* The fragment (without '#') for a state. */
function toHash(data, state) {
  const parts = [];
  const sel = state.selection;
  if (state.tour) {
    parts.push("tour=" + state.tour.id, "step=" + (state.tour.step + 1));
  }
  if (sel && sel.type === "node") {
    parts.push("node=" + sel.id);
  } else if (sel && sel.type === "edge") {
    parts.push("edge=" + data.edgesById.get(sel.id).key);
  } else if (sel && sel.type === "route") {
    parts.push("from=" + sel.from, "to=" + sel.to, "route=" + (sel.index + 1));
  } else if (!sel && state.notice) {
    parts.push((state.notice.type === "unknown-edge" ? "edge=" : "node=") + state.notice.id);
  }
  return parts.join("&");
}

/* What a fragment asks for: the payload of a "navigate" action. */
function parseHash(hash) {
  const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  const number = (name) => Math.max((parseInt(params.get(name) || "1", 10) || 1) - 1, 0);
  return { type: "navigate", tour: params.get("tour") || null, step: number("step"), node: params.get("node") || null,
    edge: params.get("edge") || null, from: params.get("from") || null, to: params.get("to") || null, route: number("route") };
}

/* The settings the query asks for. */
function parseQuery(search) {
  const params = new URLSearchParams(search || "");
  const showcase = /^(kind|level)\.(.+)$/.exec(params.get("showcase") || "");
  return { present: params.has("present"), at: params.get("at") || null,
    showcase: showcase ? { group: showcase[1], id: showcase[2] } : null, part: params.get("part") || null };
}

function queryFor(search, state) {
  const params = new URLSearchParams(search || "");
  if (state.mode === "present") {
    params.set("present", "");
  } else {
    params.delete("present");
  }
  if (state.at) {
    params.set("at", state.at);
  } else {
    params.delete("at");
  }
  if (state.showcase) {
    params.set("showcase", state.showcase.group + "." + state.showcase.id);
  } else {
    params.delete("showcase");
  }
  if (state.part && state.mode === "present") {
    params.set("part", state.part);
  } else {
    params.delete("part");
  }
  const text = params.toString().replace(/(^|&)present=(?=&|$)/, "$1present");
  return text ? "?" + text : "";
}

/* Keep the address in step with the store, and the store with the address (back, forward,
   edited fragments). A change of fragment is pushed, so back returns to the step, body or route
   before; a change of query alone is replaced. */
function bind(store, data) {
  let applying = false;
  store.subscribe((state) => {
    if (applying) {
      return;
    }
    const hash = toHash(data, state);
    const search = queryFor(location.search, state);
    const base = location.href.split("#")[0].split("?")[0];
    if (("#" + hash === location.hash || (!hash && !location.hash)) && search === location.search) {
      return;
    }
    const address = base + search + (hash ? "#" + hash : "");
    const push = "#" + hash !== location.hash && (hash || location.hash);
    try {
      history[push ? "pushState" : "replaceState"](null, "", address);
    } catch (error) {
      if (push) {
        location.hash = hash; // file:// pages may refuse a new query string; the fragment still works
      }
    }
  });
  const follow = () => {
    if (toHash(data, store.getState()) === location.hash.replace(/^#/, "")) {
      return;
    }
    applying = true;
    try {
      store.dispatch(parseHash(location.hash));
    } finally {
      applying = false;
    }
    const search = queryFor(location.search, store.getState());
    if (search !== location.search) { // following an address can move the date (a body from another date)
      try {
        history.replaceState(null, "", location.href.split("#")[0].split("?")[0] + search + location.hash);
      } catch (error) {
        // file:// pages may refuse a new query string
      }
    }
  };
  window.addEventListener("popstate", follow);
  window.addEventListener("hashchange", follow);
  follow(); // the address the page was opened with
}

pm.url = { toHash, parseHash, parseQuery, queryFor, bind };
})(pm);

/* ---- js/present.js ---- */
(function (pm) {
/* present.js: the two ways a map is drawn, as one style table each. Normal mode is the map on
   a screen; presentation mode is the map on a projector (its own layout from the build, large
   labels, stark colours, panels over the map). Views look the mode up here once instead of
   asking "are we presenting?" as they go. */

const FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const { option } = pm.text;

function edgeColor(color) {
  if (typeof color === "string") {
    return { color: color, highlight: color, hover: color };
  }
  return Object.assign({}, color || {});
}

/* Colours for Figure 1's layers (whole-system map): shape still tells the kind. */
function layerColour(data, id) {
  const layers = data.layers || {};
  const style = layers[data.nodes[id].layer || "none"] || layers.none;
  return style ? { background: style.fill, border: style.color,
    highlight: { background: style.fill, border: "#000000" }, hover: { background: style.fill, border: style.color } } : null;
}

/* The normal style, from the map's vis-network options. */
function normal(data) {
  const options = data.vis.options || {};
  const nodeOptions = options.nodes || {};
  const edgeOptions = options.edges || {};
  const groups = options.groups || {};
  const nodeFont = option(option(nodeOptions, "font", {}), "color", "#343434");
  return {
    name: "normal",
    overlays: false, // panels sit beside the map, not over it
    zoomStrip: 44, // the zoom buttons' strip on the right
    fitMargin: 12,
    frame: { margin: 40, maxScale: 1 },
    regions: data.regions || [],
    position: (base) => [base.x, base.y],
    node(base, faded, hidden, state) {
      const group = groups[base.group] || {};
      return Object.assign({}, base, {
        hidden: hidden,
        font: { size: option(nodeOptions.font, "size", 14), color: faded ? "rgba(60, 66, 75, 0.3)" : nodeFont },
        margin: option(nodeOptions, "margin", 5), widthConstraint: option(nodeOptions, "widthConstraint", false),
        borderWidth: option(nodeOptions, "borderWidth", 1), borderWidthSelected: option(nodeOptions, "borderWidthSelected", 2),
        opacity: faded ? 0.25 : 1, color: (state.colourBy === "layer" && layerColour(data, base.id)) || group.color,
        shapeProperties: group.shapeProperties || {},
      });
    },
    edge(base, faded, hidden) {
      const width = option(base, "width", option(edgeOptions, "width", 1));
      return Object.assign({}, base, { hidden: hidden, width: width,
        color: Object.assign(edgeColor(base.color), { opacity: faded ? 0.15 : 1 }) });
    },
    region: (region) => ({ fill: region.inset ? "#fff8e1" : "#f0f3f7", stroke: region.inset ? "#a86a00" : "#c5ccd6",
      width: region.inset ? 2 : 1, ink: "#4a5563", font: "600 16px " + FACE, size: 16, inset: 10, top: 10 }),
  };
}

/* The presentation style: the build's presentation layout and sizes (data.present). Maps too
   large to pack at projector size have none and present with the normal style's layout. */
function presenting(data) {
  const base = normal(data);
  const present = data.present;
  const groups = (data.vis.options || {}).groups || {};
  const style = Object.assign({}, base, {
    name: "present",
    overlays: true, // panels, the tour card and the bar lie over the map
    zoomStrip: 0,
    frame: { margin: 24, maxScale: 1.6 },
    edge(item, faded, hidden) {
      const width = option(item, "width", option((data.vis.options.edges || {}), "width", 1));
      // Relation names: views/labels.js names the ones that stand out, large.
      return Object.assign({}, item, { hidden: hidden, width: width * 1.7,
        color: Object.assign(edgeColor(item.color), { opacity: faded ? 0.1 : 1 }) });
    },
  });
  if (!present) {
    return style;
  }
  return Object.assign(style, {
    fitMargin: present.fit_margin,
    regions: present.regions || [],
    position: (item) => present.positions[item.id] || [item.x, item.y],
    node(item, faded, hidden) {
      const kind = present.kinds[item.group] || {};
      const group = groups[item.group] || {};
      const xy = present.positions[item.id] || [item.x, item.y];
      return Object.assign({}, item, {
        x: xy[0], y: xy[1], label: option(present.labels, item.id, item.label), hidden: hidden,
        font: { size: present.font, color: faded ? "rgba(0, 0, 0, 0.28)" : "#000000" },
        margin: present.margin, widthConstraint: false, borderWidth: present.border,
        borderWidthSelected: present.border + 2, opacity: faded ? 0.18 : 1,
        color: kind.color || group.color,
        shapeProperties: Object.assign({}, group.shapeProperties || {}, { borderRadius: option(kind, "radius", 0) }),
      });
    },
    region: (region) => ({ fill: region.inset ? "#fff4d6" : "#f1f3f6", stroke: region.inset ? "#7a4b00" : "#5b6573", width: 2,
      ink: "#000000", font: "700 " + present.heading + "px " + FACE, size: present.heading, inset: 6, top: 5 }),
  });
}

/* The style table for each mode, built once per page; on a map with a timeline, one per date,
   looked up from the state (getState) whenever a view asks for styles.normal or styles.present. */
function styles(data, getState) {
  if (data.parts && data.parts.length && getState) {
    return partedStyles(data, getState);
  }
  if (!data.timeline || !getState) {
    return { normal: normal(data), present: presenting(data) };
  }
  const byDate = new Map();
  const forDate = () => {
    const v = pm.timeline.view(data, getState().at);
    if (!byDate.has(v.date)) {
      byDate.set(v.date, v.guide ? { normal: normal(data), present: presenting(data) } : datedStyles(data, v));
    }
    return byDate.get(v.date);
  };
  return { get normal() { return forDate().normal; }, get present() { return forDate().present; } };
}

/* The whole-system map's styles: normal mode draws it whole; presentation mode draws the part the
   state shows (pm.parts.current), at that part's layout, with every other body and the relations
   reaching them hidden. One presentation style per part, made when first shown. */
function partedStyles(data, getState) {
  const whole = normal(data);
  const byPart = new Map();
  const forPart = () => {
    const part = pm.parts.current(data, getState());
    const key = part ? part.id : "";
    if (!byPart.has(key)) {
      byPart.set(key, part ? partStyle(data, part) : presenting(data));
    }
    return byPart.get(key);
  };
  return { normal: whole, get present() { return forPart(); } };
}

function partStyle(data, part) {
  const shown = new Set(part.bodies);
  const style = presenting(part.present ? Object.assign({}, data, { present: part.present }) : data);
  const node = style.node;
  const edge = style.edge;
  style.part = part.id;
  style.node = (item, faded, hidden, state) => node(item, faded, hidden || !shown.has(item.id), state);
  style.edge = (item, faded, hidden, state) => edge(item, faded, hidden || !shown.has(item.from) || !shown.has(item.to), state);
  return style;
}

/* Styles for a later date: the later layout's places, labels and regions, and that date's
   presentation layout; bodies that had ended are drawn faded and dashed where they stood. */
function datedStyles(data, v) {
  const dated = Object.assign({}, data, { regions: v.layout.regions,
    present: v.present ? Object.assign({ kinds: (data.present || {}).kinds || {} }, v.present) : data.present });
  const place = (item) => {
    const xy = v.layout.positions[item.id];
    return xy ? Object.assign({}, item, { x: xy[0], y: xy[1], label: option(v.layout.labels, item.id, item.label) }) : item;
  };
  const out = { normal: normal(dated), present: presenting(dated) };
  const node = out.normal.node;
  out.normal.position = (item) => { const p = place(item); return [p.x, p.y]; };
  out.normal.node = (item, faded, hidden, state) => {
    const drawn = node(place(item), faded || v.ended.has(item.id), hidden, state);
    return v.ended.has(item.id) ? Object.assign(drawn, { opacity: 0.35,
      shapeProperties: Object.assign({}, drawn.shapeProperties || {}, { borderDashes: [6, 4] }) }) : drawn;
  };
  const edge = out.normal.edge;
  out.normal.edge = (item, faded, hidden, state) => edge(item, faded || v.endedEdges.has(item.id), hidden, state);
  return out;
}

pm.present = { styles, FACE };
})(pm);

/* ---- js/views/map.js ---- */
(function (pm) {
/* views/map.js: the network drawing. Builds vis-network from the page's items, then restyles
   them from the state (mode, filters, emphasis, colouring) and mirrors the selection. Clicks
   on the map dispatch; nothing here decides what a click means beyond naming what was hit. */

function withoutTitle(item) {
  const copy = Object.assign({}, item);
  delete copy.title; // nothing may depend on hover tooltips
  return copy;
}

/* Relations are drawn without vis-network's labels: views/labels.js names them. */
function unlabelled(edge) {
  const copy = withoutTitle(edge);
  delete copy.label;
  return copy;
}

function createMap(element, data, store, styles) {
  const baseNodes = data.vis.nodes.map(withoutTitle);
  const baseEdges = data.vis.edges.map(unlabelled);
  const options = Object.assign({}, data.vis.options);
  options.interaction = Object.assign({ hover: true }, options.interaction);

  /* The items as the state styles them. */
  function styledItems(state) {
    const style = styles[state.mode];
    const hide = pm.select.hidden(data, state);
    const stand = pm.select.emphasis(data, state);
    return { nodes: baseNodes.map((n) => style.node(n, Boolean(stand && !stand.nodes.has(n.id)), hide.nodes.has(n.id), state)),
      edges: baseEdges.map((e) => style.edge(e, Boolean(stand && !stand.edges.has(e.id)), hide.edges.has(e.id), state)) };
  }

  /* Whether styled items would only repeat the options' and groups' defaults (nothing faded,
     filtered or presented), which vis pays for item by item: a 1,000-body map's first frame comes
     sooner with the plain items. */
  function plain(state) {
    const hide = pm.select.hidden(data, state);
    return state.mode === "normal" && !hide.nodes.size && !hide.edges.size && !pm.select.emphasis(data, state)
      && state.colourBy === "kind" && !state.at;
  }

  // vis is built with the items the first state needs, so the first render changes none of
  // them: with physics off, each DataSet update draws the whole map at once, in the same task.
  const initial = store.getState();
  const first = plain(initial) ? { nodes: baseNodes, edges: baseEdges } : styledItems(initial);
  const nodes = new vis.DataSet(first.nodes);
  const edges = new vis.DataSet(first.edges);
  const network = new vis.Network(element, { nodes: nodes, edges: edges }, options);
  let regions = [];

  /* vis makes its frame a tab stop. Keep it only when its keyboard panning is on, and then
     name it; otherwise the search box, buttons and text version do that job. */
  const frame = element.querySelector(".vis-network");
  const keyboard = options.interaction.keyboard;
  if (frame && keyboard && (keyboard === true || keyboard.enabled !== false)) {
    frame.setAttribute("role", "application");
    frame.setAttribute("aria-label", (element.getAttribute("aria-label") || "Network map.") + " Arrow keys pan; plus and minus zoom.");
    element.removeAttribute("role");
    element.removeAttribute("aria-label");
  } else if (frame) {
    frame.setAttribute("tabindex", "-1");
  }

  /* The region panels with a body on show (filters can empty a region: its frame goes too). */
  function regionsFor(state) {
    const style = styles[state.mode];
    const hide = pm.select.hidden(data, state);
    if (!hide.nodes.size) {
      return style.regions;
    }
    const points = baseNodes.filter((n) => !hide.nodes.has(n.id)).map(style.position);
    return style.regions.filter((r) => points.some(([x, y]) => x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height));
  }

  /* Panels first, under everything; their headings last, over the edges that cross them. */
  network.on("beforeDrawing", (ctx) => {
    const scale = network.getScale();
    const style = styles[store.getState().mode];
    regions.forEach((region) => {
      const look = style.region(region);
      ctx.fillStyle = look.fill;
      ctx.strokeStyle = look.stroke;
      ctx.lineWidth = look.width / scale;
      ctx.fillRect(region.x, region.y, region.width, region.height);
      ctx.strokeRect(region.x, region.y, region.width, region.height);
    });
  });

  network.on("afterDrawing", (ctx) => {
    const style = styles[store.getState().mode];
    regions.forEach((region) => {
      const look = style.region(region);
      const lines = region.lines && region.lines.length ? region.lines : [region.label];
      ctx.font = look.font;
      ctx.textBaseline = "top";
      lines.filter(Boolean).forEach((line, i) => {
        const y = region.y + look.top + i * look.size * 1.2;
        const maxWidth = region.width - 2 * look.inset;
        const width = Math.min(ctx.measureText(line).width, maxWidth);
        ctx.fillStyle = look.fill;
        ctx.fillRect(region.x + look.inset - 3, y - 2, width + 6, look.size * 1.2 + 2);
        ctx.fillStyle = look.ink;
        ctx.fillText(line, region.x + look.inset, y, maxWidth);
      });
    });
  });

  ["hoverNode", "hoverEdge"].forEach((name) => network.on(name, () => { element.style.cursor = "pointer"; }));
  ["blurNode", "blurEdge"].forEach((name) => network.on(name, () => { element.style.cursor = ""; }));

  function showSelection(state) {
    const chosen = pm.select.selected(data, state);
    network.setSelection(chosen, { unselectAll: true, highlightEdges: false });
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      store.dispatch({ type: "select-node", id: params.nodes[0] });
    } else if (params.edges.length) {
      store.dispatch({ type: "select-edge", id: params.edges[0] });
    } else {
      store.dispatch({ type: "clear" });
    }
    showSelection(store.getState()); // vis changed its own selection on the click: put ours back
  });

  /* vis-network reads a node's margins only when it builds the node's shape, and presentation
     mode's are not normal mode's: on a change of mode each shape takes them again and is measured
     anew at the next draw (vis-network 9.1's own _setMargins and refreshNeeded). */
  function remargin() {
    Object.keys(network.body.nodes).forEach((id) => {
      const shape = network.body.nodes[id].shape;
      if (shape && typeof shape._setMargins === "function") {
        shape._setMargins(network.body.nodes[id].labelModule);
        shape.refreshNeeded = true;
      }
    });
  }

  const STYLED = ["mode", "colourBy", "filters", "selection", "tour", "focusDepth", "showcase", "at", "endedView", "part"];

  function render(state, previous) {
    if (previous && STYLED.every((key) => state[key] === previous[key])) {
      return;
    }
    if (previous) {
      const items = styledItems(state);
      nodes.update(items.nodes);
      edges.update(items.edges);
      if (state.mode !== previous.mode) {
        remargin();
      }
    }
    regions = regionsFor(state);
    showSelection(state);
  }

  return { network: network, nodes: nodes, edges: edges, render: render, regions: () => regions };
}

pm.views = pm.views || {};
pm.views.map = { createMap };
})(pm);

/* ---- js/views/labels.js ---- */
(function (pm) {
/* views/labels.js: draws the relations' names over the map, as pm.labels chooses and places
   them, each on a white ground in its relation's colour. Drawn in vis-network's afterDrawing,
   so PNG exports and print pictures carry them too. placed() tells tests what was drawn. */

function createLabels(map, data, store, styles) {
  const network = map.network;
  const FACE = pm.present.FACE;
  const texts = new Map(data.vis.edges.map((e) => [e.id, e.label || ""]));
  const colours = new Map(data.vis.edges.map((e) => [e.id, typeof e.color === "string" ? e.color : (e.color || {}).color || "#343434"]));
  const widths = new Map(); // "font|text" -> width in the font's own units
  let drawn = [];
  let visible = null; // () => the part of the map element nothing covers (the camera's freeArea)

  function width(ctx, text, font) {
    const key = font + "|" + text;
    if (!widths.has(key)) {
      ctx.font = font;
      widths.set(key, ctx.measureText(text).width);
    }
    return widths.get(key);
  }

  /* The names to draw now, placed in the map's units. */
  function layout(ctx, state) {
    const scale = network.getScale();
    const chosen = pm.labels.named(data, state);
    if (!pm.labels.size("small", state, scale)) {
      chosen.small = []; // too small to read at this zoom: none drawn, so none measured or placed
    }
    const ids = chosen.large.concat(chosen.small);
    if (!ids.length) {
      return [];
    }
    const hide = pm.select.hidden(data, state);
    const outside = pm.parts.hidden(data, state); // the whole system projected: bodies of other parts
    const shown = Object.keys(data.nodes).filter((id) => !hide.nodes.has(id) && !outside.has(id) && network.body.nodes[id]);
    const positions = network.getPositions(shown);
    const boxes = new Map(shown.map((id) => [id, network.getBoundingBox(id)]));
    const solids = Array.from(boxes.values()).concat(headings(ctx, state));
    const large = new Set(chosen.large);
    const names = [];
    ids.forEach((id) => {
      const edge = data.edgesById.get(id);
      const text = texts.get(id);
      const kind = large.has(id) ? "large" : "small";
      const px = pm.labels.size(kind, state, scale);
      if (!text || !px || !positions[edge.source] || !positions[edge.target]) {
        return;
      }
      const weight = kind === "large" ? "700" : "400";
      const pad = Math.max(2, px * 0.2);
      names.push({ id: id, text: text, px: px, weight: weight, large: kind === "large",
        width: (width(ctx, text, weight + " " + px + "px " + FACE) + 2 * pad) / scale, height: (px * 1.25 + pad) / scale,
        source: edge.source, target: edge.target, from: positions[edge.source], to: positions[edge.target], ends: [boxes.get(edge.source), boxes.get(edge.target)] });
    });
    const byId = new Map(names.map((n) => [n.id, n]));
    const stand = pm.select.emphasis(data, state);
    const keep = stand ? Array.from(stand.nodes).filter((id) => boxes.has(id)).map((id) => boxes.get(id)) : [];
    return pm.labels.place(names, solids, 48 / scale, area(), keep).map((p) => Object.assign({}, byId.get(p.id), p));
  }

  /* The region headings' boxes, as views/map.js writes them. */
  function headings(ctx, state) {
    const style = styles[state.mode];
    const out = [];
    map.regions().forEach((region) => {
      const look = style.region(region);
      const lines = (region.lines && region.lines.length ? region.lines : [region.label]).filter(Boolean);
      const wide = Math.max(0, ...lines.map((line) => width(ctx, line, look.font)));
      out.push({ left: region.x + look.inset - 3, top: region.y + look.top - 2,
        right: region.x + look.inset + Math.min(wide, region.width - 2 * look.inset) + 3,
        bottom: region.y + look.top + lines.length * look.size * 1.2 });
    });
    return out;
  }

  /* The part of the map in view and not covered, in the map's units. */
  function area() {
    const free = visible ? visible() : null;
    if (!free) {
      return null;
    }
    const a = network.DOMtoCanvas({ x: free.left, y: free.top });
    const z = network.DOMtoCanvas({ x: free.left + free.width, y: free.top + free.height });
    return { left: a.x, top: a.y, right: z.x, bottom: z.y };
  }

  network.on("afterDrawing", (ctx) => {
    const state = store.getState();
    const scale = network.getScale();
    drawn = layout(ctx, state);
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    drawn.forEach((n) => {
      const colour = colours.get(n.id);
      if (n.anchor) { // a leader from the line to the nearest point of the name's box
        const to = { x: Math.min(Math.max(n.anchor.x, n.left), n.right), y: Math.min(Math.max(n.anchor.y, n.top), n.bottom) };
        ctx.strokeStyle = colour;
        ctx.lineWidth = 2 / scale;
        ctx.beginPath();
        ctx.moveTo(n.anchor.x, n.anchor.y);
        ctx.lineTo(to.x, to.y);
        ctx.stroke();
        ctx.fillStyle = colour;
        ctx.beginPath();
        ctx.arc(n.anchor.x, n.anchor.y, 3.5 / scale, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.fillStyle = "rgba(255, 255, 255, 0.94)";
      ctx.fillRect(n.left, n.top, n.right - n.left, n.bottom - n.top);
      if (n.large) {
        ctx.strokeStyle = colour;
        ctx.lineWidth = 2 / scale;
        ctx.strokeRect(n.left, n.top, n.right - n.left, n.bottom - n.top);
      }
      ctx.font = n.weight + " " + (n.px / scale) + "px " + FACE;
      ctx.fillStyle = colour;
      ctx.fillText(n.text, n.x, n.y + n.px * 0.05 / scale);
    });
    ctx.restore();
  });

  /* What was drawn last, for tests: each name's relation, the relations it names (its own and
     those of a fan it speaks for), text, size on screen (CSS pixels), whether it stands out, and
     its box on the page. */
  function placed() {
    const frame = network.canvas.frame.getBoundingClientRect();
    return drawn.map((n) => {
      const a = network.canvasToDOM({ x: n.left, y: n.top });
      const z = network.canvasToDOM({ x: n.right, y: n.bottom });
      return { id: n.id, names: n.names, text: n.text, px: n.px, large: n.large,
        box: { left: frame.left + a.x, top: frame.top + a.y, right: frame.left + z.x, bottom: frame.top + z.y } };
    });
  }

  function render(state, previous) {
    if (previous && state.relationLabels !== previous.relationLabels) {
      network.redraw();
    }
  }

  return { render: render, placed: placed, within: (fn) => { visible = fn; } };
}

pm.views = pm.views || {};
pm.views.labels = { createLabels };
})(pm);

/* ---- js/views/camera.js ---- */
(function (pm) {
/* views/camera.js: where the map looks, and how large it is. The camera frames what the state
   is about (pm.select.frame: a body and its neighbours, a relation, a route, a tour step) in the
   part of the map that is actually visible: the map minus the zoom buttons, and in presentation
   mode minus the panels, the tour card and the bar that lie over it. With nothing to frame it
   fits the whole map (after a filter, a mode change or the end of a tour). The projected
   whole-system map's caption (views/caption.js) takes a band off the top of all of these: what
   is framed or fitted, and the tour's card, go below it. */

const PLACES = ["bottom-band", "bottom-right", "bottom-left", "top-band", "top-right", "top-left"];

function createCamera(mapElement, map, data, styles) {
  const network = map.network;
  const reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const animation = reducedMotion ? false : { duration: 450, easingFunction: "easeInOutQuad" };
  const tourPanel = document.getElementById("tour");
  const sidebar = document.querySelector(".sidebar");
  const caption = document.getElementById("part-caption");
  let tourPlace = "bottom-band";
  let last = null; // the state last framed

  function rectIn(element) {
    const mapBox = mapElement.getBoundingClientRect();
    const r = element.getBoundingClientRect();
    return { left: r.left - mapBox.left, top: r.top - mapBox.top, right: r.right - mapBox.left, bottom: r.bottom - mapBox.top };
  }

  /* The largest rectangle of `area` left beside `cover` (both in the map's coordinates). */
  function without(area, cover) {
    const right = area.left + area.width;
    const bottom = area.top + area.height;
    if (cover.right <= area.left || cover.left >= right || cover.bottom <= area.top || cover.top >= bottom) {
      return area;
    }
    const options = [
      { left: area.left, top: area.top, width: cover.left - area.left, height: area.height },
      { left: cover.right, top: area.top, width: right - cover.right, height: area.height },
      { left: area.left, top: area.top, width: area.width, height: cover.top - area.top },
      { left: area.left, top: cover.bottom, width: area.width, height: bottom - cover.bottom },
    ].filter((o) => o.width > 0 && o.height > 0);
    return options.sort((a, b) => b.width * b.height - a.width * a.height)[0] || area;
  }

  /* The map less the zoom buttons' strip and, presenting, the caption naming the part shown. */
  function room(style) {
    const area = { left: 0, top: 0, width: mapElement.clientWidth - style.zoomStrip, height: mapElement.clientHeight };
    if (!style.overlays || !caption || caption.hidden) {
      return area;
    }
    const r = rectIn(caption);
    return r.right > r.left && r.bottom > r.top ? without(area, r) : area;
  }

  /* The part of the map nothing covers, in the map element's coordinates. */
  function freeArea(style) {
    let area = room(style);
    if (!style.overlays) {
      return area;
    }
    const covers = ["details", "routes", "legend", "tour"].map((id) => document.getElementById(id))
      .filter((element) => element && !element.hidden);
    const bar = document.querySelector(".figure-bar");
    if (bar) {
      covers.push(bar);
    }
    covers.forEach((element) => {
      const r = rectIn(element);
      if (r.right > r.left && r.bottom > r.top && r.bottom > 0) {
        area = without(area, r);
      }
    });
    return area;
  }

  function nodeBounds(ids) {
    let box = null;
    ids.forEach((id) => {
      const node = map.nodes.get(id);
      if (!node || node.hidden) {
        return;
      }
      const b = network.getBoundingBox(id);
      box = box ? { left: Math.min(box.left, b.left), top: Math.min(box.top, b.top),
        right: Math.max(box.right, b.right), bottom: Math.max(box.bottom, b.bottom) } : Object.assign({}, b);
    });
    return box;
  }

  /* The camera that shows a box of the map (canvas coordinates) as large as fits in an area of
     the map element, centred there. */
  function viewFor(box, area, margin, maxScale) {
    const width = Math.max(1, box.right - box.left);
    const height = Math.max(1, box.bottom - box.top);
    return {
      position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
      scale: Math.min(maxScale, (area.width - 2 * margin) / width, (area.height - 2 * margin) / height),
      offset: { x: area.left + area.width / 2 - mapElement.clientWidth / 2, y: area.top + area.height / 2 - mapElement.clientHeight / 2 },
    };
  }

  /* Where a canvas point would be drawn (map element coordinates) with a given camera. */
  function pointIn(view, point) {
    return { x: (point.x - view.position.x) * view.scale + mapElement.clientWidth / 2 + view.offset.x,
      y: (point.y - view.position.y) * view.scale + mapElement.clientHeight / 2 + view.offset.y };
  }

  function move(view, animate) {
    network.moveTo(Object.assign({}, view, { animation: animate ? animation : false }));
  }

  /* The camera that fits the whole map on show, region panels included (vis's own fit only sees
     the nodes). */
  function fullView(style) {
    let box = nodeBounds(Object.keys(data.nodes));
    map.regions().forEach((region) => {
      const r = { left: region.x, top: region.y, right: region.x + region.width, bottom: region.y + region.height };
      box = box ? { left: Math.min(box.left, r.left), top: Math.min(box.top, r.top),
        right: Math.max(box.right, r.right), bottom: Math.max(box.bottom, r.bottom) } : r;
    });
    if (!box || !mapElement.clientWidth || !mapElement.clientHeight) {
      return null;
    }
    return viewFor(box, room(style), style.fitMargin, Infinity);
  }

  function fitAll(style, animate) {
    const view = fullView(style);
    if (view) {
      move(view, animate);
    }
  }

  function setPlace(place) {
    PLACES.forEach((name) => tourPanel.classList.toggle("at-" + name, name === place));
  }

  function placeRect(place, size, r) {
    const band = place.endsWith("band");
    const left = band || place.endsWith("left") ? r.left : r.left + r.width - size.width;
    const top = place.startsWith("top") ? r.top : r.top + r.height - size.height;
    return { left: left, top: top, right: band ? r.left + r.width : left + size.width, bottom: top + size.height };
  }

  /* Presentation mode shows a tour step's text over the map: on a card in a corner, or on a band
     along the top or bottom. Either the step's bodies are zoomed into the room beside the card or
     band, when that draws them at least as large as the whole map is drawn; or the whole map stays
     in view and the text goes where it covers none of the step's bodies. */
  function placeTourCard(style, ids, box, animate) {
    const r = room(style);
    const width = r.width;
    const height = r.height;
    tourPanel.style.setProperty("--room-top", r.top + "px"); // the card's top places keep below the caption
    const sizes = {};
    PLACES.forEach((place) => {
      setPlace(place);
      sizes[place] = { width: tourPanel.offsetWidth + 24, height: tourPanel.offsetHeight + 24 };
    });
    const card = sizes["bottom-right"];
    const band = sizes["bottom-band"];
    const zooms = [
      ["bottom-right", { left: r.left, top: r.top, width: width - card.width, height: height }],
      ["bottom-left", { left: r.left + card.width, top: r.top, width: width - card.width, height: height }],
      ["bottom-band", { left: r.left, top: r.top, width: width, height: height - band.height }],
      ["top-band", { left: r.left, top: r.top + band.height, width: width, height: height - band.height }],
    ].map(([place, area]) => ({ place: place, view: viewFor(box, area, style.frame.margin, style.frame.maxScale) }))
      .sort((a, b) => b.view.scale - a.view.scale || (b.place === tourPlace) - (a.place === tourPlace));
    let choice = zooms[0];
    const whole = fullView(style);
    if (whole && choice.view.scale < whole.scale) {
      const order = [tourPlace].concat(PLACES.filter((place) => place !== tourPlace));
      const clear = order.find((place) => {
        const rect = placeRect(place, sizes[place], r);
        return ids.every((id) => {
          const b = network.getBoundingBox(id);
          const a = pointIn(whole, { x: b.left, y: b.top });
          const z = pointIn(whole, { x: b.right, y: b.bottom });
          return z.x < rect.left || a.x > rect.right || z.y < rect.top || a.y > rect.bottom;
        });
      });
      if (clear) {
        choice = { place: clear, view: whole };
      }
    }
    tourPlace = choice.place;
    setPlace(tourPlace);
    move(choice.view, animate);
  }

  /* Frame what the state is about, or the whole map. */
  function show(state, animate) {
    const style = styles[state.mode];
    const target = pm.select.frame(data, state);
    if (state.tour && tourPanel && !state.selection && style.overlays && target) {
      const box = nodeBounds(target.nodes);
      if (box) {
        placeTourCard(style, target.nodes.filter((id) => !map.nodes.get(id).hidden), box, animate);
      }
      return;
    }
    if (state.tour && tourPanel && style.overlays) {
      setPlace("bottom-left"); // a body opened inside a step: the card keeps to a corner beside the panel
    }
    const box = target && nodeBounds(target.nodes);
    if (!box) {
      fitAll(style, animate);
      return;
    }
    const margin = target.kind === "route" ? Math.max(style.frame.margin, 60) : style.frame.margin;
    move(viewFor(box, freeArea(style), margin, style.frame.maxScale), animate);
  }

  function resize() {
    network.setSize(mapElement.clientWidth + "px", mapElement.clientHeight + "px");
    network.redraw();
  }

  /* The sidebar holds the tour, the details, the routes and the legend; with all hidden it folds
     away and the map takes the full width (vis follows its frame's size only on window resizes). */
  let folded = null; // the sidebar as the map was last sized for (a panel may unfold it to take focus)
  function layout() {
    if (!sidebar) {
      return false;
    }
    sidebar.hidden = Array.from(sidebar.children).every((child) => child.hidden);
    const changed = folded !== null && folded !== sidebar.hidden;
    folded = sidebar.hidden;
    return changed;
  }

  const FRAMED = ["selection", "tour", "focusDepth", "filters", "mode", "at", "endedView", "part"];

  function render(state, previous, action) {
    const refold = layout();
    if (!previous) {
      network.setSize(mapElement.clientWidth + "px", mapElement.clientHeight + "px"); // drawn once, at the next frame
      show(state, false);
      last = state;
      return;
    }
    const modeChanged = state.mode !== previous.mode;
    if (refold || modeChanged) {
      const view = { position: network.getViewPosition(), scale: network.getScale() };
      resize();
      move(view, false);
    }
    const reframe = FRAMED.some((key) => state[key] !== last[key])
      || (styles[state.mode].overlays && state.panels !== last.panels);
    if (!reframe && !refold) {
      return;
    }
    const target = pm.select.frame(data, state);
    const cleared = !target && pm.select.frame(data, last) && !modeChanged && state.filters === last.filters;
    last = state;
    if (target || modeChanged || state.filters !== previous.filters || state.at !== previous.at || (cleared && styles[state.mode].overlays)
        || (previous.tour && !state.tour) || state.part !== previous.part) {
      show(state, !modeChanged);
    } else if (refold && state.panels.legend !== previous.panels.legend && !styles[state.mode].overlays) {
      fitAll(styles[state.mode], true);
    }
  }

  let resizeTimer = null;
  return {
    render: render,
    fitAll: (state, animate) => fitAll(styles[state.mode], animate),
    freeArea: (state) => freeArea(styles[state.mode]),
    refit: (state) => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => { resize(); show(state(), false); }, 150);
    },
    zoom: (factor) => network.moveTo({ scale: network.getScale() * factor, animation: animation }),
    animation: animation,
  };
}

pm.views.camera = { createCamera };
})(pm);

/* ---- js/views/panel.js ---- */
(function (pm) {
/* views/panel.js: the details panel for the selected body or relation. Rendered from the
   selection; its links and buttons dispatch. Relation sentences here are also used by the text
   version (relationItem). */

const { el } = pm.dom;

/* A link to another body: a click selects it without leaving the page (see main.js). */
function nodeLink(id, text, attributes) {
  return el("a", Object.assign({ href: "#node=" + id, "data-node": id }, attributes || {}), text);
}

function relationMeta(edge) {
  const meta = el("span", { class: "rel-meta" }, "(");
  if (edge.evidence === "implied") {
    meta.appendChild(el("em", { class: "implied" }, "implied"));
    meta.appendChild(document.createTextNode("; "));
  }
  if (edge.later) {
    meta.appendChild(el("span", { class: "since-guide" }, "since the guide: " + (edge.sources || []).join("; ")));
    meta.appendChild(document.createTextNode(")"));
    return meta;
  }
  meta.appendChild(document.createTextNode("the guide, p " + edge.page + ")"));
  return meta;
}

/* "Came from" and "Became": each step with its date and sources, its bodies as links that show
   the map at a date they stand (store.selectNode moves the date). */
function lineageSections(data, node) {
  const lineage = (data.lineage || {})[node.id];
  if (!lineage) {
    return [];
  }
  const item = (step) => {
    const li = el("li", {}, el("span", { class: "lineage-date" }, step.date_text + ": "), step.text + " ");
    step.bodies.filter((b) => data.nodes[b.id]).forEach((b, i) => {
      li.appendChild(document.createTextNode(i ? ", " : "See "));
      li.appendChild(nodeLink(b.id, b.label));
    });
    if (step.sources.length) {
      li.appendChild(el("span", { class: "since-guide" }, " Since the guide: " + step.sources.join("; ") + "."));
    }
    if (step.note) {
      li.appendChild(el("span", { class: "relation-note" }, step.note));
    }
    return li;
  };
  const parts = [];
  if (lineage.came_from && lineage.came_from.length) {
    parts.push(...section("Came from", el("ul", { class: "lineage" }, ...lineage.came_from.map(item))));
  }
  if (lineage.became_steps && lineage.became_steps.length) {
    parts.push(...section("Became", el("ul", { class: "lineage" }, ...lineage.became_steps.map(item))));
  }
  return parts;
}

/* One relation as a sentence; the end that is not `id` is a link selecting it. */
function relationItem(edge, id, withNote, linkAttributes) {
  const item = el("li", {});
  if (edge.source === id) {
    item.appendChild(document.createTextNode(edge.subject + " " + edge.reading + " "));
    item.appendChild(nodeLink(edge.target, edge.object, linkAttributes));
  } else {
    item.appendChild(nodeLink(edge.source, edge.subject, linkAttributes));
    item.appendChild(document.createTextNode(" " + edge.reading + " " + edge.object));
  }
  item.appendChild(document.createTextNode(" "));
  item.appendChild(relationMeta(edge));
  if (edge.note && withNote !== false) {
    item.appendChild(el("span", { class: "relation-note" }, edge.note));
  }
  return item;
}

function kindSwatch(data, kind) {
  const look = data.kindStyles.get(kind);
  return look ? pm.dom.shapeSwatch(look.shape, look.colour, look.fill) : null;
}

function panelHead(title, insideTour) {
  const heading = el("h2", { id: "details-heading", tabindex: "-1" }, title);
  const close = el("button", { type: "button", class: "button", "data-action": "close",
    "aria-label": insideTour ? "Close details and return to the tour step" : "Close details" },
  insideTour ? "Back to the tour" : "Close");
  return el("div", { class: "details-head" }, heading, close);
}

function section(title, ...children) {
  return [el("h3", {}, title)].concat(children);
}

/* Radio buttons choosing how far the focus on a body reaches (keys 1, 2 and 0 too). */
function focusControl() {
  const choices = [[1, "Neighbours"], [2, "Two steps"], [0, "Everything"]];
  const group = el("fieldset", { class: "focus-depth" }, el("legend", {}, "Show around it"));
  choices.forEach(([depth, text]) => {
    const input = el("input", { type: "radio", name: "focus-depth", value: String(depth), "data-focus-depth": String(depth) });
    group.appendChild(el("label", {}, input, " " + text + " ", el("kbd", { "aria-hidden": "true" }, String(depth))));
  });
  return group;
}

function nodeDetails(data, node, insideTour) {
  const parts = [panelHead(node.label, insideTour)];
  if (node.acronym) {
    parts.push(el("p", { class: "acronym" }, el("abbr", {}, node.acronym), ": " + (node.acronym_expansion || node.label)));
  }
  parts.push(el("p", { class: "kind" }, kindSwatch(data, node.kind), node.kind_label + " · " + node.level_label));
  parts.push(el("p", { class: "role" }, node.role));
  parts.push(focusControl());
  if (node.description) {
    parts.push(el("p", {}, node.description));
  }
  if (node.figure_note) {
    parts.push(el("p", { class: "note" }, el("strong", {}, "On this map: "), node.figure_note));
  }
  if (node.layer) {
    const layer = (data.layers || {})[node.layer];
    parts.push(el("p", { class: "meta" }, "Figure 1 layer of influence on health (pp 11\u201312): " + (layer ? layer.label : node.layer)));
  }
  if (node.case_study) {
    const study = data.nodes[node.case_study];
    const project = node.case_study_role === "project";
    parts.push(el("p", { class: "note" }, el("strong", {}, "Case study: "),
      project ? "one of the guide's Section 4 case studies" + (node.place ? ", in " + node.place : "") + "." : "a partner in ",
      project ? null : nodeLink(node.case_study, study ? study.label : node.case_study), project ? null : "."));
  }
  if (node.facts && node.facts.length) {
    parts.push(...section(node.case_study_role === "project" ? "Key figures" : "Facts", el("ul", {}, ...node.facts.map((fact) =>
      el("li", {}, fact.text + " ", el("span", { class: "page-ref" }, "(p " + fact.page + ")"))))));
  }
  if (node.lessons && node.lessons.length) {
    parts.push(...section("What it teaches", el("ul", {}, ...node.lessons.map((lesson) =>
      el("li", {}, lesson.text + " ", el("span", { class: "page-ref" }, "(p " + lesson.page + ")"))))));
  }
  if (node.partner_in && node.partner_in.length) {
    parts.push(...section("In the case studies", el("ul", {}, ...node.partner_in.map((part) =>
      el("li", {}, data.nodes[part.case_study] ? nodeLink(part.case_study, part.title) : part.title,
        part.name ? " (" + part.name + ")" : "", part.role ? ": " + part.role : "")))));
  }
  const related = data.edgesOf.get(node.id) || [];
  const outgoing = related.filter((edge) => edge.source === node.id);
  const incoming = related.filter((edge) => edge.target === node.id && edge.source !== node.id);
  if (outgoing.length || incoming.length) {
    parts.push(...section("Relations", el("ul", { class: "relations" },
      ...outgoing.concat(incoming).map((edge) => relationItem(edge, node.id)))));
  }
  if (node.glossary && node.glossary.length) {
    const list = el("dl", {});
    node.glossary.forEach((entry) => {
      list.appendChild(el("dt", {}, entry.term));
      list.appendChild(el("dd", {}, entry.definition));
    });
    parts.push(...section("Glossary", list));
  }
  parts.push(...lineageSections(data, node));
  if (node.pages_text) {
    parts.push(el("p", { class: "meta" }, "The guide, " + node.pages_text));
  }
  if (node.later) {
    parts.push(el("p", { class: "meta since-guide" }, "Not in the guide: " + (node.from_text ? "from " + node.from_text + ". " : "")
      + "Since the guide: " + (node.sources || []).join("; ") + "."));
  }
  if (node.website) {
    const href = pm.text.safeHref(node.website.url);
    const year = String(data.figure.as_of || "").slice(0, 4);
    const link = href
      ? el("a", { href: href, rel: "noopener noreferrer" }, node.website.printed || node.website.url)
      : el("span", {}, node.website.printed || node.website.url);
    parts.push(...section("Website", el("p", {}, node.website.name + ": ", link),
      el("p", { class: "historic" }, "Historic address: as printed" + (year ? " in " + year : "") + ", may no longer work.")));
  }
  if (node.note) {
    parts.push(el("p", { class: "note" }, el("strong", {}, "Note: "), node.note));
  }
  if (node.source) {
    parts.push(el("p", { class: "meta" }, "Source: " + node.source));
  }
  if (node.also_in && node.also_in.length) {
    parts.push(...section(data.whole ? "Comes from" : "Also in", el("ul", {}, ...node.also_in.map((other) =>
      el("li", {}, el("a", { href: other.url }, (other.number ? "Figure " + other.number + ": " : "") + other.title))))));
  }
  return parts;
}

function edgeDetails(edge, insideTour) {
  const sentence = el("p", { class: "role" }, nodeLink(edge.source, edge.subject), " " + edge.reading + " ",
    nodeLink(edge.target, edge.object), " ", relationMeta(edge));
  const parts = [panelHead("Relation: " + edge.relation_label, insideTour), sentence];
  parts.push(el("p", { class: "meta" }, edge.later
    ? (edge.evidence === "implied" ? "Implied by its source, which does not say it in so many words." : "Stated in its source.")
    : edge.evidence === "implied"
      ? "Implied: it follows from the guide's text, which does not say it in so many words." : "Stated in the guide."));
  if (edge.note) {
    parts.push(el("p", { class: "note" }, el("strong", {}, "Note: "), edge.note));
  }
  return parts;
}

function createPanel(data, store) {
  const details = document.getElementById("details");
  const sidebar = details.parentElement;
  let focusBefore = null;
  let shown = null; // the selection and tour the panel was last filled for

  details.addEventListener("click", (event) => {
    if (event.target.closest("[data-action='close']")) {
      store.dispatch({ type: "clear" });
    }
  });
  details.addEventListener("change", (event) => {
    const input = event.target.closest("[data-focus-depth]");
    if (input) {
      store.dispatch({ type: "focus-depth", depth: Number(input.value) });
    }
  });

  function render(state, previous, action) {
    const sel = state.selection && state.selection.type !== "route" ? state.selection : null;
    const moveFocus = Boolean(action && action.moveFocus);
    const key = sel ? sel.type + ":" + sel.id + ":" + Boolean(state.tour) : null;
    if (key !== shown) {
      const hadFocus = details.contains(document.activeElement);
      if (sel && moveFocus && !hadFocus) {
        focusBefore = document.activeElement;
      }
      details.textContent = "";
      if (sel) {
        const parts = sel.type === "node" ? nodeDetails(data, data.nodes[sel.id], Boolean(state.tour))
          : edgeDetails(data.edgesById.get(sel.id), Boolean(state.tour));
        parts.forEach((part) => details.appendChild(part));
        sidebar.scrollTop = 0;
      } else if (hadFocus) {
        const tourHeading = state.tour && document.getElementById("tour-heading");
        const back = tourHeading || (focusBefore && document.body.contains(focusBefore) && focusBefore !== document.body
          ? focusBefore : document.getElementById("search-input"));
        pm.dom.focusIn(back);
        focusBefore = null;
      }
      details.hidden = !sel;
      shown = key;
    }
    details.querySelectorAll("[data-focus-depth]").forEach((input) => {
      input.checked = Number(input.value) === state.focusDepth;
    });
    if (sel && moveFocus) {
      pm.dom.focusIn(document.getElementById("details-heading"));
    }
  }

  return { render: render };
}

pm.views.panel = { createPanel, relationItem, nodeLink };
})(pm);

/* ---- js/views/legend.js ---- */
(function (pm) {
/* views/legend.js: the legend and filters, for the kinds, levels and relations this map uses
   (styles from the site data, in the vocabulary's order), with the case-study layer and Figure 1's
   layers on the whole-system map. Ticks, counts and the status line follow the state; the status
   says what the filters hide. Each kind and level also has a Highlight toggle (the showcase: that
   kind or level at full strength, the rest faded but kept), cleared by Clear highlight or Escape. */

const { el, shapeSwatch, lineSwatch } = pm.dom;

function tally(values) {
  return values.reduce((counts, value) => counts.set(value, (counts.get(value) || 0) + 1), new Map());
}

function build(holder, data, styles) {
  const ids = Object.keys(data.nodes);
  const kinds = tally(ids.map((id) => data.nodes[id].kind));
  const levels = tally(ids.map((id) => data.nodes[id].level));
  const relations = tally(data.edges.map((edge) => edge.relation));
  const implied = data.edges.filter((edge) => edge.evidence === "implied").length;
  const count = (n, hidden) => el("span", { class: "count", "data-total": hidden ? null : n }, String(n),
    el("span", { class: "visually-hidden" }, " on this map"));
  const highlight = (group, id, label) => group === "relation" ? null
    : el("button", { type: "button", class: "showcase-toggle", "data-showcase": group, value: id, "aria-pressed": "false",
      title: "Highlight " + (group === "kind" ? "the bodies of this kind" : "the bodies at this level") + "; fade the rest" },
    "Highlight", el("span", { class: "visually-hidden" }, " " + label + (group === "level" ? " bodies" : "")));
  const item = (group, id, label, n, swatch) => el("li", { id: "legend-" + group + "-" + id },
    el("label", {}, el("input", { type: "checkbox", "data-filter": group, value: id, checked: true }),
      " ", swatch, el("span", { class: "legend-label" }, label)), " ", count(n), highlight(group, id, label));
  const fieldset = (attributes, legend, ...children) => el("fieldset", attributes, el("legend", {}, ...legend), ...children);
  if (kinds.size) {
    const items = styles.kinds.filter(([id]) => kinds.has(id)).map(([id, colour, fill, shape]) =>
      item("kind", id, data.kinds[id] || id, kinds.get(id), shapeSwatch(shape, colour, fill)));
    holder.appendChild(fieldset({ class: "filter-group" }, ["Bodies"], el("ul", { class: "legend-list" }, ...items)));
  }
  if (levels.size) {
    const items = styles.levels.filter((id) => levels.has(id)).map((id) => item("level", id, data.levels[id] || id, levels.get(id), null));
    holder.appendChild(fieldset({ class: "filter-group filter-levels" }, ["Levels"], el("ul", { class: "legend-list legend-levels" }, ...items)));
  }
  if (relations.size) {
    const items = styles.relations.filter(([id]) => relations.has(id)).map(([id, colour, arrow, width]) =>
      item("relation", id, data.relations[id][2], relations.get(id), lineSwatch(colour, false, arrow, width)));
    const lists = [el("ul", { class: "legend-list" }, ...items)];
    if (implied) {
      lists.push(el("ul", { class: "legend-list" }, el("li", { id: "legend-implied" },
        el("span", { class: "no-box", "aria-hidden": "true" }), lineSwatch("#4a5563", true),
        el("span", { class: "legend-label" }, "dashed: implied by the guide, not stated"), " ", count(implied, true))));
    }
    const choice = (value, label) => el("label", {},
      el("input", { type: "radio", name: "relation-labels", value: value, checked: value === "auto" }), " " + label);
    lists.push(fieldset({ class: "relation-names", id: "relation-names" }, ["Names on the map"],
      choice("auto", "where there is room"), choice("all", "all"), choice("none", "none")));
    holder.appendChild(fieldset({ class: "filter-group" },
      ["Relations ", el("span", { class: "hint-inline" }, "(arrow points from subject to object)")], ...lists));
  }
  if (!data.whole) {
    return;
  }
  const studies = ids.filter((id) => data.nodes[id].case_study).length;
  if (studies) {
    holder.appendChild(fieldset({ class: "filter-group", id: "case-study-layer" }, ["Case studies (Section 4)"],
      el("label", {}, el("input", { type: "checkbox", id: "show-case-studies", checked: true }),
        " Show the " + studies + " bodies of the guide's case studies")));
  }
  const layers = tally(ids.map((id) => data.nodes[id].layer || "none"));
  const keys = styles.layers.filter(([id]) => layers.has(id)).map(([id, colour, fill, label]) => {
    const swatch = el("span", { class: "layer-swatch", "aria-hidden": "true" });
    swatch.style.background = fill;
    swatch.style.borderColor = colour;
    return el("li", {}, swatch, el("span", { class: "legend-label" }, label), " ", el("span", { class: "count" }, String(layers.get(id))));
  });
  const radio = (value, label, checked) => el("label", {},
    el("input", { type: "radio", name: "colour-by", value: value, checked: checked }), " " + label);
  holder.appendChild(fieldset({ class: "filter-group", id: "layer-colours" }, ["Colour bodies by"],
    radio("kind", "their kind", true), radio("layer", "Figure 1's layers of influence on health", false),
    el("ul", { class: "legend-list layer-key" }, ...keys),
    el("p", { class: "hint" }, "The guide (pp 11\u201312) sees regeneration partnerships working mostly upstream and "
      + "midstream, and mental health services downstream.")));
}

/* What the filters hide, in words: "18 case-study bodies hidden", "6 NHS bodies hidden (kind)". */
function hiddenText(data, state) {
  const f = state.filters;
  const ids = Object.keys(data.nodes);
  const parts = [];
  const bodies = (n) => (n === 1 ? "1 body" : n + " bodies");
  f.kind.forEach((kind) => {
    const n = ids.filter((id) => data.nodes[id].kind === kind).length;
    parts.push(bodies(n) + " of the kind \u201c" + (data.kinds[kind] || kind) + "\u201d");
  });
  f.level.forEach((level) => {
    const n = ids.filter((id) => data.nodes[id].level === level).length;
    parts.push(n + " " + (data.levels[level] || level).toLowerCase() + (n === 1 ? " body" : " bodies"));
  });
  f.relation.forEach((relation) => {
    const n = data.edges.filter((edge) => edge.relation === relation).length;
    parts.push(n + " \u201c" + data.relations[relation][2] + "\u201d " + (n === 1 ? "relation" : "relations"));
  });
  if (f.caseStudies === false) {
    const n = ids.filter((id) => data.nodes[id].case_study).length;
    parts.push(n + (n === 1 ? " case-study body" : " case-study bodies"));
  }
  if (!parts.length) {
    return "Showing everything.";
  }
  const hide = pm.select.hidden(data, state);
  return "Hidden: " + pm.text.listText(parts) + ". Showing " + (ids.length - hide.nodes.size) + " of " + ids.length
    + " bodies and " + (data.edges.length - hide.edges.size) + " of " + data.edges.length + " relations.";
}

function createLegend(data, store, styles) {
  const holder = document.getElementById("legend-groups");
  const legend = document.getElementById("legend");
  const toggle = document.getElementById("legend-toggle");
  const status = document.getElementById("filter-status");
  const reset = document.querySelector("[data-action='reset-filters']");
  const unhighlight = document.querySelector("[data-action='clear-showcase']");
  const showcaseStatus = document.getElementById("showcase-status");
  /* The groups are built when the legend is first shown, or once the map's first frame is on
     screen (finish(), from main.js): a folded legend is not worth keeping the map waiting. */
  let built = false;
  function buildOnce() {
    if (!built && holder && styles) {
      build(holder, data, styles);
    }
    built = true;
  }
  if (toggle) {
    toggle.disabled = false;
    toggle.addEventListener("click", () => store.dispatch({ type: "panel", name: "legend", open: !store.getState().panels.legend, moveFocus: true }));
  }
  if (legend) {
    legend.addEventListener("change", (event) => {
      const input = event.target;
      if (input.matches("[data-filter]")) {
        store.dispatch({ type: "filter", group: input.getAttribute("data-filter"), id: input.value, shown: input.checked });
      } else if (input.id === "show-case-studies") {
        store.dispatch({ type: "case-studies", shown: input.checked });
      } else if (input.name === "colour-by" && input.checked) {
        store.dispatch({ type: "colour-by", value: input.value });
      } else if (input.name === "relation-labels" && input.checked) {
        store.dispatch({ type: "relation-labels", value: input.value });
      }
    });
  }
  if (reset) {
    reset.addEventListener("click", () => store.dispatch({ type: "filters-reset" }));
  }
  if (legend) {
    legend.addEventListener("click", (event) => {
      const button = event.target.closest("[data-showcase]");
      if (button) {
        store.dispatch({ type: "showcase", showcase: { group: button.getAttribute("data-showcase"), id: button.value }, toggle: true });
      }
    });
  }
  if (unhighlight) {
    unhighlight.addEventListener("click", () => {
      const row = document.querySelector("[data-showcase][aria-pressed='true']");
      store.dispatch({ type: "showcase", showcase: null });
      if (row) {
        row.focus({ preventScroll: true }); // the cleared button's own place, not the body
      }
    });
  }

  function renderShowcase(state) {
    const on = state.showcase;
    document.querySelectorAll("[data-showcase]").forEach((button) => {
      const pressed = Boolean(on && button.getAttribute("data-showcase") === on.group && button.value === on.id);
      button.setAttribute("aria-pressed", String(pressed));
      button.closest("li").classList.toggle("showcased", pressed);
    });
    if (unhighlight) {
      unhighlight.hidden = !on;
    }
    if (showcaseStatus) {
      showcaseStatus.hidden = !on;
      showcaseStatus.textContent = on ? "Highlighting " + pm.store.showcaseText(data, on) + "; the rest is faded." : "";
    }
  }

  function render(state, previous, action) {
    if (!built) {
      if (!state.panels.legend) {
        return; // folded, as the page has it
      }
      buildOnce();
      previous = undefined; // everything in it is new
    }
    if (legend) {
      legend.hidden = !state.panels.legend;
      if (toggle) {
        toggle.setAttribute("aria-expanded", String(state.panels.legend));
      }
      if (state.panels.legend && action && action.type === "panel" && action.name === "legend" && action.moveFocus
          && state.mode === "present") {
        pm.dom.focusIn(document.getElementById("legend-heading"));
      }
    }
    if (!previous || previous.showcase !== state.showcase) {
      renderShowcase(state);
    }
    if (!previous || previous.relationLabels !== state.relationLabels) {
      document.querySelectorAll("input[name='relation-labels']").forEach((input) => { input.checked = input.value === state.relationLabels; });
    }
    if (previous && ["filters", "colourBy", "at", "endedView", "mode"].every((key) => previous[key] === state[key])) {
      return;
    }
    const hide = pm.select.hidden(data, state);
    // Counts are of what the map holds at the date shown: bodies that came later are not "hidden".
    const dated = pm.timeline.hiddenAt(data, state) || { nodes: new Set(), edges: new Set() };
    document.querySelectorAll("[data-filter]").forEach((input) => {
      const group = input.getAttribute("data-filter");
      input.checked = state.filters[group].indexOf(input.value) < 0;
      const item = input.closest("li");
      const badge = item && item.querySelector(".count");
      if (!badge) {
        return;
      }
      const members = group === "relation"
        ? data.edges.filter((edge) => edge.relation === input.value).map((edge) => edge.id)
        : Object.keys(data.nodes).filter((id) => data.nodes[id][group] === input.value);
      const gone = group === "relation" ? dated.edges : dated.nodes;
      const hidden = group === "relation" ? hide.edges : hide.nodes;
      const total = members.filter((id) => !gone.has(id)).length;
      const shown = members.filter((id) => !hidden.has(id)).length;
      badge.firstChild.textContent = shown === total ? String(total) : shown + "/" + total;
      item.classList.toggle("filtered-out", shown === 0);
    });
    const studies = document.getElementById("show-case-studies");
    if (studies) {
      studies.checked = state.filters.caseStudies !== false;
    }
    document.querySelectorAll("input[name='colour-by']").forEach((input) => { input.checked = input.value === state.colourBy; });
    const colours = document.getElementById("layer-colours");
    if (colours) {
      colours.classList.toggle("by-layer", state.colourBy === "layer");
    }
    if (status) {
      status.textContent = hiddenText(data, state);
    }
    if (reset) {
      reset.disabled = !pm.store.filtersActive(state.filters);
    }
  }

  function finish() {
    if (!built) {
      buildOnce();
      render(store.getState(), undefined, null);
    }
  }

  return { render: render, finish: finish };
}

pm.views.legend = { createLegend, hiddenText };
})(pm);

/* ---- js/views/search.js ---- */
(function (pm) {
/* views/search.js: the search box (an ARIA combobox). Ranking is pm.search; choosing a body on
   this map dispatches its selection, one on another map opens that map there. */

const { el } = pm.dom;

function createSearch(data, store) {
  const input = document.getElementById("search-input");
  const results = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  if (!input || !results) {
    return { render: () => {} };
  }
  const entries = pm.search.index(data.search);
  let matches = [];
  let active = -1;

  function setActive(index) {
    active = index;
    Array.prototype.forEach.call(results.children, (li, i) => li.setAttribute("aria-selected", i === index ? "true" : "false"));
    if (index >= 0 && results.children[index]) {
      input.setAttribute("aria-activedescendant", results.children[index].id);
      results.children[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    results.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function show() {
    matches = pm.search.matches(entries, input.value);
    results.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!input.value.trim()) {
      close();
      status.textContent = "";
      return;
    }
    if (!matches.length) {
      results.appendChild(el("li", { role: "option", id: "search-option-none", "aria-disabled": "true", "aria-selected": "false",
        class: "no-results" }, "No body matches \u201c" + input.value.trim() + "\u201d"));
    }
    matches.forEach((match, index) => {
      const item = match.item;
      const extra = [];
      if (match.term) {
        extra.push("Glossary term: " + match.term);
      }
      if (match.name) {
        extra.push("Also known over time as " + match.name);
      }
      if (item.url) {
        extra.push("On " + item.map + " (opens that map)");
      }
      results.appendChild(el("li", { role: "option", id: "search-option-" + index, "aria-selected": "false", "data-index": index },
        el("span", { class: "result-label" }, item.label + (item.acronym ? " (" + item.acronym + ")" : "")),
        extra.length ? el("span", { class: "result-extra" }, extra.join(" · ")) : null));
    });
    results.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = matches.length === 1 ? "1 match" : matches.length + " matches";
  }

  function choose(index) {
    const match = matches[index];
    if (!match) {
      return;
    }
    close();
    if (match.item.url) {
      location.href = match.item.url;
      return;
    }
    input.value = match.item.label;
    store.dispatch({ type: "select-node", id: match.item.id });
  }

  input.disabled = false;
  input.addEventListener("input", show);
  input.addEventListener("focus", () => {
    if (input.value.trim() && input.getAttribute("aria-expanded") !== "true") {
      input.select();
    }
  });
  input.addEventListener("blur", () => { setTimeout(close, 120); });
  input.addEventListener("keydown", (event) => {
    const open = !results.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        show();
      }
      if (matches.length) {
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : matches.length - 1) : (active + step + matches.length) % matches.length);
      }
    } else if (event.key === "Enter") {
      if (open && matches.length) {
        event.preventDefault();
        choose(active >= 0 ? active : 0);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        status.textContent = "";
      }
    }
  });
  results.addEventListener("mousedown", (event) => { event.preventDefault(); }); // keep focus in the input
  results.addEventListener("click", (event) => {
    const li = event.target.closest("li[data-index]");
    if (li) {
      choose(Number(li.getAttribute("data-index")));
    }
  });

  return { render: () => {} }; // the box holds what is typed; the selection shows in the panel and map
}

pm.views.search = { createSearch };
})(pm);

/* ---- js/views/tour.js ---- */
(function (pm) {
/* views/tour.js: the tour menu and the tour panel (card or band in presentation mode). The
   menu is a button that opens a list of the tours, each title whole (the one on marked current);
   choosing one, Escape, or a click elsewhere closes it. The panel is on screen exactly when a
   tour is on; a body opened inside a step leaves it there, its buttons still step through the
   tour. Where the card sits is the camera's choice. */

function createMenu(store) {
  const button = document.getElementById("tour-select");
  const menu = document.getElementById("tour-menu");
  if (!button || !menu) {
    return () => {};
  }
  const holder = button.parentElement;
  const open = (on, focus) => {
    menu.hidden = !on;
    button.setAttribute("aria-expanded", String(on));
    const target = on ? menu.querySelector("[aria-current='true']") || menu.querySelector("button") : button;
    if (focus && target) {
      target.focus({ preventScroll: true });
    }
  };
  button.disabled = false;
  button.addEventListener("click", () => open(menu.hidden, menu.hidden));
  menu.addEventListener("click", (event) => {
    const choice = event.target.closest("[data-tour]");
    if (choice) {
      open(false, false);
      store.dispatch({ type: "tour", id: choice.getAttribute("data-tour"), step: 0, moveFocus: true });
    }
  });
  holder.addEventListener("keydown", (event) => {
    if (menu.hidden) {
      return;
    }
    const choices = Array.from(menu.querySelectorAll("button"));
    const at = choices.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault(); // the menu closes first; the next Escape is the map's
      open(false, true);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && choices.length) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      choices[at < 0 ? 0 : (at + step + choices.length) % choices.length].focus();
    }
  });
  document.addEventListener("pointerdown", (event) => {
    if (!menu.hidden && !holder.contains(event.target)) {
      open(false, false);
    }
  });
  holder.addEventListener("focusout", (event) => {
    if (!menu.hidden && event.relatedTarget && !holder.contains(event.relatedTarget)) {
      open(false, false);
    }
  });
  return (tour) => {
    menu.querySelectorAll("[data-tour]").forEach((choice) => {
      const on = Boolean(tour && choice.getAttribute("data-tour") === tour.id);
      if (on) {
        choice.setAttribute("aria-current", "true");
      } else {
        choice.removeAttribute("aria-current");
      }
    });
  };
}

function createTour(data, store) {
  const panel = document.getElementById("tour");
  const select = document.getElementById("tour-select");
  const markCurrent = createMenu(store);
  if (panel) {
    panel.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (!button) {
        return;
      }
      const action = button.getAttribute("data-action");
      if (action === "tour-end") {
        store.dispatch({ type: "tour-end" });
      } else if (action === "tour-next" || action === "tour-prev") {
        store.dispatch({ type: "tour-step", delta: action === "tour-next" ? 1 : -1, moveFocus: true });
      }
    });
  }

  function render(state, previous, action) {
    if (!panel) {
      return;
    }
    const tour = pm.select.tour(data, state);
    markCurrent(tour);
    const wasOn = previous ? Boolean(previous.tour) : false;
    if (!tour) {
      if (wasOn && panel.contains(document.activeElement) && select) {
        select.focus({ preventScroll: true });
      }
      panel.hidden = true;
      return;
    }
    const index = state.tour.step;
    const step = tour.steps[index];
    document.getElementById("tour-progress").textContent = "Tour: " + tour.title + " \u2014 step " + (index + 1) + " of " + tour.steps.length
      + (state.selection ? " (a body opened from it: close it to return)" : "");
    document.getElementById("tour-heading").textContent = step.title;
    document.getElementById("tour-text").textContent = step.text;
    panel.querySelector("[data-action='tour-prev']").disabled = index === 0;
    panel.querySelector("[data-action='tour-next']").disabled = index === tour.steps.length - 1;
    panel.classList.toggle("tour-aside", Boolean(state.selection));
    panel.hidden = false;
    if (action && action.moveFocus && (action.type === "tour" || action.type === "tour-step")) {
      pm.dom.focusIn(document.getElementById("tour-heading"));
    }
  }

  return { render: render };
}

pm.views.tour = { createTour };
})(pm);

/* ---- js/views/routes.js ---- */
(function (pm) {
/* views/routes.js: "How is A connected to B?" The form resolves the two names and dispatches a
   route; the list is rendered from the route in the state (found by pm.routes, with the filters
   on show). */

const { el } = pm.dom;

function createRoutes(data, store) {
  const panel = document.getElementById("routes");
  const toggle = document.getElementById("routes-toggle");
  if (!panel || !toggle) {
    return { render: () => {}, fillBodies: () => {} };
  }
  const from = document.getElementById("route-from");
  const to = document.getElementById("route-to");
  const list = document.getElementById("routes-list");
  const status = document.getElementById("routes-status");
  let shown = null;
  let problem = null; // what was wrong with the names typed, until the next route

  toggle.disabled = false;
  toggle.addEventListener("click", () => store.dispatch({ type: "panel", name: "routes", open: panel.hidden }));
  panel.querySelector("[data-action='routes-close']").addEventListener("click", () => {
    store.dispatch({ type: "panel", name: "routes", open: false });
    toggle.focus();
  });
  document.getElementById("routes-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const hide = pm.select.hidden(data, store.getState());
    const a = pm.routes.resolve(data, from.value, hide);
    const b = pm.routes.resolve(data, to.value, hide);
    const wrong = a.error || b.error || (a.id === b.id ? "Choose two different bodies." : null);
    if (wrong) {
      const sel = store.getState().selection;
      if (sel && sel.type === "route") {
        store.dispatch({ type: "clear" }); // the route shown no longer answers what was asked
      }
      problem = wrong;
      render(store.getState());
      return;
    }
    problem = null;
    store.dispatch({ type: "route", from: a.id, to: b.id, index: 0 });
  });
  list.addEventListener("click", (event) => {
    const button = event.target.closest("[data-route]");
    const sel = store.getState().selection;
    if (button && sel && sel.type === "route") {
      store.dispatch({ type: "route", from: sel.from, to: sel.to, index: Number(button.getAttribute("data-route")) });
    }
  });

  /* The bodies the route boxes suggest, by name: filled after the first frame. */
  function fillBodies() {
    const options = document.getElementById("route-bodies");
    if (!options) {
      return;
    }
    Object.keys(data.nodes).sort((a, b) => data.nodes[a].label.localeCompare(data.nodes[b].label)).forEach((id) => {
      const node = data.nodes[id];
      options.appendChild(el("option", { value: node.label + (node.acronym ? " (" + node.acronym + ")" : "") }));
    });
  }

  function render(state, previous, action) {
    const wasOpen = !panel.hidden;
    panel.hidden = !state.panels.routes;
    toggle.setAttribute("aria-expanded", String(state.panels.routes));
    if (state.panels.routes && !wasOpen && action && action.type === "panel") {
      pm.dom.focusIn(from);
    }
    const sel = state.selection && state.selection.type === "route" ? state.selection : null;
    const hide = pm.select.hidden(data, state);
    const key = problem ? "problem:" + problem : sel ? [sel.from, sel.to, sel.index].join() : null;
    if (shown && shown.key === key && shown.filters === state.filters) {
      return;
    }
    if (problem) {
      list.textContent = "";
      status.textContent = problem;
      shown = { key: key, filters: state.filters };
      return;
    }
    if (!sel) {
      if (shown && !state.panels.routes) {
        list.textContent = "";
        status.textContent = "";
        shown = null;
      } else if (shown) {
        Array.prototype.forEach.call(list.children, (li) => li.classList.remove("current"));
      }
      return;
    }
    from.value = from.value || data.nodes[sel.from].label;
    to.value = to.value || data.nodes[sel.to].label;
    const found = pm.routes.cached(data, sel.from, sel.to, hide);
    list.textContent = "";
    shown = { key: key, filters: state.filters };
    if (!found.routes.length) {
      status.textContent = "No route links " + data.nodes[sel.from].label + " and " + data.nodes[sel.to].label
        + " on this map" + (pm.store.filtersActive(state.filters) ? " with the current filters." : ".");
      return;
    }
    const steps = found.routes[0].edges.length;
    status.textContent = (found.count === 1 ? "One shortest route" : found.count + " shortest routes")
      + " of " + steps + (steps === 1 ? " step" : " steps")
      + (found.count > found.routes.length ? "; the best " + found.routes.length + " are shown." : ".");
    found.routes.forEach((route, index) => {
      const implied = route.edges.some((e) => e.evidence === "implied");
      const pages = Array.from(new Set(route.edges.map((e) => e.page))).sort((a, b) => a - b);
      list.appendChild(el("li", { class: "route" + (index === sel.index ? " current" : "") },
        el("button", { type: "button", class: "button button-quiet route-show", "data-route": index },
          "Route " + (index + 1) + (implied ? " (includes implied relations)" : "")),
        ...pm.routes.sentences(data, route).map((text) => el("p", {}, text)),
        el("p", { class: "meta" }, "Guide " + pm.text.pagesText(pages))));
    });
  }

  return { render: render, fillBodies: fillBodies };
}

pm.views.routes = { createRoutes };
})(pm);

/* ---- js/views/twin.js ---- */
(function (pm) {
/* views/twin.js: the text version. Every body with its role and relations, as a list: for
   keyboard and screen-reader users, for print, and for anyone who prefers reading to looking.
   The bodies' names are one tab stop: arrow keys move between them, Enter selects one on the
   map (links to bodies are handled in main.js). Written after the first frame: on large maps it
   is thousands of elements, and the map comes first. */

const { el } = pm.dom;

function renderTwin(data) {
  const list = document.getElementById("twin-list");
  if (!list || list.children.length) {
    return; // none on this page, or written by the build
  }
  const ids = Object.keys(data.nodes).sort((a, b) =>
    data.nodes[a].label.toLowerCase().localeCompare(data.nodes[b].label.toLowerCase()) || a.localeCompare(b));
  ids.forEach((id, index) => {
    const node = data.nodes[id];
    const heading = el("h3", {}, el("a", { href: "#node=" + id, "data-node": id, class: "twin-link",
      tabindex: index === 0 ? "0" : "-1" }, node.label));
    if (node.acronym) {
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(el("abbr", {}, "(" + node.acronym + ")"));
    }
    const entry = el("li", { id: "twin-" + id, class: "twin-entry" }, heading,
      el("p", { class: "meta" }, node.kind_label + " \u00b7 " + node.level_label), el("p", {}, node.role));
    const related = data.edgesOf.get(id) || [];
    if (related.length) {
      entry.appendChild(el("ul", { class: "relations" },
        ...related.map((edge) => pm.views.panel.relationItem(edge, id, false, { tabindex: "-1" }))));
    }
    list.appendChild(entry);
  });
}

/* Arrow keys, Home and End move along the names; one of them is the tab stop. */
function wireTwin() {
  const list = document.getElementById("twin-list");
  if (!list) {
    return;
  }
  list.addEventListener("keydown", (event) => {
    const link = event.target.closest(".twin-link");
    if (!link || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const links = Array.from(list.querySelectorAll(".twin-link"));
    const at = links.indexOf(link);
    const moves = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: links.length - 1 };
    if (!(event.key in moves)) {
      return;
    }
    event.preventDefault();
    const target = links[Math.min(Math.max(moves[event.key], 0), links.length - 1)];
    links.forEach((other) => other.setAttribute("tabindex", other === target ? "0" : "-1"));
    target.focus();
  });
  list.addEventListener("focusin", (event) => {
    const link = event.target.closest(".twin-link");
    if (link) {
      list.querySelectorAll(".twin-link").forEach((other) => other.setAttribute("tabindex", other === link ? "0" : "-1"));
    }
  });
}

pm.views.twin = { renderTwin, wireTwin };
})(pm);

/* ---- js/views/notice.js ---- */
(function (pm) {
/* views/notice.js: a word over the map when the address names something this map does not
   have: a body on other maps ("Neighbourhood Renewal Unit is on Figures 3 and 4", with links)
   or an id no map knows. Announced to screen readers (role=status). */

const { el } = pm.dom;

function createNotice(data, store) {
  const stage = document.getElementById("map-stage");
  const box = el("div", { id: "map-notice", class: "map-notice", role: "status", "aria-live": "polite", hidden: true });
  if (stage) {
    stage.appendChild(box);
  }
  box.addEventListener("click", (event) => {
    if (event.target.closest("[data-action='notice-close']")) {
      store.dispatch({ type: "clear" });
    }
  });
  let shown = null;

  function content(notice) {
    const place = notice.type === "elsewhere" ? pm.data.elsewhere(data, notice.id) : null;
    if (!place || !place.maps.length) {
      const what = notice.type === "unknown-edge" ? "relation" : "body";
      return [el("p", {}, "No " + what + " called \u201c" + notice.id + "\u201d is on this map or any other: the address may be mistyped or out of date.")];
    }
    const links = place.maps.map((m) => el("a", { href: m.url }, m.number ? "Figure " + m.number : m.name));
    const line = el("p", {}, place.label + " is not on this map. It is on ");
    links.forEach((link, i) => {
      if (i) {
        line.appendChild(document.createTextNode(i === links.length - 1 ? " and " : ", "));
      }
      line.appendChild(link);
    });
    line.appendChild(document.createTextNode("."));
    return [line];
  }

  function render(state) {
    const key = state.notice ? state.notice.type + ":" + state.notice.id : null;
    if (key === shown) {
      return;
    }
    shown = key;
    box.textContent = "";
    if (state.notice) {
      content(state.notice).forEach((part) => box.appendChild(part));
      box.appendChild(el("button", { type: "button", class: "button button-quiet", "data-action": "notice-close",
        "aria-label": "Dismiss this message" }, "OK"));
    }
    box.hidden = !state.notice;
  }

  return { render: render };
}

pm.views.notice = { createNotice };
})(pm);

/* ---- js/views/timeline.js ---- */
(function (pm) {
/* views/timeline.js: the date control ("Map as it stood"), how what had ended is shown (faded
   where it stood, or listed beside the map), and the list of what had ended by the date shown,
   each with what became of it and on whose authority. Handlers dispatch; render follows state. */

const { el } = pm.dom;

function createTimeline(data, store) {
  const select = document.getElementById("at-select");
  const endedSelect = document.getElementById("ended-select");
  const box = document.getElementById("ended");
  if (!data.timeline || !select) {
    return { render: () => {} };
  }
  select.disabled = false;
  select.addEventListener("change", () => store.dispatch({ type: "at", at: select.value }));
  if (endedSelect) {
    endedSelect.disabled = false;
    endedSelect.addEventListener("change", () => store.dispatch({ type: "ended-view", value: endedSelect.value }));
  }
  let shownKey = null;

  /* One line per body that had ended: "Primary care trusts: 1 April 2013: ... Since the guide: ...". */
  function endedItem(id) {
    const node = data.nodes[id];
    const lineage = (data.lineage || {})[id];
    const step = lineage && lineage.became_steps && lineage.became_steps[0];
    const li = el("li", {}, el("strong", {}, node.label));
    if (step) {
      li.appendChild(document.createTextNode(": " + step.date_text + ", " + step.text));
      if (step.sources.length) {
        li.appendChild(el("span", { class: "since-guide" }, " Since the guide: " + step.sources.join("; ") + "."));
      }
    }
    return li;
  }

  const asOf = document.getElementById("as-of-text");
  const guideText = asOf ? asOf.textContent : "";

  function render(state) {
    const v = pm.timeline.view(data, state.at);
    select.value = pm.timeline.controlValue(data, state.at);
    if (asOf) {
      asOf.textContent = v.guide ? guideText : "Shown as it stood in " + pm.timeline.dateLabel(data, v.date)
        + (state.at === "today" ? " (today's map)" : "") + "; the guide's figure shows " + pm.timeline.dateLabel(data, data.timeline.guide).replace(/ \(the guide\)$/, "") + ".";
    }
    if (endedSelect) {
      endedSelect.value = state.endedView;
    }
    if (!box) {
      return;
    }
    const listed = state.endedView === "listed" && state.mode !== "present"; // presentation shows what stands
    const key = [v.date, listed].join("|");
    if (key === shownKey) {
      return;
    }
    shownKey = key;
    const ended = Array.from(v.ended).filter((id) => data.nodes[id]).sort((a, b) => data.nodes[a].label.localeCompare(data.nodes[b].label));
    box.hidden = !listed || !ended.length;
    document.getElementById("ended-date").textContent = pm.timeline.dateLabel(data, v.date);
    const list = document.getElementById("ended-items");
    list.textContent = "";
    ended.forEach((id) => list.appendChild(endedItem(id)));
  }

  return { render: render };
}

pm.views.timeline = { createTimeline };
})(pm);

/* ---- js/views/bar.js ---- */
(function (pm) {
/* views/bar.js: the page's mode on the page: body.present, the Present and Full screen
   buttons (full screen also by the F key, through toggleFullscreen), and the presentation bar
   that folds down when the pointer nears the top, or stays open from the corner control
   (body.bar-open) until that control, Escape in the bar, a click on the map or focus moving on
   to a panel closes it. */

function createBar(store, announce) {
  const presentButton = document.querySelector("[data-action='present']");
  const fullscreenButton = document.querySelector("[data-action='fullscreen']");
  const opener = document.getElementById("bar-opener");
  const bar = document.getElementById("figure-bar");
  let barTimer = null;

  /* The bar held open (or not) by the corner control; opening it takes focus to its first control. */
  function holdBar(open, moveFocus) {
    document.body.classList.toggle("bar-open", open);
    if (opener) {
      opener.setAttribute("aria-expanded", String(open));
      opener.setAttribute("aria-label", open ? "Hide the presentation controls" : "Presentation controls");
    }
    const first = bar && bar.querySelector(".controls input:not(:disabled), .controls select:not(:disabled), .controls button:not(:disabled)");
    if (open && moveFocus && first) {
      first.focus({ preventScroll: true });
    } else if (!open && moveFocus && opener) {
      opener.focus({ preventScroll: true });
    }
  }

  if (opener && bar) {
    opener.hidden = false;
    opener.addEventListener("click", () => holdBar(!document.body.classList.contains("bar-open"), true));
    bar.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && document.body.classList.contains("bar-open") && !event.defaultPrevented
          && !(event.target.closest && event.target.closest("[aria-expanded='true']"))) {
        event.preventDefault(); // the bar closes first; the next Escape is the map's
        holdBar(false, true);
      }
    });
    bar.addEventListener("focusout", (event) => {
      const to = event.relatedTarget;
      if (to && !bar.contains(to) && to !== opener) {
        holdBar(false, false); // on to a panel it opened (routes, legend): the bar would lie over it
      }
    });
    const map = document.getElementById("map-stage");
    if (map) {
      map.addEventListener("pointerdown", () => holdBar(false, false));
    }
  }

  function showBar() {
    document.body.classList.add("bar-shown");
    clearTimeout(barTimer);
    barTimer = setTimeout(() => document.body.classList.remove("bar-shown"), 2500);
  }

  if (presentButton) {
    presentButton.disabled = false;
    presentButton.addEventListener("click", () => {
      store.dispatch({ type: "mode", mode: store.getState().mode === "present" ? "normal" : "present" });
    });
  }
  const root = document.documentElement;
  const canFullscreen = Boolean(document.fullscreenEnabled && root.requestFullscreen);

  /* Full screen on or off, in either mode (the F key; the button presents as well). */
  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
    } else if (canFullscreen) {
      root.requestFullscreen().catch(() => announce("Full screen is not available here."));
    } else {
      announce("Full screen is not available here.");
    }
  }

  if (fullscreenButton) {
    fullscreenButton.hidden = !canFullscreen;
    fullscreenButton.disabled = false;
    fullscreenButton.addEventListener("click", () => {
      if (!document.fullscreenElement) {
        store.dispatch({ type: "mode", mode: "present" });
      }
      toggleFullscreen();
    });
    document.addEventListener("fullscreenchange", () => {
      fullscreenButton.textContent = document.fullscreenElement ? "Leave full screen" : "Full screen";
    });
  }
  document.addEventListener("mousemove", (event) => {
    if (store.getState().mode === "present" && event.clientY < 72) {
      showBar();
    }
  });

  function render(state, previous) {
    const on = state.mode === "present";
    document.body.classList.toggle("present", on);
    if (presentButton) {
      presentButton.textContent = on ? "Exit presentation" : "Present";
    }
    if (previous && previous.mode !== state.mode) {
      holdBar(false, false);
      if (on) {
        showBar(); // show where the controls went
      } else if (document.fullscreenElement && document.exitFullscreen) {
        document.exitFullscreen().catch(() => {});
      }
    }
  }

  return { render: render, toggleFullscreen: toggleFullscreen };
}

pm.views.bar = { createBar };
})(pm);

/* ---- js/views/parts.js ---- */
(function (pm) {
/* views/parts.js: the whole-system map's part chooser, a menu in the presentation bar that
   follows the part the state shows (pm.parts.current) and dispatches the part chosen. */

function createPartChooser(data, store) {
  const select = document.getElementById("part-select");
  if (!select || !pm.parts.choices(data).length) {
    return { render: () => {} };
  }
  const blank = select.querySelector("option[value='']");
  select.disabled = false;
  select.addEventListener("change", () => {
    if (select.value) {
      store.dispatch({ type: "part", id: select.value });
    }
  });

  function render(state) {
    const part = pm.parts.current(data, state);
    const chosen = part && !part.step ? part.id : "";
    if (blank) {
      blank.hidden = Boolean(chosen);
      blank.textContent = part ? "A tour step: " + part.title : "The whole map";
    }
    select.value = chosen;
  }

  return { render: render };
}

pm.views.parts = { createPartChooser };
})(pm);

/* ---- js/views/caption.js ---- */
(function (pm) {
/* views/caption.js: on the projected whole-system map, a caption along the top that names the part
   shown and its place in the sequence ("Figure 3: …", "part 2 of 7"), so the back of the room can
   read what it is looking at while the bar is folded. It follows pm.parts.caption; the camera
   counts it as a cover and fits the part below it. Not a live region: the store already says
   each part shown in the same words ("Showing Figure 3: …, part 2 of 7"), once. */

function createCaption(data, store) {
  const box = document.getElementById("part-caption");
  if (!box) {
    return { render: () => {} };
  }
  const title = box.querySelector(".part-caption-title");
  const place = box.querySelector(".part-caption-place");
  let shown = null;

  function render(state) {
    const said = pm.parts.caption(data, state);
    const key = said ? said.id : null;
    if (key === shown) {
      return;
    }
    shown = key;
    title.textContent = said ? said.title : "";
    place.textContent = said ? said.place : "";
    box.classList.toggle("is-step", Boolean(said && said.step));
    box.hidden = !said;
  }

  return { render: render };
}

pm.views.caption = { createCaption };
})(pm);

/* ---- js/keys.js ---- */
(function (pm) {
/* keys.js: keys to actions. Escape closes the innermost thing open: the legend (when in it or
   over the projected map), then a selection (inside a tour this returns to the step), then a
   showcased kind or level, then presentation mode, then the tour. Arrows, Page Up/Down and space step through a tour (also
   with a body opened from it); P presents; F toggles full screen (not a state: the bar does it);
   1, 2 and 0 set how far focus reaches. Presenting the whole-system map with no tour on, ] and
   Page Down show its next part, [ and Page Up the one before. */

function keyAction(state, key) {
  if (key === "Escape") {
    if (state.panels.legend && state.mode === "present") {
      return { type: "panel", name: "legend", open: false };
    }
    if (state.selection || state.notice) {
      return { type: "clear" };
    }
    if (state.showcase) {
      return { type: "showcase", showcase: null };
    }
    if (state.mode === "present") {
      return { type: "mode", mode: "normal" };
    }
    return state.tour ? { type: "tour-end" } : null;
  }
  if (state.tour && (key === "ArrowRight" || key === "PageDown" || key === " " || key === "Spacebar")) {
    return { type: "tour-step", delta: 1 };
  }
  if (state.tour && (key === "ArrowLeft" || key === "PageUp")) {
    return { type: "tour-step", delta: -1 };
  }
  if (state.mode === "present" && !state.tour && /^(\[|\]|PageDown|PageUp)$/.test(key)) {
    return { type: "part-step", delta: key === "]" || key === "PageDown" ? 1 : -1 }; // whole-system map: its parts
  }
  if (key === "p" || key === "P") {
    return { type: "mode", mode: state.mode === "present" ? "normal" : "present" };
  }
  if (key === "f" || key === "F") {
    return { type: "fullscreen" };
  }
  if (key === "1" || key === "2" || key === "0") {
    return { type: "focus-depth", depth: Number(key) };
  }
  return null;
}

/* `hooks.fullscreen` toggles full screen: the document's, which the store does not hold. */
function bindKeys(store, hooks) {
  const { isTyping, inFormControl, activatesControl } = pm.dom;
  const legend = document.getElementById("legend");
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const target = event.target;
    const key = event.key;
    const state = store.getState();
    if (key === "Escape") {
      const inLegend = legend && !legend.hidden && legend.contains(document.activeElement);
      const action = inLegend ? { type: "panel", name: "legend", open: false } : keyAction(state, key);
      if (!action) {
        return;
      }
      event.preventDefault();
      store.dispatch(action);
      if (inLegend) {
        document.getElementById("legend-toggle").focus({ preventScroll: true });
      }
      return;
    }
    if (isTyping(target) || activatesControl(target, key) || (target.closest && target.closest("#twin-list"))) {
      return;
    }
    if (/^(ArrowRight|ArrowLeft|PageDown|PageUp| |Spacebar)$/.test(key) && inFormControl(target)) {
      return; // arrows move within radio groups; space ticks boxes
    }
    const action = keyAction(state, key);
    if (action && action.type === "fullscreen") {
      if (hooks && hooks.fullscreen) {
        event.preventDefault();
        hooks.fullscreen();
      }
      return;
    }
    if (action) {
      if (action.type !== "focus-depth") {
        event.preventDefault();
      }
      store.dispatch(action);
    }
  });
}

pm.keys = { keyAction, bindKeys };
})(pm);

/* ---- js/export.js ---- */
(function (pm) {
/* export.js: the view as a PNG (twice the screen's resolution, with the map's title, date and
   source) and the print handout's sharp picture of the map. */

const { el } = pm.dom;

function createExport(data, map, store, announce) {
  const network = map.network;
  const mapElement = document.getElementById("map");
  const stage = document.getElementById("map-stage");

  /* The current view drawn at `ratio` device pixels per CSS pixel, as a new canvas: vis-network
     sizes its drawing buffer from window.devicePixelRatio, so that is raised while it redraws. */
  function renderView(ratio) {
    const canvas = network.canvas.frame.canvas;
    const view = { position: network.getViewPosition(), scale: network.getScale() };
    const own = Object.getOwnPropertyDescriptor(window, "devicePixelRatio");
    const copy = document.createElement("canvas");
    try {
      Object.defineProperty(window, "devicePixelRatio", { configurable: true, get: () => ratio });
      network.redraw();
      network.moveTo(Object.assign({ animation: false }, view));
      network.redraw();
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, copy.width, copy.height);
      ctx.drawImage(canvas, 0, 0);
    } finally {
      if (own) {
        Object.defineProperty(window, "devicePixelRatio", own);
      } else {
        delete window.devicePixelRatio;
      }
      network.redraw();
      network.moveTo(Object.assign({ animation: false }, view));
    }
    return copy;
  }

  function figureName() {
    return data.figure.name;
  }

  /* The view at twice the window's resolution (at least twice the map's), under a band with the
     map's title and date, and over its source line. */
  function exportCanvas() {
    const ratio = Math.max(2, 2 * window.innerWidth / Math.max(1, mapElement.clientWidth));
    const picture = renderView(ratio);
    const band = Math.round(64 * ratio);
    const foot = data.figure.source ? Math.round(30 * ratio) : 0;
    const out = document.createElement("canvas");
    out.width = picture.width;
    out.height = picture.height + band + foot;
    const ctx = out.getContext("2d");
    const face = pm.present.FACE;
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(picture, 0, band);
    ctx.fillStyle = "#000000";
    ctx.textBaseline = "top";
    ctx.font = "700 " + Math.round(24 * ratio) + "px " + face;
    ctx.fillText(figureName(), 16 * ratio, 8 * ratio, out.width - 32 * ratio);
    ctx.font = Math.round(16 * ratio) + "px " + face;
    ctx.fillStyle = "#333333";
    ctx.fillText("Structures as in " + data.figure.as_of_text + ". Made with policymap.", 16 * ratio, 38 * ratio,
      out.width - 32 * ratio);
    ctx.strokeStyle = "#999999";
    ctx.lineWidth = ratio;
    ctx.beginPath();
    ctx.moveTo(0, band - ratio / 2);
    ctx.lineTo(out.width, band - ratio / 2);
    ctx.stroke();
    if (foot) {
      ctx.font = Math.round(13 * ratio) + "px " + face;
      ctx.fillText("Source: " + data.figure.source, 16 * ratio, picture.height + band + 8 * ratio, out.width - 32 * ratio);
    }
    return out;
  }

  function exportPng() {
    const canvas = exportCanvas();
    const name = data.figure.id + (store.getState().mode === "present" ? "-presentation" : "") + ".png";
    const save = (href, done) => {
      const link = el("a", { href: href, download: name, hidden: true });
      document.body.appendChild(link);
      link.click();
      link.remove();
      if (done) {
        setTimeout(done, 1000);
      }
    };
    if (canvas.toBlob) {
      canvas.toBlob((blob) => {
        const url = URL.createObjectURL(blob);
        save(url, () => URL.revokeObjectURL(url));
      }, "image/png");
    } else {
      save(canvas.toDataURL("image/png"));
    }
    announce("Saved " + name + ", " + canvas.width + " by " + canvas.height + " pixels.");
    return { width: canvas.width, height: canvas.height, name: name };
  }

  /* Printing: the map as drawn, sharp, in place of the live canvas (see @media print). */
  function preparePrint() {
    let picture = stage.querySelector(".print-map");
    if (!picture) {
      picture = el("img", { class: "print-map", alt: "The map as it was on screen: " + figureName() + "." });
      stage.insertBefore(picture, stage.firstChild);
    }
    picture.src = renderView(2).toDataURL("image/png");
    stage.classList.add("has-print-map");
  }

  function afterPrint() {
    const picture = stage.querySelector(".print-map");
    if (picture) {
      picture.remove();
    }
    stage.classList.remove("has-print-map");
  }

  window.addEventListener("beforeprint", preparePrint);
  window.addEventListener("afterprint", afterPrint);
  document.querySelectorAll("[data-action='export-png']").forEach((button) => {
    button.disabled = false;
    button.addEventListener("click", exportPng);
  });
  document.querySelectorAll("[data-action='print']").forEach((button) => {
    button.disabled = false;
    button.addEventListener("click", () => window.print());
  });
  return { renderView, exportPng, preparePrint };
}

pm.export = { createExport };
})(pm);

/* ---- js/main.js ---- */
(function (pm) {
/* main.js: wiring only. Read the page's data, build the store, attach the views, follow the
   address, and expose window.policymap for tests:
   {network, data, tours, store, state(), dispatch(action), select(id), clear(), present(on),
    setFilter(group, id, shown), resetFilters(), setFocusDepth(n), showcase(group, id), exportPng(), renderView(ratio),
    routes(from, to), preparePrint(), relationLabels()}.
   Pages other than maps have no data and only honour ?present. */

function showMapMessage(text) {
  const stage = document.getElementById("map-stage");
  if (stage) {
    stage.appendChild(pm.dom.el("p", { class: "map-message" }, text));
  }
}

function start() {
  const query = pm.url.parseQuery(location.search);
  if (query.present) {
    document.body.classList.add("present");
  }
  const mapElement = document.getElementById("map");
  if (!mapElement) {
    return;
  }
  if (typeof vis === "undefined" || !window.policymapPage || !window.policymapSite) {
    showMapMessage("The map could not be drawn because its scripts did not load. The text version below has every body and relation.");
    return;
  }
  const site = window.policymapSite;
  const data = pm.data.join(window.policymapPage, site);
  let store = null;
  const styles = pm.present.styles(data, () => store.getState());
  // Below 1440px the legend starts folded so the map can use the whole width; the Legend button brings it back.
  store = pm.store.createStore(pm.store.reducer(data), pm.store.initialState({
    mode: query.present ? "present" : "normal", at: pm.timeline.isDate(query.at) && data.timeline && query.at !== data.timeline.guide ? query.at : null,
    panels: { legend: !(window.innerWidth < 1440 || query.present), routes: false },
    showcase: pm.store.showcaseFor(data, query.showcase),
    part: pm.parts.choices(data).some((p) => p.id === query.part) ? query.part : null,
  }));

  const v = pm.views;
  const legend = v.legend.createLegend(data, store, site.legend);
  const map = v.map.createMap(mapElement, data, store, styles);
  const labels = v.labels.createLabels(map, data, store, styles);
  const routes = v.routes.createRoutes(data, store);
  const bar = v.bar.createBar(store, pm.dom.announce);
  const views = [bar, map, labels, legend, v.panel.createPanel(data, store),
    v.tour.createTour(data, store), routes, v.notice.createNotice(data, store), v.search.createSearch(data, store),
    v.timeline.createTimeline(data, store), v.parts.createPartChooser(data, store), v.caption.createCaption(data, store),
    v.camera.createCamera(mapElement, map, data, styles)]; // the camera last: it measures what the others drew
  const camera = views[views.length - 1];
  labels.within(() => camera.freeArea(store.getState()));
  const render = (state, previous, action) => views.forEach((view) => view.render(state, previous, action));
  store.subscribe(render);
  store.subscribe((state, previous) => {
    if (state.said && state.said !== previous.said) {
      pm.dom.announce(state.said.text);
    }
    if (state.notice && state.notice !== previous.notice) {
      const box = document.getElementById("map-notice");
      pm.dom.announce(box ? box.textContent.replace(/OK$/, "").trim() : "");
    }
  });
  render(store.getState(), undefined, null);
  pm.url.bind(store, data);
  pm.keys.bindKeys(store, { fullscreen: bar.toggleFullscreen });
  const output = pm.export.createExport(data, map, store, pm.dom.announce);

  /* Links to a body (panel relations, text version) select it on the map, then bring the map
     and panel into view with focus on the panel heading. */
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-node]");
    if (!link || !pm.dom.plainClick(event) || !data.nodes[link.getAttribute("data-node")]) {
      return;
    }
    event.preventDefault();
    if (window.scrollY > 0) {
      const reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      window.scrollTo({ top: 0, behavior: reduced ? "auto" : "smooth" });
    }
    store.dispatch({ type: "select-node", id: link.getAttribute("data-node"), moveFocus: true });
  });
  document.querySelectorAll(".zoom [data-action], .bar-zoom [data-action]").forEach((button) => {
    button.disabled = false;
    button.addEventListener("click", () => {
      const action = button.getAttribute("data-action");
      if (action === "fit") {
        camera.fitAll(store.getState(), true);
      } else {
        camera.zoom(action === "zoom-in" ? 1.3 : 1 / 1.3);
      }
    });
  });
  window.addEventListener("resize", () => camera.refit(store.getState));

  // Once the map's first frame is on screen (the frame after the one vis drew it in; or after a
  // second, should it not draw): on large maps these lists are thousands of elements, and the map comes first.
  let finished = false;
  function finishLoading() {
    if (finished) {
      return;
    }
    finished = true;
    legend.finish();
    v.twin.renderTwin(data);
    v.twin.wireTwin();
    routes.fillBodies();
    document.documentElement.setAttribute("data-policymap-ready", "");
  }
  if (window.requestAnimationFrame) {
    map.network.once("afterDrawing", () => requestAnimationFrame(() => setTimeout(finishLoading, 0)));
    setTimeout(finishLoading, 1000);
  } else {
    finishLoading();
  }

  const dispatch = store.dispatch;
  window.policymap = {
    network: map.network,
    data: data,
    store: store,
    dispatch: dispatch,
    tours: data.tours.map((tour) => ({ id: tour.id, title: tour.title,
      steps: tour.steps.map((step) => ({ title: step.title, text: step.text, nodes: step.nodes.slice(), edges: (step.edges || []).slice() })) })),
    select: (id) => dispatch({ type: "select-node", id: id }),
    clear: () => dispatch({ type: "clear" }),
    present: (on) => dispatch({ type: "mode", mode: on !== false ? "present" : "normal" }),
    setFilter: (group, id, shown) => dispatch({ type: "filter", group: group, id: id, shown: shown }),
    resetFilters: () => dispatch({ type: "filters-reset" }),
    setFocusDepth: (depth) => dispatch({ type: "focus-depth", depth: depth }),
    showcase: (group, id) => dispatch({ type: "showcase", showcase: group ? { group: group, id: id } : null }),
    exportPng: output.exportPng,
    renderView: output.renderView,
    preparePrint: output.preparePrint,
    routes: (from, to) => {
      const found = pm.routes.find(data, from, to, pm.select.hidden(data, store.getState()));
      return { count: found.count, routes: found.routes.map((route) => ({ nodes: route.nodes,
        edges: route.edges.map((e) => e.id), sentences: pm.routes.sentences(data, route) })) };
    },
    resolve: (text) => pm.routes.resolve(data, text, pm.select.hidden(data, store.getState())), // a name as the route boxes read it
    state: () => pm.store.snapshot(data, store.getState()),
    regions: () => map.regions().map((region) => region.label), // the region frames drawn (filters hide empty ones)
    freeArea: () => camera.freeArea(store.getState()), // the part of the map nothing covers
    relationLabels: labels.placed, // the relations' names drawn last: [{id, text, px, large, box}]
  };
}

/* Opened from a file, the scripts are asked for from the page's head and may arrive before the
   page is parsed: the map starts on the parsed page. */
if (typeof document !== "undefined") {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}
})(pm);
})();
