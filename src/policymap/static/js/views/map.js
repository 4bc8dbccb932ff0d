/* views/map.js: the network drawing. Builds vis-network from the page's items, then restyles
   them from the state (mode, filters, emphasis, colouring) and mirrors the selection. Clicks
   on the map dispatch; nothing here decides what a click means beyond naming what was hit. */

function withoutTitle(item) {
  const copy = Object.assign({}, item);
  delete copy.title; // nothing may depend on hover tooltips
  return copy;
}

/* Relations are drawn without vis-network's labels: views/labels.js names them. */
function unlabelled(edge) {
  const copy = withoutTitle(edge);
  delete copy.label;
  return copy;
}

function createMap(element, data, store, styles) {
  const baseNodes = data.vis.nodes.map(withoutTitle);
  const baseEdges = data.vis.edges.map(unlabelled);
  const options = Object.assign({}, data.vis.options);
  options.interaction = Object.assign({ hover: true }, options.interaction);

  /* The items as the state styles them. */
  function styledItems(state) {
    const style = styles[state.mode];
    const hide = pm.select.hidden(data, state);
    const stand = pm.select.emphasis(data, state);
    return { nodes: baseNodes.map((n) => style.node(n, Boolean(stand && !stand.nodes.has(n.id)), hide.nodes.has(n.id), state)),
      edges: baseEdges.map((e) => style.edge(e, Boolean(stand && !stand.edges.has(e.id)), hide.edges.has(e.id), state)) };
  }

  /* Whether styled items would only repeat the options' and groups' defaults (nothing faded,
     filtered or presented), which vis pays for item by item: a 1,000-body map's first frame comes
     sooner with the plain items. */
  function plain(state) {
    const hide = pm.select.hidden(data, state);
    return state.mode === "normal" && !hide.nodes.size && !hide.edges.size && !pm.select.emphasis(data, state)
      && state.colourBy === "kind" && !state.at;
  }

  // vis is built with the items the first state needs, so the first render changes none of
  // them: with physics off, each DataSet update draws the whole map at once, in the same task.
  const initial = store.getState();
  const first = plain(initial) ? { nodes: baseNodes, edges: baseEdges } : styledItems(initial);
  const nodes = new vis.DataSet(first.nodes);
  const edges = new vis.DataSet(first.edges);
  const network = new vis.Network(element, { nodes: nodes, edges: edges }, options);
  let regions = [];

  /* vis makes its frame a tab stop. Keep it only when its keyboard panning is on, and then
     name it; otherwise the search box, buttons and text version do that job. */
  const frame = element.querySelector(".vis-network");
  const keyboard = options.interaction.keyboard;
  if (frame && keyboard && (keyboard === true || keyboard.enabled !== false)) {
    frame.setAttribute("role", "application");
    frame.setAttribute("aria-label", (element.getAttribute("aria-label") || "Network map.") + " Arrow keys pan; plus and minus zoom.");
    element.removeAttribute("role");
    element.removeAttribute("aria-label");
  } else if (frame) {
    frame.setAttribute("tabindex", "-1");
  }

  /* The region panels with a body on show (filters can empty a region: its frame goes too). */
  function regionsFor(state) {
    const style = styles[state.mode];
    const hide = pm.select.hidden(data, state);
    if (!hide.nodes.size) {
      return style.regions;
    }
    const points = baseNodes.filter((n) => !hide.nodes.has(n.id)).map(style.position);
    return style.regions.filter((r) => points.some(([x, y]) => x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height));
  }

  /* Panels first, under everything; their headings last, over the edges that cross them. */
  network.on("beforeDrawing", (ctx) => {
    const scale = network.getScale();
    const style = styles[store.getState().mode];
    regions.forEach((region) => {
      const look = style.region(region);
      ctx.fillStyle = look.fill;
      ctx.strokeStyle = look.stroke;
      ctx.lineWidth = look.width / scale;
      ctx.fillRect(region.x, region.y, region.width, region.height);
      ctx.strokeRect(region.x, region.y, region.width, region.height);
    });
  });

  network.on("afterDrawing", (ctx) => {
    const style = styles[store.getState().mode];
    regions.forEach((region) => {
      const look = style.region(region);
      const lines = region.lines && region.lines.length ? region.lines : [region.label];
      ctx.font = look.font;
      ctx.textBaseline = "top";
      lines.filter(Boolean).forEach((line, i) => {
        const y = region.y + look.top + i * look.size * 1.2;
        const maxWidth = region.width - 2 * look.inset;
        const width = Math.min(ctx.measureText(line).width, maxWidth);
        ctx.fillStyle = look.fill;
        ctx.fillRect(region.x + look.inset - 3, y - 2, width + 6, look.size * 1.2 + 2);
        ctx.fillStyle = look.ink;
        ctx.fillText(line, region.x + look.inset, y, maxWidth);
      });
    });
  });

  ["hoverNode", "hoverEdge"].forEach((name) => network.on(name, () => { element.style.cursor = "pointer"; }));
  ["blurNode", "blurEdge"].forEach((name) => network.on(name, () => { element.style.cursor = ""; }));

  function showSelection(state) {
    const chosen = pm.select.selected(data, state);
    network.setSelection(chosen, { unselectAll: true, highlightEdges: false });
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      store.dispatch({ type: "select-node", id: params.nodes[0] });
    } else if (params.edges.length) {
      store.dispatch({ type: "select-edge", id: params.edges[0] });
    } else {
      store.dispatch({ type: "clear" });
    }
    showSelection(store.getState()); // vis changed its own selection on the click: put ours back
  });

  /* vis-network reads a node's margins only when it builds the node's shape, and presentation
     mode's are not normal mode's: on a change of mode each shape takes them again and is measured
     anew at the next draw (vis-network 9.1's own _setMargins and refreshNeeded). */
  function remargin() {
    Object.keys(network.body.nodes).forEach((id) => {
      const shape = network.body.nodes[id].shape;
      if (shape && typeof shape._setMargins === "function") {
        shape._setMargins(network.body.nodes[id].labelModule);
        shape.refreshNeeded = true;
      }
    });
  }

  const STYLED = ["mode", "colourBy", "filters", "selection", "tour", "focusDepth", "showcase", "at", "endedView", "part"];

  function render(state, previous) {
    if (previous && STYLED.every((key) => state[key] === previous[key])) {
      return;
    }
    if (previous) {
      const items = styledItems(state);
      nodes.update(items.nodes);
      edges.update(items.edges);
      if (state.mode !== previous.mode) {
        remargin();
      }
    }
    regions = regionsFor(state);
    showSelection(state);
  }

  return { network: network, nodes: nodes, edges: edges, render: render, regions: () => regions };
}

pm.views = pm.views || {};
pm.views.map = { createMap };
