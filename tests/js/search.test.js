"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const pm = require("./load.js").load();
const { fixture } = require("./fixture.js");

test("search ranks prefixes, then word starts, then terms; this map before others", () => {
  const { page, site } = fixture();
  const data = pm.data.join(page, site);
  const entries = pm.search.index(data.search);
  const labels = (q) => pm.search.matches(entries, q).map((m) => m.item.id);
  assert.deepEqual(labels("PCT"), ["pct"]);
  assert.deepEqual(labels("neighbourhood"), ["nrf", "nru"], "this map's body first, then the other map's");
  assert.deepEqual(labels("trust"), ["trust", "pct"], "a word start beats a glossary term");
  assert.equal(pm.search.matches(entries, "primary care trust")[0].term, null);
  assert.equal(pm.search.matches(entries, "nru")[0].item.url, "other.html#node=nru");
  assert.deepEqual(labels("  "), []);
});

test("keys map to actions", () => {
  const state = pm.store.initialState({ tour: { id: "money", step: 0 }, selection: { type: "node", id: "pct" } });
  assert.deepEqual(pm.keys.keyAction(state, "Escape"), { type: "clear" });
  assert.deepEqual(pm.keys.keyAction(state, "ArrowRight"), { type: "tour-step", delta: 1 });
  assert.deepEqual(pm.keys.keyAction(state, "PageUp"), { type: "tour-step", delta: -1 });
  assert.deepEqual(pm.keys.keyAction(Object.assign({}, state, { selection: null }), "Escape"), { type: "tour-end" });
  assert.deepEqual(pm.keys.keyAction(pm.store.initialState({ mode: "present", panels: { legend: false, routes: false } }), "Escape"), { type: "mode", mode: "normal" });
  assert.equal(pm.keys.keyAction(pm.store.initialState(), "ArrowRight"), null);
});
