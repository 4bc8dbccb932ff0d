/* views/routes.js: "How is A connected to B?" The form resolves the two names and dispatches a
   route; the list is rendered from the route in the state (found by pm.routes, with the filters
   on show). */

const { el } = pm.dom;

function createRoutes(data, store) {
  const panel = document.getElementById("routes");
  const toggle = document.getElementById("routes-toggle");
  if (!panel || !toggle) {
    return { render: () => {}, fillBodies: () => {} };
  }
  const from = document.getElementById("route-from");
  const to = document.getElementById("route-to");
  const list = document.getElementById("routes-list");
  const status = document.getElementById("routes-status");
  let shown = null;
  let problem = null; // what was wrong with the names typed, until the next route

  toggle.disabled = false;
  toggle.addEventListener("click", () => store.dispatch({ type: "panel", name: "routes", open: panel.hidden }));
  panel.querySelector("[data-action='routes-close']").addEventListener("click", () => {
    store.dispatch({ type: "panel", name: "routes", open: false });
    toggle.focus();
  });
  document.getElementById("routes-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const hide = pm.select.hidden(data, store.getState());
    const a = pm.routes.resolve(data, from.value, hide);
    const b = pm.routes.resolve(data, to.value, hide);
    const wrong = a.error || b.error || (a.id === b.id ? "Choose two different bodies." : null);
    if (wrong) {
      const sel = store.getState().selection;
      if (sel && sel.type === "route") {
        store.dispatch({ type: "clear" }); // the route shown no longer answers what was asked
      }
      problem = wrong;
      render(store.getState());
      return;
    }
    problem = null;
    store.dispatch({ type: "route", from: a.id, to: b.id, index: 0 });
  });
  list.addEventListener("click", (event) => {
    const button = event.target.closest("[data-route]");
    const sel = store.getState().selection;
    if (button && sel && sel.type === "route") {
      store.dispatch({ type: "route", from: sel.from, to: sel.to, index: Number(button.getAttribute("data-route")) });
    }
  });

  /* The bodies the route boxes suggest, by name: filled after the first frame. */
  function fillBodies() {
    const options = document.getElementById("route-bodies");
    if (!options) {
      return;
    }
    Object.keys(data.nodes).sort((a, b) => data.nodes[a].label.localeCompare(data.nodes[b].label)).forEach((id) => {
      const node = data.nodes[id];
      options.appendChild(el("option", { value: node.label + (node.acronym ? " (" + node.acronym + ")" : "") }));
    });
  }

  function render(state, previous, action) {
    const wasOpen = !panel.hidden;
    panel.hidden = !state.panels.routes;
    toggle.setAttribute("aria-expanded", String(state.panels.routes));
    if (state.panels.routes && !wasOpen && action && action.type === "panel") {
      pm.dom.focusIn(from);
    }
    const sel = state.selection && state.selection.type === "route" ? state.selection : null;
    const hide = pm.select.hidden(data, state);
    const key = problem ? "problem:" + problem : sel ? [sel.from, sel.to, sel.index].join() : null;
    if (shown && shown.key === key && shown.filters === state.filters) {
      return;
    }
    if (problem) {
      list.textContent = "";
      status.textContent = problem;
      shown = { key: key, filters: state.filters };
      return;
    }
    if (!sel) {
      if (shown && !state.panels.routes) {
        list.textContent = "";
        status.textContent = "";
        shown = null;
      } else if (shown) {
        Array.prototype.forEach.call(list.children, (li) => li.classList.remove("current"));
      }
      return;
    }
    from.value = from.value || data.nodes[sel.from].label;
    to.value = to.value || data.nodes[sel.to].label;
    const found = pm.routes.cached(data, sel.from, sel.to, hide);
    list.textContent = "";
    shown = { key: key, filters: state.filters };
    if (!found.routes.length) {
      status.textContent = "No route links " + data.nodes[sel.from].label + " and " + data.nodes[sel.to].label
        + " on this map" + (pm.store.filtersActive(state.filters) ? " with the current filters." : ".");
      return;
    }
    const steps = found.routes[0].edges.length;
    status.textContent = (found.count === 1 ? "One shortest route" : found.count + " shortest routes")
      + " of " + steps + (steps === 1 ? " step" : " steps")
      + (found.count > found.routes.length ? "; the best " + found.routes.length + " are shown." : ".");
    found.routes.forEach((route, index) => {
      const implied = route.edges.some((e) => e.evidence === "implied");
      const pages = Array.from(new Set(route.edges.map((e) => e.page))).sort((a, b) => a - b);
      list.appendChild(el("li", { class: "route" + (index === sel.index ? " current" : "") },
        el("button", { type: "button", class: "button button-quiet route-show", "data-route": index },
          "Route " + (index + 1) + (implied ? " (includes implied relations)" : "")),
        ...pm.routes.sentences(data, route).map((text) => el("p", {}, text)),
        el("p", { class: "meta" }, "Guide " + pm.text.pagesText(pages))));
    });
  }

  return { render: render, fillBodies: fillBodies };
}

pm.views.routes = { createRoutes };
