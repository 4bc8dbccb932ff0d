/* main.js: wiring only. Read the page's data, build the store, attach the views, follow the
   address, and expose window.policymap for tests:
   {network, data, tours, store, state(), dispatch(action), select(id), clear(), present(on),
    setFilter(group, id, shown), resetFilters(), setFocusDepth(n), showcase(group, id), exportPng(), renderView(ratio),
    routes(from, to), preparePrint(), relationLabels()}.
   Pages other than maps have no data and only honour ?present. */

function showMapMessage(text) {
  const stage = document.getElementById("map-stage");
  if (stage) {
    stage.appendChild(pm.dom.el("p", { class: "map-message" }, text));
  }
}

function start() {
  const query = pm.url.parseQuery(location.search);
  if (query.present) {
    document.body.classList.add("present");
  }
  const mapElement = document.getElementById("map");
  if (!mapElement) {
    return;
  }
  if (typeof vis === "undefined" || !window.policymapPage || !window.policymapSite) {
    showMapMessage("The map could not be drawn because its scripts did not load. The text version below has every body and relation.");
    return;
  }
  const site = window.policymapSite;
  const data = pm.data.join(window.policymapPage, site);
  let store = null;
  const styles = pm.present.styles(data, () => store.getState());
  // Below 1440px the legend starts folded so the map can use the whole width; the Legend button brings it back.
  store = pm.store.createStore(pm.store.reducer(data), pm.store.initialState({
    mode: query.present ? "present" : "normal", at: pm.timeline.isDate(query.at) && data.timeline && query.at !== data.timeline.guide ? query.at : null,
    panels: { legend: !(window.innerWidth < 1440 || query.present), routes: false },
    showcase: pm.store.showcaseFor(data, query.showcase),
    part: pm.parts.choices(data).some((p) => p.id === query.part) ? query.part : null,
  }));

  const v = pm.views;
  const legend = v.legend.createLegend(data, store, site.legend);
  const map = v.map.createMap(mapElement, data, store, styles);
  const labels = v.labels.createLabels(map, data, store, styles);
  const routes = v.routes.createRoutes(data, store);
  const bar = v.bar.createBar(store, pm.dom.announce);
  const views = [bar, map, labels, legend, v.panel.createPanel(data, store),
    v.tour.createTour(data, store), routes, v.notice.createNotice(data, store), v.search.createSearch(data, store),
    v.timeline.createTimeline(data, store), v.parts.createPartChooser(data, store), v.caption.createCaption(data, store),
    v.camera.createCamera(mapElement, map, data, styles)]; // the camera last: it measures what the others drew
  const camera = views[views.length - 1];
  labels.within(() => camera.freeArea(store.getState()));
  const render = (state, previous, action) => views.forEach((view) => view.render(state, previous, action));
  store.subscribe(render);
  store.subscribe((state, previous) => {
    if (state.said && state.said !== previous.said) {
      pm.dom.announce(state.said.text);
    }
    if (state.notice && state.notice !== previous.notice) {
      const box = document.getElementById("map-notice");
      pm.dom.announce(box ? box.textContent.replace(/OK$/, "").trim() : "");
    }
  });
  render(store.getState(), undefined, null);
  pm.url.bind(store, data);
  pm.keys.bindKeys(store, { fullscreen: bar.toggleFullscreen });
  const output = pm.export.createExport(data, map, store, pm.dom.announce);

  /* Links to a body (panel relations, text version) select it on the map, then bring the map
     and panel into view with focus on the panel heading. */
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-node]");
    if (!link || !pm.dom.plainClick(event) || !data.nodes[link.getAttribute("data-node")]) {
      return;
    }
    event.preventDefault();
    if (window.scrollY > 0) {
      const reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      window.scrollTo({ top: 0, behavior: reduced ? "auto" : "smooth" });
    }
    store.dispatch({ type: "select-node", id: link.getAttribute("data-node"), moveFocus: true });
  });
  document.querySelectorAll(".zoom [data-action], .bar-zoom [data-action]").forEach((button) => {
    button.disabled = false;
    button.addEventListener("click", () => {
      const action = button.getAttribute("data-action");
      if (action === "fit") {
        camera.fitAll(store.getState(), true);
      } else {
        camera.zoom(action === "zoom-in" ? 1.3 : 1 / 1.3);
      }
    });
  });
  window.addEventListener("resize", () => camera.refit(store.getState));

  // Once the map's first frame is on screen (the frame after the one vis drew it in; or after a
  // second, should it not draw): on large maps these lists are thousands of elements, and the map comes first.
  let finished = false;
  function finishLoading() {
    if (finished) {
      return;
    }
    finished = true;
    legend.finish();
    v.twin.renderTwin(data);
    v.twin.wireTwin();
    routes.fillBodies();
    document.documentElement.setAttribute("data-policymap-ready", "");
  }
  if (window.requestAnimationFrame) {
    map.network.once("afterDrawing", () => requestAnimationFrame(() => setTimeout(finishLoading, 0)));
    setTimeout(finishLoading, 1000);
  } else {
    finishLoading();
  }

  const dispatch = store.dispatch;
  window.policymap = {
    network: map.network,
    data: data,
    store: store,
    dispatch: dispatch,
    tours: data.tours.map((tour) => ({ id: tour.id, title: tour.title,
      steps: tour.steps.map((step) => ({ title: step.title, text: step.text, nodes: step.nodes.slice(), edges: (step.edges || []).slice() })) })),
    select: (id) => dispatch({ type: "select-node", id: id }),
    clear: () => dispatch({ type: "clear" }),
    present: (on) => dispatch({ type: "mode", mode: on !== false ? "present" : "normal" }),
    setFilter: (group, id, shown) => dispatch({ type: "filter", group: group, id: id, shown: shown }),
    resetFilters: () => dispatch({ type: "filters-reset" }),
    setFocusDepth: (depth) => dispatch({ type: "focus-depth", depth: depth }),
    showcase: (group, id) => dispatch({ type: "showcase", showcase: group ? { group: group, id: id } : null }),
    exportPng: output.exportPng,
    renderView: output.renderView,
    preparePrint: output.preparePrint,
    routes: (from, to) => {
      const found = pm.routes.find(data, from, to, pm.select.hidden(data, store.getState()));
      return { count: found.count, routes: found.routes.map((route) => ({ nodes: route.nodes,
        edges: route.edges.map((e) => e.id), sentences: pm.routes.sentences(data, route) })) };
    },
    resolve: (text) => pm.routes.resolve(data, text, pm.select.hidden(data, store.getState())), // a name as the route boxes read it
    state: () => pm.store.snapshot(data, store.getState()),
    regions: () => map.regions().map((region) => region.label), // the region frames drawn (filters hide empty ones)
    freeArea: () => camera.freeArea(store.getState()), // the part of the map nothing covers
    relationLabels: labels.placed, // the relations' names drawn last: [{id, text, px, large, box}]
  };
}

/* Opened from a file, the scripts are asked for from the page's head and may arrive before the
   page is parsed: the map starts on the parsed page. */
if (typeof document !== "undefined") {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}
