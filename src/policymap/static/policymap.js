/* policymap: the one script shared by every page (plain ES2017, no build step).
 *
 * Map pages carry their data inline in <script type="application/json" id="policymap-data">;
 * other pages have none and this script does nothing there. All text from the data goes
 * into the page through textContent and createElement, never as markup.
 *
 * Exposes window.policymap = {network, select(id), clear(), data} for tests.
 */
(function () {
  "use strict";

  const dataElement = document.getElementById("policymap-data");
  if (!dataElement) {
    return;
  }
  const data = expand(JSON.parse(dataElement.textContent));

  /* The page data is compact (lookup tables, empty fields left out); spell it out once. */
  function expand(raw) {
    const maps = raw.maps || {};
    const mapName = (id) => (maps[id] && maps[id].number ? "Figure " + maps[id].number : (maps[id] || {}).title || id);
    Object.keys(raw.nodes).forEach((id) => {
      const node = raw.nodes[id];
      node.id = id;
      node.kind_label = raw.kinds[node.kind] || node.kind;
      node.level_label = raw.levels[node.level] || node.level;
      node.mid = node.mid || node.label;
      node.acronym_expansion = node.acronym ? node.acronym_expansion || node.label : null;
      node.facts = node.facts || [];
      node.pages = node.pages || [];
      node.glossary = (node.glossary || []).filter((t) => raw.glossary[t]).map((t) => ({
        id: t, term: raw.glossary[t].term, definition: raw.glossary[t].definition }));
      node.website = node.website && raw.websites[node.website] ? raw.websites[node.website] : null;
      node.also_in = (node.also_in || []).filter((m) => maps[m]).map((m) => ({
        number: maps[m].number, title: maps[m].title, url: maps[m].url + "#node=" + id }));
    });
    raw.edges.forEach((edge) => {
      const reading = raw.relations[edge.relation];
      const source = raw.nodes[edge.source];
      edge.id = edge.source + "--" + edge.relation + "--" + edge.target;
      edge.relation_label = reading[2];
      edge.reading = source.plural ? reading[1] : reading[0];
      edge.subject = source.label;
      edge.object = raw.nodes[edge.target].mid;
    });
    const own = Object.keys(raw.nodes).sort().map((id) => ({
      id: id, label: raw.nodes[id].label, acronym: raw.nodes[id].acronym,
      terms: raw.nodes[id].glossary.map((entry) => entry.term), url: null }));
    raw.search = own.concat((raw.search || []).map((item) => Object.assign({}, item, {
      url: maps[item.map] ? maps[item.map].url + "#node=" + item.id : null, map: mapName(item.map) })));
    return raw;
  }
  const mapElement = document.getElementById("map");
  if (typeof vis === "undefined" || !mapElement) {
    showMapMessage("The map could not be drawn because its script did not load. The text version below has every body and relation.");
    return;
  }

  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const animation = reducedMotion ? false : { duration: 450, easingFunction: "easeInOutQuad" };
  const edgesById = new Map(data.edges.map((edge) => [edge.id, edge]));
  const details = document.getElementById("details");
  const tourPanel = document.getElementById("tour");
  const searchInput = document.getElementById("search-input");

  /* ---------------------------------------------------------------- helpers */

  function showMapMessage(text) {
    const stage = document.getElementById("map-stage");
    if (!stage) {
      return;
    }
    const message = document.createElement("p");
    message.className = "map-message";
    message.textContent = text;
    stage.appendChild(message);
  }

  /* el("p", {class: "x"}, "text", childNode, ...): an element with attributes and children.
     Strings become text nodes; null and undefined children are skipped. */
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    Object.keys(attributes || {}).forEach((name) => {
      const value = attributes[name];
      if (value !== null && value !== undefined && value !== false) {
        element.setAttribute(name, value === true ? "" : String(value));
      }
    });
    children.forEach((child) => {
      if (child === null || child === undefined || child === false) {
        return;
      }
      element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return element;
  }

  function pagesText(pages) {
    return (pages.length === 1 ? "p " : "pp ") + pages.join(", ");
  }

  function safeHref(url) {
    return /^(https?:\/\/|mailto:)/i.test(url || "") ? url : null;
  }

  function urlWithoutHash() {
    return location.href.split("#")[0];
  }

  function setHash(fragment) {
    const wanted = fragment ? "#" + fragment : "";
    if (location.hash === wanted) {
      return;
    }
    try {
      history.pushState(null, "", fragment ? wanted : urlWithoutHash());
    } catch (error) {
      location.hash = fragment;
    }
  }

  function option(object, name, fallback) {
    return object && object[name] !== undefined && object[name] !== null ? object[name] : fallback;
  }

  /* ---------------------------------------------------------------- network */

  /* vis-network 9.1.13 draws the label of an exactly horizontal edge that runs right to
     left at the wrong place when font.align is "middle", "top" or "bottom" (its angle
     normalises to 0 and the translation is skipped). Such labels are level anyway. */
  const visNodesById = new Map(data.vis.nodes.map((node) => [node.id, node]));

  function levelLabel(edge) {
    const defaults = option(option(data.vis.options, "edges", {}), "font", {});
    const align = option(edge.font, "align", option(defaults, "align", "horizontal"));
    const from = visNodesById.get(edge.from);
    const to = visNodesById.get(edge.to);
    if (align === "horizontal" || typeof edge.font === "string" || !from || !to || from.y !== to.y || from.x <= to.x) {
      return edge;
    }
    return Object.assign({}, edge, { font: Object.assign({}, edge.font, { align: "horizontal" }) });
  }

  function withoutTitle(item) {
    const copy = Object.assign({}, item);
    delete copy.title; // nothing may depend on hover tooltips
    return copy;
  }

  const baseNodes = data.vis.nodes.map(withoutTitle);
  const baseEdges = data.vis.edges.map(withoutTitle).map(levelLabel);
  const nodes = new vis.DataSet(baseNodes);
  const edges = new vis.DataSet(baseEdges);
  const options = Object.assign({}, data.vis.options);
  options.interaction = Object.assign({ hover: true }, options.interaction);
  const network = new vis.Network(mapElement, { nodes: nodes, edges: edges }, options);

  /* vis makes its frame a tab stop. Keep it only when its keyboard panning is on,
     and then name it; otherwise the search box, buttons and text version do that job. */
  const frame = mapElement.querySelector(".vis-network");
  const keyboard = options.interaction.keyboard;
  if (frame && keyboard && (keyboard === true || keyboard.enabled !== false)) {
    frame.setAttribute("role", "application");
    frame.setAttribute("aria-label", (mapElement.getAttribute("aria-label") || "Network map.") + " Arrow keys pan; plus and minus zoom.");
    mapElement.removeAttribute("role");
    mapElement.removeAttribute("aria-label");
  } else if (frame) {
    frame.setAttribute("tabindex", "-1");
  }

  const nodeFontColor = option(option(option(options, "nodes", {}), "font", {}), "color", "#343434");
  const edgeFontColor = option(option(option(options, "edges", {}), "font", {}), "color", "#343434");
  const dimmedText = "rgba(60, 66, 75, 0.3)";

  /* The figure's regions, drawn under the nodes as labelled panels (layout coordinates). */
  const regions = data.regions || [];
  network.on("beforeDrawing", (ctx) => {
    const scale = network.getScale();
    regions.forEach((region) => {
      ctx.fillStyle = region.inset ? "#fff8e1" : "#f0f3f7";
      ctx.strokeStyle = region.inset ? "#a86a00" : "#c5ccd6";
      ctx.lineWidth = (region.inset ? 2 : 1) / scale;
      ctx.fillRect(region.x, region.y, region.width, region.height);
      ctx.strokeRect(region.x, region.y, region.width, region.height);
      ctx.fillStyle = "#4a5563";
      ctx.font = "600 16px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
      ctx.textBaseline = "top";
      ctx.fillText(region.label, region.x + 10, region.y + 10, region.width - 20);
    });
  });

  /* Fit the whole map, region panels included (vis's own fit only sees the nodes). */
  function fitAll(animate) {
    const anim = animate ? animation : false;
    const width = mapElement.clientWidth;
    const height = mapElement.clientHeight;
    if (!regions.length || !width || !height) {
      network.fit({ animation: anim });
      return;
    }
    let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    regions.forEach((region) => {
      left = Math.min(left, region.x);
      top = Math.min(top, region.y);
      right = Math.max(right, region.x + region.width);
      bottom = Math.max(bottom, region.y + region.height);
    });
    Object.values(network.getPositions()).forEach((point) => {
      left = Math.min(left, point.x - 90);
      top = Math.min(top, point.y - 30);
      right = Math.max(right, point.x + 90);
      bottom = Math.max(bottom, point.y + 30);
    });
    const margin = 12;
    const scale = Math.min((width - 2 * margin) / (right - left), (height - 2 * margin) / (bottom - top));
    network.moveTo({ position: { x: (left + right) / 2, y: (top + bottom) / 2 }, scale: scale, animation: anim });
  }

  network.on("hoverNode", () => { mapElement.style.cursor = "pointer"; });
  network.on("blurNode", () => { mapElement.style.cursor = ""; });
  network.on("hoverEdge", () => { mapElement.style.cursor = "pointer"; });
  network.on("blurEdge", () => { mapElement.style.cursor = ""; });

  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      network.redraw();
      fitAll(false);
    }, 150);
  });

  function edgeColor(color) {
    if (typeof color === "string") {
      return { color: color, highlight: color, hover: color };
    }
    return Object.assign({}, color || {});
  }

  function fontWith(font, color, fallback) {
    if (typeof font === "string") {
      return font; // a shorthand string: leave it alone
    }
    return Object.assign({}, font || {}, { color: color || option(font, "color", fallback) });
  }

  /* Fade everything except the given nodes and edges; with no arguments, undo. */
  function emphasise(nodeIds, edgeIds) {
    const keepNodes = nodeIds ? new Set(nodeIds) : null;
    const keepEdges = edgeIds ? new Set(edgeIds) : null;
    // Whole items, not just the changed fields: vis re-applies a node's group colours
    // over any colour that an update leaves out.
    nodes.update(baseNodes.map((node) => {
      const faded = keepNodes && !keepNodes.has(node.id);
      return Object.assign({}, node, {
        opacity: faded ? 0.25 : option(node, "opacity", 1),
        font: fontWith(node.font, faded ? dimmedText : null, nodeFontColor),
      });
    }));
    edges.update(baseEdges.map((edge) => {
      const faded = keepEdges && !keepEdges.has(edge.id);
      return Object.assign({}, edge, {
        color: Object.assign(edgeColor(edge.color), { opacity: faded ? 0.15 : option(edgeColor(edge.color), "opacity", 1) }),
        font: fontWith(edge.font, faded ? dimmedText : null, edgeFontColor),
      });
    }));
  }

  /* Pan (keeping the zoom) when a node sits off screen or under the map's edges. */
  function ensureVisible(id) {
    const position = network.getPositions([id])[id];
    const point = network.canvasToDOM(position);
    const margin = 90;
    if (point.x < margin || point.y < margin || point.x > mapElement.clientWidth - margin
        || point.y > mapElement.clientHeight - margin) {
      network.moveTo({ position: position, scale: network.getScale(), animation: animation });
    }
  }

  function centreOn(id) {
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: animation });
  }

  /* ---------------------------------------------------------------- details panel */

  let current = null; // {type: "node" | "edge", id}
  let activeTour = null; // {tour, index}
  let focusBeforePanel = null;

  /* A link to another body: the click handler below selects it without leaving the page. */
  function nodeLink(id, text) {
    return el("a", { href: "#node=" + id, "data-node": id }, text);
  }

  function relationMeta(edge) {
    const meta = el("span", { class: "rel-meta" }, "(");
    if (edge.evidence === "implied") {
      meta.appendChild(el("em", { class: "implied" }, "implied"));
      meta.appendChild(document.createTextNode("; "));
    }
    meta.appendChild(document.createTextNode("p " + edge.page + ")"));
    return meta;
  }

  /* One relation as a sentence; the end that is not `id` is a link selecting it. */
  function relationItem(edge, id, withNote) {
    const item = el("li", {});
    if (edge.source === id) {
      item.appendChild(document.createTextNode(edge.subject + " " + edge.reading + " "));
      item.appendChild(nodeLink(edge.target, edge.object));
    } else {
      item.appendChild(nodeLink(edge.source, edge.subject));
      item.appendChild(document.createTextNode(" " + edge.reading + " " + edge.object));
    }
    item.appendChild(document.createTextNode(" "));
    item.appendChild(relationMeta(edge));
    if (edge.note && withNote !== false) {
      item.appendChild(el("span", { class: "relation-note" }, edge.note));
    }
    return item;
  }

  function kindSwatch(kind) {
    const swatch = document.querySelector("#legend-kind-" + CSS.escape(kind) + " svg");
    return swatch ? swatch.cloneNode(true) : null;
  }

  function panelHead(title) {
    const heading = el("h2", { id: "details-heading", tabindex: "-1" }, title);
    const close = el("button", { type: "button", class: "button", "data-action": "close", "aria-label": "Close details" }, "Close");
    return el("div", { class: "details-head" }, heading, close);
  }

  function section(title, ...children) {
    return [el("h3", {}, title)].concat(children);
  }

  function nodeDetails(node) {
    const parts = [panelHead(node.label)];
    if (node.acronym) {
      parts.push(el("p", { class: "acronym" }, el("abbr", {}, node.acronym), ": " + (node.acronym_expansion || node.label)));
    }
    parts.push(el("p", { class: "kind" }, kindSwatch(node.kind), node.kind_label + " · " + node.level_label));
    parts.push(el("p", { class: "role" }, node.role));
    if (node.description) {
      parts.push(el("p", {}, node.description));
    }
    if (node.figure_note) {
      parts.push(el("p", { class: "note" }, el("strong", {}, "On this map: "), node.figure_note));
    }
    if (node.layer) {
      parts.push(el("p", { class: "meta" }, "Layer of influence on health: " + node.layer));
    }
    if (node.facts && node.facts.length) {
      parts.push(...section("Facts", el("ul", {}, ...node.facts.map((fact) =>
        el("li", {}, fact.text + " ", el("span", { class: "page-ref" }, "(p " + fact.page + ")"))))));
    }
    const outgoing = data.edges.filter((edge) => edge.source === node.id);
    const incoming = data.edges.filter((edge) => edge.target === node.id && edge.source !== node.id);
    if (outgoing.length || incoming.length) {
      parts.push(...section("Relations", el("ul", { class: "relations" },
        ...outgoing.concat(incoming).map((edge) => relationItem(edge, node.id)))));
    }
    if (node.glossary && node.glossary.length) {
      const list = el("dl", {});
      node.glossary.forEach((entry) => {
        list.appendChild(el("dt", {}, entry.term));
        list.appendChild(el("dd", {}, entry.definition));
      });
      parts.push(...section("Glossary", list));
    }
    if (node.pages && node.pages.length) {
      parts.push(el("p", { class: "meta" }, "Guide " + pagesText(node.pages)));
    }
    if (node.website) {
      const href = safeHref(node.website.url);
      const year = String(data.figure.as_of || "").slice(0, 4);
      const link = href
        ? el("a", { href: href, rel: "noopener noreferrer" }, node.website.printed || node.website.url)
        : el("span", {}, node.website.printed || node.website.url);
      parts.push(...section("Website",
        el("p", {}, node.website.name + ": ", link),
        el("p", { class: "historic" }, "Historic address: as printed" + (year ? " in " + year : "") + ", may no longer work.")));
    }
    if (node.note) {
      parts.push(el("p", { class: "note" }, el("strong", {}, "Note: "), node.note));
    }
    if (node.also_in && node.also_in.length) {
      parts.push(...section("Also in", el("ul", {}, ...node.also_in.map((other) =>
        el("li", {}, el("a", { href: other.url },
          (other.number ? "Figure " + other.number + ": " : "") + other.title))))));
    }
    return parts;
  }

  function edgeDetails(edge) {
    const sentence = el("p", { class: "role" },
      nodeLink(edge.source, edge.subject), " " + edge.reading + " ",
      nodeLink(edge.target, edge.object), " ", relationMeta(edge));
    const parts = [panelHead("Relation: " + edge.relation_label), sentence];
    parts.push(el("p", { class: "meta" }, edge.evidence === "implied"
      ? "Implied: it follows from the guide's text, which does not say it in so many words."
      : "Stated in the guide."));
    if (edge.note) {
      parts.push(el("p", { class: "note" }, el("strong", {}, "Note: "), edge.note));
    }
    return parts;
  }

  /* The sidebar holds the tour, the details and the legend; with all three hidden it
     folds away and the map takes the full width (vis follows its frame's size). */
  const sidebar = details.parentElement;
  const legend = document.getElementById("legend");
  const legendToggle = document.getElementById("legend-toggle");

  function updateSidebar() {
    const wasHidden = sidebar.hidden;
    sidebar.hidden = legend.hidden && details.hidden && (!tourPanel || tourPanel.hidden);
    if (wasHidden !== sidebar.hidden) {
      // vis-network follows window resizes only: give it the map's new size now.
      const view = { position: network.getViewPosition(), scale: network.getScale() };
      network.setSize(mapElement.clientWidth + "px", mapElement.clientHeight + "px");
      network.moveTo(view);
    }
  }

  if (legendToggle && legend) {
    /* Below 1440px the legend starts folded so the map can use the whole width;
       the Legend button brings it back. */
    if (window.innerWidth < 1440) {
      legend.hidden = true;
      legendToggle.setAttribute("aria-expanded", "false");
      updateSidebar();
    }
    legendToggle.disabled = false;
    legendToggle.addEventListener("click", () => {
      const wasHidden = sidebar.hidden;
      legend.hidden = !legend.hidden;
      legendToggle.setAttribute("aria-expanded", String(!legend.hidden));
      updateSidebar();
      if (wasHidden !== sidebar.hidden) {
        requestAnimationFrame(() => fitAll(true));
      }
    });
  }

  function openPanel(parts, moveFocus) {
    if (moveFocus && !details.contains(document.activeElement)) {
      focusBeforePanel = document.activeElement;
    }
    details.textContent = "";
    parts.forEach((part) => details.appendChild(part));
    details.hidden = false;
    updateSidebar();
    sidebar.scrollTop = 0;
    if (moveFocus) {
      document.getElementById("details-heading").focus({ preventScroll: true });
    }
  }

  function closePanel() {
    const hadFocus = details.contains(document.activeElement);
    details.hidden = true;
    details.textContent = "";
    updateSidebar();
    if (hadFocus) {
      const back = focusBeforePanel && document.body.contains(focusBeforePanel) && focusBeforePanel !== document.body
        ? focusBeforePanel : searchInput;
      if (back) {
        back.focus({ preventScroll: true });
      }
    }
    focusBeforePanel = null;
  }

  /* ---------------------------------------------------------------- selection */

  /* Select a body: everything a click on the map does, and more on request.
     opts.push: record in the URL hash; opts.centre: move the camera to it;
     opts.moveFocus: put keyboard focus on the panel heading. */
  function selectNode(id, opts) {
    const settings = Object.assign({ push: true, centre: false, moveFocus: false }, opts);
    const node = data.nodes[id];
    if (!node || !nodes.get(id)) {
      return false;
    }
    endTour({ push: false, keepSelection: true });
    current = { type: "node", id: id };
    network.selectNodes([id], true);
    const connected = network.getConnectedEdges(id);
    emphasise([id].concat(network.getConnectedNodes(id)), connected);
    openPanel(nodeDetails(node), settings.moveFocus);
    if (settings.centre) {
      centreOn(id);
    } else {
      ensureVisible(id);
    }
    if (settings.push) {
      setHash("node=" + id);
    }
    return true;
  }

  function selectEdge(id, opts) {
    const settings = Object.assign({ moveFocus: false }, opts);
    const edge = edgesById.get(id);
    if (!edge) {
      return false;
    }
    endTour({ push: false, keepSelection: true });
    current = { type: "edge", id: id };
    network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
    emphasise([edge.source, edge.target], [id]);
    openPanel(edgeDetails(edge), settings.moveFocus);
    setHash("");
    return true;
  }

  function clear(opts) {
    const settings = Object.assign({ push: true }, opts);
    current = null;
    network.unselectAll();
    emphasise();
    closePanel();
    if (settings.push) {
      setHash("");
    }
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      selectNode(params.nodes[0], { push: true });
    } else if (params.edges.length) {
      selectEdge(params.edges[0]);
    } else if (current) {
      clear({ push: true });
    }
  });

  details.addEventListener("click", (event) => {
    if (event.target.closest("[data-action='close']")) {
      clear({ push: true });
    }
  });

  /* Links to a body (panel relations, text version) select it on the map, then bring the
     map and panel into view with focus on the panel heading. */
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-node]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    const id = link.getAttribute("data-node");
    if (!data.nodes[id]) {
      return;
    }
    event.preventDefault();
    if (window.scrollY > 0) {
      window.scrollTo({ top: 0, behavior: reducedMotion ? "auto" : "smooth" });
    }
    selectNode(id, { push: true, centre: true, moveFocus: true });
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) {
      return;
    }
    if (current) {
      clear({ push: true });
    } else if (activeTour) {
      endTour({ push: true });
    }
  });

  /* ---------------------------------------------------------------- camera buttons */

  document.querySelectorAll(".zoom [data-action]").forEach((button) => {
    button.disabled = false;
    button.addEventListener("click", () => {
      const action = button.getAttribute("data-action");
      if (action === "fit") {
        fitAll(true);
      } else {
        const factor = action === "zoom-in" ? 1.3 : 1 / 1.3;
        network.moveTo({ scale: network.getScale() * factor, animation: animation });
      }
    });
  });

  /* ---------------------------------------------------------------- search (ARIA combobox) */

  const searchItems = data.search.map((item) => ({
    item: item,
    fields: [item.label, item.acronym].filter(Boolean).map((text) => ({ text: text.toLowerCase(), term: null }))
      .concat((item.terms || []).map((term) => ({ text: term.toLowerCase(), term: term }))),
  }));
  const results = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  let matches = [];
  let active = -1;

  /* Rank: 0 prefix, 1 start of a word, 2 anywhere; glossary terms rank after names. */
  function rank(entry, query) {
    let best = null;
    entry.fields.forEach((field) => {
      const at = field.text.indexOf(query);
      if (at < 0) {
        return;
      }
      let score = at === 0 ? 0 : (/[^a-z0-9]/.test(field.text.charAt(at - 1)) ? 1 : 2);
      if (field.term) {
        score += 3;
      }
      if (best === null || score < best.score) {
        best = { score: score, term: field.term };
      }
    });
    return best;
  }

  function findMatches(query) {
    const q = query.trim().toLowerCase();
    if (!q) {
      return [];
    }
    return searchItems
      .map((entry) => ({ entry: entry, hit: rank(entry, q) }))
      .filter((found) => found.hit)
      .sort((a, b) => a.hit.score - b.hit.score
        || (a.entry.item.url ? 1 : 0) - (b.entry.item.url ? 1 : 0)
        || a.entry.item.label.localeCompare(b.entry.item.label))
      .slice(0, 20)
      .map((found) => ({ item: found.entry.item, term: found.hit.term }));
  }

  function setActive(index) {
    active = index;
    Array.prototype.forEach.call(results.children, (li, i) => {
      li.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0 && results.children[index]) {
      searchInput.setAttribute("aria-activedescendant", results.children[index].id);
      results.children[index].scrollIntoView({ block: "nearest" });
    } else {
      searchInput.removeAttribute("aria-activedescendant");
    }
  }

  function closeResults() {
    results.hidden = true;
    searchInput.setAttribute("aria-expanded", "false");
    searchInput.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function showResults() {
    matches = findMatches(searchInput.value);
    results.textContent = "";
    active = -1;
    searchInput.removeAttribute("aria-activedescendant");
    if (!searchInput.value.trim()) {
      closeResults();
      status.textContent = "";
      return;
    }
    if (!matches.length) {
      results.appendChild(el("li", { role: "option", id: "search-option-none", "aria-disabled": "true", "aria-selected": "false", class: "no-results" },
        "No body matches \u201c" + searchInput.value.trim() + "\u201d"));
    }
    matches.forEach((match, index) => {
      const item = match.item;
      const extra = [];
      if (match.term) {
        extra.push("Glossary term: " + match.term);
      }
      if (item.url) {
        extra.push("On " + item.map + " (opens that map)");
      }
      results.appendChild(el("li", { role: "option", id: "search-option-" + index, "aria-selected": "false", "data-index": index },
        el("span", { class: "result-label" }, item.label + (item.acronym ? " (" + item.acronym + ")" : "")),
        extra.length ? el("span", { class: "result-extra" }, extra.join(" · ")) : null));
    });
    results.hidden = false;
    searchInput.setAttribute("aria-expanded", "true");
    status.textContent = matches.length === 1 ? "1 match" : matches.length + " matches";
  }

  function choose(index) {
    const match = matches[index];
    if (!match) {
      return;
    }
    closeResults();
    if (match.item.url) {
      location.href = match.item.url;
      return;
    }
    searchInput.value = match.item.label;
    selectNode(match.item.id, { push: true, centre: true });
  }

  searchInput.disabled = false;
  searchInput.addEventListener("input", showResults);
  searchInput.addEventListener("focus", () => {
    if (searchInput.value.trim() && searchInput.getAttribute("aria-expanded") !== "true") {
      searchInput.select();
    }
  });
  searchInput.addEventListener("blur", () => { setTimeout(closeResults, 120); });
  searchInput.addEventListener("keydown", (event) => {
    const open = !results.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        showResults();
      }
      if (matches.length) {
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : matches.length - 1) : (active + step + matches.length) % matches.length);
      }
    } else if (event.key === "Enter") {
      if (open && matches.length) {
        event.preventDefault();
        choose(active >= 0 ? active : 0);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        closeResults();
      } else if (searchInput.value) {
        event.preventDefault();
        searchInput.value = "";
        status.textContent = "";
      }
    }
  });
  results.addEventListener("mousedown", (event) => { event.preventDefault(); }); // keep focus in the input
  results.addEventListener("click", (event) => {
    const li = event.target.closest("li[data-index]");
    if (li) {
      choose(Number(li.getAttribute("data-index")));
    }
  });

  /* ---------------------------------------------------------------- guided tours */

  const tourSelect = document.getElementById("tour-select");

  function showStep(tour, index, opts) {
    const settings = Object.assign({ push: true, moveFocus: false }, opts);
    const step = tour.steps[index];
    current = null;
    closePanel();
    activeTour = { tour: tour, index: index };
    const stepNodes = step.nodes.filter((id) => nodes.get(id));
    const stepEdges = (step.edges || []).filter((id) => edges.get(id));
    network.setSelection({ nodes: stepNodes, edges: stepEdges }, { unselectAll: true, highlightEdges: false });
    emphasise(stepNodes, stepEdges);
    network.fit({ nodes: stepNodes, maxZoomLevel: 1, animation: animation });
    document.getElementById("tour-progress").textContent = "Tour: " + tour.title + " \u2014 step " + (index + 1) + " of " + tour.steps.length;
    document.getElementById("tour-heading").textContent = step.title;
    document.getElementById("tour-text").textContent = step.text;
    tourPanel.querySelector("[data-action='tour-prev']").disabled = index === 0;
    tourPanel.querySelector("[data-action='tour-next']").disabled = index === tour.steps.length - 1;
    tourPanel.hidden = false;
    updateSidebar();
    if (tourSelect) {
      tourSelect.value = tour.id;
    }
    if (settings.moveFocus) {
      document.getElementById("tour-heading").focus({ preventScroll: true });
    }
    if (settings.push) {
      setHash("tour=" + tour.id + "&step=" + (index + 1));
    }
  }

  function endTour(opts) {
    if (!activeTour) {
      return;
    }
    const settings = Object.assign({ push: true, keepSelection: false }, opts);
    const hadFocus = tourPanel.contains(document.activeElement);
    activeTour = null;
    tourPanel.hidden = true;
    updateSidebar();
    if (tourSelect) {
      tourSelect.value = "";
    }
    if (!settings.keepSelection) {
      network.unselectAll();
      emphasise();
    }
    if (hadFocus && tourSelect) {
      tourSelect.focus({ preventScroll: true });
    }
    if (settings.push) {
      setHash("");
    }
  }

  function findTour(id) {
    return data.tours.find((tour) => tour.id === id) || null;
  }

  if (tourPanel) {
    tourPanel.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (!button || !activeTour) {
        return;
      }
      const action = button.getAttribute("data-action");
      if (action === "tour-end") {
        endTour({ push: true });
        fitAll(true);
      } else {
        const next = activeTour.index + (action === "tour-next" ? 1 : -1);
        if (next >= 0 && next < activeTour.tour.steps.length) {
          showStep(activeTour.tour, next, { moveFocus: true });
        }
      }
    });
  }
  if (tourSelect) {
    tourSelect.disabled = false;
    tourSelect.addEventListener("change", () => {
      const tour = findTour(tourSelect.value);
      if (tour) {
        showStep(tour, 0, { moveFocus: true });
      } else {
        endTour({ push: true });
      }
    });
  }

  /* ---------------------------------------------------------------- text version */

  /* Every body with its role and relations, as a list: for keyboard and screen-reader
     users, for print, and for anyone who prefers reading to looking. */
  function renderTwin() {
    const list = document.getElementById("twin-list");
    if (!list) {
      return;
    }
    const ids = Object.keys(data.nodes).sort((a, b) =>
      data.nodes[a].label.toLowerCase().localeCompare(data.nodes[b].label.toLowerCase()) || a.localeCompare(b));
    ids.forEach((id) => {
      const node = data.nodes[id];
      const heading = el("h3", {}, el("a", { href: "#node=" + id, "data-node": id }, node.label));
      if (node.acronym) {
        heading.appendChild(document.createTextNode(" "));
        heading.appendChild(el("abbr", {}, "(" + node.acronym + ")"));
      }
      const entry = el("li", { id: "twin-" + id, class: "twin-entry" }, heading,
        el("p", { class: "meta" }, node.kind_label + " \u00b7 " + node.level_label), el("p", {}, node.role));
      const related = data.edges.filter((edge) => edge.source === id || edge.target === id);
      if (related.length) {
        entry.appendChild(el("ul", { class: "relations" }, ...related.map((edge) => relationItem(edge, id, false))));
      }
      list.appendChild(entry);
    });
  }
  renderTwin();

  /* ---------------------------------------------------------------- deep links */

  function applyHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const nodeId = params.get("node");
    const tour = params.get("tour") ? findTour(params.get("tour")) : null;
    if (nodeId && data.nodes[nodeId]) {
      if (!current || current.type !== "node" || current.id !== nodeId) {
        selectNode(nodeId, { push: false, centre: true });
      }
    } else if (tour) {
      const step = Math.min(Math.max(parseInt(params.get("step") || "1", 10) || 1, 1), tour.steps.length) - 1;
      if (!activeTour || activeTour.tour !== tour || activeTour.index !== step) {
        showStep(tour, step, { push: false });
      }
    } else if (current && current.type === "node") {
      clear({ push: false });
    } else if (activeTour) {
      endTour({ push: false });
      fitAll(true);
    }
  }

  window.addEventListener("popstate", applyHash);
  window.addEventListener("hashchange", applyHash);

  network.setSize(mapElement.clientWidth + "px", mapElement.clientHeight + "px");
  network.redraw();
  fitAll(false);
  applyHash();

  window.policymap = {
    network: network,
    data: data,
    select: (id) => selectNode(id, { push: true }),
    clear: () => clear({ push: true }),
  };
})();
