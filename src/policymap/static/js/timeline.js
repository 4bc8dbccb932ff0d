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
