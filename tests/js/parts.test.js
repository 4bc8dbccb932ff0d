"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const pm = require("./load.js").load();
const { fixture } = require("./fixture.js");

/* The small map as a whole-system map: two figure parts, a case-study part, and a part made for
   a tour step that no other part holds. */
function setup(options) {
  const { page, site } = fixture();
  const present = (ids) => ({ positions: Object.fromEntries(ids.map((id, i) => [id, [i * 200, 0]])), labels: {}, regions: [],
    font: 22, heading: 20, margin: 6, border: 3, fit_margin: 8, scale: 1.1 });
  page.parts = [
    { id: "fig-a", title: "Figure 2: A", bodies: ["pct", "trust"], present: present(["pct", "trust"]) },
    { id: "fig-b", title: "Figure 3: B", bodies: ["lsp", "nrf", "pct"], present: present(["lsp", "nrf", "pct"]) },
    { id: "case-studies", title: "Case studies", bodies: ["nrf", "study", "trust"], present: present(["nrf", "study", "trust"]) },
    { id: "across--step-1", title: "Across", bodies: ["lsp", "study"], present: present(["lsp", "study"]), step: true },
  ];
  page.tours.push({ id: "across", title: "Across the maps", steps: [
    { title: "Across", text: "A step no part holds.", nodes: ["lsp", "study"], edges: [], part: "across--step-1" },
    { title: "Back", text: "On the first figure.", nodes: ["pct", "trust"], edges: [], part: "fig-a" },
  ] });
  const data = pm.data.join(page, site);
  const store = pm.store.createStore(pm.store.reducer(data), pm.store.initialState(Object.assign({ mode: "present" }, options)));
  const go = (action) => { store.dispatch(action); return store.getState(); };
  return { data, store, go, shown: () => pm.parts.current(data, store.getState()).id };
}

test("with nothing chosen the first part shows; the chooser offers every part but the tour steps'", () => {
  const { data, shown } = setup();
  assert.equal(shown(), "fig-a");
  assert.deepEqual(pm.parts.choices(data).map((p) => p.id), ["fig-a", "fig-b", "case-studies"]);
  assert.equal(data.parts[0].present.kinds !== undefined, true, "each part's layout gets presentation mode's kinds");
});

test("a map without parts has no part", () => {
  const { page, site } = fixture();
  const data = pm.data.join(page, site);
  assert.equal(pm.parts.current(data, pm.store.initialState({ mode: "present" })), null);
});

test("a tour step shows its part; a body opened inside it stays there when the part holds it", () => {
  const { go, shown } = setup();
  go({ type: "tour", id: "across", step: 0 });
  assert.equal(shown(), "across--step-1");
  go({ type: "select-node", id: "study" });
  assert.equal(shown(), "across--step-1", "the step's part holds the body");
  go({ type: "select-node", id: "pct" });
  assert.equal(shown(), "fig-a", "a body the step's part does not hold: the first part that does");
  go({ type: "clear" });
  assert.equal(shown(), "across--step-1", "back to the step");
  go({ type: "tour-step", delta: 1 });
  assert.equal(shown(), "fig-a");
  go({ type: "tour", id: "money", step: 0 }); // a step without a part named: the first part that holds it
  assert.equal(shown(), "fig-b");
});

test("a selected body keeps the chosen part if it holds it, else moves to the first that does, and stays", () => {
  const { go, shown } = setup();
  go({ type: "part", id: "fig-b" });
  go({ type: "select-node", id: "pct" });
  assert.equal(shown(), "fig-b", "pct is on the part chosen");
  let state = go({ type: "select-node", id: "study" });
  assert.equal(shown(), "case-studies");
  assert.equal(state.part, "case-studies", "the chosen part follows the selection");
  state = go({ type: "clear" });
  assert.equal(shown(), "case-studies", "clearing the selection stays on its part");
  go({ type: "select-edge", id: "pct--commissions--trust" });
  assert.equal(shown(), "fig-a", "a relation: the first part holding both its ends");
});

test("choosing a part ends a tour, drops a selection it does not hold and is announced", () => {
  const { go, shown, store, data } = setup();
  go({ type: "select-node", id: "trust" });
  let state = go({ type: "part", id: "case-studies" });
  assert.deepEqual(state.selection, { type: "node", id: "trust" }, "the part holds it");
  assert.equal(state.said.text, "Showing Case studies, part 3 of 3");
  state = go({ type: "part", id: "fig-b" });
  assert.equal(state.selection, null);
  go({ type: "tour", id: "across", step: 0 });
  state = go({ type: "part", id: "fig-a" });
  assert.equal(state.tour, null);
  assert.equal(shown(), "fig-a");
  assert.equal(go({ type: "part", id: "across--step-1" }), store.getState(), "a step's part is not chosen");
  assert.equal(go({ type: "part", id: "nowhere" }).part, "fig-a");
  assert.equal(pm.store.snapshot(data, store.getState()).part, "fig-a");
});

test("part-step walks the chooser's parts in order and stops at either end", () => {
  const { go, shown } = setup();
  go({ type: "part-step", delta: 1 });
  assert.equal(shown(), "fig-b");
  go({ type: "part-step", delta: 1 });
  go({ type: "part-step", delta: 1 });
  assert.equal(shown(), "case-studies");
  go({ type: "part-step", delta: -2 });
  assert.equal(shown(), "fig-a");
  go({ type: "part-step", delta: -1 });
  assert.equal(shown(), "fig-a");
  go({ type: "tour", id: "across", step: 0 }); // from a step's own part: the chooser starts from the part chosen
  go({ type: "part-step", delta: 1 });
  assert.equal(shown(), "fig-b");
});

test("] [ Page Down and Page Up step the parts when presenting with no tour on; in a tour they step the tour", () => {
  const state = pm.store.initialState({ mode: "present" });
  assert.deepEqual(pm.keys.keyAction(state, "]"), { type: "part-step", delta: 1 });
  assert.deepEqual(pm.keys.keyAction(state, "PageUp"), { type: "part-step", delta: -1 });
  assert.equal(pm.keys.keyAction(pm.store.initialState(), "]"), null, "not in normal mode");
  const touring = Object.assign({}, state, { tour: { id: "money", step: 0 } });
  assert.deepEqual(pm.keys.keyAction(touring, "PageDown"), { type: "tour-step", delta: 1 });
  assert.equal(pm.keys.keyAction(touring, "]"), null);
});

test("the chosen part is in the address while presenting", () => {
  const state = pm.store.initialState({ mode: "present", part: "fig-b" });
  assert.equal(pm.url.queryFor("", state), "?present&part=fig-b");
  assert.equal(pm.url.queryFor("?present&part=fig-b", Object.assign({}, state, { mode: "normal" })), "");
  assert.equal(pm.url.parseQuery("?present&part=case-studies").part, "case-studies");
});

test("the part's presentation style hides every body outside it and the relations reaching them", () => {
  const { data, store, go } = setup();
  go({ type: "part", id: "fig-a" });
  const styles = pm.present.styles(data, store.getState);
  const style = styles.present;
  const item = (id) => data.vis.nodes.find((n) => n.id === id);
  assert.equal(style.node(item("pct"), false, false, store.getState()).hidden, false);
  assert.equal(style.node(item("lsp"), false, false, store.getState()).hidden, true);
  assert.deepEqual(style.position(item("trust")), [200, 0], "the part's own layout");
  const edge = (id) => data.vis.edges.find((e) => e.id === id);
  assert.equal(style.edge(edge("pct--commissions--trust"), false, false, store.getState()).hidden, false);
  assert.equal(style.edge(edge("pct--member-of--lsp"), false, false, store.getState()).hidden, true);
  go({ type: "part", id: "fig-b" });
  assert.equal(styles.present.node(item("lsp"), false, false, store.getState()).hidden, false, "the style follows the state");
  assert.equal(styles.normal.node(item("lsp"), false, false, store.getState()).hidden, false, "normal mode draws it whole");
});

test("presenting, the bodies of other parts are hidden for views that draw over the map", () => {
  const { data, store, go } = setup();
  go({ type: "part", id: "fig-b" });
  assert.deepEqual(Array.from(pm.parts.hidden(data, store.getState())).sort(), ["study", "trust"]);
  go({ type: "mode", mode: "normal" });
  assert.equal(pm.parts.hidden(data, store.getState()).size, 0);
});

test("the caption names the part shown and its place among the chooser's parts, only while presenting", () => {
  const { data, store, go } = setup();
  assert.deepEqual(pm.parts.caption(data, store.getState()),
    { id: "fig-a", title: "Figure 2: A", step: false, place: "part 1 of 3" });
  go({ type: "part-step", delta: 1 });
  assert.equal(pm.parts.caption(data, store.getState()).place, "part 2 of 3");
  go({ type: "part", id: "case-studies" });
  assert.deepEqual(pm.parts.caption(data, store.getState()),
    { id: "case-studies", title: "Case studies", step: false, place: "part 3 of 3" });
  go({ type: "tour", id: "across", step: 0 }); // a step's own part: not a numbered part
  assert.deepEqual(pm.parts.caption(data, store.getState()),
    { id: "across--step-1", title: "Across", step: true, place: "a tour step\u2019s own view" });
  go({ type: "tour-step", delta: 1 }); // the next step is on Figure 2's part
  assert.equal(pm.parts.caption(data, store.getState()).place, "part 1 of 3");
  go({ type: "mode", mode: "normal" });
  assert.equal(pm.parts.caption(data, store.getState()), null, "normal mode draws the whole map: no caption");
});

test("no caption on a map without parts", () => {
  const { page, site } = fixture();
  const data = pm.data.join(page, site);
  assert.equal(pm.parts.caption(data, pm.store.initialState({ mode: "present" })), null);
});

test("no caption while a route no part holds draws the whole map", () => {
  const { data, store, go } = setup();
  const state = go({ type: "route", from: "trust", to: "lsp" }); // trust and pct on Figure 2's part, lsp not
  assert.equal(state.selection && state.selection.type, "route");
  assert.ok(pm.select.route(data, state), "a route is found");
  assert.equal(pm.parts.current(data, store.getState()), null, "the whole map is shown");
  assert.equal(pm.parts.caption(data, store.getState()), null);
});

test("a part shown by a tour step or a selection elsewhere is announced once, as a part chosen is", () => {
  const { go } = setup();
  let state = go({ type: "part-step", delta: 1 });
  assert.deepEqual(state.said, { text: "Showing Figure 3: B, part 2 of 3", n: 1 }, "] says it once");
  state = go({ type: "tour", id: "across", step: 0 });
  assert.deepEqual(state.said, { text: "Showing Across, a tour step\u2019s own view", n: 2 });
  state = go({ type: "tour-step", delta: 1 });
  assert.deepEqual(state.said, { text: "Showing Figure 2: A, part 1 of 3", n: 3 });
  state = go({ type: "select-node", id: "trust" }); // on the part shown: nothing to say
  assert.equal(state.said.n, 3);
  state = go({ type: "select-node", id: "study" });
  assert.deepEqual(state.said, { text: "Showing Case studies, part 3 of 3", n: 4 });
  state = go({ type: "mode", mode: "normal" });
  assert.equal(state.said.text, "Presentation mode off.");
  state = go({ type: "select-node", id: "lsp" });
  assert.equal(state.said.text, "Presentation mode off.", "not in normal mode");
});
