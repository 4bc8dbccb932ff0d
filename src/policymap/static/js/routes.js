/* routes.js: "how is A connected to B?" The shortest routes over the map's relations taken in
   either direction, read as sentences that respect each relation's direction. The same rules
   as policymap.routes in Python (tests/cases/routes.json holds cases both check):
   - routes run through the maps' bodies only; a case study's bodies and relations are used
     when the route starts or ends in that case study;
   - best first: fewest implied relations, then fewest case-study relations, then fewest steps
     walked against the arrow, then by the bodies' ids;
   - between two bodies, the relation followed is the stated one, then the one walked forwards,
     then one outside a case study, then the smallest id;
   - at most PATH_LIMIT shortest paths are looked at. */

const PATH_LIMIT = 5000;
const ROUTE_LIMIT = 5;
const STEPS_PER_SENTENCE = 3;

function compareLists(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) {
      return a[i] < b[i] ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/* Every shortest route from `from` to `to` (ids), best first: {routes: the best `limit`, count}.
   `hide` ({nodes, edges} Sets) leaves out what the filters hide. */
function find(data, from, to, hide, limit) {
  const studies = new Set([data.nodes[from].case_study, data.nodes[to].case_study].filter(Boolean));
  const usable = (id) => id === from || id === to || !(hide && hide.nodes.has(id))
    && (!data.nodes[id].case_study || studies.has(data.nodes[id].case_study));
  const pairs = new Map();
  const neighbours = new Map();
  const key = (a, b) => (a < b ? a + "\u0000" + b : b + "\u0000" + a);
  data.edges.forEach((edge) => {
    if ((hide && hide.edges.has(edge.id)) || (edge.case_study && !studies.has(edge.case_study))
        || !usable(edge.source) || !usable(edge.target) || edge.source === edge.target) {
      return;
    }
    const k = key(edge.source, edge.target);
    if (!pairs.has(k)) {
      pairs.set(k, []);
      [[edge.source, edge.target], [edge.target, edge.source]].forEach(([a, b]) => {
        if (!neighbours.has(a)) {
          neighbours.set(a, []);
        }
        neighbours.get(a).push(b);
      });
    }
    pairs.get(k).push(edge);
  });
  const distance = new Map([[from, 0]]);
  const before = new Map();
  const queue = [from];
  while (queue.length) {
    const here = queue.shift();
    (neighbours.get(here) || []).slice().sort().forEach((next) => {
      if (!distance.has(next)) {
        distance.set(next, distance.get(here) + 1);
        before.set(next, [here]);
        queue.push(next);
      } else if (distance.get(next) === distance.get(here) + 1) {
        before.get(next).push(here);
      }
    });
  }
  if (from === to || !distance.has(to)) {
    return { routes: [], count: 0 };
  }
  const paths = [];
  (function walk(node, tail) {
    if (paths.length >= PATH_LIMIT) {
      return;
    }
    if (node === from) {
      paths.push([from].concat(tail));
      return;
    }
    before.get(node).slice().sort().forEach((previous) => walk(previous, [node].concat(tail)));
  })(to, []);
  const found = paths.map((path) => {
    const steps = path.slice(1).map((there, i) => {
      const here = path[i];
      return pairs.get(key(here, there)).slice().sort((a, b) =>
        (a.evidence !== "stated") - (b.evidence !== "stated") || (a.source !== here) - (b.source !== here)
        || Boolean(a.case_study) - Boolean(b.case_study) || (edgeKey(a) < edgeKey(b) ? -1 : edgeKey(a) > edgeKey(b) ? 1 : 0))[0];
    });
    const score = [steps.filter((e) => e.evidence !== "stated").length, steps.filter((e) => e.case_study).length,
      steps.filter((e, i) => e.source !== path[i]).length];
    return { nodes: path, edges: steps, score: score };
  });
  found.sort((a, b) => a.score[0] - b.score[0] || a.score[1] - b.score[1] || a.score[2] - b.score[2]
    || compareLists(a.nodes, b.nodes));
  return { routes: found.slice(0, limit || ROUTE_LIMIT), count: paths.length };
}

/* A relation's stable key: source--relation--target, as the Python side names it. */
function edgeKey(edge) {
  return edge.key || edge.source + "--" + edge.relation + "--" + edge.target;
}

let cache = null;

/* find(), remembered for the last question asked (views ask on every render). */
function cached(data, from, to, hide) {
  if (cache && cache.data === data && cache.from === from && cache.to === to && cache.hide === hide) {
    return cache.value;
  }
  cache = { data: data, from: from, to: to, hide: hide, value: find(data, from, to, hide) };
  return cache.value;
}

/* A route as sentences that respect each relation's direction: a step along the arrow goes on
   with ", which ...", a step against it starts a new sentence with that relation's subject. */
function sentences(data, route) {
  const out = [];
  let current = "";
  let steps = 0;
  route.edges.forEach((edge, i) => {
    const here = route.nodes[i];
    const there = route.nodes[i + 1];
    const mark = edge.evidence === "implied" ? " (implied)" : "";
    const forward = edge.source === here;
    if (forward && current && steps < STEPS_PER_SENTENCE) {
      current += ", which " + edge.reading + " " + data.nodes[there].obj + mark;
      steps += 1;
    } else {
      if (current) {
        out.push(current + ".");
      }
      current = data.nodes[edge.source].subj + " " + edge.reading + " " + data.nodes[edge.target].obj + mark;
      steps = 1;
    }
  });
  if (current) {
    out.push(current + ".");
  }
  return out;
}

/* A body from what was typed: its id, name or acronym (any case), an alias from the guide's
   abbreviations, or a unique start of a name; {id} or {error}. */
function resolve(data, text, hide) {
  const wanted = text.trim().toLowerCase().replace(/\s*\([^)]*\)\s*$/, "");
  const ids = Object.keys(data.nodes).filter((id) => !(hide && hide.nodes.has(id))).sort();
  const exact = ids.filter((id) => id === wanted || data.nodes[id].label.toLowerCase() === wanted
    || (data.nodes[id].acronym || "").toLowerCase() === wanted);
  if (exact.length) {
    return { id: exact[0] };
  }
  const alias = (data.aliases || {})[wanted.toUpperCase()] || Object.keys(data.aliases || {})
    .filter((abbr) => abbr.toLowerCase() === wanted).map((abbr) => data.aliases[abbr])[0];
  if (alias && ids.indexOf(alias) >= 0) {
    return { id: alias };
  }
  const prefix = ids.filter((id) => data.nodes[id].label.toLowerCase().indexOf(wanted) === 0);
  if (wanted && prefix.length === 1) {
    return { id: prefix[0] };
  }
  const near = ids.filter((id) => wanted && data.nodes[id].label.toLowerCase().indexOf(wanted) >= 0).slice(0, 4);
  return { error: wanted ? "No body on this map is called \u201c" + text.trim() + "\u201d."
    + (near.length ? " Did you mean " + near.map((id) => data.nodes[id].label).join(", ") + "?" : "")
    : "Choose two bodies." };
}

pm.routes = { find, cached, sentences, resolve, edgeKey, PATH_LIMIT, ROUTE_LIMIT };
