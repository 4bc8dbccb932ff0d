"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const pm = require("./load.js").load();
const { fixture } = require("./fixture.js");

function setup(options) {
  const { page, site } = fixture();
  const data = pm.data.join(page, site);
  const reduce = pm.store.reducer(data);
  return { data, state: (actions) => (actions || []).reduce(reduce, pm.store.initialState(options)) };
}

const box = (left, top, right, bottom) => ({ left, top, right, bottom });
const line = (id, from, to, extra) => Object.assign({ id, text: id, width: 30, height: 10, from, to }, extra || {});

test("names are placed on their lines without covering each other or a body", () => {
  const names = [
    line("a", { x: 0, y: 0 }, { x: 200, y: 0 }),
    line("b", { x: 0, y: 0 }, { x: 200, y: 0 }), // the same line: the second name moves along it
    line("c", { x: 100, y: -100 }, { x: 100, y: 100 }), // crosses the first where its name sits
  ];
  const placed = pm.labels.place(names, [box(60, -40, 80, -20)], 20, null);
  assert.deepEqual(placed.map((p) => p.id), ["a", "b", "c"]);
  for (let i = 0; i < placed.length; i += 1) {
    for (let j = i + 1; j < placed.length; j += 1) {
      assert.ok(!pm.labels.overlaps(placed[i], placed[j]), placed[i].id + " and " + placed[j].id + " overlap");
    }
  }
  assert.equal(placed[0].x, 100, "the first name sits at the middle of its line");
  assert.ok(placed.every((p) => p.anchor === null), "on their lines, small names need no leader");
});

test("a small name with no room is left out; a large one goes off its line with a leader", () => {
  const ends = [box(-50, -20, 48, 20), box(52, -20, 150, 20)]; // two bodies four units apart
  const small = pm.labels.place([line("s", { x: 0, y: 0 }, { x: 100, y: 0 }, { ends })], ends, 20, null);
  assert.deepEqual(small, []);
  const large = pm.labels.place([line("l", { x: 0, y: 0 }, { x: 100, y: 0 }, { ends, large: true })], ends, 20, null);
  assert.equal(large.length, 1);
  assert.ok(!ends.some((e) => pm.labels.overlaps(e, large[0])), "clear of both bodies");
  assert.deepEqual(large[0].anchor, { x: 50, y: 0 }, "its leader meets the line between the two bodies");
});

test("names stay inside the area in view and off the bodies kept clear", () => {
  const area = box(0, 0, 100, 100);
  const placed = pm.labels.place([line("l", { x: -100, y: 50 }, { x: 100, y: 50 }, { large: true })], [], 20, area, [box(40, 40, 60, 60)]);
  assert.equal(placed.length, 1);
  assert.ok(placed[0].left >= 0 && placed[0].right <= 100 && placed[0].top >= 0 && placed[0].bottom <= 100);
  assert.ok(!pm.labels.overlaps(placed[0], box(40, 40, 60, 60)));
});

test("a line's open part lies between its two bodies' boxes", () => {
  const n = { from: { x: 0, y: 0 }, to: { x: 100, y: 0 }, ends: [box(-10, -5, 10, 5), box(80, -5, 120, 5)] };
  assert.deepEqual(pm.labels.open(n), [0.1, 0.8]);
  assert.deepEqual(pm.labels.open(Object.assign({}, n, { ends: [box(-10, -5, 90, 5), box(80, -5, 120, 5)] })), [0, 1]);
});

test("a fan of one relation into one body is named once when the others find no room", () => {
  const ends = [box(-50, -20, 48, 20), box(52, -20, 150, 20)];
  const at = (id, source, text) => line(id, { x: 0, y: 0 }, { x: 100, y: 0 }, { large: true, source: source, target: "hub", text: text, ends: ends });
  const roomy = line("x", { x: 0, y: 200 }, { x: 400, y: 200 }, { large: true, source: "a", target: "hub", text: "works through" });
  const placed = pm.labels.place([roomy, at("y", "b", "works through"), at("z", "c", "funds")], ends, 20, null);
  assert.deepEqual(placed.map((p) => [p.id, p.names]), [["x", ["x", "y"]], ["z", ["z"]]],
    "the same words into the same body are said once; other words get their own name");
  assert.ok(placed[1].anchor, "with a leader");
});

test("which relations are named: the ones that stand out large, the rest only in normal mode", () => {
  const { data, state } = setup();
  const all = data.edges.map((e) => e.id).sort();
  const plain = pm.labels.named(data, state());
  assert.deepEqual(plain.large, []);
  assert.deepEqual(plain.small.slice().sort(), all);
  const chosen = pm.labels.named(data, state([{ type: "select-node", id: "pct" }]));
  assert.deepEqual(chosen.large, ["pct--commissions--trust", "pct--member-of--lsp"], "a selected body's own relations");
  assert.ok(chosen.small.every((id) => !chosen.large.includes(id)));
  const projected = pm.labels.named(data, state([{ type: "mode", mode: "present" }, { type: "select-node", id: "pct" }]));
  assert.deepEqual(projected.small, [], "projected, only the ones that stand out");
  assert.deepEqual(projected.large, chosen.large);
  const toured = pm.labels.named(data, state([{ type: "mode", mode: "present" }, { type: "tour", id: "money", step: 0 }]));
  const step = data.tours.find((t) => t.id === "money").steps[0];
  assert.deepEqual(toured.large, (step.edges || []).slice().sort());
  assert.deepEqual(pm.labels.named(data, state([{ type: "relation-labels", value: "none" }, { type: "select-node", id: "pct" }])),
    { large: [], small: [] });
});

test("sizes: 20 px projected, 18 px in a tour, the map's own size otherwise", () => {
  const { state } = setup();
  assert.equal(pm.labels.size("large", state([{ type: "mode", mode: "present" }]), 0.4), 20);
  assert.equal(pm.labels.size("large", state([{ type: "tour", id: "money", step: 0 }]), 0.4), 18);
  assert.equal(pm.labels.size("large", state(), 0.4), 12);
  assert.equal(pm.labels.size("small", state(), 1), 13);
  assert.equal(pm.labels.size("small", state(), 0.3), 0, "too small to read: not drawn");
});
