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

/* A route read from its first body to its last, as policymap.routes.route_sentences reads it:
   each step is a clause whose subject is the body the route has reached, the relation read
   forwards along its arrow or the other way round (its inverse) against it; clauses are joined
   by semicolons, STEPS_PER_SENTENCE to a sentence; a body named again gets its short form. */
function sentences(data, route) {
  const out = [];
  let clauses = [];
  route.edges.forEach((edge, i) => {
    const here = route.nodes[i];
    const there = route.nodes[i + 1];
    const verb = edge.source === here ? edge.reading : edge.inverse;
    const subject = clauses.length ? data.nodes[here].again : data.nodes[here].subj;
    const object = data.nodes[there].obj;
    const said = verb.indexOf("{}") >= 0 ? verb.replace("{}", object) : verb + " " + object;
    clauses.push(subject + " " + said + (edge.evidence === "implied" ? " (implied)" : ""));
    if (clauses.length === STEPS_PER_SENTENCE) {
      out.push(clauses.join("; ") + ".");
      clauses = [];
    }
  });
  if (clauses.length) {
    out.push(clauses.join("; ") + ".");
  }
  return out;
}

/* Names as policymap.routes compares them: curly quotes straightened, lower case, runs of
   spaces, dashes and underscores as one space, no leading "the", no trailing "(ACRONYM)". */
function norm(text) {
  return text.replace(/[\u2018\u2019]/g, "'").toLowerCase().replace(/[\s_\-\u2013\u2014]+/g, " ").trim()
    .replace(/^the /, "").replace(/\s*\([^)]*\)$/, "").trim();
}

function singular(text) {
  const at = text.lastIndexOf(" ");
  const head = at < 0 ? "" : text.slice(0, at);
  let last = at < 0 ? text : text.slice(at + 1);
  if (last.endsWith("ies") && last.length > 4) {
    last = last.slice(0, -3) + "y";
  } else if (last.endsWith("s") && !last.endsWith("ss") && last.length > 3) {
    last = last.slice(0, -1);
  }
  return (head + " " + last).trim();
}

/* Name -> ids: each body by id, label, singular label, label without brackets and acronym. */
function nameIndex(data, ids) {
  const index = new Map();
  ids.forEach((id) => {
    const node = data.nodes[id];
    const label = norm(node.label);
    const keys = new Set([norm(id), label, singular(label), label.replace(/\s*\(.*?\)/g, "").trim()]);
    if (node.acronym) {
      keys.add(norm(node.acronym));
    }
    keys.forEach((key) => {
      if (!index.has(key)) {
        index.set(key, new Set());
      }
      index.get(key).add(id);
    });
  });
  return index;
}

/* A body from what was typed: its id, name or acronym (any case, singular or plural), or one of
   the guide's abbreviations that names it (GOL); {id} or {error}. The same rules as
   policymap.routes.resolve_body. */
function resolve(data, text, hide) {
  const ids = Object.keys(data.nodes).filter((id) => !(hide && hide.nodes.has(id))).sort();
  if (ids.indexOf(text) >= 0) {
    return { id: text };
  }
  const aliases = {};
  Object.keys(data.aliases || {}).forEach((abbr) => {
    if (ids.indexOf(data.aliases[abbr]) >= 0) {
      aliases[norm(abbr)] = data.aliases[abbr];
    }
  });
  const index = nameIndex(data, ids);
  const key = norm(text);
  for (const candidate of [key, singular(key)]) {
    const found = Array.from(index.get(candidate) || []).sort();
    if (found.length === 1) {
      return { id: found[0] };
    }
    if (found.length) {
      if (found.indexOf(aliases[candidate]) >= 0) {
        return { id: aliases[candidate] };
      }
      return { error: "\u201c" + text.trim() + "\u201d names several bodies: "
        + found.map((id) => data.nodes[id].label).join(", ") + ". Choose one.", several: found };
    }
    if (aliases[candidate]) {
      return { id: aliases[candidate] };
    }
  }
  const near = ids.filter((id) => key.length >= 3 && norm(data.nodes[id].label).indexOf(key) >= 0).slice(0, 4);
  return { error: key ? "No body on this map is called \u201c" + text.trim() + "\u201d."
    + (near.length ? " Did you mean " + near.map((id) => data.nodes[id].label).join(", ") + "?" : "")
    : "Choose two bodies." };
}

pm.routes = { find, cached, sentences, resolve, norm, edgeKey, PATH_LIMIT, ROUTE_LIMIT };
