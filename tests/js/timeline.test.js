"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const pm = require("./load.js").load();
const { fixture } = require("./fixture.js");

/* Full lists by date, as the page data writes them: changes to the date before's. */
function asChanges(full) {
  const out = {};
  let before = { shown: [], ended: [], edges: [], ended_edges: [] };
  Object.keys(full).forEach((at) => {
    const state = Object.assign({}, full[at]);
    ["shown", "ended", "edges", "ended_edges"].forEach((name) => {
      state[name] = { add: full[at][name].filter((id) => before[name].indexOf(id) < 0),
        drop: before[name].filter((id) => full[at][name].indexOf(id) < 0) };
    });
    out[at] = state;
    before = full[at];
  });
  return out;
}

/* The small map with a timeline: PCTs replaced by CCGs on 1 April 2013, which an ICB replaced in July 2022. */
function setup() {
  const { page, site } = fixture();
  const all = ["lsp", "nrf", "pct", "study", "trust"];
  const positions = Object.fromEntries(all.concat(["ccg", "icb"]).map((id, i) => [id, [i * 90, 50]]));
  const step = (date, text, id, label) => ({ date: date, date_text: date, text: text, bodies: [{ id: id, label: label }], sources: ["An Act 2012, s 1"] });
  page.timeline = {
    guide: "2003-05",
    layouts: { guide: { positions: {}, labels: {}, regions: [] }, later: { positions: positions, labels: {}, regions: [] } },
    dates: [{ at: "2003-05", label: "May 2003 (the guide)" }, { at: "2013-04-01", label: "1 April 2013" },
      { at: "2022-07", label: "July 2022" }, { at: "today", label: "Today", state: "2022-07" }],
    states: asChanges({
      "2003-05": { layout: "guide", shown: all, ended: [], edges: ["pct--commissions--trust", "pct--member-of--lsp", "nrf--funds--lsp", "study--supports--trust", "study--supports--nrf"], ended_edges: [] },
      "2013-04-01": { layout: "later", shown: ["ccg", "lsp", "nrf", "study", "trust"], ended: ["pct"], edges: ["nrf--funds--lsp", "study--supports--trust", "study--supports--nrf", "t0"], ended_edges: ["pct--commissions--trust", "pct--member-of--lsp"] },
      "2022-07": { layout: "later", shown: ["icb", "lsp", "nrf", "study", "trust"], ended: ["ccg", "pct"], edges: ["nrf--funds--lsp", "study--supports--trust", "study--supports--nrf"], ended_edges: ["pct--commissions--trust", "pct--member-of--lsp", "t0"] },
    }),
    nodes: {
      ccg: { vis: { label: "CCGs", group: "nhs-body" }, label: "Clinical commissioning groups", acronym: "CCG", plural: true, kind: "nhs-body", level: "local", role: "Commissioned.", sources: ["An Act 2012, s 25"], from: "2013-04-01", from_text: "1 April 2013" },
      icb: { vis: { label: "ICBs", group: "nhs-body" }, label: "Integrated care boards", acronym: "ICB", plural: true, kind: "nhs-body", level: "local", role: "Commission.", sources: ["An Act 2022, s 19"], from: "2022-07", from_text: "July 2022" },
    },
    edges: { t0: { from: "ccg", to: "lsp", relation: "member-of", evidence: "stated", reading: "are members of", label: "member of", color: "#000", sources: ["An Act 2012, s 194"] } },
    lineage: { pct: { came_from: [], became_steps: [step("2013-04-01", "PCTs were replaced by CCGs.", "ccg", "Clinical commissioning groups")] } },
    names: { icb: ["Primary care trusts", "PCT", "Clinical commissioning groups", "CCG"] },
    changes: [],
  };
  page.tours.push({ id: "since-2003", title: "What changed since 2003", steps: [
    { title: "1 April 2013", text: "PCTs were replaced.", nodes: ["pct", "ccg"], edges: [], at: "2013-04-01" },
    { title: "July 2022", text: "CCGs were replaced.", nodes: ["ccg", "icb"], edges: [], at: "2022-07" }] });
  const data = pm.data.join(page, site);
  return { data, reduce: pm.store.reducer(data), start: pm.store.initialState() };
}

test("each date's lists are rebuilt from the changes to the date before's", () => {
  const { data } = setup();
  const lists = pm.timeline.standing(data.timeline);
  assert.deepEqual(lists["2013-04-01"].shown.slice().sort(), ["ccg", "lsp", "nrf", "study", "trust"]);
  assert.deepEqual(lists["2022-07"].ended.slice().sort(), ["ccg", "pct"]);
  assert.deepEqual(lists["2022-07"].ended_edges.slice().sort(), ["pct--commissions--trust", "pct--member-of--lsp", "t0"]);
  assert.ok(pm.timeline.view(data, "2022-07").shown.has("icb") && !pm.timeline.view(data, "2022-07").shown.has("ccg"));
});

test("a date shows the latest state on or before it", () => {
  const { data } = setup();
  assert.equal(pm.timeline.stateDate(data, null), "2003-05");
  assert.equal(pm.timeline.stateDate(data, "2013-03"), "2003-05");
  assert.equal(pm.timeline.stateDate(data, "2013-04"), "2013-04-01");
  assert.equal(pm.timeline.stateDate(data, "2020"), "2013-04-01");
  assert.equal(pm.timeline.stateDate(data, "today"), "2022-07");
  assert.equal(pm.timeline.controlValue(data, "today"), "today");
  assert.equal(pm.timeline.stateDate(data, "soon"), "2003-05", "a malformed date is the guide's");
});

test("later bodies and relations join the data, hidden until their date", () => {
  const { data, reduce, start } = setup();
  assert.equal(data.nodes.ccg.label, "Clinical commissioning groups");
  assert.ok(data.edgesById.get("t0") && data.edgesById.get("t0").later);
  assert.ok(pm.select.hidden(data, start).nodes.has("ccg"));
  const then = reduce(start, { type: "at", at: "2013-04" });
  const hide = pm.select.hidden(data, then);
  assert.ok(!hide.nodes.has("ccg") && !hide.nodes.has("pct"), "what ended stays, faded");
  assert.ok(hide.nodes.has("icb"));
  const listed = reduce(then, { type: "ended-view", value: "listed" });
  assert.ok(pm.select.hidden(data, listed).nodes.has("pct") && pm.select.hidden(data, listed).edges.has("pct--commissions--trust"));
  assert.equal(reduce(then, { type: "at", at: "2003-05" }).at, null, "the guide's date is no date");
  assert.equal(reduce(start, { type: "at", at: "nonsense" }).at, null);
});

test("?at= round-trips through the state", () => {
  const { data, reduce, start } = setup();
  for (const search of ["?at=2013-04", "?at=today", "?at=2022-07-01", ""]) {
    const query = pm.url.parseQuery(search);
    const state = reduce(start, { type: "at", at: query.at });
    assert.equal(pm.url.queryFor("", state), search, search);
  }
});

test("selecting a body not standing at the date moves the date to one where it does", () => {
  const { data, reduce, start } = setup();
  const state = reduce(start, { type: "select-node", id: "icb" });
  assert.equal(state.at, "2022-07");
  assert.deepEqual(state.selection, { type: "node", id: "icb" });
  assert.equal(reduce(state, { type: "select-node", id: "pct" }).at, null, "back to the guide's date for an ended body");
});

test("the what-changed tour shows each step at its date; the guide's tours at the guide's date", () => {
  const { data, reduce, start } = setup();
  let state = reduce(start, { type: "tour", id: "since-2003", step: 0 });
  assert.equal(state.at, "2013-04-01");
  state = reduce(state, { type: "tour-step", delta: 1 });
  assert.equal(state.at, "2022-07");
  assert.equal(reduce(state, { type: "tour", id: "money", step: 0 }).at, null);
});

test("search finds a body by a former or later name", () => {
  const { data } = setup();
  const found = pm.search.matches(pm.search.index(data.search), "pct");
  const icb = found.find((m) => m.item.id === "icb");
  assert.ok(icb && icb.name === "PCT");
  assert.equal(found[0].item.id, "pct", "the body's own name first");
});
