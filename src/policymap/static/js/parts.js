/* parts.js: the whole-system map projected a part at a time. The build gives the page its parts
   (data.parts, policymap.parts): each figure, the case studies, and a part for any tour step no
   other part holds. Pure functions: which part the state shows, and the chooser's parts. In
   presentation mode the map draws only the part's bodies, at its own layout (present.js). */

/* The parts a facilitator chooses between (not those made for tour steps), in order. */
function choices(data) {
  return (data.parts || []).filter((p) => !p.step);
}

function byId(data, id) {
  return (data.parts || []).find((p) => p.id === id) || null;
}

function holds(part, ids) {
  return Boolean(part) && ids.every((id) => part.bodies.indexOf(id) >= 0);
}

/* The part that holds every one of `ids`: the chosen part if it does, else the first that does. */
function home(data, state, ids) {
  const chosen = byId(data, state.part);
  if (chosen && !chosen.step && holds(chosen, ids)) {
    return chosen;
  }
  return choices(data).find((p) => holds(p, ids)) || null;
}

/* The bodies the selection is about, or null. */
function selectionBodies(data, state) {
  const sel = state.selection;
  if (sel && sel.type === "node") {
    return [sel.id];
  }
  if (sel && sel.type === "edge") {
    const edge = data.edgesById.get(sel.id);
    return edge ? [edge.source, edge.target] : null;
  }
  if (sel && sel.type === "route") {
    const r = pm.select.route(data, state);
    return r ? r.nodes.slice() : null;
  }
  return null;
}

/* The part the state shows, or null on a map without parts (or for a route no part holds: the
   whole map then, as drawn normally). A tour step shows its part (a body opened inside the step
   stays there if the part holds it); a selection, the chosen part if it holds it, else the first
   part that does; otherwise the chosen part, or the first. */
function current(data, state) {
  if (!data.parts || !data.parts.length) {
    return null;
  }
  const s = pm.select.step(data, state);
  const bodies = selectionBodies(data, state);
  if (s) {
    const own = byId(data, s.part) || home(data, state, pm.select.stepParts(data, s).nodes);
    if (!bodies || holds(own, bodies)) {
      return own;
    }
  }
  if (bodies) {
    return home(data, state, bodies);
  }
  const chosen = byId(data, state.part);
  return chosen && !chosen.step ? chosen : choices(data)[0] || null;
}

/* Where a part sits: "part 2 of 4" among the chooser's parts, or a tour step's own view. */
function place(data, part) {
  const list = choices(data);
  const index = list.indexOf(part);
  return index >= 0 ? "part " + (index + 1) + " of " + list.length : "a tour step\u2019s own view";
}

/* "Figure 3: …, part 2 of 4" */
function describe(data, part) {
  return part.title + ", " + place(data, part);
}

/* What the caption over the projected map says (views/caption.js): the part shown's title and its
   place among the chooser's parts ("part 2 of 7"), or that it is a tour step's own view; null in
   normal mode, on maps without parts, and when the whole map is shown. */
function caption(data, state) {
  const part = state.mode === "present" ? current(data, state) : null;
  if (!part) {
    return null;
  }
  return { id: part.id, title: part.title, step: Boolean(part.step), place: place(data, part) };
}

/* The chooser's part `delta` places from the one shown (kept within the list). */
function stepped(data, state, delta) {
  const list = choices(data);
  if (!list.length) {
    return null;
  }
  const shown = current(data, state);
  const index = list.indexOf(shown);
  const from = index >= 0 ? index : Math.max(0, list.indexOf(byId(data, state.part)));
  return list[Math.min(Math.max(from + delta, 0), list.length - 1)];
}

/* The bodies presentation mode hides because the part shown does not hold them (a Set; empty in
   normal mode and on maps without parts). Views that draw over the map skip them. */
const NONE = new Set();
const outside = new Map();

function hidden(data, state) {
  const part = state.mode === "present" ? current(data, state) : null;
  if (!part) {
    return NONE;
  }
  if (!outside.has(part)) {
    const inside = new Set(part.bodies);
    outside.set(part, new Set(Object.keys(data.nodes).filter((id) => !inside.has(id))));
  }
  return outside.get(part);
}

pm.parts = { choices, byId, current, describe, caption, stepped, hidden };
