"use strict";
/* The shared route cases (tests/cases/routes.json) against the page's routes.js, on the committed
   site's data (site/ is rebuilt and checked by the Python tests): the same names resolve to the
   same bodies, and the same routes are found, counted and read as by policymap.routes. */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { load, readDataScript } = require("./load.js");
const pm = load();

const ROOT = path.join(__dirname, "..", "..");
const CASES = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "cases", "routes.json"), "utf8"));
const SITE = readDataScript(path.join(ROOT, "site", "assets", "site-data.js")).policymapSite;
const maps = new Map();

function mapData(id) {
  if (!maps.has(id)) {
    const page = readDataScript(path.join(ROOT, "site", "assets", "maps", id + ".js")).policymapPage;
    maps.set(id, pm.data.join(page, SITE));
  }
  return maps.get(id);
}

for (const c of CASES.names) {
  test(`${c.map}: "${c.text}" names ${c.id}`, () => {
    assert.deepEqual(pm.routes.resolve(mapData(c.map), c.text, null), { id: c.id });
  });
}

for (const c of CASES.routes) {
  test(`${c.map}: routes from ${c.from} to ${c.to}`, () => {
    const data = mapData(c.map);
    const [from, to] = [c.from, c.to].map((text) => pm.routes.resolve(data, text, null).id);
    const found = pm.routes.find(data, from, to, null, 5);
    assert.equal(found.count, c.count);
    assert.deepEqual(found.routes.map((r) => ({ nodes: r.nodes, edges: r.edges.map((e) => e.id),
      sentences: pm.routes.sentences(data, r) })), c.routes);
  });
}

test("an ambiguous name lists the bodies; an unknown one says so", () => {
  const data = mapData("mental-health-services");
  const nodes = Object.assign({}, data.nodes);
  ["nsf-older-people", "nsf-children"].forEach((id) => { nodes[id] = Object.assign({}, nodes[id], { acronym: "NSF" }); });
  const bare = Object.assign({}, data, { nodes: nodes, aliases: {} });
  const several = pm.routes.resolve(bare, "NSF", null);
  assert.match(several.error, /names several bodies/);
  assert.deepEqual(several.several, ["nsf-children", "nsf-mental-health", "nsf-older-people"]);
  assert.deepEqual(pm.routes.resolve(Object.assign({}, bare, { aliases: data.aliases }), "NSF", null), { id: "nsf-mental-health" });
  assert.match(pm.routes.resolve(data, "Ministry of Magic", null).error, /No body on this map is called/);
});
