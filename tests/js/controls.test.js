"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const pm = require("./load.js").load();

test("F asks for full screen in either mode; the key handler, not the store, does it", () => {
  const normal = pm.store.initialState();
  const present = pm.store.initialState({ mode: "present" });
  assert.deepEqual(pm.keys.keyAction(normal, "f"), { type: "fullscreen" });
  assert.deepEqual(pm.keys.keyAction(present, "F"), { type: "fullscreen" });
  const reduce = pm.store.reducer({ tours: [], nodes: {}, edges: [], edgesById: new Map() });
  assert.equal(reduce(normal, { type: "fullscreen" }), normal, "the state does not hold full screen");
});

const { fixture } = require("./fixture.js");

function setup(options) {
  const { page, site } = fixture();
  const data = pm.data.join(page, site);
  const store = pm.store.createStore(pm.store.reducer(data), pm.store.initialState(options));
  return { data, store, go: (action) => { store.dispatch(action); return store.getState(); } };
}

test("a showcased kind or level stands out while the rest fades; a second press, Escape or a tour clears it", () => {
  const { data, go } = setup();
  let state = go({ type: "showcase", showcase: { group: "kind", id: "nhs-body" }, toggle: true });
  assert.deepEqual(state.showcase, { group: "kind", id: "nhs-body" });
  assert.match(state.said.text, /^Highlighting the 2 bodies of the kind “NHS body”; the rest is faded/);
  let stand = pm.select.emphasis(data, state);
  assert.deepEqual(Array.from(stand.nodes).sort(), ["pct", "trust"]);
  assert.deepEqual(Array.from(stand.edges), ["pct--commissions--trust"], "relations between showcased bodies stand out too");
  assert.equal(pm.select.hidden(data, state).nodes.size, 0, "the rest fades but stays");
  state = go({ type: "showcase", showcase: { group: "level", id: "national" }, toggle: true });
  assert.deepEqual(Array.from(pm.select.emphasis(data, state).nodes), ["nrf"]);
  assert.match(state.said.text, /the 1 national body/);
  state = go({ type: "select-node", id: "lsp" });
  assert.ok(pm.select.emphasis(data, state).nodes.has("lsp"), "a selection stands out over the showcase");
  assert.deepEqual(pm.keys.keyAction(state, "Escape"), { type: "clear" });
  state = go({ type: "clear" });
  assert.deepEqual(Array.from(pm.select.emphasis(data, state).nodes), ["nrf"], "and the showcase returns after");
  assert.deepEqual(pm.keys.keyAction(state, "Escape"), { type: "showcase", showcase: null }, "Escape clears it when nothing else is open");
  state = go({ type: "showcase", showcase: { group: "level", id: "national" }, toggle: true });
  assert.equal(state.showcase, null, "pressing it again clears it");
  assert.equal(pm.select.emphasis(data, state), null);
  assert.match(state.said.text, /^Highlight cleared/);
  assert.equal(go({ type: "showcase", showcase: { group: "kind", id: "standard" } }).showcase, null, "a kind not on the map is ignored");
  assert.equal(go({ type: "showcase", showcase: { group: "relation", id: "funds" } }).showcase, null);
  go({ type: "showcase", showcase: { group: "kind", id: "fund" } });
  assert.equal(go({ type: "tour", id: "money" }).showcase, null, "a tour highlights its own bodies");
  const present = pm.store.initialState({ mode: "present", panels: { legend: false, routes: false }, showcase: { group: "kind", id: "fund" } });
  assert.deepEqual(pm.keys.keyAction(present, "Escape"), { type: "showcase", showcase: null }, "before leaving presentation mode");
});

test("the showcase is a setting in the query, both ways", () => {
  const { data } = setup();
  const state = pm.store.initialState({ showcase: { group: "kind", id: "fund" }, mode: "present" });
  assert.equal(pm.url.queryFor("", state), "?present&showcase=kind.fund");
  assert.deepEqual(pm.url.parseQuery("?showcase=level.national").showcase, { group: "level", id: "national" });
  assert.equal(pm.url.parseQuery("?showcase=nonsense").showcase, null);
  assert.deepEqual(pm.store.showcaseFor(data, pm.url.parseQuery("?showcase=kind.fund").showcase), { group: "kind", id: "fund" });
  assert.equal(pm.store.showcaseFor(data, pm.url.parseQuery("?showcase=kind.standard").showcase), null);
  assert.equal(pm.url.queryFor("?present&showcase=kind.fund", pm.store.initialState()), "");
});
