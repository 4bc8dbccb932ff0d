"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const pm = require("./load.js").load();
const { fixture } = require("./fixture.js");

function setup() {
  const { page, site } = fixture();
  const data = pm.data.join(page, site);
  const reduce = pm.store.reducer(data);
  return { data, reduce, start: pm.store.initialState() };
}

test("addresses round-trip through the state", () => {
  const { data, reduce, start } = setup();
  for (const hash of ["node=pct", "edge=pct--commissions--trust", "tour=money&step=2", "tour=money&step=3&node=lsp",
    "from=pct&to=nrf&route=1", "node=nru", "node=nobody", "edge=a--b--c", ""]) {
    const state = reduce(start, pm.url.parseHash("#" + hash));
    assert.equal(pm.url.toHash(data, state), hash, hash);
  }
});

test("an address names what the state holds", () => {
  const { data, reduce, start } = setup();
  assert.deepEqual(reduce(start, pm.url.parseHash("#node=nru")).notice, { type: "elsewhere", id: "nru" });
  assert.deepEqual(reduce(start, pm.url.parseHash("#node=nobody")).notice, { type: "unknown", id: "nobody" });
  assert.deepEqual(reduce(start, pm.url.parseHash("#edge=pct--commissions--trust")).selection, { type: "edge", id: "pct--commissions--trust" });
  const step = reduce(start, pm.url.parseHash("#tour=money&step=99"));
  assert.deepEqual(step.tour, { id: "money", step: 2 }, "a step past the end is the last step");
  assert.equal(pm.url.toHash(data, step), "tour=money&step=3");
  assert.equal(reduce(start, pm.url.parseHash("#tour=nope&step=1")).tour, null);
});

test("the query holds the mode and the date", () => {
  assert.deepEqual(pm.url.parseQuery("?present&at=2013-04"), { present: true, at: "2013-04", showcase: null, part: null });
  const state = pm.store.initialState({ mode: "present", at: "2013-04" });
  assert.equal(pm.url.queryFor("", state), "?present&at=2013-04");
  assert.equal(pm.url.queryFor("?present", pm.store.initialState()), "");
});
