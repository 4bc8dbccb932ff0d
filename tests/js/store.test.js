"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const pm = require("./load.js").load();
const { fixture } = require("./fixture.js");

function setup(options) {
  const { page, site } = fixture();
  const data = pm.data.join(page, site);
  const store = pm.store.createStore(pm.store.reducer(data), pm.store.initialState(options));
  return { data, store, go: (action) => { store.dispatch(action); return store.getState(); } };
}

test("the data join spells out readings, labels and where other bodies are", () => {
  const { data } = setup();
  assert.equal(data.nodes.pct.kind_label, "NHS body");
  const edge = data.edges[0];
  assert.equal(edge.id, "nrf--funds--lsp"); // relations in drawing order, keyed by id
  assert.equal(data.edgesById.get("pct--commissions--trust").reading, "commission"); // plural subject, from the build
  assert.equal(data.edgesById.get("pct--commissions--trust").subject, "Primary care trusts");
  assert.equal(data.nodes.pct.glossary[0].term, "Primary care trust");
  assert.deepEqual(Object.keys(data.others), ["nru"]);
  assert.equal(pm.data.elsewhereText(pm.data.elsewhere(data, "nru")),
    "Neighbourhood Renewal Unit is not on this map. It is on Figures 3 and 4.");
  assert.equal(data.search.find((s) => s.id === "nru").url, "other.html#node=nru");
});

test("a body clicked during a tour opens inside the step; clearing returns to the step", () => {
  const { go } = setup();
  let state = go({ type: "tour", id: "money", step: 1 });
  assert.deepEqual(state.tour, { id: "money", step: 1 });
  state = go({ type: "select-node", id: "lsp" });
  assert.deepEqual(state.tour, { id: "money", step: 1 }, "the tour stays");
  assert.deepEqual(state.selection, { type: "node", id: "lsp" });
  state = go({ type: "clear" });
  assert.equal(state.selection, null);
  assert.deepEqual(state.tour, { id: "money", step: 1 });
  state = go({ type: "select-node", id: "lsp" });
  state = go({ type: "tour-step", delta: 1 });
  assert.deepEqual([state.tour.step, state.selection], [2, null], "stepping on closes the body and moves on");
  state = go({ type: "tour-step", delta: 1 });
  assert.equal(state.tour.step, 2, "the last step stays the last");
  state = go({ type: "tour-end" });
  assert.equal(state.tour, null);
});

test("selecting a filtered body clears the filters; filtering drops a hidden selection", () => {
  const { go, data, store } = setup();
  let state = go({ type: "filter", group: "kind", id: "nhs-body", shown: false });
  assert.deepEqual(state.filters.kind, ["nhs-body"]);
  assert.deepEqual(Array.from(pm.select.hidden(data, state).nodes).sort(), ["pct", "trust"]);
  assert.ok(pm.select.hidden(data, state).edges.has("pct--commissions--trust"));
  state = go({ type: "select-node", id: "pct" });
  assert.deepEqual(state.filters.kind, []);
  assert.match(state.said.text, /Filters cleared to show Primary care trusts/);
  state = go({ type: "filter", group: "level", id: "local", shown: false });
  assert.equal(state.selection, null);
  assert.equal(pm.views.legend.hiddenText(data, store.getState()),
    "Hidden: 4 local bodies. Showing 1 of 5 bodies and 0 of 5 relations.");
  state = go({ type: "filters-reset" });
  state = go({ type: "case-studies", shown: false });
  assert.equal(pm.views.legend.hiddenText(data, state), "Hidden: 1 case-study body. Showing 4 of 5 bodies and 3 of 5 relations.");
});

test("emphasis and framing follow the selection, focus depth, route and tour", () => {
  const { go, data } = setup();
  let state = go({ type: "select-node", id: "pct" });
  assert.deepEqual(Array.from(pm.select.emphasis(data, state).nodes).sort(), ["lsp", "pct", "trust"]);
  assert.deepEqual(pm.select.frame(data, state).nodes.sort(), ["lsp", "pct", "trust"]);
  state = go({ type: "focus-depth", depth: 2 });
  assert.deepEqual(Array.from(pm.select.emphasis(data, state).nodes).sort(), ["lsp", "nrf", "pct", "study", "trust"]);
  state = go({ type: "focus-depth", depth: 0 });
  assert.equal(pm.select.emphasis(data, state), null);
  assert.deepEqual(pm.select.frame(data, state).nodes.sort(), ["lsp", "pct", "trust"], "the neighbours are still framed");
  state = go({ type: "tour", id: "money", step: 0 });
  assert.deepEqual(pm.select.selected(data, state), { nodes: ["nrf", "lsp"], edges: ["nrf--funds--lsp"] });
  state = go({ type: "showcase", showcase: { group: "kind", id: "nhs-body" } });
  state = go({ type: "tour-end" });
  assert.deepEqual(Array.from(pm.select.emphasis(data, state).nodes).sort(), ["pct", "trust"]);
});

test("presentation mode closes the legend; panels open and close", () => {
  const { go } = setup({ panels: { legend: true, routes: false } });
  let state = go({ type: "mode", mode: "present" });
  assert.equal(state.panels.legend, false);
  state = go({ type: "panel", name: "legend", open: true });
  assert.equal(state.panels.legend, true);
  state = go({ type: "select-node", id: "pct" });
  assert.equal(state.panels.legend, false, "one panel at a time over the projected map");
  state = go({ type: "route", from: "pct", to: "nrf" });
  assert.equal(state.panels.routes, true);
  state = go({ type: "panel", name: "routes", open: false });
  assert.equal(state.selection, null);
});

test("the snapshot keeps today's keys", () => {
  const { go, data } = setup();
  const state = go({ type: "tour", id: "money", step: 1 });
  const snap = pm.store.snapshot(data, go({ type: "select-edge", id: "pct--commissions--trust" }));
  assert.equal(state.tour.step, 1);
  for (const key of ["mode", "focusDepth", "tour", "step", "selected", "hidden"]) {
    assert.ok(key in snap, key);
  }
  assert.equal(snap.step, 2);
  assert.equal(snap.selected, "pct--commissions--trust");
  assert.equal(snap.edge, "pct--commissions--trust");
  assert.equal(snap.insideTour, true);
});
