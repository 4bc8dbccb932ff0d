/* url.js: the address is a projection of the state, both ways, and this is the only code that
   touches history. The fragment holds what back and forward walk through, pushed as it changes:
     #node=ID                 a body (also a body on another map, or an unknown id: a notice)
     #edge=SOURCE--RELATION--TARGET   a relation
     #tour=ID&step=N          a tour step (N from 1), with &node=ID for a body opened inside it
     #from=A&to=B&route=N     a route between two bodies (N from 1)
   The query holds settings, replaced in place: ?present, ?at=DATE, ?showcase=GROUP.ID (a kind
   or level highlighted: ?showcase=kind.fund, ?showcase=level.national), and with ?present on the
   whole-system map ?part=ID, the part chosen (parts.js). */

/* The fragment (without '#') for a state. */
function toHash(data, state) {
  const parts = [];
  const sel = state.selection;
  if (state.tour) {
    parts.push("tour=" + state.tour.id, "step=" + (state.tour.step + 1));
  }
  if (sel && sel.type === "node") {
    parts.push("node=" + sel.id);
  } else if (sel && sel.type === "edge") {
    parts.push("edge=" + data.edgesById.get(sel.id).key);
  } else if (sel && sel.type === "route") {
    parts.push("from=" + sel.from, "to=" + sel.to, "route=" + (sel.index + 1));
  } else if (!sel && state.notice) {
    parts.push((state.notice.type === "unknown-edge" ? "edge=" : "node=") + state.notice.id);
  }
  return parts.join("&");
}

/* What a fragment asks for: the payload of a "navigate" action. */
function parseHash(hash) {
  const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  const number = (name) => Math.max((parseInt(params.get(name) || "1", 10) || 1) - 1, 0);
  return { type: "navigate", tour: params.get("tour") || null, step: number("step"), node: params.get("node") || null,
    edge: params.get("edge") || null, from: params.get("from") || null, to: params.get("to") || null, route: number("route") };
}

/* The settings the query asks for. */
function parseQuery(search) {
  const params = new URLSearchParams(search || "");
  const showcase = /^(kind|level)\.(.+)$/.exec(params.get("showcase") || "");
  return { present: params.has("present"), at: params.get("at") || null,
    showcase: showcase ? { group: showcase[1], id: showcase[2] } : null, part: params.get("part") || null };
}

function queryFor(search, state) {
  const params = new URLSearchParams(search || "");
  if (state.mode === "present") {
    params.set("present", "");
  } else {
    params.delete("present");
  }
  if (state.at) {
    params.set("at", state.at);
  } else {
    params.delete("at");
  }
  if (state.showcase) {
    params.set("showcase", state.showcase.group + "." + state.showcase.id);
  } else {
    params.delete("showcase");
  }
  if (state.part && state.mode === "present") {
    params.set("part", state.part);
  } else {
    params.delete("part");
  }
  const text = params.toString().replace(/(^|&)present=(?=&|$)/, "$1present");
  return text ? "?" + text : "";
}

/* Keep the address in step with the store, and the store with the address (back, forward,
   edited fragments). A change of fragment is pushed, so back returns to the step, body or route
   before; a change of query alone is replaced. */
function bind(store, data) {
  let applying = false;
  store.subscribe((state) => {
    if (applying) {
      return;
    }
    const hash = toHash(data, state);
    const search = queryFor(location.search, state);
    const base = location.href.split("#")[0].split("?")[0];
    if (("#" + hash === location.hash || (!hash && !location.hash)) && search === location.search) {
      return;
    }
    const address = base + search + (hash ? "#" + hash : "");
    const push = "#" + hash !== location.hash && (hash || location.hash);
    try {
      history[push ? "pushState" : "replaceState"](null, "", address);
    } catch (error) {
      if (push) {
        location.hash = hash; // file:// pages may refuse a new query string; the fragment still works
      }
    }
  });
  const follow = () => {
    if (toHash(data, store.getState()) === location.hash.replace(/^#/, "")) {
      return;
    }
    applying = true;
    try {
      store.dispatch(parseHash(location.hash));
    } finally {
      applying = false;
    }
    const search = queryFor(location.search, store.getState());
    if (search !== location.search) { // following an address can move the date (a body from another date)
      try {
        history.replaceState(null, "", location.href.split("#")[0].split("?")[0] + search + location.hash);
      } catch (error) {
        // file:// pages may refuse a new query string
      }
    }
  };
  window.addEventListener("popstate", follow);
  window.addEventListener("hashchange", follow);
  follow(); // the address the page was opened with
}

pm.url = { toHash, parseHash, parseQuery, queryFor, bind };
