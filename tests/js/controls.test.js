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
