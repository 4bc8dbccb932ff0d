/* store.js: the page's state in one place. createStore is Redux's idea in a few lines
   (getState, dispatch, subscribe); reducer(data) turns (state, action) into the next state
   without touching anything else. Views subscribe and render from the state; handlers only
   dispatch. Subscribers are called with (state, previous, action).

   The state:
     mode          "normal" or "present"
     selection     null, {type: "node", id}, {type: "edge", id} or {type: "route", from, to, index}
     tour          null or {id, step} (step counts from 0); a selection while a tour is on is a
                   body (or relation) opened inside the step: clearing it returns to the step
     notice        null or {type: "elsewhere" | "unknown", id}: an address named a body not on this map
     filters       {kind: [], level: [], relation: [] (hidden ids), caseStudies: shown?}
     focusDepth    1 or 2 steps around a selected body stay clear, 0 for no fading
     colourBy      "kind" or "layer" (Figure 1's layers, whole-system map)
     panels        {legend, routes}: open or not (details and tour follow selection and tour)
     at            null (the guide's date) or a date 'YYYY[-MM[-DD]]' or "today" the map is shown at
     endedView     "faded" or "listed": how bodies that had ended by then are shown (timeline.js)
     showcase      null or {group: "kind" | "level", id}: highlighted while the rest fades
     relationLabels "auto", "all" or "none": which relations carry their names on the map
     part          null or the id of the part of the whole-system map chosen for presentation mode
                   (parts.js: a tour step or a selection elsewhere shows its own part)
     said          {text, n}: the last thing to announce to screen readers */

function createStore(reduce, initial) {
  let state = initial;
  const listeners = [];
  let dispatching = false;
  const queue = [];
  function dispatch(action) {
    queue.push(action);
    if (dispatching) {
      return; // an action dispatched by a listener runs after the current one has reached everyone
    }
    dispatching = true;
    try {
      while (queue.length) {
        const next = queue.shift();
        const previous = state;
        state = reduce(state, next);
        if (state !== previous) {
          listeners.slice().forEach((listener) => listener(state, previous, next));
        }
      }
    } finally {
      dispatching = false;
    }
  }
  return {
    getState: () => state,
    dispatch: dispatch,
    subscribe: (listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  };
}

const NO_FILTERS = Object.freeze({ kind: [], level: [], relation: [], caseStudies: true });

function initialState(options) {
  return Object.assign({
    mode: "normal", selection: null, tour: null, notice: null, filters: NO_FILTERS, focusDepth: 1,
    colourBy: "kind", panels: { legend: true, routes: false }, at: null, endedView: "faded", showcase: null,
    relationLabels: "auto", part: null, said: null,
  }, options || {});
}

/* A showcase the map can show: {group: "kind" | "level", id} naming a kind or level some body of
   this map has, or null. */
function showcaseFor(data, value) {
  if (!value || (value.group !== "kind" && value.group !== "level")) {
    return null;
  }
  const group = value.group;
  return Object.keys(data.nodes).some((id) => data.nodes[id][group] === value.id) ? { group: group, id: value.id } : null;
}

/* "the 6 funds", "the 17 national bodies": what a showcase highlights, in words. */
function showcaseText(data, showcase) {
  const n = Object.keys(data.nodes).filter((id) => data.nodes[id][showcase.group] === showcase.id).length;
  const name = showcase.group === "kind" ? (data.kinds || {})[showcase.id] || showcase.id : (data.levels || {})[showcase.id] || showcase.id;
  return showcase.group === "kind"
    ? "the " + (n === 1 ? "1 body" : n + " bodies") + " of the kind \u201c" + name + "\u201d"
    : "the " + n + " " + name.toLowerCase() + (n === 1 ? " body" : " bodies");
}

function say(state, text) {
  return { text: text, n: state.said ? state.said.n + 1 : 1 };
}

function filtersActive(filters) {
  return filters.kind.length + filters.level.length + filters.relation.length > 0 || filters.caseStudies === false;
}

/* The next state with `changes`; in presentation mode one panel at a time lies over the map,
   so a selection or a tour step closes the legend. */
function next(state, changes) {
  const out = Object.assign({}, state, changes);
  if (out.mode === "present" && out.panels.legend && (changes.selection || changes.tour || changes.mode)) {
    out.panels = Object.assign({}, out.panels, { legend: false });
  }
  return out;
}

function reducer(data) {
  const steps = (tour) => data.tours.find((t) => t.id === tour).steps;

  /* Filters cleared, if they hide any of these bodies or relations. */
  function unhide(state, nodes, edges, text) {
    const hide = pm.select.hidden(data, state);
    if (nodes.some((id) => hide.nodes.has(id)) || edges.some((id) => hide.edges.has(id))) {
      return { filters: NO_FILTERS, said: say(state, text) };
    }
    return {};
  }

  function selectNode(state, id) {
    if (!data.nodes[id]) {
      return state;
    }
    const at = data.timeline ? pm.timeline.whenShown(data, id, state.at) : state.at;
    if (at !== state.at) {
      state = next(state, { at: at, said: say(state, "Map shown as it stood in " + pm.timeline.dateLabel(data, pm.timeline.stateDate(data, at))) });
    }
    return next(state, Object.assign({ selection: { type: "node", id: id }, notice: null },
      unhide(state, [id], [], "Filters cleared to show " + data.nodes[id].label)));
  }

  function startTour(state, id, step) {
    const tour = data.tours.find((t) => t.id === id);
    if (!tour) {
      return next(state, { tour: null, selection: null });
    }
    const index = Math.min(Math.max(step || 0, 0), tour.steps.length - 1);
    const parts = pm.select.stepParts(data, tour.steps[index]);
    // A tour shows the map at its step's date; the guide's own tours, at the guide's date.
    const at = data.timeline ? tour.steps[index].at || null : state.at;
    return next(state, Object.assign({ tour: { id: id, step: index }, selection: null, notice: null, at: at, showcase: null },
      unhide(state, parts.nodes, parts.edges, "Filters cleared for the tour")));
  }

  /* After a filter change: a hidden body or relation never stays selected. */
  function filtered(state, filters) {
    const out = next(state, { filters: filters });
    const hide = pm.select.hidden(data, out);
    const sel = out.selection;
    if (sel && ((sel.type === "node" && hide.nodes.has(sel.id)) || (sel.type === "edge" && hide.edges.has(sel.id))
        || (sel.type === "route" && (hide.nodes.has(sel.from) || hide.nodes.has(sel.to))))) {
      out.selection = null;
    }
    return out;
  }

  function reduce(state, action) {
    switch (action.type) {
      case "select-node":
        return selectNode(state, action.id);
      case "select-edge":
        return data.edgesById.has(action.id)
          ? next(state, Object.assign({ selection: { type: "edge", id: action.id }, notice: null },
            unhide(state, [], [action.id], "Filters cleared to show the relation"))) : state;
      case "clear":
        return state.selection || state.notice ? next(state, { selection: null, notice: null }) : state;
      case "tour":
        return startTour(state, action.id, action.step);
      case "tour-step": {
        if (!state.tour) {
          return state;
        }
        const index = Math.min(Math.max(state.tour.step + action.delta, 0), steps(state.tour.id).length - 1);
        return index === state.tour.step && !state.selection ? state : startTour(state, state.tour.id, index);
      }
      case "tour-end":
        return state.tour ? next(state, { tour: null, selection: null }) : state;
      case "route":
        if (!data.nodes[action.from] || !data.nodes[action.to]) {
          return state;
        }
        return next(state, { selection: { type: "route", from: action.from, to: action.to, index: action.index || 0 },
          notice: null, panels: Object.assign({}, state.panels, { routes: true }) });
      case "navigate":
        return navigate(state, action);
      case "mode":
        return action.mode === state.mode ? state : next(state, { mode: action.mode === "present" ? "present" : "normal",
          said: say(state, action.mode === "present" ? "Presentation mode. Press Escape or P to leave." : "Presentation mode off.") });
      case "focus-depth": {
        const depth = action.depth === 2 ? 2 : action.depth === 0 ? 0 : 1;
        const text = depth === 0 ? "Showing the whole map" : depth === 1 ? "Showing its neighbours" : "Showing bodies up to two steps away";
        return depth === state.focusDepth ? state : next(state, { focusDepth: depth,
          said: state.selection && state.selection.type === "node" ? say(state, text) : state.said });
      }
      case "filter": {
        const list = state.filters[action.group];
        if (!list) {
          return state;
        }
        const without = list.filter((id) => id !== action.id);
        return filtered(state, Object.assign({}, state.filters, { [action.group]: action.shown ? without : without.concat([action.id]).sort() }));
      }
      case "case-studies":
        return Object.assign(filtered(state, Object.assign({}, state.filters, { caseStudies: Boolean(action.shown) })),
          { said: say(state, action.shown ? "Case studies shown" : "Case studies hidden") });
      case "filters-reset":
        return filtersActive(state.filters)
          ? Object.assign(filtered(state, NO_FILTERS), { said: say(state, "Showing every body and relation") }) : state;
      case "colour-by":
        return next(state, { colourBy: action.value === "layer" ? "layer" : "kind" });
      case "panel": {
        const panels = Object.assign({}, state.panels, { [action.name]: Boolean(action.open) });
        const closesRoute = action.name === "routes" && !action.open && state.selection && state.selection.type === "route";
        return next(state, Object.assign({ panels: panels }, closesRoute ? { selection: null } : {}));
      }
      case "at": {
        const at = action.at && pm.timeline.isDate(action.at) && action.at !== (data.timeline || {}).guide ? action.at : null;
        if (at === state.at) {
          return state;
        }
        const out = next(state, { at: at, said: say(state, "Map shown as it stood in " + pm.timeline.dateLabel(data, pm.timeline.controlValue(data, at) || (data.timeline || {}).guide)) });
        const hide = pm.select.hidden(data, out);
        if (out.selection && out.selection.type === "node" && hide.nodes.has(out.selection.id)) {
          out.selection = null; // a body not on the map at that date is not left selected
        }
        return out;
      }
      case "ended-view":
        return action.value === state.endedView ? state : next(state, { endedView: action.value === "listed" ? "listed" : "faded" });
      case "showcase": {
        const wanted = showcaseFor(data, action.showcase);
        const same = wanted && state.showcase && wanted.group === state.showcase.group && wanted.id === state.showcase.id;
        const showcase = same && action.toggle ? null : wanted;
        if (showcase === state.showcase || (same && !action.toggle)) {
          return state;
        }
        return next(state, { showcase: showcase, said: say(state, showcase
          ? "Highlighting " + showcaseText(data, showcase) + "; the rest is faded. Escape or Clear highlight ends it."
          : "Highlight cleared: the whole map is shown.") });
      }
      case "relation-labels":
        return next(state, { relationLabels: action.value });
      case "part":
        return choosePart(state, pm.parts.byId(data, action.id));
      case "part-step":
        return choosePart(state, pm.parts.stepped(data, state, action.delta));
      default:
        return state;
    }
  }

  /* A part chosen (whole-system map): a tour ends, and a selection it does not hold is cleared. */
  function choosePart(state, part) {
    if (!part || part.step || (part.id === state.part && pm.parts.current(data, state) === part)) {
      return state;
    }
    const out = next(state, { part: part.id, tour: null, notice: null, said: say(state, "Showing " + pm.parts.describe(data, part)) });
    if (out.selection && pm.parts.current(data, out) !== part) {
      out.selection = null;
    }
    return out;
  }

  /* On a map with parts, the chosen part follows a selection into the part that shows it, so
     clearing the selection stays there. */
  function followPart(state) {
    if (!data.parts || !state.selection) {
      return state;
    }
    const part = pm.parts.current(data, state);
    return part && !part.step && part.id !== state.part ? Object.assign({}, state, { part: part.id }) : state;
  }

  /* Presenting the whole system, a part shown by a tour step or a selection elsewhere is announced
     as the caption names it; a part chosen is announced already (choosePart), and so is anything
     else said in the same step. */
  function sayPart(previous, state) {
    if (!data.parts || state.mode !== "present" || previous.mode !== "present" || state.said !== previous.said) {
      return state;
    }
    const part = pm.parts.current(data, state);
    return part && part !== pm.parts.current(data, previous)
      ? Object.assign({}, state, { said: say(state, "Showing " + pm.parts.describe(data, part)) }) : state;
  }

  return (state, action) => sayPart(state, followPart(reduce(state, action)));

  /* The selection, tour and notice an address asks for (see url.js); anything the map does not
     have becomes a notice rather than an error. */
  function navigate(state, where) {
    let out = next(state, { selection: null, tour: null, notice: null });
    if (where.tour && data.tours.some((t) => t.id === where.tour)) {
      out = startTour(out, where.tour, where.step);
    }
    if (where.node) {
      if (data.nodes[where.node]) {
        out = selectNode(out, where.node);
      } else {
        out = next(out, { notice: { type: data.others[where.node] ? "elsewhere" : "unknown", id: where.node } });
      }
    } else if (where.edge) {
      const edge = data.edgesByKey.get(where.edge);
      out = edge ? reduce(out, { type: "select-edge", id: edge.id }) : next(out, { notice: { type: "unknown-edge", id: where.edge } });
    } else if (where.from && where.to) {
      out = reduce(out, { type: "route", from: where.from, to: where.to, index: where.route || 0 });
    }
    return out;
  }
}

/* A plain copy of the state for window.policymap.state(): today's keys first. */
function snapshot(data, state) {
  const sel = state.selection;
  return {
    mode: state.mode, focusDepth: state.focusDepth,
    tour: state.tour ? state.tour.id : null, step: state.tour ? state.tour.step + 1 : null,
    selected: sel && (sel.type === "node" || sel.type === "edge") ? sel.id : null,
    hidden: { kind: state.filters.kind.slice(), level: state.filters.level.slice(), relation: state.filters.relation.slice() },
    selection: sel ? Object.assign({}, sel) : null,
    edge: sel && sel.type === "edge" ? data.edgesById.get(sel.id).key : null,
    route: sel && sel.type === "route" ? { from: sel.from, to: sel.to, index: sel.index } : null,
    insideTour: Boolean(state.tour && sel),
    notice: state.notice ? Object.assign({}, state.notice) : null,
    caseStudies: state.filters.caseStudies, colourBy: state.colourBy,
    panels: Object.assign({ details: Boolean(sel && sel.type !== "route"), tour: Boolean(state.tour) }, state.panels),
    at: state.at, endedView: state.endedView, shownDate: pm.timeline.stateDate(data, state.at), showcase: state.showcase ? Object.assign({}, state.showcase) : null, relationLabels: state.relationLabels,
    part: data.parts && data.parts.length ? (pm.parts.current(data, state) || { id: null }).id : null,
  };
}

pm.store = { createStore, initialState, reducer, snapshot, filtersActive, showcaseFor, showcaseText, NO_FILTERS };
