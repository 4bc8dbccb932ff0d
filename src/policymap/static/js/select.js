/* select.js: what the map shows, worked out from the data and the state. Pure functions:
   every view asks these instead of reading the drawing library back. */

/* Bodies and relations hidden by the filters (kind, level, relation, case-study layer),
   remembered for the last filters asked about (the store makes new filters on each change). */
let hiddenCache = null;

function hidden(data, state) {
  const dated = data.timeline ? [pm.timeline.stateDate(data, state.at), state.endedView, state.mode === "present"].join("|") : "";
  if (hiddenCache && hiddenCache.data === data && hiddenCache.filters === state.filters && hiddenCache.dated === dated) {
    return hiddenCache.value;
  }
  const value = hiddenBy(data, state.filters);
  const byDate = pm.timeline.hiddenAt(data, state);
  if (byDate) {
    byDate.nodes.forEach((id) => value.nodes.add(id));
    byDate.edges.forEach((id) => value.edges.add(id));
  }
  hiddenCache = { data: data, filters: state.filters, dated: dated, value: value };
  return value;
}

function hiddenBy(data, f) {
  const nodes = new Set();
  Object.keys(data.nodes).forEach((id) => {
    const node = data.nodes[id];
    if (f.kind.indexOf(node.kind) >= 0 || f.level.indexOf(node.level) >= 0 || (f.caseStudies === false && node.case_study)) {
      nodes.add(id);
    }
  });
  const edges = new Set();
  data.edges.forEach((edge) => {
    if (f.relation.indexOf(edge.relation) >= 0 || (f.caseStudies === false && edge.case_study)
        || nodes.has(edge.source) || nodes.has(edge.target)) {
      edges.add(edge.id);
    }
  });
  return { nodes: nodes, edges: edges };
}

/* Why a body is hidden, or null: the filters that hide it. */
function nodeHidden(data, filters, id) {
  const node = data.nodes[id];
  return Boolean(node && (filters.kind.indexOf(node.kind) >= 0 || filters.level.indexOf(node.level) >= 0
    || (filters.caseStudies === false && node.case_study)));
}

/* The bodies within `depth` steps of `id` along the relations on show, and those relations. */
function neighbourhood(data, id, depth, hide) {
  const keepNodes = new Set([id]);
  const keepEdges = new Set();
  let frontier = [id];
  for (let step = 0; step < depth; step += 1) {
    const next = [];
    frontier.forEach((nodeId) => {
      (data.edgesOf.get(nodeId) || []).forEach((edge) => {
        if (hide && hide.edges.has(edge.id)) {
          return;
        }
        keepEdges.add(edge.id);
        [edge.source, edge.target].forEach((other) => {
          if (!keepNodes.has(other) && !(hide && hide.nodes.has(other))) {
            keepNodes.add(other);
            next.push(other);
          }
        });
      });
    });
    frontier = next;
  }
  return { nodes: keepNodes, edges: keepEdges };
}

function tour(data, state) {
  return state.tour ? data.tours.find((t) => t.id === state.tour.id) || null : null;
}

/* The current tour step, or null. */
function step(data, state) {
  const t = tour(data, state);
  return t ? t.steps[state.tour.step] || null : null;
}

/* A step's bodies and relations that are on this map. */
function stepParts(data, s) {
  return { nodes: s.nodes.filter((id) => data.nodes[id]), edges: (s.edges || []).filter((id) => data.edgesById.has(id)) };
}

/* The route on show, {nodes, edges}, or null (routes are found by pm.routes, memoised). */
function route(data, state) {
  const sel = state.selection;
  if (!sel || sel.type !== "route") {
    return null;
  }
  const found = pm.routes.cached(data, sel.from, sel.to, hidden(data, state));
  return found.routes[sel.index] || null;
}

/* What stands out while the rest fades: {nodes: Set, edges: Set}, or null for nothing faded.
   A selected body with its neighbourhood (unless focus reaches everything), a relation with its
   two ends, a route, a tour step, or a showcased kind or level. */
function emphasis(data, state) {
  const sel = state.selection;
  if (sel && sel.type === "node") {
    return state.focusDepth === 0 ? null : neighbourhood(data, sel.id, state.focusDepth, hidden(data, state));
  }
  if (sel && sel.type === "edge") {
    const edge = data.edgesById.get(sel.id);
    return edge ? { nodes: new Set([edge.source, edge.target]), edges: new Set([sel.id]) } : null;
  }
  if (sel && sel.type === "route") {
    const r = route(data, state);
    return r ? { nodes: new Set(r.nodes), edges: new Set(r.edges.map((e) => e.id)) } : null;
  }
  const s = step(data, state);
  if (s) {
    const parts = stepParts(data, s);
    return { nodes: new Set(parts.nodes), edges: new Set(parts.edges) };
  }
  if (state.showcase) {
    const nodes = new Set(Object.keys(data.nodes).filter((id) => data.nodes[id][state.showcase.group] === state.showcase.id));
    return { nodes: nodes, edges: new Set(data.edges.filter((e) => nodes.has(e.source) && nodes.has(e.target)).map((e) => e.id)) };
  }
  return null;
}

/* What the drawing library marks as selected: {nodes: [], edges: []}. */
function selected(data, state) {
  const sel = state.selection;
  if (sel && sel.type === "node") {
    return { nodes: [sel.id], edges: [] };
  }
  if (sel && sel.type === "edge") {
    return { nodes: [], edges: [sel.id] };
  }
  const r = route(data, state);
  if (r) {
    return { nodes: r.nodes.slice(), edges: r.edges.map((e) => e.id) };
  }
  const s = !sel && step(data, state);
  if (s) {
    return stepParts(data, s);
  }
  return { nodes: [], edges: [] };
}

/* The bodies the camera frames for the state, with how: {nodes: [ids], kind}, or null for the
   whole map. A body is framed with its neighbours (its panel names them), two steps out with
   focus 2; a relation with its ends; a route whole; a tour step's bodies. */
function frame(data, state) {
  const sel = state.selection;
  const hide = hidden(data, state);
  if (sel && sel.type === "node") {
    const near = neighbourhood(data, sel.id, state.focusDepth === 2 ? 2 : 1, hide);
    return { kind: "node", nodes: Array.from(near.nodes) };
  }
  if (sel && sel.type === "edge") {
    const edge = data.edgesById.get(sel.id);
    return edge ? { kind: "edge", nodes: [edge.source, edge.target] } : null;
  }
  if (sel && sel.type === "route") {
    const r = route(data, state);
    return r ? { kind: "route", nodes: r.nodes.slice() } : null;
  }
  const s = step(data, state);
  if (s) {
    return { kind: "step", nodes: stepParts(data, s).nodes.filter((id) => !hide.nodes.has(id)) };
  }
  return null;
}

pm.select = { hidden, nodeHidden, neighbourhood, tour, step, stepParts, route, emphasis, selected, frame };
