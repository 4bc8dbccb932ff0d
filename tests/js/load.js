/* Loads the page script's modules for Node's test runner, joined exactly as
   policymap.bundle.join_scripts joins them: each file, in modules.txt's order, is the body
   of a function given the shared namespace pm. Modules that touch the DOM only do so when
   their functions run, so loading them all needs no browser. */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const FOLDER = path.join(__dirname, "..", "..", "src", "policymap", "static", "js");

function names() {
  return fs.readFileSync(path.join(FOLDER, "modules.txt"), "utf8").split("\n")
    .map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
}

function load() {
  const pm = {};
  names().forEach((name) => {
    const file = path.join(FOLDER, name);
    const wrapped = vm.runInThisContext("(function (pm) {\"use strict\";\n" + fs.readFileSync(file, "utf8") + "\n})", { filename: file });
    wrapped(pm);
  });
  return pm;
}

/* What one of the built data scripts (assets/site-data.js, assets/maps/<page>.js) assigns to
   window, read by running it as the page does. */
function readDataScript(file) {
  const window = {};
  vm.runInNewContext(fs.readFileSync(file, "utf8"), { window: window, JSON: JSON }, { filename: file });
  return window;
}

module.exports = { load, names, readDataScript, FOLDER };
